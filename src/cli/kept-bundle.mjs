// The CLI's TypeScript as one module (launch.mjs), and the helper thread's (helper-thread.ts), bundled by esbuild
// and kept on disk with the list of every file that went into it and a hash of each. A later start reads those files
// again, and uses the bundle only where every one is as it was; otherwise it bundles afresh. Plain JavaScript: it
// runs before anything can load TypeScript.
//
// Why keep them: bundling takes esbuild 0.2–1 s at each start, in a process of its own; loaded module by module
// through tsx, the CLI takes 0.6 s to start. With the bundle kept, the helper thread is ready in about 0.2 s (a
// 1M-row case reads 0.2–0.6 s sooner: BENCHMARKS.md, stop 40), and the CLI starts in about 0.2 s.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

/** Bumped when what is kept, or how, changes: a kept bundle of another version is never read. */
const VERSION = 1;
/** A bundle no manifest names, written this long ago, is removed when another is written (see removeStale). */
const STALE_MS = 24 * 3600 * 1000;

const sha = (data) => createHash('sha256').update(data).digest('hex');

/** The project's folder, which esbuild names the bundled files from unless told. */
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Where bundles are kept unless told: UNRAVEL_CACHE_DIR, else the usual place of tools' caches, never committed
 * (the helper thread's and the CLI's alike).
 */
const CACHE_DIR = process.env.UNRAVEL_CACHE_DIR || join(PROJECT, 'node_modules/.cache/unravel');

/** The code put first in a bundle unless told: a package that asks for a Node module with `require` gets one. */
const requireBanner = (entry) =>
  `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(pathToFileURL(entry).href)});`;

/**
 * The code of `entry` as one module: `{ how: 'cache', url }` when the kept bundle in `cacheDir` was made from the
 * files as they are now, else `{ how: 'bundle', url }`, bundled now (and kept, where `cacheDir` can be written:
 * `url` is then the kept file, else the code itself as a data: URL). `cacheDir` null keeps nothing. Throws where
 * esbuild cannot bundle.
 *
 * With `fileUrls`, each of the project's own files (outside node_modules) reads `import.meta.url` as its own
 * file's URL, not the bundle's, so that what it finds beside itself it still finds. The bundle is kept inside the
 * project's node_modules, so the packages it names are found from there as from the sources (not from a data: URL).
 *
 * @param {{ entry: string, cacheDir?: string | null, banner?: string, root?: string, fileUrls?: boolean }} options
 *   `cacheDir`, `banner` and `root` (the folder esbuild names the files from) have the defaults above.
 * @returns {Promise<{ how: 'cache' | 'bundle', url: string }>}
 */
export async function bundleOf({
  entry,
  cacheDir = CACHE_DIR,
  banner = requireBanner(entry),
  root = PROJECT,
  fileUrls = false,
}) {
  const settings = { entry: resolve(entry), banner, root: resolve(root), fileUrls, version: VERSION };
  const manifestPath = cacheDir && join(cacheDir, `bundle-${sha(JSON.stringify(settings)).slice(0, 16)}.json`);
  const kept = manifestPath && keptFile(manifestPath, settings.root);
  if (kept) return { how: 'cache', url: pathToFileURL(kept).href };

  const loaded = await import('esbuild');
  const { build, stop } = loaded.build ? loaded : loaded.default;
  // Each file hashed as esbuild reads it, through this plugin: the hashes are of what went into the bundle, so a
  // file edited while it is made is found changed at the next start.
  const read = new Map();
  const hashInputs = {
    name: 'hash-inputs',
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: 'file' }, ({ path }) => {
        const contents = readFileSync(path);
        read.set(path, sha(contents));
        if (!fileUrls || /[\\/]node_modules[\\/]/.test(path)) return { contents, loader: 'default' };
        const text = contents.toString('utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
        return { contents: text, loader: 'default' };
      });
    },
  };
  let out;
  try {
    out = await build({
      entryPoints: [settings.entry],
      absWorkingDir: settings.root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      banner: { js: banner },
      plugins: [hashInputs],
    });
  } finally {
    stop?.();
  }
  const code = out.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild made no bundle of ${settings.entry}`);
  const inline = { how: 'bundle', url: 'data:text/javascript,' + encodeURIComponent(code) };
  if (!manifestPath) return inline;
  try {
    const inputs = [...read].map(([path, hash]) => [relative(settings.root, path), hash]);
    mkdirSync(cacheDir, { recursive: true });
    const hash = sha(code);
    const bundle = join(cacheDir, `bundle-${hash.slice(0, 16)}.mjs`);
    // Written under a name of its own and renamed: two runs starting at once each write whole files.
    writeWhole(bundle, code);
    const manifest = { version: VERSION, bundle: basename(bundle), hash, inputs };
    writeWhole(manifestPath, JSON.stringify(manifest));
    removeStale(cacheDir);
    return { how: 'bundle', url: pathToFileURL(bundle).href };
  } catch {
    // A folder that cannot be written (a read-only install): the bundle is used from memory, as made.
    return inline;
  }
}

/**
 * Runs `options.entry` (see bundleOf): from its bundle, or, where it cannot be bundled or `bundle` is false, module
 * by module through tsx, whose loader is registered first (Node 20 passes no loader on to a thread:
 * nodejs/node#47747). With `fileUrls` only a kept file is run: its files may name packages, which a data: URL has
 * no place to find. `before` is told how, before the entry runs.
 *
 * @param {Parameters<typeof bundleOf>[0]} options
 * @param {{ bundle?: boolean, before?: (how: 'cache' | 'bundle' | 'tsx') => void }} [how]
 */
export async function runEntry(options, { bundle = true, before } = {}) {
  let code = null;
  if (bundle) {
    try {
      code = await bundleOf(options);
    } catch {
      code = null;
    }
  }
  if (code && options.fileUrls && !code.url.startsWith('file:')) code = null;
  before?.(code ? code.how : 'tsx');
  if (code) await import(code.url);
  else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(options.entry).href);
  }
}

/**
 * The kept bundle's path where the manifest at `path` names one, every input is as it was, and so is the bundle;
 * else null.
 */
function keptFile(path, root) {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    if (manifest.version !== VERSION || !Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return null;
    for (const [file, hash] of manifest.inputs) if (sha(readFileSync(join(root, file))) !== hash) return null;
    // The bundle itself as it was written (one changed or cut short since is made again).
    const bundle = join(path, '..', manifest.bundle);
    return sha(readFileSync(bundle)) === manifest.hash ? bundle : null;
  } catch {
    // No manifest yet, or an input or the bundle gone: bundle afresh.
    return null;
  }
}

function writeWhole(path, text) {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Removes the bundles no manifest names (each entry's manifest names its latest), written over a day ago: not newer
 * ones, which a run may be starting on.
 */
function removeStale(dir) {
  const names = readdirSync(dir);
  const named = new Set();
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      named.add(JSON.parse(readFileSync(join(dir, name), 'utf8')).bundle);
    } catch {
      // A manifest being replaced: its bundle is left for the next run to judge.
      return;
    }
  }
  const now = Date.now();
  for (const name of names) {
    if (named.has(name) || !/^bundle-[0-9a-f]+\.mjs$/.test(name)) continue;
    try {
      const path = join(dir, name);
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path);
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
