import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFileIngestor, createSink, detectFile, SNIFF_BYTES, type IngestOptions } from '../../src/ingest/ingest';
import { e164OfKey, keyOfE164, PhoneReadings, runPhoneScanTask, type PhoneScanTask } from '../../src/ingest/phone-scan';
import { phoneKey } from '../../src/ingest/phone';
import { runHelperTask, type HelperTask } from '../../src/analysis/helper-tasks';
import { useHelperThread, type HandedTask, type HelperThread } from '../../src/lib/handoff';
import { startHelperThread } from '../../src/cli/helper-thread';
import { createRng } from '../../src/lib/rng';

const OPTIONS: IngestOptions = { country: 'GB', timeZone: 'UTC', timeZoneStated: true, currency: 'EUR' };

/** A call file of `rows` rows: numbers in three spellings, some withheld, unreadable or quoted. */
function callFile(rows: number, seed = 7): Uint8Array {
  const rng = createRng(seed);
  const spell = (n: number) => {
    const digits = String(7700900000 + n);
    const r = rng();
    if (n % 97 === 0) return '+999 1234567';
    if (n % 89 === 0) return 'Withheld';
    if (r < 0.3) return `0${digits}`;
    if (r < 0.6) return `+44 ${digits.slice(0, 4)} ${digits.slice(4)}`;
    if (r < 0.8) return `44${digits}`;
    return `"(0${digits.slice(0, 4)}) ${digits.slice(4)}"`;
  };
  const lines = ['caller,callee,start,duration'];
  for (let i = 0; i < rows; i++) {
    const a = Math.floor(rng() * 3000);
    const b = Math.floor(rng() * 3000);
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`${spell(a)},${spell(b)},2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:${minute}:00Z,${i % 500}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Reads `bytes` in chunks of `chunk` bytes, the read-ahead on from the first chunk; the sink and its report. */
function read(bytes: Uint8Array, chunk: number) {
  const sink = createSink();
  const detection = detectFile('cdr.csv', bytes.subarray(0, SNIFF_BYTES), OPTIONS);
  const ingestor = createFileIngestor(detection, sink, { size: bytes.length, readAheadFrom: 1 });
  for (let at = 0; at < bytes.length; at += chunk) ingestor.push(bytes.slice(at, at + chunk));
  const report = ingestor.end();
  return { records: sink.records, issues: sink.issues, report };
}

/** A helper on this thread: runs each task when it is posted, on a copy as a real thread would get it. */
function inline(before?: (task: PhoneScanTask) => void): HelperThread {
  return {
    post(task: HandedTask, transfer?: ArrayBuffer[]) {
      const copy = structuredClone(task, { transfer }) as HelperTask;
      if (copy.kind === 'phone-scan') before?.(copy);
      runHelperTask(copy);
    },
  };
}

afterEach(() => useHelperThread(undefined));

describe('#PhoneReadings', () => {
  it('should give back what one side wrote to another side on the same memory, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 300 }),
        (keys) => {
          const writer = PhoneReadings.create(300);
          const reader = new PhoneReadings(writer.slots, writer.progress);
          const [absent, ...present] = keys;
          for (const k of present) expect(writer.set(k, Number.MAX_SAFE_INTEGER - k)).toBe(true);
          for (const k of present) expect(reader.get(k)).toBe(Number.MAX_SAFE_INTEGER - k);
          expect(reader.get(absent!)).toBe(-1);
        },
      ),
    );
  });

  it('should refuse keys beyond its capacity, keeping those it has', () => {
    const table = PhoneReadings.create(8);
    const keys = Array.from({ length: table.capacity + 5 }, (_, i) => i * 7919 + 1);
    const taken = keys.map((k) => table.set(k, k + 1));
    expect(taken.filter(Boolean)).toHaveLength(table.capacity);
    expect(taken.slice(table.capacity).some(Boolean)).toBe(false);
    for (const k of keys.slice(0, table.capacity)) expect(table.get(k)).toBe(k + 1);
  });
});

describe('#PhoneReadings with two writers', () => {
  it('should give each writer half the capacity, so that the slots never fill and every look-up ends', () => {
    const main = PhoneReadings.create(64, 2);
    const helper = new PhoneReadings(main.slots, main.progress, 2);
    const keys = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);
    const taken = keys.map((k, i) => (i % 2 ? main : helper).set(k, k + 1));
    expect(taken.filter(Boolean)).toHaveLength(main.capacity);
    keys.forEach((k, i) => expect(main.get(k), `key ${k}`).toBe(taken[i] ? k + 1 : -1));
    // A key both write is found, with its value, by both.
    const fresh = PhoneReadings.create(64, 2);
    const other = new PhoneReadings(fresh.slots, fresh.progress, 2);
    expect(fresh.set(42, 7)).toBe(true);
    expect(other.set(42, 7)).toBe(true);
    expect(other.get(42)).toBe(7);
    expect(fresh.get(43)).toBe(-1);
  });
});

describe('#e164OfKey', () => {
  it('should give back every E.164 number of 7 to 14 digits from its key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6,13}$/), (digits) => {
        const key = keyOfE164(`+${digits}`);
        expect(key).toBe(phoneKey(`+${digits}`));
        expect(e164OfKey(key)).toBe(`+${digits}`);
      }),
    );
  });

  it('should give no key to what is not such a number', () => {
    for (const s of ['118118', '+123456', '+123456789012345', '07700900123', '447700900123'])
      expect(keyOfE164(s), s).toBe(-1);
  });
});

describe('#phone read-ahead', () => {
  const file = callFile(6000);
  const alone = read(file, 16_384);

  it('should read a call file alike with the helper reading its numbers ahead, whatever the chunks', () => {
    expect(alone.report.rowsRejected).toBeGreaterThan(50);
    expect(alone.records.calls.length).toBeGreaterThan(5000);
    for (const chunk of [4096, 16_384, 100_000]) {
      useHelperThread(inline());
      expect(read(file, chunk), `chunks of ${chunk}`).toEqual(alone);
    }
  });

  it("should take the helper's reading of a spelling, not read it again", () => {
    // A false reading planted in the table shows that the reading side looked there.
    const spelling = '07700900001';
    const planted = keyOfE164('+447700900999');
    useHelperThread(
      inline(
        (task) =>
          task.start && new PhoneReadings(task.start.slots, task.start.progress).set(phoneKey(spelling), planted),
      ),
    );
    const text = `caller,callee,start,duration\n${spelling},07700900002,2024-03-01T10:00:00Z,5\n`;
    const { records } = read(new TextEncoder().encode(text), 4096);
    expect(records.calls.records().map((c) => c.caller)).toEqual(['tel:+447700900999']);
    useHelperThread(undefined);
    expect(
      read(new TextEncoder().encode(text), 4096)
        .records.calls.records()
        .map((c) => c.caller),
    ).toEqual(['tel:+447700900001']);
  });

  it('should read the same with a helper that runs nothing, or that fails on every chunk', () => {
    useHelperThread({ post: () => undefined });
    expect(read(file, 16_384)).toEqual(alone);
    useHelperThread(
      inline((task) => {
        if (!task.start && !task.end) task.bytes = null as unknown as Uint8Array;
      }),
    );
    expect(read(file, 16_384)).toEqual(alone);
  });

  it('should read ahead only a call file as large as the threshold, or larger', () => {
    const posted: string[] = [];
    useHelperThread({ post: (task) => posted.push(task.kind) });
    const detection = detectFile('cdr.csv', file.subarray(0, SNIFF_BYTES), OPTIONS);
    const scanned = (size: number) => {
      posted.length = 0;
      const ingestor = createFileIngestor(detection, createSink(), { size, readAheadFrom: 100_000 });
      ingestor.push(file.slice(0, 50_000));
      ingestor.end();
      return posted.length;
    };
    expect(scanned(99_999)).toBe(0);
    expect(scanned(100_000)).toBe(3);
    expect(scanned(0)).toBe(0);
  });

  it('should leave a chunk to the reader once the reader has reached it', () => {
    const table = PhoneReadings.create(64);
    const start = { slots: table.slots, progress: table.progress, encoding: 'utf-8' as const };
    const task = (bytes: Uint8Array, extra: Partial<PhoneScanTask> = {}): PhoneScanTask => ({
      kind: 'phone-scan',
      state: new Int32Array(1),
      scan: 99,
      bytes,
      ...extra,
    });
    // The parser holds a chunk's last line back until the next: the first row is the chunk's own.
    const text = new TextEncoder().encode('caller,callee\n07700900123,07700900456\n07700900111,07700900222\n');
    runPhoneScanTask(
      task(new Uint8Array(0), {
        start: { ...start, delimiter: ',', lineEnding: '\n', columns: [0, 1], country: 'GB' },
      }),
    );
    table.reading(1);
    runPhoneScanTask(task(text));
    expect(table.get(phoneKey('07700900123'))).toBe(-1);
    runPhoneScanTask(task(new TextEncoder().encode('07700900789,07700900456\n')));
    expect(e164OfKey(table.get(phoneKey('07700900789')))).toBe('+447700900789');
    runPhoneScanTask(task(new Uint8Array(0), { end: true }));
  });

  describe('on a real helper thread', () => {
    const started = startHelperThread();
    afterAll(() => started.stop());

    it('should read a 1.4 MB call file alike, the two threads racing', async () => {
      expect(await started.ready).toBe(true);
      const big = callFile(40_000, 11);
      useHelperThread(undefined);
      const before = read(big, 1 << 19);
      for (let run = 0; run < 2; run++) {
        useHelperThread(started.thread);
        expect(read(big, 1 << 19)).toEqual(before);
      }
    });
  });
});
