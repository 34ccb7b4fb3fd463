// Types of helper-bundle.mjs (plain JavaScript: it runs in the helper thread before TypeScript can be loaded).
export interface HelperBundleOptions {
  /** The module bundled. */
  entry: string;
  /** Where the bundle is kept between runs; null keeps none. */
  cacheDir: string | null;
  /** The URL esbuild is imported from. */
  esbuild: string;
  /** Code put first in the bundle. */
  banner: string;
  /** The folder esbuild names the bundled files from. */
  root: string;
}

export function helperBundle(options: HelperBundleOptions): Promise<{ how: 'cache' | 'bundle'; url: string }>;
