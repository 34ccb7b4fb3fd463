import { defineConfig } from 'vitest/config';

/**
 * The app asks the browser for cross-origin isolation. It loads nothing from another origin, so nothing is
 * blocked, and its worker gets SharedArrayBuffer: the analysis's large columns then sit outside what V8 counts
 * against its heap (see src/lib/typed.ts), which spares a city-sized case many full collections.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, headers: ISOLATION_HEADERS },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
