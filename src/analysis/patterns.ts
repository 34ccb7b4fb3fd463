// Patterns an investigator looks for, each a finding with the rows that show it: money (structuring under a
// reporting threshold, fan-in and fan-out, pass-through accounts, circular flows, cross-border legs), travel
// (repeated co-travel within a time window, one person travelling with many), SIMs (shared handsets, a new SIM
// that takes over an old one's contacts) and time (night-time activity, bursts, calls just before a journey).
import { burstDays, callDays, callFigures, MIN_CALLS, type StartedCallFigures } from './call-figures';
import type { Records, SourceRow } from '../model/types';
import type { Resolution } from '../resolve/resolve';
import { describeTakeover, findTakeovers, namedTakeovers } from '../resolve/sim-takeover';
import { pushTo, sortedEntries } from '../lib/maps';

export const PATTERN_KINDS = [
  'structuring',
  'fan-in',
  'fan-out',
  'pass-through',
  'circular-flow',
  'cross-border',
  'repeated-co-travel',
  'many-companions',
  'shared-handset',
  'sim-swap',
  'night-activity',
  'burst',
  'calls-before-journey',
] as const;
export type PatternKind = (typeof PATTERN_KINDS)[number];

export interface Finding {
  kind: PatternKind;
  /** Entity ids involved, the main one first. */
  entities: string[];
  summary: string;
  /** Flat [file, row, …] pairs of the rows that show it (at most 50). */
  evidence: number[];
}

export interface PatternOptions {
  /** Cash-reporting thresholds by currency; amounts from 90% up to the threshold count as structuring. */
  thresholds: Record<string, number>;
  /** Co-travel: departures on the same carrier and service within this many hours are one journey. */
  coTravelHours: number;
  /** Time zone for night-time (00:00–05:00 local). */
  timeZone: string;
  /**
   * Entities to leave out of the money patterns, and whose own night-time and burst patterns are left out (likely
   * services: a remittance shop collects from everyone, a taxi firm is called all night).
   */
  exclude: Set<string>;
}

export const DEFAULT_PATTERN_OPTIONS: PatternOptions = {
  thresholds: { EUR: 10000, GBP: 10000, USD: 10000 },
  coTravelHours: 12,
  timeZone: 'UTC',
  exclude: new Set(),
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_EVIDENCE = 50;

function rows(list: { file: number; row: number }[]): number[] {
  return list.slice(0, MAX_EVIDENCE).flatMap((r) => [r.file, r.row]);
}

export function findPatterns(
  records: Records,
  resolution: Resolution,
  label: (id: string) => string,
  options: PatternOptions = DEFAULT_PATTERN_OPTIONS,
): Finding[] {
  return startPatterns(records, resolution, label, options).finish(options.exclude);
}

/** The patterns that are about one entity's own calls, which a likely service's are not (see PatternOptions.exclude). */
const OWN_CALLS: ReadonlySet<PatternKind> = new Set(['night-activity', 'burst']);

/**
 * findPatterns in two steps: what does not depend on which entities are left out (travel, SIMs, time, and the
 * transfers' entities) is read now, and `finish` adds the money patterns without the entities left out, and leaves
 * out their own call patterns. The pipeline starts them before it knows the likely services (the roles, which need
 * the centralities), while the helper thread runs betweenness's passes. The findings are findPatterns' own, in
 * its order.
 */
export function startPatterns(
  records: Records,
  resolution: Resolution,
  label: (id: string) => string,
  options: Omit<PatternOptions, 'exclude'> = DEFAULT_PATTERN_OPTIONS,
  started?: StartedCallFigures,
): { finish(exclude: ReadonlySet<string>): Finding[] } {
  const entity = (identifier: string) => resolution.entityOf.get(identifier) ?? identifier;
  const out: Finding[] = [];
  const names = (ids: string[]) => ids.map(label).join(', ');
  // The fields the money patterns read, with the payer's and payee's entities: spelt out, where a spread of each
  // record took a third of a second at 1M rows.
  const transfers: Moved[] = records.transfers
    .map(({ from, to, fromNumber, toNumber, amount, currency, time, file, row }) => ({
      from,
      to,
      amount,
      currency,
      time,
      file,
      row,
      // (by the accounts' numbers: a city's 200,000 ends not looked up by their text)
      a: resolution.entityOf.ofWide(fromNumber) ?? from,
      b: resolution.entityOf.ofWide(toNumber) ?? to,
    }))
    .filter((t) => t.a !== t.b);

  // ---- travel ----
  const byService = new Map<string, Records['travel']>();
  for (const t of records.travel) {
    const key = `${t.carrier}|${t.service}`;
    pushTo(byService, key, t);
  }
  const journeys: { people: Set<string>; rows: Records['travel']; departure: number; name: string }[] = [];
  for (const [key, list] of byService) {
    const sorted = [...list].sort((a, b) => a.departure - b.departure);
    let current: (typeof journeys)[number] | null = null;
    for (const t of sorted) {
      if (!current || t.departure - current.departure > options.coTravelHours * HOUR) {
        current = { people: new Set(), rows: [], departure: t.departure, name: key.replace('|', ' ') };
        journeys.push(current);
      }
      current.people.add(entity(t.traveller));
      current.rows.push(t);
    }
  }
  const pairTrips = new Map<string, (typeof journeys)[number][]>();
  const companions = new Map<string, { others: Set<string>; trips: (typeof journeys)[number][] }>();
  for (const j of journeys) {
    const people = [...j.people].sort();
    if (people.length < 2 || people.length > 30) continue;
    for (let i = 0; i < people.length; i++) {
      const c = companions.get(people[i]!) ?? { others: new Set(), trips: [] };
      for (const p of people) if (p !== people[i]) c.others.add(p);
      c.trips.push(j);
      companions.set(people[i]!, c);
      for (let k = i + 1; k < people.length; k++) {
        const key = `${people[i]}\u0000${people[k]}`;
        pushTo(pairTrips, key, j);
      }
    }
  }
  for (const [key, trips] of sortedEntries(pairTrips)) {
    if (trips.length < 2) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    out.push({
      kind: 'repeated-co-travel',
      entities: [a, b],
      summary: `${label(a)} and ${label(b)} travelled together ${trips.length} times (${trips.map((t) => t.name).join(', ')})`,
      evidence: rows(trips.flatMap((t) => t.rows.filter((r) => [a, b].includes(entity(r.traveller))))),
    });
  }
  for (const [id, c] of sortedEntries(companions)) {
    if (c.trips.length < 2 || c.others.size < 4) continue;
    out.push({
      kind: 'many-companions',
      entities: [id, ...c.others],
      summary: `${label(id)} travelled ${c.trips.length} times with ${c.others.size} different people`,
      evidence: rows(c.trips.flatMap((t) => t.rows)),
    });
  }

  // ---- SIMs ----
  const calls = records.calls;
  const { identifiers } = calls;
  // Each handset's SIMs and the first five calls of each, gathered by the identifiers' numbers: a city has a
  // million calls with a handset, and only five rows of each SIM are shown.
  const uses = calls.handsetUses(5);
  const handsets = new Map<string, Map<string, { file: number; row: number }[]>>();
  for (let p = 0; p < uses.handset.length; p++) {
    const imei = identifiers[uses.handset[p]!]!;
    let sims = handsets.get(imei);
    if (!sims) handsets.set(imei, (sims = new Map()));
    sims.set(identifiers[uses.sim[p]!]!, uses.rows[p]!);
  }
  for (const [imei, sims] of sortedEntries(handsets)) {
    if (sims.size < 2) continue;
    const ids = [...sims.keys()].sort();
    out.push({
      kind: 'shared-handset',
      entities: [...new Set(ids.map(entity))],
      summary: `${ids.length} SIMs used in handset ${imei.replace(/^imei:/, '')}: ${ids.map((i) => i.replace(/^tel:/, '')).join(', ')}`,
      evidence: rows(ids.flatMap((i) => sims.get(i)!.slice(0, 5))),
    });
  }
  // Each entity's calls by their number in the table, in the order of the records (file, then row), which calls
  // fall at night, and each entity's night calls and bursts (see call-figures.ts): worked out on the helper thread
  // while the links were built, where the pipeline started them, or here. The entities are resolution's own
  // numbering, each identifier's by its number: nothing looked up by text.
  const { groupOf: entityOfNumber, entityIds } = resolution.entityOf;
  const { caller, callee } = resolution.callEnds;
  if (started && started.groupOf !== entityOfNumber)
    throw new Error("startPatterns: the call figures were started on another resolution's groups");
  const figures = started ? started.join() : callFigures(records, entityOfNumber, entityIds.length, options.timeZone);
  const { callStart, callList, atNight, nights, bursty } = figures;
  const entityIndex = new Map<string, number>();
  for (let e = 0; e < entityIds.length; e++) entityIndex.set(entityIds[e]!, e);
  /** An entity's calls, in record order. */
  const callsOf = (id: string): Int32Array => {
    const e = entityIndex.get(id);
    return e === undefined ? callList.subarray(0, 0) : callList.subarray(callStart[e]!, callStart[e + 1]!);
  };
  /** Calls' rows, as `rows` gives them. */
  const callRows = (list: ArrayLike<number>) => {
    const picked: SourceRow[] = [];
    for (let i = 0; i < Math.min(list.length, MAX_EVIDENCE); i++)
      picked.push({ file: calls.file[list[i]!]!, row: calls.row[list[i]!]! });
    return rows(picked);
  };
  /** The calls of any of `ids` that pass `keep`, once each, in record order. */
  const callsOfAny = (ids: string[], keep: (k: number) => boolean) => {
    const found = new Set<number>();
    for (const id of ids) {
      const list = callsOf(id);
      for (let i = 0; i < list.length; i++) if (keep(list[i]!)) found.add(list[i]!);
    }
    return [...found].sort((x, y) => calls.file[x]! - calls.file[y]! || calls.row[x]! - calls.row[y]!);
  };
  // A new number whose contacts continue an old one's (when the swap rule has not already joined them).
  // (found with the figures, on the helper thread where there is one; here where there was no room for them)
  const takeovers = figures.takeovers
    ? namedTakeovers(figures.takeovers, (e) => entityIds[e]!, calls)
    : findTakeovers(calls, resolution.callEnds, { groupOf: entityOfNumber, names: entityIds });
  for (const t of takeovers)
    out.push({
      kind: 'sim-swap',
      entities: [t.newId, t.oldId],
      summary: describeTakeover(t, label),
      evidence: callRows(callsOfAny([t.oldId, t.newId], () => true).slice(0, 20)),
    });

  // ---- time ----
  // Each entity's night share from its count, and its call days sorted only where it has a burst.
  let days = new Float64Array(64);
  for (const id of [...entityIndex.keys()].sort()) {
    const e = entityIndex.get(id)!;
    const list = callList.subarray(callStart[e]!, callStart[e + 1]!);
    if (list.length < MIN_CALLS) continue;
    if (nights[e]! / list.length >= 0.4) {
      const night = list.filter((k) => atNight[k] === 1);
      out.push({
        kind: 'night-activity',
        entities: [id],
        summary: `${Math.round((night.length / list.length) * 100)}% of ${label(id)}'s ${list.length} calls are between midnight and 5 a.m.`,
        evidence: callRows(night),
      });
    }
    if (!bursty[e]) continue;
    if (days.length < list.length) days = new Float64Array(2 * list.length);
    for (const { day, count, mean } of burstDays(callDays(list, calls.start, days)))
      out.push({
        kind: 'burst',
        entities: [id],
        summary: `${label(id)}: ${count} calls on ${new Date(day * DAY).toISOString().slice(0, 10)} (usually ${mean.toFixed(1)} a day)`,
        evidence: callRows(list.filter((c) => Math.floor(calls.start[c]! / DAY) === day)),
      });
  }
  for (const j of journeys) {
    if (j.people.size < 2 || j.people.size > 30) continue;
    const people = [...j.people];
    const among = callsOfAny(
      people,
      (k) =>
        calls.start[k]! >= j.departure - 2 * DAY &&
        calls.start[k]! < j.departure &&
        j.people.has(entityIds[entityOfNumber[caller[k]!]!]!) &&
        j.people.has(entityIds[entityOfNumber[callee[k]!]!]!),
    );
    if (among.length >= 2)
      out.push({
        kind: 'calls-before-journey',
        entities: people,
        summary: `${among.length} calls among the ${people.length} travellers of ${j.name} (${new Date(j.departure).toISOString().slice(0, 10)}) in the 48 hours before it left: ${names(people.slice(0, 4))}`,
        evidence: callRows(among),
      });
  }
  return {
    finish(exclude) {
      const money = moneyPatterns(
        transfers.filter((t) => !exclude.has(t.a) && !exclude.has(t.b)),
        label,
        names,
        options.thresholds,
      );
      return [...money, ...out.filter((f) => !(OWN_CALLS.has(f.kind) && exclude.has(f.entities[0]!)))];
    },
  };
}

/** A transfer as the money patterns read it: with its payer's entity `a` and its payee's `b`. */
interface Moved {
  from: string;
  to: string;
  amount: number;
  currency: string;
  time: number;
  file: number;
  row: number;
  a: string;
  b: string;
}

/** Structuring, fan-in and fan-out, pass-through accounts, circular flows and cross-border legs. */
function moneyPatterns(
  transfers: Moved[],
  label: (id: string) => string,
  names: (ids: string[]) => string,
  thresholds: Record<string, number>,
): Finding[] {
  const out: Finding[] = [];
  const byPayer = new Map<string, typeof transfers>();
  const byPayee = new Map<string, typeof transfers>();
  for (const t of transfers) {
    pushTo(byPayer, t.a, t);
    pushTo(byPayee, t.b, t);
  }
  const structuring = new Map<string, typeof transfers>();
  for (const t of transfers) {
    const limit = thresholds[t.currency];
    if (limit && t.amount >= 0.9 * limit && t.amount < limit) pushTo(structuring, t.a, t);
  }
  for (const [id, list] of structuring)
    if (list.length >= 2)
      out.push({
        kind: 'structuring',
        entities: [id, ...new Set(list.map((t) => t.b))],
        summary: `${label(id)} made ${list.length} transfers just under the ${list[0]!.currency} ${thresholds[list[0]!.currency]} reporting threshold`,
        evidence: rows(list),
      });
  // Fan-in and fan-out: one account and five or more on the other side.
  for (const [kind, groups, other, verb] of [
    ['fan-in', byPayee, 'a', 'receives from'],
    ['fan-out', byPayer, 'b', 'pays'],
  ] as const)
    for (const [id, list] of groups) {
      const others = new Set(list.map((t) => t[other]));
      if (others.size >= 5)
        out.push({
          kind,
          entities: [id, ...others],
          summary: `${label(id)} ${verb} ${others.size} accounts (${list.length} transfers)`,
          evidence: rows(list),
        });
    }
  for (const [id, incoming] of byPayee) {
    const outgoing = byPayer.get(id);
    if (!outgoing || incoming.length < 3) continue;
    const total = (list: typeof transfers) => list.reduce((a, t) => a + t.amount, 0);
    const share = total(outgoing) / total(incoming);
    if (share < 0.8) continue;
    // How soon money leaves after it arrives: the delay from each outgoing transfer back to the latest inflow.
    const ins = incoming.map((t) => t.time).sort((a, b) => a - b);
    const delays = outgoing
      .map((t) => {
        let latest = -Infinity;
        for (const x of ins) if (x <= t.time) latest = x;
        return t.time - latest;
      })
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)];
    out.push({
      kind: 'pass-through',
      entities: [id, ...new Set(outgoing.map((t) => t.b))],
      summary: `${label(id)} passes on ${Math.round(share * 100)}% of what it receives${
        median !== undefined ? `, typically ${(median / DAY).toFixed(1)} days after money arrives` : ''
      }, to ${names([...new Set(outgoing.map((t) => t.b))].slice(0, 3))}`,
      evidence: rows([...incoming.slice(0, 25), ...outgoing.slice(0, 25)]),
    });
  }
  // Circular flows: money that comes back to where it started within four legs.
  const next = new Map<string, Set<string>>();
  const legTransfers = new Map<string, typeof transfers>();
  for (const t of transfers) {
    next.set(t.a, (next.get(t.a) ?? new Set()).add(t.b));
    pushTo(legTransfers, `${t.a}\u0000${t.b}`, t);
  }
  const cycles = new Set<string>();
  const walk = (start: string, path: string[]) => {
    for (const n of next.get(path[path.length - 1]!) ?? []) {
      if (n === start && path.length >= 2) {
        const rotated = [...path];
        const min = rotated.indexOf([...rotated].sort()[0]!);
        cycles.add([...rotated.slice(min), ...rotated.slice(0, min)].join('\u0000'));
      } else if (path.length < 4 && !path.includes(n) && n > start) walk(start, [...path, n]);
    }
  };
  for (const start of next.keys()) walk(start, [start]);
  for (const key of [...cycles].sort()) {
    const ids = key.split('\u0000');
    const legs = ids.map((a, i) => [a, ids[(i + 1) % ids.length]!] as const);
    const legRows = legs.flatMap(([a, b]) => legTransfers.get(`${a}\u0000${b}`)!.slice(0, 10));
    out.push({
      kind: 'circular-flow',
      entities: ids,
      summary: `money goes round: ${[...ids, ids[0]!].map(label).join(' → ')}`,
      evidence: rows(legRows),
    });
  }
  const legs = new Map<string, typeof transfers>();
  for (const t of transfers) {
    const from = /^acct:([A-Z]{2})\d\d/.exec(t.from)?.[1];
    const to = /^acct:([A-Z]{2})\d\d/.exec(t.to)?.[1];
    if (from && to && from !== to)
      legs.set(`${t.a}\u0000${t.b}\u0000${from}\u0000${to}`, [
        ...(legs.get(`${t.a}\u0000${t.b}\u0000${from}\u0000${to}`) ?? []),
        t,
      ]);
  }
  for (const [key, list] of sortedEntries(legs)) {
    const [a, b, from, to] = key.split('\u0000') as [string, string, string, string];
    const sums = new Map<string, number>();
    for (const t of list) sums.set(t.currency, (sums.get(t.currency) ?? 0) + t.amount);
    // One small payment abroad is a family's life; a habit, or a large sum, is a leg of the flow.
    if (list.length < 3 && Math.max(...sums.values()) < 2000) continue;
    out.push({
      kind: 'cross-border',
      entities: [a, b],
      summary: `${label(a)} (${from}) → ${label(b)} (${to}): ${list.length} transfers, ${[...sums]
        .map(([c, x]) => `${x.toFixed(2)} ${c}`)
        .join(' + ')}`,
      evidence: rows(list),
    });
  }

  return out;
}
