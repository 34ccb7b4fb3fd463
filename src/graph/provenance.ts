// From a link back to the rows it was built from: each row's time and what it says (duration, amount, journey),
// for the evidence table of the app's details panel, and the event times that drive the time filter.
import type { AnyRecord, Records } from '../model/types';
import { LINK_LAYERS, type CaseLinks } from './build';
import { zeros } from '../lib/typed';

// Files are few and rows below 10^10, so one number keys a row exactly.
const rowKey = (file: number, row: number) => file * 1e10 + row;

/**
 * Records by source row, for look-ups from a link's `sources`. Calls, most of a case's rows, are found by their
 * file's row in a typed array of call numbers (see CallTable) and made into a record only when one is asked for;
 * the other rows are in a map.
 */
export class RowIndex {
  private readonly others = new Map<number, AnyRecord>();
  /** By file: call number + 1 at each row (0: no call there). */
  private readonly callAt: Int32Array[] = [];

  constructor(private readonly records: Records) {
    const { calls } = records;
    const lastRow: number[] = [];
    for (let k = 0; k < calls.length; k++) {
      const f = calls.file[k]!;
      lastRow[f] = Math.max(lastRow[f] ?? 0, calls.row[k]!);
    }
    lastRow.forEach((last, f) => (this.callAt[f] = zeros(Int32Array, last + 1)));
    for (let k = 0; k < calls.length; k++) this.callAt[calls.file[k]!]![calls.row[k]!] = k + 1;
    for (const list of [records.transfers, records.travel, records.subscribers, records.edges] as AnyRecord[][])
      for (const r of list) this.others.set(rowKey(r.file, r.row), r);
  }

  private call(file: number, row: number): number {
    return (this.callAt[file]?.[row] ?? 0) - 1;
  }

  get(file: number, row: number): AnyRecord | undefined {
    const k = this.call(file, row);
    return k >= 0 ? this.records.calls.at(k) : this.others.get(rowKey(file, row));
  }

  /** The row's event time (UTC ms); NaN when it has none or is not held. */
  time(file: number, row: number): number {
    const k = this.call(file, row);
    if (k >= 0) return this.records.calls.start[k]!;
    const r = this.others.get(rowKey(file, row));
    return r ? recordTime(r) : NaN;
  }
}

export function createRowIndex(records: Records): RowIndex {
  return new RowIndex(records);
}

/** When the row's event happened (UTC ms), or NaN when it has no time (a register row). */
export function recordTime(r: AnyRecord): number {
  switch (r.kind) {
    case 'calls':
      return r.start;
    case 'transfers':
      return r.time;
    case 'travel':
      return r.departure;
    case 'edges':
      return r.time ?? NaN;
    case 'subscribers':
      return NaN;
  }
}

function minutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** One row in words: who, what and how much, with identifiers as written after normalisation. */
export function describeRecord(r: AnyRecord): string {
  switch (r.kind) {
    case 'calls':
      return r.type === 'sms'
        ? `SMS ${r.caller} → ${r.callee}`
        : `${r.type === 'voice' ? 'call' : r.type} ${r.caller} → ${r.callee}, ${minutes(r.duration)}`;
    case 'transfers':
      return `${r.amount.toFixed(2)} ${r.currency} ${r.from} → ${r.to}${r.reference ? `, ref "${r.reference}"` : ''}`;
    case 'travel':
      return `${r.name} on ${r.carrier} ${r.service}${r.origin || r.destination ? `, ${r.origin ?? '?'} → ${r.destination ?? '?'}` : ''}`;
    case 'subscribers':
      return `register entry${r.name ? ` for ${r.name}` : ''}: ${r.identifiers.join(', ')}`;
    case 'edges':
      return `${r.source} — ${r.target}${r.type ? ` (${r.type})` : ''}, weight ${r.weight}`;
  }
}

export interface EvidenceRow {
  file: string;
  row: number;
  kind: AnyRecord['kind'];
  /** UTC ms, NaN when the row has no time. */
  time: number;
  detail: string;
}

/** The source rows of one link (its flat [file, row, …] `sources`), in time order (undated rows last), at most `limit` of them. */
export function edgeEvidence(
  sources: number[],
  index: RowIndex,
  files: string[],
  limit = 200,
): { rows: EvidenceRow[]; total: number } {
  const rows: EvidenceRow[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < sources.length; i += 2) {
    const key = rowKey(sources[i]!, sources[i + 1]!);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = index.get(sources[i]!, sources[i + 1]!);
    const file = files[sources[i]!] ?? `file${sources[i]}`;
    if (!r) rows.push({ file, row: sources[i + 1]!, kind: 'edges', time: NaN, detail: '(row not held)' });
    else rows.push({ file, row: r.row, kind: r.kind, time: recordTime(r), detail: describeRecord(r) });
  }
  rows.sort(
    (a, b) =>
      (Number.isNaN(a.time) ? 1 : 0) - (Number.isNaN(b.time) ? 1 : 0) ||
      (a.time || 0) - (b.time || 0) ||
      a.file.localeCompare(b.file) ||
      a.row - b.row,
  );
  return { rows: rows.slice(0, limit), total: rows.length };
}

/**
 * Event times of every link, in the links' order (the graph's edge order), UTC ms; a link with none is undated
 * and no time filter hides it. Link k's times, sorted, are
 * values[offsets[k] .. offsets[k + 1]). Two typed arrays rather than an array per link: a city-sized case has
 * millions of links, and this crosses from the worker to the page.
 */
export interface EdgeTimes {
  offsets: Int32Array;
  values: Float64Array;
}

export function edgeTimes(links: CaseLinks, index: RowIndex): EdgeTimes {
  const offsets = zeros(Int32Array, links.size + 1);
  const values: number[] = [];
  const times: number[] = [];
  const { sourceOffsets, sourceRows } = links;
  for (let k = 0; k < links.size; k++) {
    times.length = 0;
    for (let i = 2 * sourceOffsets[k]!; i < 2 * sourceOffsets[k + 1]!; i += 2) {
      const t = index.time(sourceRows[i]!, sourceRows[i + 1]!);
      if (!Number.isNaN(t)) times.push(t);
    }
    times.sort((a, b) => a - b);
    for (const t of times) values.push(t);
    offsets[k + 1] = values.length;
  }
  return { offsets, values: Float64Array.from(values) };
}

/**
 * Events per time bin and per layer, over the span of every dated link: what the time filter's histogram sums for
 * the layers switched on. `counts[layer * bins + i]` is the events of the layer (its place in LINK_LAYERS) in bin i,
 * which starts at `start + i * width` (UTC ms). Made once, in the worker: a pass over a city's million links and
 * their events held the page's thread for a tenth of a second each time the filters changed.
 */
export interface LayerActivity {
  start: number;
  width: number;
  bins: number;
  counts: Int32Array;
}

/** The activity of links with `times`, whose layers are `linkLayers`; null when no link is dated. */
export function layerActivity(times: EdgeTimes, linkLayers: Uint8Array, bins = 60): LayerActivity | null {
  const { offsets, values } = times;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k + 1 < offsets.length; k++)
    if (offsets[k + 1]! > offsets[k]!) {
      min = Math.min(min, values[offsets[k]!]!);
      max = Math.max(max, values[offsets[k + 1]! - 1]!);
    }
  if (!Number.isFinite(min)) return null;
  const width = Math.max(1, Math.ceil((max - min + 1) / bins));
  const counts = new Int32Array(LINK_LAYERS.length * bins);
  for (let k = 0; k + 1 < offsets.length; k++) {
    const row = linkLayers[k]! * bins;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++)
      counts[row + Math.min(bins - 1, Math.floor((values[i]! - min) / width))]!++;
  }
  return { start: min, width, bins, counts };
}

/** The sorted event times of link k (its place in the graph's edge order). */
export function timesOf(times: EdgeTimes, k: number): Float64Array {
  return times.values.subarray(times.offsets[k]!, times.offsets[k + 1]!);
}
