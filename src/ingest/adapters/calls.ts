// Call detail records: caller, callee, start, duration, optional type, IMEI and cell. Also reads the
// "monitored number / other party / direction" layout that interception exports use.
import type { CallRecord } from '../../model/types';
import { parseDuration } from '../numbers';
import type { RowContext } from './context';

const SMS = /sms|text|msg|mms|message/i;
const VOICE = /voice|call|moc|mtc|tel|^v$|^$/i;
const INCOMING = /^(in|incoming|mt|terminating|received|inbound|i|rx)$/i;
const OUTGOING = /^(out|outgoing|mo|originating|sent|outbound|o|tx)$/i;

export function readCall(ctx: RowContext): CallRecord {
  let caller: string;
  let callee: string;
  if (ctx.has('caller') && ctx.has('callee')) {
    caller = ctx.phone('caller');
    callee = ctx.phone('callee');
  } else {
    const party = ctx.phone('party');
    const other = ctx.phone('other');
    const direction = ctx.required('direction');
    if (INCOMING.test(direction)) [caller, callee] = [other, party];
    else if (OUTGOING.test(direction)) [caller, callee] = [party, other];
    else ctx.reject('direction', 'missing_value', `"${direction}" is not a call direction (in/out, MO/MT)`);
  }
  if (caller === callee)
    ctx.reject('callee', 'self_contact', `caller and callee are the same number (${caller.slice(4)})`);
  const start = ctx.time('start');
  const rawType = ctx.get('type');
  const type = SMS.test(rawType) ? 'sms' : VOICE.test(rawType) ? 'voice' : 'other';
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
  const { file, row } = ctx.source;
  const record: CallRecord = { kind: 'calls', file, row, caller, callee, start, duration, type };
  const imei = ctx.imei('imei');
  if (imei) record.imei = imei;
  const cell = ctx.get('cell');
  if (cell) record.cell = cell;
  return record;
}
