// The helper thread's side in Node (started by helper-thread.ts): runs each task it is handed.
import { parentPort } from 'node:worker_threads';
import { runHelperTask, type HelperTask } from '../analysis/helper-tasks';

parentPort!.on('message', (task: HelperTask) => runHelperTask(task));
parentPort!.postMessage('ready');
