// Types of kept-bundle.mjs (plain JavaScript: it runs before TypeScript can be loaded).
export interface BundleOptions {
  /** The module bundled. */
  entry: string;
  /** Where the bundle is kept between runs (UNRAVEL_CACHE_DIR, else node_modules/.cache/unravel); null keeps none. */
  cacheDir?: string | null;
  /** Code put first in the bundle (by default, a `require` made for the entry, for a package that asks for one). */
  banner?: string;
  /** The folder esbuild names the bundled files from (by default, the project's). */
  root?: string;
  /** Whether each of the project's own files reads `import.meta.url` as its own file's URL (see bundleOf). */
  fileUrls?: boolean;
}

export function bundleOf(options: BundleOptions): Promise<{ how: 'cache' | 'bundle'; url: string }>;

export function runEntry(
  options: BundleOptions,
  how?: { bundle?: boolean; before?: (how: 'cache' | 'bundle' | 'tsx') => void },
): Promise<void>;
