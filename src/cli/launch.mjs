// `npm run unravel`: starts the CLI (unravel.ts) from one module bundled by esbuild and kept between runs
// (kept-bundle.mjs), which starts in about 0.2 s where loading the CLI module by module through tsx takes 0.6 s
// (BENCHMARKS.md, stop 40). Where esbuild cannot bundle, or the bundle cannot be kept, it starts through tsx.
// UNRAVEL_CACHE_DIR names another folder to keep the bundles in (the helper thread's too); UNRAVEL_SHOW_START=1
// says on stderr how the CLI started. Plain JavaScript: nothing here needs TypeScript.
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { runEntry } from './kept-bundle.mjs';

const said = { cache: 'from its kept bundle', bundle: 'from a new bundle', tsx: 'through tsx' };
await runEntry(
  { entry: fileURLToPath(new URL('./unravel.ts', import.meta.url)), fileUrls: true },
  { before: (how) => process.env.UNRAVEL_SHOW_START && process.stderr.write(`unravel: started ${said[how]}\n`) },
);
