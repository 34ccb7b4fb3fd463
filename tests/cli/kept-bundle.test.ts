import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleOf } from '../../src/cli/kept-bundle.mjs';

// The bundles kept between runs (src/cli/kept-bundle.mjs: the CLI's and the helper thread's), on a small entry of
// its own: kept where nothing changed, made again where any file in it did.
describe('a bundle kept between runs', () => {
  let root: string;
  let cacheDir: string;
  const options = () => ({
    entry: join(root, 'entry.mjs'),
    root,
    cacheDir,
    banner: '// banner',
  });
  /** What the bundle at `url` exports as `value` (a fresh import each time: the URLs differ). */
  const valueOf = async (url: string) => ((await import(/* @vite-ignore */ url)) as { value: string }).value;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'unravel-bundle-'));
    cacheDir = join(root, 'cache');
    writeFileSync(
      join(root, 'entry.mjs'),
      `import { part } from './part.mjs';\nexport const value = 'entry+' + part;\n`,
    );
    writeFileSync(join(root, 'part.mjs'), `export const part = 'one';\n`);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('should bundle and keep it, then use the kept bundle while every file is as it was', async () => {
    const first = await bundleOf(options());
    expect(first.how).toBe('bundle');
    expect(first.url.startsWith('file:')).toBe(true);
    expect(await valueOf(first.url)).toBe('entry+one');
    const manifest = readdirSync(cacheDir).find((f) => f.endsWith('.json'))!;
    const kept = JSON.parse(readFileSync(join(cacheDir, manifest), 'utf8')) as { inputs: [string, string][] };
    expect(kept.inputs.map(([file]) => file).sort()).toEqual(['entry.mjs', 'part.mjs']);

    const again = await bundleOf(options());
    expect(again).toEqual({ how: 'cache', url: first.url });
  });

  it('should bundle again when a file the bundle was made from changes, and use the new one', async () => {
    const first = await bundleOf(options());
    writeFileSync(join(root, 'part.mjs'), `export const part = 'two';\n`);
    const changed = await bundleOf(options());
    expect(changed.how).toBe('bundle');
    expect(changed.url).not.toBe(first.url);
    expect(await valueOf(changed.url)).toBe('entry+two');
    expect((await bundleOf(options())).how).toBe('cache');
    // A file gone: bundled again (here esbuild cannot, so it throws, and the thread loads through tsx).
    rmSync(join(root, 'part.mjs'));
    await expect(bundleOf(options())).rejects.toThrow();
  });

  it('should bundle again where the kept bundle itself was changed or cut short', async () => {
    const first = await bundleOf(options());
    const path = new URL(first.url);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 40));
    const again = await bundleOf(options());
    expect(again.how).toBe('bundle');
    expect(await valueOf(again.url + '?again')).toBe('entry+one');
  });

  it('should give each of the project’s own files its own URL as import.meta.url where asked, not a package’s', async () => {
    writeFileSync(join(root, 'where.mjs'), 'export const here = import.meta.url;\n');
    mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(root, 'node_modules/pkg/index.mjs'), 'export const there = import.meta.url;\n');
    writeFileSync(
      join(root, 'entry.mjs'),
      "export { here } from './where.mjs';\nexport { there } from './node_modules/pkg/index.mjs';\n",
    );
    type Urls = { here: string; there: string };
    const own = await bundleOf({ ...options(), fileUrls: true });
    const urls = (await import(/* @vite-ignore */ own.url)) as Urls;
    expect(urls.here).toBe(pathToFileURL(join(root, 'where.mjs')).href);
    expect(urls.there).toBe(own.url);
    // Without it (the helper's bundle), every file reads the bundle's own URL; and the two are kept apart.
    const plain = await bundleOf(options());
    expect(plain.how).toBe('bundle');
    expect(((await import(/* @vite-ignore */ plain.url)) as Urls).here).toBe(plain.url);
    expect((await bundleOf({ ...options(), fileUrls: true })).how).toBe('cache');
  });

  it('should not use a bundle made with another banner', async () => {
    await bundleOf(options());
    const other = await bundleOf({ ...options(), banner: '// another banner' });
    expect(other.how).toBe('bundle');
  });

  it('should use the bundle from memory where the folder cannot be written, and keep none where told', async () => {
    writeFileSync(join(root, 'cache'), 'a file where the folder would be');
    const unwritable = await bundleOf(options());
    expect(unwritable.how).toBe('bundle');
    expect(unwritable.url.startsWith('data:text/javascript,')).toBe(true);
    expect(await valueOf(unwritable.url)).toBe('entry+one');

    const none = await bundleOf({ ...options(), cacheDir: null });
    expect(none.how).toBe('bundle');
    expect(none.url.startsWith('data:')).toBe(true);
  });
});
