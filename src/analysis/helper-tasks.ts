// What a helper thread runs (src/lib/handoff.ts): the second part of betweenness's passes, PageRank and the
// eigenvector. The helper's entry in Node (src/cli/helper-entry.ts) and in the browser (src/worker/helper.ts)
// hand every message here.
import { runHanded } from '../lib/handoff';
import { runPassesTask, type PassesTask } from './brandes';
import { runSpectralTask, type SpectralTask } from './centrality';

export type HelperTask = PassesTask | SpectralTask;

export function runHelperTask(task: HelperTask): void {
  runHanded(task, () => (task.kind === 'passes' ? runPassesTask(task) : runSpectralTask(task)));
}
