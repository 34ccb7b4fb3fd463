// Runs the real CLI in a child process, as a user would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/unravel.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file `analyze` writes, sorted. */
export const EXPORT_FILES = [
  'communities.csv',
  'edges.csv',
  'findings.csv',
  'graph.gexf',
  'merges.csv',
  'nodes.csv',
  'protection.csv',
  'rejected.csv',
  'run.json',
  'targets.csv',
  'targets.json',
];
