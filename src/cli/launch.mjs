// `npm run unravel`: starts the CLI (unravel.ts) from one module bundled by esbuild and kept between runs
// (kept-bundle.mjs), which starts in about 0.2 s where loading the CLI module by module through tsx takes 0.6 s
// (BENCHMARKS.md, stop 40). Where esbuild cannot bundle, or the bundle cannot be kept, it starts through tsx.
// UNRAVEL_CACHE_DIR names another folder to keep the bundles in (the helper thread's too); UNRAVEL_SHOW_START=1
// says on stderr how the CLI started. Plain JavaScript:
// nothing here needs TypeScript.
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { bundleOf } from './kept-bundle.mjs';

const entry = new URL('./unravel.ts', import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
let url = null;
let how = 'tsx';
try {
  const bundle = await bundleOf({
    entry: fileURLToPath(entry),
    root,
    cacheDir: process.env.UNRAVEL_CACHE_DIR || join(root, 'node_modules/.cache/unravel'),
    esbuild: import.meta.resolve('esbuild'),
    // A package that asks for a Node module with `require` gets one.
    banner: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(entry.href)});`,
    fileUrls: true,
  });
  // Only a kept file finds the packages it names (a data: URL has no place to look from).
  if (bundle.url.startsWith('file:')) ({ url, how } = bundle);
} catch {
  url = null;
}
if (process.env.UNRAVEL_SHOW_START)
  process.stderr.write(
    `unravel: started ${{ cache: 'from its kept bundle', bundle: 'from a new bundle', tsx: 'through tsx' }[how]}\n`,
  );
if (url !== null) await import(url);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(entry.href);
}
