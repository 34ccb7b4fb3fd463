import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE = ['lib', 'model', 'ingest', 'resolve', 'graph', 'analysis', 'export'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Text from the data must never become markup: build DOM nodes (src/app/dom.ts), never HTML strings.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'createContextualFragment'].map((property) => ({
          property,
          message: 'Never build HTML from strings; use h() from src/app/dom.ts.',
        })),
        ...['write', 'writeln'].map((property) => ({ object: 'document', property, message: 'Never write HTML.' })),
      ],
    },
  },
  {
    // The core runs unchanged in the browser worker and in Node: no Node built-ins, no DOM renderer.
    files: CORE.map((dir) => `src/${dir}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'stream', 'os'],
              message: 'Core code must not import Node built-ins: do I/O in src/cli.',
            },
            { group: ['sigma', 'sigma/*'], message: 'Core code must not import sigma: it needs WebGL.' },
            {
              group: ['**/cli/**', '**/app/**', '**/worker/**'],
              message: 'Core code must not import the edges (cli, app, worker).',
            },
          ],
        },
      ],
    },
  },
);
