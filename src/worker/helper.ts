// The helper thread's side in the browser (started by worker.ts): runs each task it is handed (parts of
// betweenness's passes, PageRank, the eigenvector: src/analysis/helper-tasks.ts), on columns it shares with the
// analysis worker.
import { runHelperTask, type HelperTask } from '../analysis/helper-tasks';

const scope = self as unknown as { onmessage: ((e: MessageEvent<HelperTask>) => void) | null };
scope.onmessage = ({ data }) => runHelperTask(data);
