// The helper thread's side of a file read by both threads (see split-read.ts): it claims chunks from the file's
// end, reads each as plain lines into a part (createPartReader) and posts it to the main thread, until it meets
// the main thread's chunks, is stopped, or gives one back.
import { createPartReader } from './ingest';
import { PhoneReadings } from './phone-scan';
import { forgetPhoneParses } from './phone';
import {
  currentSourceReader,
  FREE,
  GIVEN_BACK,
  HELPER,
  partBuffers,
  SENT,
  type PartResult,
  type SplitReadTask,
} from './split-read';

/** The quote: a chunk with one may hold a field that runs over lines, so it is the main thread's to read. */
const QUOTE = 34;

/** Reads the task's chunks, from the file's end, until there is none left to claim. */
export function runSplitReadTask(task: SplitReadTask): void {
  const next = splitReader(task);
  try {
    while (next());
  } finally {
    // The helper goes on to the analyses: its parses of the file's spellings need not stay in its heap.
    forgetPhoneParses();
  }
}

/**
 * The task's reading one chunk at a time: each call claims the next chunk from the end, reads it and posts it,
 * or gives it back; false once there is nothing more to do here. (A test can so interleave the two sides.)
 */
export function splitReader(task: SplitReadTask): () => boolean {
  const reader = currentSourceReader();
  if (!reader) return () => false;
  const { chunks, stop, size, chunkBytes, source, detection, port } = task;
  const read = (start: number, length: number) => reader(source, start, length);
  const readPart = createPartReader(detection, new PhoneReadings(task.slots, task.progress, 2), task.rows);
  let c = chunks.length;
  // Chunk c ends where chunk c + 1 starts; the last at the file's end.
  let end = size;
  let done = false;
  return () => {
    c--;
    if (done || c < 1 || Atomics.load(stop, 0) !== 0) return false;
    if (Atomics.compareExchange(chunks, c, FREE, HELPER) !== FREE) {
      done = true;
      return false;
    }
    let state = GIVEN_BACK;
    try {
      // From the byte before the chunk's: the chunk starts after the first line end from there (see split-read.ts),
      // or is empty, a line running on through it.
      const from = c * chunkBytes - 1;
      const block = read(from, end - from);
      const nl = block.indexOf(10);
      const start = nl < 0 ? end : from + nl + 1;
      const bytes = block.subarray(start - from);
      if (block.length === end - from && !bytes.includes(QUOTE)) {
        const part: PartResult = { chunk: c, start, end, ...readPart(bytes) };
        port.postMessage(part, partBuffers(part));
        state = SENT;
      }
      end = start;
    } catch {
      // Given back: the main thread reads it, and what follows.
    }
    Atomics.store(chunks, c, state);
    Atomics.notify(chunks, c);
    if (state !== SENT) done = true;
    return !done;
  };
}
