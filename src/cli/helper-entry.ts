// The helper thread's side in Node (started by helper-thread.ts): runs each part of the passes it is handed.
import { parentPort } from 'node:worker_threads';
import { runPassesTask, type PassesTask } from '../analysis/brandes';

parentPort!.on('message', (task: PassesTask) => runPassesTask(task));
parentPort!.postMessage('ready');
