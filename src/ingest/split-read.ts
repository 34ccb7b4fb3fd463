// A large call file read by two threads at once: the main thread reads it from its start, as it streams in, and
// the helper thread (src/lib/handoff.ts) reads it from its end, chunk by chunk, straight from the file. Each chunk
// is claimed on shared memory by whoever reaches it first; where they meet, the main thread stops reading and
// takes in what the helper read (see createFileIngestor), in the file's order, so that every identifier gets the
// number, every row the duplicate check and every rejected row the report it gets from a reading on one thread.
// The helper leaves to the main thread what it cannot read as plain lines: a chunk with a quote in it (a quoted
// field may run over lines, and over a chunk's edge), and everything after. Its phone spellings' readings are
// shared both ways (see PhoneReadings): a spelling is parsed by whichever thread meets it first.
//
// Chunk c runs from the start of the first line that ends at or after byte c × chunkBytes − 1 (chunk 0 from the
// file's start) to the start of chunk c + 1: both threads find the same edges from the bytes alone.
import { postAnswering, type HandedTask } from '../lib/handoff';
import type { Detection } from './ingest';
import type { RowIssue } from '../model/types';
import type { CallTable } from '../model/call-table';
import type { RowContext } from './adapters/context';
import { createDecoder } from './csv';
import { keyOfE164, PhoneReadings } from './phone-scan';

/**
 * Where the helper reads the file from: what the platform's reader (useSourceReader) takes. In Node the file's
 * path; a browser has no way to wait for the helper's results, so it reads on one thread.
 */
export interface ReadSource {
  path: string;
}

/** Reads `length` bytes of the source from byte `start` (fewer at its end). */
export type SourceReader = (source: ReadSource, start: number, length: number) => Uint8Array;

let sourceReader: SourceReader | undefined;

/** The helper thread's way to read a source, set by its platform's entry (src/cli/helper-entry.ts). */
export function useSourceReader(reader: SourceReader | undefined): void {
  sourceReader = reader;
}

export function currentSourceReader(): SourceReader | undefined {
  return sourceReader;
}

/** A chunk's state: nobody's yet, the main thread's, the helper's (being read), read and sent, or given back. */
export const FREE = 0;
export const MAIN = 1;
export const HELPER = 2;
export const SENT = 3;
export const GIVEN_BACK = 4;

/** A call file of this many bytes or more is read by both threads, where they can be. */
export const SPLIT_FROM = 16 << 20;
/**
 * Bytes a chunk: where the threads meet, the main thread waits for the helper's last chunk at most (about 35 ms
 * of reading at 512 KB), and a chunk's results are one message.
 */
export const CHUNK_BYTES = 1 << 19;

export interface SplitReadTask extends HandedTask {
  kind: 'split-read';
  source: ReadSource;
  size: number;
  chunkBytes: number;
  /** Each chunk's state (FREE …); chunk 0 is the main thread's from the start. */
  chunks: Int32Array;
  /** 0; 1 once the main thread has stopped the split (the helper claims nothing more). */
  stop: Int32Array;
  detection: Detection;
  /** About how many rows the file has (see createFileIngestor): room is made for them. */
  rows: number;
  /** The phone spellings' shared readings (PhoneReadings' slots and progress). */
  slots: Int32Array;
  progress: Int32Array;
  /** Where each chunk's results go (a MessagePort: see ReplyChannel). */
  port: { postMessage(message: unknown, transfer?: ArrayBuffer[]): void };
}

/** One chunk as the helper read it, its rows numbered from 1 and its identifiers by its own numbers. */
export interface PartResult {
  chunk: number;
  /** The chunk's first byte and the byte after it. */
  start: number;
  end: number;
  /** Lines in the chunk, blank ones too. */
  lines: number;
  /** The identifiers (by the helper's numbers) in the order the chunk's rows first named them, rejected rows too. */
  order: Int32Array;
  /** The identifiers the helper numbered since its last part (see IdentifierCodes). */
  keys: IdentifierCodes;
  /** Each row read, in order: its number in the chunk, its fingerprint if it was fingerprinted, what became of it. */
  rows: PartRows;
  /** The rows used, by the chunk's identifier numbers. */
  calls: PartCalls;
  /** The rows rejected, numbered in the chunk. */
  issues: RowIssue[];
  /** Whether a byte was not valid UTF-8 (read as U+FFFD). */
  replaced: boolean;
}

export interface PartRows {
  length: number;
  row: Int32Array;
  /** 1 when the row was fingerprinted (a, b), 0 when it was rejected before. */
  hashed: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  /** The row's call (0, 1, …), or −(its issue + 1). */
  outcome: Int32Array;
}

/** The calls of a part, in the columns a CallTable has (see there), by the part's own identifier numbers. */
export type PartCalls = Pick<CallTable, 'length' | 'caller' | 'callee' | 'start' | 'duration' | 'type' | 'imei'>;

/**
 * Identifier keys numbered `from` on, as codes the main thread finds its own numbers by without a string each: a
 * phone's E.164 key (kind PHONE, see keyOfE164), a handset's 14 digits (HANDSET), or else the key (TEXT).
 */
export interface IdentifierCodes {
  from: number;
  kinds: Uint8Array;
  codes: Float64Array;
  /** The key where the kind is TEXT, else ''. */
  texts: string[];
}

export const TEXT = 0;
export const PHONE = 1;
export const HANDSET = 2;

/** Codes for `keys[from]` to `keys[to - 1]`. */
export function identifierCodes(keys: readonly string[], from: number, to: number): IdentifierCodes {
  const out: IdentifierCodes = {
    from,
    kinds: new Uint8Array(to - from),
    codes: new Float64Array(to - from),
    texts: [],
  };
  for (let n = from; n < to; n++) {
    const key = keys[n]!;
    const phone = key.startsWith('tel:') ? keyOfE164(key.slice(4)) : -1;
    let text = '';
    if (phone >= 0) {
      out.kinds[n - from] = PHONE;
      out.codes[n - from] = phone;
    } else if (/^imei:\d{14}$/.test(key)) {
      out.kinds[n - from] = HANDSET;
      out.codes[n - from] = Number(key.slice(5));
    } else text = key;
    out.texts.push(text);
  }
  return out;
}

/** The codes of several parts (sent in any order) as one, numbered from 0. */
export function joinCodes(list: IdentifierCodes[]): IdentifierCodes {
  const total = list.reduce((n, c) => Math.max(n, c.from + c.kinds.length), 0);
  const out: IdentifierCodes = { from: 0, kinds: new Uint8Array(total), codes: new Float64Array(total), texts: [] };
  out.texts.length = total;
  for (const c of list) {
    out.kinds.set(c.kinds, c.from);
    out.codes.set(c.codes, c.from);
    c.texts.forEach((t, k) => (out.texts[c.from + k] = t));
  }
  return out;
}

/** The buffers a chunk's results move to the main thread with, uncopied. */
export function partBuffers(r: PartResult): ArrayBuffer[] {
  const { rows: p, calls: c, keys: k } = r;
  return [p.row, p.hashed, p.a, p.b, p.outcome, c.caller, c.callee, c.start, c.duration, c.type, c.imei]
    .concat([r.order, k.kinds, k.codes])
    .map((a) => a.buffer as ArrayBuffer);
}

/** The main thread's side of a file read by both threads: what createFileIngestor calls. */
export interface SplitReading {
  /** How many chunks the file has. */
  chunks: number;
  /**
   * Reads `bytes`, the next of the file, with `read` up to where the helper's chunks start, and keeps the rest.
   * `clean` says whether the reading here is between lines, every one read as plain text: only then can it stop.
   */
  push(bytes: Uint8Array, read: (bytes: Uint8Array) => void, clean: () => boolean): void;
  /**
   * At the file's end: waits for the helper's last chunk, hands its parts, in order, to `takeIn` with the byte
   * where this thread stopped (it takes in those that follow on, and returns the byte after them), and reads the
   * rest here with `read`.
   */
  end(takeIn: (parts: PartResult[], from: number) => number, read: (bytes: Uint8Array) => void): void;
  /** A part's text, decoded from the bytes kept (for a duplicate's report). */
  textOf(part: PartResult): string;
}

/**
 * Starts reading a file with the helper, or returns null where it cannot be: no helper that can answer, or a
 * file whose lines cannot be found from its bytes alone (CR line ends, UTF-16), or whose date format is left to
 * its first rows. The reading's context then shares its phone spellings' readings with the helper's.
 */
export function startSplit(
  detection: Detection,
  source: ReadSource,
  size: number,
  chunkBytes: number,
  ctx: RowContext,
  spellings: number,
  rows: number,
): SplitReading | null {
  if (detection.lineEnding === '\r' || detection.encoding.startsWith('utf-16') || !detection.formats.dateFormat)
    return null;
  const count = Math.ceil(size / chunkBytes);
  if (count < 2) return null;
  const shared = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
  const chunks = shared(count);
  chunks[0] = MAIN;
  const stop = shared(1);
  const readings = PhoneReadings.create(spellings, 2);
  const helper = postAnswering((port): SplitReadTask => ({
    kind: 'split-read',
    state: shared(1),
    source,
    size,
    chunkBytes,
    chunks,
    stop,
    detection,
    rows,
    slots: readings.slots,
    progress: readings.progress,
    port: port as SplitReadTask['port'],
  }));
  if (!helper) return null;
  ctx.readFrom(readings, true);
  /** The next chunk this thread claims; the byte after the last pushed. */
  let next = 1;
  let pos = 0;
  /** Whether this thread is reading on to the end of a line, having met the helper's chunks. */
  let seeking = false;
  /** Where this thread stopped (-1: it has not); the bytes from there on, kept. */
  let stoppedAt = -1;
  const kept: { at: number; bytes: Uint8Array }[] = [];
  /** Whether this thread reads on alone: it claimed every chunk, or gave up the split. */
  let alone = false;
  const giveUp = () => {
    alone = true;
    Atomics.store(stop, 0, 1);
  };
  const keep = (at: number, bytes: Uint8Array) => {
    // A copy: the caller may use its buffers again once `end` is called, or before.
    if (bytes.length) kept.push({ at, bytes: bytes.slice() });
  };
  return {
    chunks: count,
    push(bytes, read, clean) {
      const base = pos;
      pos += bytes.length;
      if (stoppedAt >= 0) return keep(base, bytes);
      if (alone) return read(bytes);
      let at = 0;
      while (at < bytes.length) {
        if (seeking) {
          const nl = bytes.indexOf(10, at);
          if (nl < 0) return read(bytes.subarray(at));
          read(bytes.subarray(at, nl + 1));
          seeking = false;
          if (clean()) {
            stoppedAt = base + nl + 1;
            return keep(stoppedAt, bytes.subarray(nl + 1));
          }
          // A quoted field is open here, or was read by papaparse: the lines cannot be found from the bytes.
          giveUp();
          return read(bytes.subarray(nl + 1));
        }
        if (next >= count) {
          alone = true;
          return read(bytes.subarray(at));
        }
        const edge = next * chunkBytes - 1;
        if (edge >= pos) return read(bytes.subarray(at));
        if (edge > base + at) {
          read(bytes.subarray(at, edge - base));
          at = edge - base;
        }
        const was = Atomics.compareExchange(chunks, next, FREE, MAIN);
        // A chunk the helper gave back is read here, in its place.
        if (was === FREE || was === GIVEN_BACK) next++;
        else seeking = true;
      }
    },
    end(takeIn, read) {
      Atomics.store(stop, 0, 1);
      if (stoppedAt < 0) {
        helper.close();
        return;
      }
      // The helper reads its chunks from the end: the one next to this thread's is its last.
      const parts: PartResult[] = [];
      if (helper.waitWhile(chunks, next, HELPER)) {
        for (let part; (part = helper.receive() as PartResult | undefined) !== undefined;) parts.push(part);
        parts.sort((a, b) => a.chunk - b.chunk);
      }
      helper.close();
      const from = takeIn(
        parts.filter((p) => Atomics.load(chunks, p.chunk) === SENT),
        stoppedAt,
      );
      stoppedAt = -1;
      alone = true;
      for (const { at, bytes } of kept) if (at + bytes.length > from) read(bytes.subarray(Math.max(0, from - at)));
      kept.length = 0;
    },
    textOf(part) {
      const bytes = new Uint8Array(part.end - part.start);
      for (const { at, bytes: b } of kept) {
        const lo = Math.max(at, part.start);
        const hi = Math.min(at + b.length, part.end);
        if (lo < hi) bytes.set(b.subarray(lo - at, hi - at), lo - part.start);
      }
      return createDecoder(detection.encoding).decode(bytes);
    },
  };
}
