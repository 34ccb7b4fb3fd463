import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentifierNumbers } from '../../src/model/call-table';
import {
  createFileIngestor,
  createRowContext,
  createSink,
  detectFile,
  SNIFF_BYTES,
  type IngestOptions,
  type IngestSink,
} from '../../src/ingest/ingest';
import { runHelperTask, type HelperTask } from '../../src/analysis/helper-tasks';
import { useHelperThread, type HandedTask, type HelperThread } from '../../src/lib/handoff';
import { HELPER, identifierCodes, joinCodes, useSourceReader, type SplitReadTask } from '../../src/ingest/split-read';
import { keyOfE164, PhoneReadings } from '../../src/ingest/phone-scan';
import { phoneKey } from '../../src/ingest/phone';
import { splitReader } from '../../src/ingest/split-helper';
import { startHelperThread, type StartedHelper } from '../../src/cli/helper-thread';
import { createRng } from '../../src/lib/rng';
import type { FileSpec } from '../../src/ingest/spec';

const OPTIONS: IngestOptions = { country: 'GB', timeZone: 'UTC', timeZoneStated: true, currency: 'EUR' };

interface Shape {
  /** 'ends': caller and callee; 'party': monitored number, other party and direction. */
  layout?: 'ends' | 'party';
  crlf?: boolean;
  /** No line end after the last row. */
  open?: boolean;
  /** A row with a quoted field at this fraction of the file. */
  quoteAt?: number;
  /** Bytes that are not UTF-8 in some rows' type (the file read as UTF-8 all the same, by its mapping). */
  badBytes?: boolean;
  seed?: number;
}

/**
 * A call file of `rows` rows with every kind of row a reading meets: numbers in three spellings, withheld and
 * unreadable ones, self-calls, bad dates, durations and handsets, short and long rows, blank lines, accents,
 * and exact duplicates of earlier rows (rejected ones too), near and far.
 */
function callFile(rows: number, shape: Shape = {}): Uint8Array {
  const rng = createRng(shape.seed ?? 11);
  const pick = (n: number) => Math.floor(rng() * n);
  const spell = (n: number) => {
    const digits = String(7700900000 + n);
    const r = rng();
    if (n % 97 === 0) return '+999 1234567';
    if (n % 89 === 0) return 'Withheld';
    if (r < 0.35) return `0${digits}`;
    if (r < 0.7) return `+44 ${digits.slice(0, 4)} ${digits.slice(4)}`;
    return `44${digits}`;
  };
  const party = shape.layout === 'party';
  const lines = [
    party
      ? 'monitored_number,other_party,direction,start,duration,type,imei'
      : 'caller,callee,start,duration,type,imei',
  ];
  for (let i = 0; i < rows; i++) {
    const r = rng();
    if (r < 0.02) {
      lines.push('');
      continue;
    }
    if (r < 0.06 && lines.length > 2) {
      // A duplicate of a row before, near or far.
      const back = rng() < 0.5 ? 1 + pick(5) : 1 + pick(lines.length - 1);
      const earlier = lines[Math.max(1, lines.length - back)]!;
      if (earlier !== '') {
        lines.push(earlier);
        continue;
      }
    }
    const a = pick(2500);
    const b = r < 0.07 ? a : pick(2500);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const start =
      r < 0.08
        ? 'not a date'
        : `2024-03-${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
    const duration = r < 0.09 ? 'long' : String(i % 700);
    const type = r < 0.12 ? 'appel vocal é' : r < 0.14 && shape.badBytes ? 'sms\u0001BAD' : r < 0.5 ? 'voice' : 'sms';
    const imei = r < 0.3 ? '' : r < 0.31 ? '12345' : String(35000000000000 + pick(400)).padStart(15, '0');
    let cells = party
      ? [spell(a), spell(b), rng() < 0.5 ? 'in' : rng() < 0.97 ? 'out' : 'sideways', start, duration, type, imei]
      : [spell(a), spell(b), start, duration, type, imei];
    if (r > 0.995) cells = cells.slice(0, 3);
    else if (r > 0.99) cells = [...cells, 'stray'];
    lines.push(cells.join(','));
  }
  if (shape.quoteAt !== undefined) {
    const at = Math.max(2, Math.floor(shape.quoteAt * lines.length));
    lines.splice(
      at,
      0,
      party
        ? '"07700900001",07700900002,out,2024-03-01T10:00:00Z,5,voice,'
        : '"07700900001",07700900002,2024-03-01T10:00:00Z,5,voice,',
    );
  }
  const eol = shape.crlf ? '\r\n' : '\n';
  const text = lines.join(eol) + (shape.open ? '' : eol);
  const bytes = new TextEncoder().encode(text);
  // The control character stands for a byte that is not UTF-8.
  if (shape.badBytes) for (let i = 0; i < bytes.length; i++) if (bytes[i] === 1) bytes[i] = 0xff;
  return bytes;
}

/** The files the helper reads, by path, and its reader of them (the CLI's reads the file itself). */
const files = new Map<string, Uint8Array>();
/** The reader's calls, and the one that fails (-1: none), as a file that cannot be read there. */
let reads = 0;
let failingRead = -1;
useSourceReader((source, start, length) => {
  if (reads++ === failingRead) throw new Error('EIO: i/o error, read');
  return files
    .get(source.path)!
    .subarray(start, start + length)
    .slice();
});

/**
 * A helper on this thread that reads `stepsPerPush` chunks from the end each time the main side pushes some bytes
 * (Infinity: all it can, as soon as the task is posted), with a reply channel it answers on.
 */
function stepping(stepsPerPush: number, onTask?: (task: SplitReadTask) => void) {
  const queue: unknown[] = [];
  let next: (() => boolean) | null = null;
  const run = (steps: number) => {
    for (let k = 0; k < steps && next?.(); k++);
  };
  const thread: HelperThread = {
    post(task: HandedTask, transfer?: unknown[]) {
      const buffers = (transfer ?? []).filter((t): t is ArrayBuffer => t instanceof ArrayBuffer);
      const copy = structuredClone({ ...task, port: undefined }, { transfer: buffers }) as unknown as HelperTask;
      if (copy.kind !== 'split-read') return runHelperTask(copy);
      const split = copy as SplitReadTask;
      onTask?.(split);
      split.port = { postMessage: (m, t) => queue.push(structuredClone(m, { transfer: t })) };
      next = splitReader(split);
      if (stepsPerPush === Infinity) run(Infinity);
    },
    replies: () => ({ port: {}, receive: () => queue.shift(), close: () => (queue.length = 0) }),
  };
  return { thread, afterPush: () => run(stepsPerPush) };
}

interface Reading {
  bytes: Uint8Array;
  path: string;
  spec?: FileSpec;
}

/**
 * Reads the files into one sink, each pushed `piece` bytes at a time, with the split from any size on, in chunks
 * of `chunkBytes`; `afterPush` runs after each push. What the run would export of the reading.
 */
function readAll(
  readings: Reading[],
  piece: number,
  chunkBytes: number,
  afterPush = () => {},
  sink: IngestSink = createSink(),
) {
  const reports = [];
  const splits: { chunks: number; fromHelper: number }[] = [];
  for (const { bytes, path, spec } of readings) {
    files.set(path, bytes);
    const detection = detectFile(path, bytes.subarray(0, SNIFF_BYTES), OPTIONS, spec);
    expect(detection.problems).toEqual([]);
    const ingestor = createFileIngestor(detection, sink, {
      size: bytes.length,
      source: { path },
      splitFrom: 0,
      chunkBytes,
      readAheadFrom: Infinity,
      onSplit: (s) => splits.push(s),
    });
    for (let at = 0; at < bytes.length; at += piece) {
      ingestor.push(bytes.slice(at, at + piece));
      afterPush();
    }
    reports.push(ingestor.end());
  }
  return {
    result: {
      calls: sink.records.calls.records(),
      identifiers: [...sink.identifiers.keys],
      issues: sink.issues,
      reports,
    },
    splits,
  };
}

afterEach(() => useHelperThread(undefined));

describe('#split reading', () => {
  const SHAPES: [string, Shape][] = [
    ['caller and callee', {}],
    ['CRLF line ends', { crlf: true, seed: 2 }],
    ['no line end after the last row', { open: true, seed: 3 }],
    ['monitored number and other party', { layout: 'party', seed: 4 }],
    ['bytes that are not UTF-8, read as UTF-8', { badBytes: true, seed: 5 }],
  ];

  for (const [name, shape] of SHAPES) {
    it(`should read a file with ${name} as one thread does, wherever the threads meet`, () => {
      const bytes = callFile(3000, shape);
      const spec: FileSpec | undefined = shape.badBytes ? { encoding: 'utf-8' } : undefined;
      const file = { bytes, path: `/cases/${name}.csv`, spec };
      const alone = readAll([file], 5000, 1024).result;
      expect(alone.issues.filter((i) => i.code === 'duplicate_row').length).toBeGreaterThan(50);
      expect(new Set(alone.issues.map((i) => i.code)).size).toBeGreaterThanOrEqual(shape.badBytes ? 7 : 8);
      for (const [steps, piece, chunkBytes] of [
        [Infinity, 5000, 1024],
        [1, 3000, 997],
        [3, 8000, 2048],
        [1, 65536, 512],
        [2, 1000, 4096],
      ] as const) {
        const helper = stepping(steps);
        useHelperThread(helper.thread);
        const split = readAll([file], piece, chunkBytes, helper.afterPush);
        useHelperThread(undefined);
        const what = `${steps} chunks a push, pushes of ${piece} bytes, chunks of ${chunkBytes}`;
        expect(split.result, what).toEqual(alone);
        // The helper read part of the file, and the main thread the rest.
        expect(split.splits, what).toHaveLength(1);
        const [{ chunks, fromHelper }] = split.splits as [{ chunks: number; fromHelper: number }];
        expect(fromHelper, what).toBeGreaterThan(0);
        expect(fromHelper, what).toBeLessThan(chunks);
      }
    });
  }

  it('should read alike with chunks shorter than a line (some chunks then hold none)', () => {
    const bytes = callFile(300, { seed: 15 });
    const file = { bytes, path: '/cases/short-chunks.csv' };
    const alone = readAll([file], 1000, 37).result;
    for (const steps of [1, 7, Infinity]) {
      const helper = stepping(steps);
      useHelperThread(helper.thread);
      const split = readAll([file], 1000, 37, helper.afterPush);
      useHelperThread(undefined);
      expect(split.result, `${steps} chunks a push`).toEqual(alone);
      expect(split.splits[0]!.fromHelper).toBeGreaterThan(0);
    }
  });

  it('should number a second file after the first, and find its rows that the first had', () => {
    const first = callFile(2000, { seed: 8 });
    const lines = new TextDecoder().decode(first).split('\n');
    // The second file: rows of its own, then rows of the first again.
    const own = new TextDecoder().decode(callFile(1500, { seed: 9 })).trimEnd();
    const second = new TextEncoder().encode(`${own}\n${lines.slice(1, 400).join('\n')}\n`);
    const both = [
      { bytes: first, path: '/cases/a.csv' },
      { bytes: second, path: '/cases/b.csv' },
    ];
    const alone = readAll(both, 4096, 1024).result;
    expect(alone.issues.some((i) => i.file === '/cases/b.csv' && i.message.includes('of /cases/a.csv'))).toBe(true);
    const helper = stepping(2);
    useHelperThread(helper.thread);
    const split = readAll(both, 4096, 1024, helper.afterPush);
    expect(split.result).toEqual(alone);
    expect(split.splits.map((s) => s.fromHelper > 0)).toEqual([true, true]);
  });

  it('should read on alone from a quote, whether this side or the helper meets it first', () => {
    for (const quoteAt of [0.1, 0.9]) {
      const bytes = callFile(3000, { quoteAt, seed: 12 });
      const file = { bytes, path: `/cases/quote-${quoteAt}.csv` };
      const alone = readAll([file], 5000, 1024).result;
      const helper = stepping(2);
      useHelperThread(helper.thread);
      const split = readAll([file], 5000, 1024, helper.afterPush);
      expect(split.result, `a quote at ${quoteAt}`).toEqual(alone);
      // Near the start: papaparse reads on from the quote here, so this side cannot stop at a chunk's edge. Near
      // the end: the helper gives its chunk back and stops; this side reads that chunk, and so papaparse again.
      expect(split.splits.map((s) => s.fromHelper)).toEqual([0]);
    }
  });

  it('should read a chunk the helper gave back, and take in those it read after', () => {
    const bytes = callFile(3000, { seed: 14 });
    const file = { bytes, path: '/cases/eio.csv' };
    const alone = readAll([file], 5000, 1024).result;
    for (const failing of [3, 8]) {
      reads = 0;
      failingRead = failing;
      const helper = stepping(2);
      useHelperThread(helper.thread);
      const split = readAll([file], 5000, 1024, helper.afterPush);
      useHelperThread(undefined);
      failingRead = -1;
      expect(split.result, `read ${failing} failing`).toEqual(alone);
      expect(split.splits[0]!.fromHelper, `read ${failing} failing`).toBeGreaterThan(0);
    }
  });

  it('should read alone where the helper takes nothing, or has no way to answer', () => {
    const bytes = callFile(1500, { seed: 13 });
    const file = { bytes, path: '/cases/idle.csv' };
    const alone = readAll([file], 4096, 1024).result;
    const idle = stepping(0);
    useHelperThread(idle.thread);
    const read = readAll([file], 4096, 1024, idle.afterPush);
    expect(read.result).toEqual(alone);
    expect(read.splits[0]?.fromHelper ?? 0).toBe(0);
    useHelperThread({ post: (task) => runHelperTask(structuredClone(task) as HelperTask) });
    expect(readAll([file], 4096, 1024).result).toEqual(alone);
  });

  it('should read on from the bytes it kept when the helper takes a chunk and never finishes it', () => {
    const bytes = callFile(1500, { seed: 16 });
    const file = { bytes, path: '/cases/stuck.csv' };
    const alone = readAll([file], 4096, 1024).result;
    // A helper that claims the last chunk and stops there, as a thread killed mid-chunk would.
    const stuck: HelperThread = {
      patienceMs: 50,
      post(task: HandedTask) {
        const { chunks } = task as SplitReadTask;
        Atomics.store(chunks, chunks.length - 1, HELPER);
      },
      replies: () => ({ port: {}, receive: () => undefined, close: () => undefined }),
    };
    useHelperThread(stuck);
    const started = performance.now();
    const read = readAll([file], 4096, 1024);
    expect(read.result).toEqual(alone);
    expect(read.splits[0]!.fromHelper).toBe(0);
    // It waited out its patience, then read on.
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("should let a later file find a spelling's reading that only the helper made", () => {
    // A false reading planted in the shared table shows that the later file looked there.
    const spelling = '07700800001';
    const planted = keyOfE164('+447700900999');
    const later = new TextEncoder().encode(
      `caller,callee,start,duration\n${spelling},07700800002,2024-03-01T10:00:00Z,5\n`,
    );
    const callerOfLater = (helped: boolean) => {
      const sink = createSink();
      const helper = stepping(2, (task) =>
        new PhoneReadings(task.slots, task.progress, 2).set(phoneKey(spelling), planted),
      );
      useHelperThread(helped ? helper.thread : undefined);
      readAll([{ bytes: callFile(800, { seed: 17 }), path: '/cases/first.csv' }], 4096, 1024, helper.afterPush, sink);
      useHelperThread(undefined);
      const detection = detectFile('later.csv', later, OPTIONS);
      const ingestor = createFileIngestor(detection, sink);
      ingestor.push(later);
      ingestor.end();
      return sink.records.calls.at(sink.records.calls.length - 1).caller;
    };
    expect(callerOfLater(true)).toBe('tel:+447700900999');
    expect(callerOfLater(false)).toBe('tel:+447700800001');
  });

  it('should give the main thread every identifier code back as the key it stands for', () => {
    const keys = [
      'tel:+447700900123',
      'imei:35000000000012',
      'imei:00000000000001',
      'tel:112',
      'acct:GB29NWBK',
      'tel:+1234567890123456',
    ];
    const parts = [identifierCodes(keys, 3, 6), identifierCodes(keys, 0, 3)];
    const joined = joinCodes(parts);
    expect(joined.texts).toEqual(['', '', '', 'tel:112', 'acct:GB29NWBK', 'tel:+1234567890123456']);
    expect([...joined.kinds]).toEqual([1, 2, 2, 0, 0, 0]);
    const identifiers = new IdentifierNumbers();
    identifiers.number('tel:+447700900999');
    const detection = detectFile('c.csv', new TextEncoder().encode('caller,callee,start\n'), OPTIONS);
    const ctx = createRowContext(detection, identifiers);
    for (let n = 0; n < keys.length; n++)
      expect(identifiers.keys[ctx.numberOfCode(joined.kinds[n]!, joined.codes[n]!, joined.texts[n]!)]).toBe(keys[n]);
    expect(identifiers.keys).toEqual(['tel:+447700900999', ...keys]);
  });
});

describe('#split reading on the CLI helper thread', () => {
  let helper: StartedHelper;
  let dir: string;
  beforeAll(async () => {
    helper = startHelperThread();
    expect(await helper.ready).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'unravel-split-'));
  }, 60_000);
  afterAll(async () => {
    await helper.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should read a file the helper reads from its path as one thread does', () => {
    const bytes = callFile(100_000, { seed: 21 });
    const path = join(dir, 'calls.csv');
    writeFileSync(path, bytes);
    useHelperThread(undefined);
    const alone = readAll([{ bytes, path }], 1 << 16, 8192).result;
    useHelperThread(helper.thread);
    const split = readAll([{ bytes, path }], 1 << 16, 8192);
    expect(split.result).toEqual(alone);
    expect(split.splits).toHaveLength(1);
    expect(split.splits[0]!.fromHelper).toBeGreaterThan(0);
  }, 60_000);
});
