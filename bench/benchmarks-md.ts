// Writing the benches' figures: a file as the project's formatter writes it, and a section of BENCHMARKS.md
// between its own markers (`<!-- name:begin -->` … `<!-- name:end -->`), which each bench rewrites.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const BENCHMARKS = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));

/** Writes `text` to `path`, formatted by the project's Prettier settings for that kind of file. */
export async function writePretty(path: string, text: string): Promise<void> {
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
}

/**
 * Puts `text` between the markers of section `name` in BENCHMARKS.md; where the file has none, appends the
 * section when `append` is set and leaves the file as it is otherwise.
 */
export async function writeSection(name: string, text: string, append = false): Promise<void> {
  const md = readFileSync(BENCHMARKS, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n\n${text}\n${end}`;
  if (md.includes(begin))
    await writePretty(BENCHMARKS, md.slice(0, md.indexOf(begin)) + block + md.slice(md.indexOf(end) + end.length));
  else if (append) await writePretty(BENCHMARKS, `${md}\n${block}\n`);
}
