// The helper thread's side in the browser (started by worker.ts): runs each part of the shortest-path passes
// it is handed (src/analysis/brandes.ts), on columns it shares with the analysis worker.
import { runPassesTask, type PassesTask } from '../analysis/brandes';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PassesTask>) => void) | null };
scope.onmessage = ({ data }) => runPassesTask(data);
