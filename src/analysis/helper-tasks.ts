// What a helper thread runs (src/lib/handoff.ts): the calls' links (src/graph/link-columns.ts) and the call
// patterns' figures (call-figures.ts), parts of betweenness's passes, PageRank and the eigenvector; and, while a
// call file is read, its phone numbers ahead of the reading (src/ingest/phone-scan.ts) or, where it can read the
// file itself, the file's second part (src/ingest/split-read.ts). The helper's entry in
// Node (src/cli/helper-entry.ts) and in the browser (src/worker/helper.ts) hand every message here.
import { runHanded } from '../lib/handoff';
import { releasePassMemory, runPassesTask, type PassesDoneTask, type PassesTask } from './brandes';
import { runSpectralTask, type SpectralTask } from './centrality';
import { runPhoneScanTask, type PhoneScanTask } from '../ingest/phone-scan';
import { runCallLinksTask, type CallLinksTask } from '../graph/link-columns';
import { runCallFiguresTask, type CallFiguresTask } from './call-figures';
import { runSplitReadTask } from '../ingest/split-helper';
import type { SplitReadTask } from '../ingest/split-read';
import { runTakeoversTask, type TakeoversTask } from '../resolve/sim-takeover';

export type HelperTask =
  | PassesTask
  | PassesDoneTask
  | SpectralTask
  | PhoneScanTask
  | SplitReadTask
  | CallLinksTask
  | CallFiguresTask
  | TakeoversTask;

export function runHelperTask(task: HelperTask): void {
  // A hint: nobody waits for it (see postHint).
  if (task.kind === 'phone-scan') return runPhoneScanTask(task);
  // Claimed chunk by chunk on its own cells (see split-read.ts).
  if (task.kind === 'split-read') return runSplitReadTask(task);
  if (task.kind === 'passes-done') return releasePassMemory(task.graphKey);
  runHanded(task, () => {
    if (task.kind === 'passes') runPassesTask(task);
    else if (task.kind === 'call-links') runCallLinksTask(task);
    else if (task.kind === 'call-figures') runCallFiguresTask(task);
    else if (task.kind === 'takeovers') runTakeoversTask(task);
    else runSpectralTask(task);
  });
}
