// The helper thread's side in Node (started by helper-thread.ts): runs each task it is handed, and reads the part
// of a file it is given to read (src/ingest/split-read.ts) from the file itself.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { runHelperTask, type HelperTask } from '../analysis/helper-tasks';
import { useSourceReader } from '../ingest/split-read';

useSourceReader((source, start, length) => {
  const bytes = new Uint8Array(length);
  const fd = openSync(source.path, 'r');
  try {
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
});
parentPort!.on('message', (task: HelperTask) => runHelperTask(task));
parentPort!.postMessage('ready');
