// Call detail records: caller, callee, start, duration, optional type, IMEI and cell. Also reads the
// "monitored number / other party / direction" layout that interception exports use.
import type { CallRecord } from '../../model/types';
import { CALL_TYPE_CODE, CALL_TYPES, type CallTable } from '../../model/call-table';
import { parseDuration } from '../numbers';
import type { RowContext } from './context';

const SMS = /sms|text|msg|mms|message/i;
const VOICE = /voice|call|moc|mtc|tel|^v$|^$/i;
const INCOMING = /^(in|incoming|mt|terminating|received|inbound|i|rx)$/i;
const OUTGOING = /^(out|outgoing|mo|originating|sent|outbound|o|tx)$/i;

/** One call row's values; its ends and handset (-1: none) by their identifiers' numbers in the run. */
interface CallFields {
  caller: number;
  callee: number;
  start: number;
  duration: number;
  /** Index into CALL_TYPES. */
  type: number;
  imei: number;
}

/** The phone fields a row's reading numbers first, in order, whichever layout the file has. */
function phoneFields(ctx: RowContext): readonly string[] {
  return ctx.has('caller') && ctx.has('callee') ? ['caller', 'callee'] : ['party', 'other'];
}

/**
 * The phones a call row numbered before it was rejected at `column` (a header), in order: those before the one
 * rejected, or both when something else was (or nothing: pass ''). Read again, from the context's readings (no
 * identifier is numbered anew): the order in which a file's rows first name their identifiers counts rejected
 * rows too, and a monitored number comes before the other party whatever the direction (see createPartReader).
 * Keep in step with readCallFields.
 */
export function numberedBeforeReject(ctx: RowContext, column: string): number[] {
  const out: number[] = [];
  for (const field of phoneFields(ctx)) {
    if (ctx.headers[field] === column) break;
    try {
      out.push(ctx.phoneNumberOf(field));
    } catch {
      break;
    }
  }
  return out;
}

/** Reads the row into `f`, or rejects it (see numberedBeforeReject). */
function readCallFields(ctx: RowContext, f: CallFields): void {
  let caller: number;
  let callee: number;
  if (ctx.has('caller') && ctx.has('callee')) {
    caller = ctx.phoneNumberOf('caller');
    callee = ctx.phoneNumberOf('callee');
  } else {
    const party = ctx.phoneNumberOf('party');
    const other = ctx.phoneNumberOf('other');
    const direction = ctx.required('direction');
    if (INCOMING.test(direction)) [caller, callee] = [other, party];
    else if (OUTGOING.test(direction)) [caller, callee] = [party, other];
    else ctx.reject('direction', 'missing_value', `"${direction}" is not a call direction (in/out, MO/MT)`);
  }
  if (caller === callee)
    ctx.reject(
      'callee',
      'self_contact',
      `caller and callee are the same number (${ctx.identifiers.keys[caller]!.slice(4)})`,
    );
  const start = ctx.time('start');
  const rawType = ctx.get('type');
  const type = SMS.test(rawType)
    ? CALL_TYPE_CODE.sms
    : VOICE.test(rawType)
      ? CALL_TYPE_CODE.voice
      : CALL_TYPE_CODE.other;
  let duration = 0;
  const rawDuration = ctx.get('duration');
  if (rawDuration !== '') {
    const d = parseDuration(rawDuration);
    if (d === null)
      ctx.reject(
        'duration',
        'bad_duration',
        `"${rawDuration}" is not a duration of up to a week (seconds or hh:mm:ss)`,
      );
    duration = d;
  }
  f.caller = caller;
  f.callee = callee;
  f.start = start;
  f.duration = duration;
  f.type = type;
  f.imei = ctx.imeiNumber('imei');
}

const fields: CallFields = { caller: 0, callee: 0, start: 0, duration: 0, type: 0, imei: -1 };

/** Where readCallInto puts a call: the case's CallTable, or a part of a file read on another thread. */
export type CallSink = Pick<CallTable, 'add'>;

/** Reads the row into `calls`, or rejects it. */
export function readCallInto(ctx: RowContext, calls: CallSink): void {
  readCallFields(ctx, fields);
  const { file, row } = ctx.source;
  calls.add(fields.caller, fields.callee, fields.start, fields.duration, fields.type, fields.imei, file, row);
}

/**
 * The row as a record, with its cell id: what the preview shows. The case's calls are read with `readCallInto`,
 * the same reading, into columns that do not keep the cell (no analysis reads it).
 */
export function readCall(ctx: RowContext): CallRecord {
  const f: CallFields = { caller: 0, callee: 0, start: 0, duration: 0, type: 0, imei: -1 };
  readCallFields(ctx, f);
  const { keys } = ctx.identifiers;
  const { file, row } = ctx.source;
  const record: CallRecord = {
    kind: 'calls',
    file,
    row,
    caller: keys[f.caller]!,
    callee: keys[f.callee]!,
    start: f.start,
    duration: f.duration,
    type: CALL_TYPES[f.type]!,
  };
  if (f.imei >= 0) record.imei = keys[f.imei]!;
  const cell = ctx.get('cell');
  if (cell) record.cell = cell;
  return record;
}
