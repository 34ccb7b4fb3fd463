// Roles in a trafficking network, each with a confidence and its reasons in plain words: leader, broker,
// financier, mule, recruiter, transporter, controller, likely victim and innocent hub. Rules follow the
// patterns investigators describe (UNODC's trafficking-in-persons case digests; Europol's THB reports):
// exploiters keep few, exclusive and repeated contacts; money converges from many small payments; victims
// travel once with an escort, are then called by a handful of controllers and pay into collection accounts.
// The rules read counts that every case has (calls, transfers, journeys), not the picture of one case.
import { LAYER_CODE, linkIncidence, linkLayer, type CaseLinks } from '../graph/build';
import type { Csr } from './csr';
import type { Records } from '../model/types';
import type { Resolution } from '../resolve/resolve';
import type { NodeFeatures } from './projection';
import { pushTo } from '../lib/maps';
import { maxOf } from '../lib/math';

export const ROLES = [
  'leader',
  'financier',
  'broker',
  'controller',
  'recruiter',
  'transporter',
  'mule',
  'victim',
  'hub',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  leader: 'leader or organiser',
  financier: 'financier or collector',
  broker: 'broker between groups',
  controller: 'controller of likely victims',
  recruiter: 'recruiter',
  transporter: 'escort or transporter',
  mule: 'mule account',
  victim: 'victim of trafficking',
  hub: 'innocent hub (a service or business)',
};

export interface RoleFinding {
  role: Role;
  /** 0..1 */
  confidence: number;
  reasons: string[];
}

export interface RoleOptions {
  /** Below this a role is not stated. */
  minConfidence: number;
  /** Likely victims at or above this confidence leave the target list for the protection list. */
  victimThreshold: number;
  /** Entities the analyst says are not service hubs, or not victims. */
  notHub: string[];
  notVictim: string[];
  /** How much each role, stated with full confidence, multiplies the target score (see intelligence.ts). */
  weights: Partial<Record<Role, number>>;
}

export const DEFAULT_ROLE_OPTIONS: RoleOptions = {
  minConfidence: 0.5,
  victimThreshold: 0.5,
  notHub: [],
  notVictim: [],
  weights: {},
};

export interface RoleInput {
  links: CaseLinks;
  /** Each entity's distinct neighbours over all layers (the projection's graph, in the links' entity order). */
  neighbours: Csr;
  records: Records;
  resolution: Resolution;
  community: (id: string) => number;
  eigenvector: (id: string) => number;
  betweennessRank: (id: string) => number;
  hubPenalty: (id: string) => number;
  features: (id: string) => NodeFeatures;
}

interface Profile {
  /** The entity's place in the links' entity order. */
  index: number;
  /** Calls and SMS this entity made and received, with all its contacts. */
  made: number;
  received: number;
  payers: Map<string, { count: number; amount: number }>;
  payees: Map<string, { count: number; amount: number }>;
  /** Journeys (carrier|service|day), with who else was on each. */
  journeys: Map<string, Set<string>>;
  firstJourney: number;
}

const DAY = 86_400_000;

/** One call tie of an entity: the contact, calls and SMS each way, and the first and last contact time. */
interface Tie {
  other: string;
  /** Made to the contact, and received from it. */
  to: number;
  from: number;
  first: number;
  last: number;
}

/**
 * Every entity's call ties, from both ends of each call link, in link order: the ties of entity i are
 * at offsets[i] … offsets[i + 1] of the other columns. Columns rather than four maps per entity: a city has
 * a million call links, and eight million map entries would cost more to collect than the roles cost to find.
 */
interface CallTies {
  offsets: Int32Array;
  link: Int32Array;
  /** Whether the entity is the link's source (its `forward` calls are then the ones it made). */
  outgoing: Uint8Array;
}

function callTies(links: CaseLinks): CallTies {
  return linkIncidence(links, (k) => links.layer[k] === LAYER_CODE.calls);
}

/**
 * The payments and journeys of the entities that have none: one shared empty map each, where a map per entity
 * (three for each of a city's hundred thousand) was most of what this step allocated. Only `profiles` writes
 * to a profile's maps, and it gives a profile its own map before its first entry.
 */
const NO_PAYMENTS: Map<string, { count: number; amount: number }> = new Map();
const NO_JOURNEYS: Map<string, Set<string>> = new Map();

function profiles(input: RoleInput, ties: CallTies): Map<string, Profile> {
  const { links, records, resolution } = input;
  const out = new Map<string, Profile>();
  const get = (id: string) => {
    let p = out.get(id);
    if (!p)
      out.set(
        id,
        (p = {
          index: links.index.get(id) ?? -1,
          made: 0,
          received: 0,
          payers: NO_PAYMENTS,
          payees: NO_PAYMENTS,
          journeys: NO_JOURNEYS,
          firstJourney: Infinity,
        }),
      );
    return p;
  };
  for (const id of links.ids) get(id);
  for (const p of out.values())
    for (let t = ties.offsets[p.index]!; t < ties.offsets[p.index + 1]!; t++) {
      const k = ties.link[t]!;
      p.made += ties.outgoing[t] ? links.forward[k]! : links.backward[k]!;
      p.received += ties.outgoing[t] ? links.backward[k]! : links.forward[k]!;
    }
  for (let k = 0; k < links.size; k++) {
    if (linkLayer(links, k) !== 'money') continue;
    const source = links.ids[links.source[k]!]!;
    const target = links.ids[links.target[k]!]!;
    const amount = Object.values(links.amounts.get(k)!).reduce((a, b) => a + b, 0);
    const from = get(source);
    const to = get(target);
    if (from.payees === NO_PAYMENTS) from.payees = new Map();
    if (to.payers === NO_PAYMENTS) to.payers = new Map();
    from.payees.set(target, { count: links.count[k]!, amount });
    to.payers.set(source, { count: links.count[k]!, amount });
  }
  const entity = (identifier: string) => resolution.entityOf.get(identifier) ?? identifier;
  const byJourney = new Map<string, Set<string>>();
  for (const t of records.travel) {
    const key = `${t.carrier}|${t.service}|${Math.floor(t.departure / DAY)}`;
    const who = entity(t.traveller);
    let set = byJourney.get(key);
    if (!set) byJourney.set(key, (set = new Set()));
    set.add(who);
    const p = get(who);
    p.firstJourney = Math.min(p.firstJourney, t.departure);
  }
  for (const [key, people] of byJourney)
    for (const who of people) {
      const p = get(who);
      if (p.journeys === NO_JOURNEYS) p.journeys = new Map();
      p.journeys.set(key, new Set([...people].filter((x) => x !== who)));
    }
  return out;
}

/** Empty lists, shared where most entities would each make their own (never added to). */
const NONE: readonly string[] = [];
const NO_CALLERS: [string, number][] = [];
const NO_BROKERAGE: Readonly<ReturnType<typeof moneyBrokerage>> = {
  coordinator: 0,
  itinerant: 0,
  gatekeeper: 0,
  representative: 0,
  liaison: 0,
};

/** Roles that do the network's work, for judging who directs them. */
const OPERATIONAL = new Set<Role>(['financier', 'controller', 'recruiter', 'transporter', 'mule']);

/** The contact with the most calls and messages either way. */
function strongest(ties: Tie[]): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const { other: x, to, from } of ties) {
    const n = to + from;
    if (n > most || (n === most && best !== undefined && x < best)) [best, most] = [x, n];
  }
  return best;
}
const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Participation coefficient: 1 − Σ (share of ties in community c)²; 0 for ties all in one community. Summed
 * in whole numbers (Σ n² ÷ total²), so that the order the neighbours come in cannot change the last digit.
 */
function participation(
  neighbours: Csr,
  id: string,
  communityAt: Int32Array,
  matters: (other: string) => boolean = () => true,
): number {
  const counts = new Map<number, number>();
  let total = 0;
  const i = neighbours.index.get(id)!;
  for (let k = neighbours.offsets[i]!; k < neighbours.offsets[i + 1]!; k++) {
    const j = neighbours.targets[k]!;
    if (!matters(neighbours.ids[j]!)) continue;
    const c = communityAt[j]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
    total++;
  }
  if (total === 0) return 0;
  let squares = 0;
  for (const n of counts.values()) squares += n * n;
  return 1 - squares / (total * total);
}

/**
 * Gould–Fernandez brokerage on the money layer: for each payer → this → payee with no direct payment, the
 * role by communities: coordinator (all in one), itinerant (payer and payee together, this apart), gatekeeper
 * (this with the payee), representative (this with the payer), liaison (all apart).
 */
export function moneyBrokerage(
  p: { payers: Map<string, unknown>; payees: Map<string, unknown> },
  id: string,
  community: (id: string) => number,
  direct: (a: string, b: string) => boolean = () => false,
): Record<'coordinator' | 'itinerant' | 'gatekeeper' | 'representative' | 'liaison', number> {
  const out = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0 };
  const v = community(id);
  for (const a of p.payers.keys())
    for (const b of p.payees.keys()) {
      if (a === b || direct(a, b)) continue;
      const ca = community(a);
      const cb = community(b);
      if (ca === v && cb === v) out.coordinator++;
      else if (ca === cb) out.itinerant++;
      else if (cb === v) out.gatekeeper++;
      else if (ca === v) out.representative++;
      else out.liaison++;
    }
  return out;
}

export function assignRoles(input: RoleInput, options: RoleOptions = DEFAULT_ROLE_OPTIONS): Map<string, RoleFinding[]> {
  const { links, neighbours } = input;
  const calls = callTies(links);
  const P = profiles(input, calls);
  /** Tie t's contact (see CallTies). */
  const contactOf = (t: number) =>
    links.ids[calls.outgoing[t] === 1 ? links.target[calls.link[t]!]! : links.source[calls.link[t]!]!]!;
  /** The calls and SMS made to tie t's contact. */
  const madeTo = (t: number) =>
    calls.outgoing[t] === 1 ? links.forward[calls.link[t]!]! : links.backward[calls.link[t]!]!;
  /** The calls and SMS received from tie t's contact. */
  const receivedFrom = (t: number) =>
    calls.outgoing[t] === 1 ? links.backward[calls.link[t]!]! : links.forward[calls.link[t]!]!;
  /** An entity's call ties, made when asked for (and then garbage): see CallTies. */
  const tiesOf = (p: Profile): Tie[] => {
    const out: Tie[] = [];
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const k = calls.link[t]!;
      out.push({
        other: contactOf(t),
        to: madeTo(t),
        from: receivedFrom(t),
        first: links.first[k]!,
        last: links.last[k]!,
      });
    }
    return out;
  };
  /** Contacts with at least ten calls and messages either way, read from the ties' columns (see tiesOf). */
  const heavyTies = (p: Profile): readonly string[] => {
    let out: string[] | null = null;
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const k = calls.link[t]!;
      if (links.forward[k]! + links.backward[k]! >= 10) (out ??= []).push(contactOf(t));
    }
    return out ?? NONE;
  };
  const notHub = new Set(options.notHub);
  const notVictim = new Set(options.notVictim);
  const findings = new Map<string, RoleFinding[]>();
  const add = (id: string, role: Role, confidence: number, reasons: string[]) => {
    if (confidence <= 0) return;
    const list = findings.get(id) ?? [];
    list.push({ role, confidence: round2(clamp(confidence)), reasons });
    findings.set(id, list);
  };
  // The loops over the entities count through them: this function is too large for V8 to keep optimised from one
  // loop to the next, and a `for … of` that runs unoptimised makes an object per step (58 MB at 1M rows).
  const ids = links.ids;
  const label = (id: string) => links.nodes[links.index.get(id)!]!.label;
  // Each neighbour's community by its number, looked up once rather than once per tie.
  const communityAt = Int32Array.from(neighbours.ids, (id) => input.community(id));

  // Innocent hubs first: the other rules must not mistake a shop for a collector or a taxi for an escort.
  const hubs = new Set<string>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (notHub.has(id)) continue;
    const penalty = input.hubPenalty(id);
    const f = input.features(id);
    // A service is called by many: a person with a dozen contacts, some of them one-off, is not one.
    if (f.contacts < 20 && !f.organisation) continue;
    // A service is called and seldom calls back. Where ties carry no direction (meetings, generic links) that
    // cannot be told, and a well-connected member must not be spared as a "service".
    if (f.reciprocity >= 0.5 && !f.organisation) continue;
    const spread = participation(neighbours, id, communityAt);
    const wide = spread >= 0.6 && f.reciprocity < 0.5 && f.contacts >= 30;
    if (penalty < 0.3 && !wide) continue;
    const reasons = [`${Math.round(f.oneOffShare * 100)}% of its ${f.contacts} contacts are one-off`];
    if (f.reciprocity < 0.5) reasons.push(`few calls are returned (reciprocity ${f.reciprocity.toFixed(2)})`);
    if (spread >= 0.5) reasons.push(`its contacts are spread over many unrelated groups (${spread.toFixed(2)})`);
    if (f.organisation) reasons.push('a register lists it as an organisation');
    hubs.add(id);
    add(id, 'hub', Math.max(penalty, 0.4 + spread / 3), reasons);
  }

  // Money: mules collect many small payments and pass them on; financiers collect the larger sums.
  const inflow = (p: Profile) => [...p.payers.values()].reduce((a, b) => a + b.amount, 0);
  const outflow = (p: Profile) => [...p.payees.values()].reduce((a, b) => a + b.amount, 0);
  const mules = new Set<string>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id)) continue;
    const p = P.get(id)!;
    // (most of a city pays no one: the lists below are made only for those who could qualify)
    if (p.payers.size < 3) continue;
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    const payments = [...p.payers.values()].reduce((a, b) => a + b.count, 0);
    if (payers.length < 3 || payments < 6) continue;
    const mean = inflow(p) / payments;
    const passed = inflow(p) > 0 ? outflow(p) / inflow(p) : 0;
    const conf = 0.35 * clamp(payers.length / 5) + 0.35 * clamp(passed / 0.7) + 0.3 * (mean < 1000 ? 1 : 0);
    if (conf < 0.6 || p.payees.size > 3 || p.payees.size === 0) continue;
    mules.add(id);
    add(id, 'mule', conf, [
      `${payments} payments in from ${payers.length} accounts, ${mean.toFixed(0)} on average`,
      `passes on ${Math.round(passed * 100)}% of it to ${p.payees.size} account${p.payees.size === 1 ? '' : 's'}`,
    ]);
  }
  const financiers = new Set<string>();
  let biggest = 0;
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    const p = P.get(id)!;
    if (p.payers.size === 0 || hubs.has(id)) continue;
    const total = inflow(p);
    if (total > biggest) biggest = total;
  }
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id) || mules.has(id)) continue;
    const p = P.get(id)!;
    if (p.payers.size < 2) continue;
    const fromMules = [...p.payers.keys()].filter((x) => mules.has(x));
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    if (payers.length < 2 || biggest === 0) continue;
    const share = inflow(p) / biggest;
    const conf = 0.45 * clamp(fromMules.length / 2) + 0.35 * share + 0.2 * clamp(payers.length / 4);
    if (conf < 0.5) continue;
    financiers.add(id);
    const reasons = [`collects ${inflow(p).toFixed(0)} from ${payers.length} accounts`];
    if (fromMules.length) reasons.push(`${fromMules.length} of them look like mule accounts`);
    if (p.payees.size)
      reasons.push(`pays out to ${p.payees.size}: ${[...p.payees.keys()].map(label).slice(0, 4).join(', ')}`);
    add(id, 'financier', conf, reasons);
  }

  // Travel: escorts make several journeys, each with different people.
  const transporters = new Set<string>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id)) continue;
    const p = P.get(id)!;
    if (p.journeys.size < 2) continue;
    const companions = new Set([...p.journeys.values()].flatMap((s) => [...s]));
    if (companions.size < 3) continue;
    const conf = 0.5 * clamp(p.journeys.size / 3) + 0.5 * clamp(companions.size / 6);
    transporters.add(id);
    add(id, 'transporter', conf, [`${p.journeys.size} journeys with ${companions.size} different people`]);
  }

  // How many one-sided numbers (called at least twice as often as they call) each caller calls three times or more.
  const oneSidedCalls = new Map<string, number>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    const p = P.get(id)!;
    const received = p.received;
    if (received < 8 || received < 2 * p.made) continue;
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      if (receivedFrom(t) < 3) continue;
      const x = contactOf(t);
      if (!hubs.has(x)) oneSidedCalls.set(x, (oneSidedCalls.get(x) ?? 0) + 1);
    }
  }

  // Likely victims: escorted once, then called by a few; paying into collection accounts.
  const victims = new Map<string, number>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id) || notVictim.has(id)) continue;
    const p = P.get(id)!;
    const reasons: string[] = [];
    let conf = 0;
    const escorts =
      p.journeys.size >= 1 && p.journeys.size <= 2
        ? [...p.journeys.values()].flatMap((s) => [...s].filter((x) => transporters.has(x)))
        : NONE;
    if (escorts.length) {
      conf += 0.35;
      reasons.push(
        `travelled ${p.journeys.size === 1 ? 'once' : 'twice'}, with ${label(escorts[0]!)}, who escorts others`,
      );
    }
    const received = p.received;
    const made = p.made;
    // Its callers are gathered only for a number called far more than it calls (few of a city's).
    const callers: [string, number][] = received >= 8 && received >= 2 * made ? [] : NO_CALLERS;
    if (callers !== NO_CALLERS)
      for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
        const n = receivedFrom(t);
        if (n < 3) continue;
        const x = contactOf(t);
        if (!hubs.has(x)) callers.push([x, n]);
      }
    callers.sort((a, b) => b[1] - a[1]);
    // Control is a pattern of the caller too: one who calls several such one-sided numbers, not a friend.
    const controlling = callers.some(([x]) => (oneSidedCalls.get(x) ?? 0) >= 2);
    if (callers.length >= 1 && callers.length <= 3 && controlling) {
      conf += 0.3;
      reasons.push(
        `called far more than calling (${received} in, ${made} out), mostly by ${callers
          .slice(0, 2)
          .map(([x]) => label(x))
          .join(' and ')}`,
      );
    }
    const toMules = p.payees.size ? [...p.payees.keys()].filter((x) => mules.has(x)) : NONE;
    if (toMules.length) {
      conf += 0.3;
      reasons.push(
        `pays into ${toMules.map(label).join(', ')}, which collect${toMules.length === 1 ? 's' : ''} from many`,
      );
    }
    if (input.features(id).contacts <= 10 && conf > 0) {
      conf += 0.05;
      reasons.push(`few contacts (${input.features(id).contacts})`);
    }
    if (conf >= options.minConfidence) {
      victims.set(id, conf);
      add(id, 'victim', conf, reasons);
    }
  }

  // Controllers call several likely victims, regularly; recruiters contact people before they travel.
  const escortedCache = new Map<Profile, boolean>();
  /** Whether one of the entity's journeys had a transporter on it. */
  const escorted = (p: Profile) => {
    let e = escortedCache.get(p);
    if (e === undefined) {
      e = false;
      for (const companions of p.journeys.values()) for (const y of companions) if (transporters.has(y)) e = true;
      escortedCache.set(p, e);
    }
    return e;
  };
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id) || victims.has(id)) continue;
    const p = P.get(id)!;
    // Control goes on after the victim arrives; recruitment happens before the journey. The ties are read from
    // their columns here, not made into objects: this loop visits every call tie of the city from both ends.
    // (made at the first tie that counts: most of a city has none)
    let controlled: (readonly [string, number])[] | null = null;
    let recruited: (readonly [string, number])[] | null = null;
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const n = madeTo(t);
      if (n < 2) continue;
      const k = calls.link[t]!;
      const x = contactOf(t);
      const other = P.get(x)!;
      // (a victim's number that no register ties to their journey cannot be timed: count it)
      if (n >= 5 && victims.has(x) && (other.firstJourney === Infinity || links.last[k]! > other.firstJourney + DAY))
        (controlled ??= []).push([x, n]);
      // Recruitment is into an escorted journey: a friend who later flies on holiday is not recruited.
      if (
        other.journeys.size > 0 &&
        links.first[k]! < other.firstJourney &&
        !transporters.has(x) &&
        (victims.has(x) || escorted(other))
      )
        (recruited ??= []).push([x, n]);
    }
    if (controlled && controlled.length >= 2)
      add(id, 'controller', 0.4 + 0.6 * clamp(controlled.length / 4), [
        `calls ${controlled.length} likely victims regularly (${controlled.reduce((a, [, n]) => a + n, 0)} calls)`,
      ]);
    if (recruited && recruited.length >= 2 && !transporters.has(id))
      add(id, 'recruiter', 0.4 + 0.6 * clamp(recruited.length / 4), [
        `called ${recruited.length} people before their first, escorted journey (${recruited
          .slice(0, 3)
          .map(([x]) => label(x))
          .join(', ')}${recruited.length > 3 ? ', …' : ''})`,
      ]);
  }

  // Second look: someone called far more than calling, by controllers, is likely controlled too, even with no
  // travel or bank record joined to the number (a victim's phone that no register lists).
  const controllers = new Set(
    [...findings].filter(([, l]) => l.some((f) => f.role === 'controller')).map(([id]) => id),
  );
  // Numbers with few contacts that are called far more than they call, mostly by one caller: someone who
  // does that to several of them controls them, even when no journey or payment says so.
  const taken = (id: string) =>
    victims.has(id) || hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id) || notVictim.has(id);
  const dominatedBy = new Map<string, string[]>();
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (taken(id)) continue;
    const p = P.get(id)!;
    const received = p.received;
    if (received < 8 || received < 2 * p.made || input.features(id).contacts > 10) continue;
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const n = receivedFrom(t);
      if (n < 5 || n < received / 2) continue;
      const caller = contactOf(t);
      if (!hubs.has(caller)) pushTo(dominatedBy, caller, id);
    }
  }
  for (const [caller, numbers] of dominatedBy) {
    if (numbers.length < 2 || controllers.has(caller) || victims.has(caller)) continue;
    controllers.add(caller);
    add(caller, 'controller', 0.4 + 0.6 * clamp(numbers.length / 4), [
      `most of the calls that ${numbers.length} numbers with few contacts receive come from here (${numbers
        .slice(0, 3)
        .map(label)
        .join(', ')}${numbers.length > 3 ? ', …' : ''})`,
    ]);
  }
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (victims.has(id) || hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id)) continue;
    if (notVictim.has(id) || controllers.has(id)) continue;
    const p = P.get(id)!;
    const received = p.received;
    const made = p.made;
    if (received < 8 || received < 2 * made) continue;
    const by: [string, number][] = [];
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const n = receivedFrom(t);
      if (n < 5) continue;
      const x = contactOf(t);
      if (controllers.has(x)) by.push([x, n]);
    }
    if (by.length === 0) continue;
    const byCalls = by.reduce((a, [, n]) => a + n, 0);
    if (byCalls < received / 2) continue;
    const conf = 0.6 + (input.features(id).contacts <= 10 ? 0.05 : 0);
    victims.set(id, conf);
    add(id, 'victim', conf, [
      `called far more than calling (${received} in, ${made} out), ${byCalls} of those calls by ${by
        .map(([x]) => label(x))
        .join(' and ')}, who ${by.length === 1 ? 'calls' : 'call'} several likely victims`,
    ]);
  }

  // Leaders keep few, exclusive ties to the core, direct several groups and are paid by the money side.
  const eigOf = (id: string) => (hubs.has(id) || victims.has(id) ? 0 : input.eigenvector(id));
  const eig = ids.map(eigOf);
  const maxEig = maxOf(eig, 0);
  // The core: the inner circle by eigenvector, and (second pass) those already seen to lead. A co-leader may sit
  // behind a busy boss and talk to few; their ties to the leaders and lieutenants still place them.
  const leaders = new Set<string>();
  const heavyCache = new Map<string, readonly string[]>();
  const heavyOf = (x: string) => {
    let h = heavyCache.get(x);
    if (!h) heavyCache.set(x, (h = heavyTies(P.get(x)!)));
    return h;
  };
  const inCore = (x: string) => eigOf(x) / maxEig >= 0.3 || leaders.has(x);
  for (const pass of [1, 2])
    for (let at = 0; at < ids.length; at++) {
      const id = ids[at]!;
      if (hubs.has(id) || victims.has(id) || mules.has(id) || maxEig === 0 || (pass === 2 && leaders.has(id))) continue;
      const p = P.get(id)!;
      const f = input.features(id);
      const inner = input.eigenvector(id) / maxEig;
      const heavy = heavyOf(id);
      const core = heavy.length ? heavy.filter(inCore) : NONE;
      if (f.contacts === 0) continue;
      const exclusive = f.repeatedContacts / f.contacts;
      const discreet = exclusive >= 0.8 && !(findings.get(id) ?? []).some((r) => OPERATIONAL.has(r.role));
      // A leader's partner: each is the other's heaviest tie, and this one keeps only repeated contacts and does no job.
      const partner = discreet
        ? heavy.find((x) => leaders.has(x) && strongest(tiesOf(p)) === x && strongest(tiesOf(P.get(x)!)) === id)
        : undefined;
      const placed = inner >= 0.3 || core.length >= 2 || partner !== undefined;
      // Skip the two-step walk below for the many who could never qualify (most of a city).
      if (!placed && !discreet) continue;
      // Instructions across cells: through heavy ties, within two steps, the people doing the network's jobs.
      const reached = new Set<string>();
      for (const x of heavy) {
        for (const f of findings.get(x) ?? []) if (OPERATIONAL.has(f.role)) reached.add(f.role);
        for (const y of heavyOf(x))
          if (y !== id) for (const f of findings.get(y) ?? []) if (OPERATIONAL.has(f.role)) reached.add(f.role);
      }
      // In the inner circle, tied heavily to two of it (a co-leader behind a busier boss), a leader's partner, or,
      // keeping only repeated contacts and doing none of the jobs, heavily tied to those who direct them (a boss
      // behind a deputy).
      if (!placed && reached.size < 3) continue;
      const groups = new Set(heavy.map(input.community).filter((c) => c !== input.community(id)));
      const paidBy = [...p.payers.keys()].filter((x) => financiers.has(x));
      // The share of the financiers' pay-outs that reaches this entity: wages are a small share, profits a large one.
      const paidOut = [...financiers].reduce((a, x) => a + outflow(P.get(x)!), 0);
      const received = paidBy.reduce((a, x) => a + (p.payers.get(x)?.amount ?? 0), 0);
      const paidShare = paidOut > 0 ? received / paidOut : 0;
      const reasons: string[] = [];
      let conf = 0.3 * inner;
      if (exclusive >= 0.6) {
        conf += 0.2 * exclusive;
        reasons.push(`${f.repeatedContacts} of ${f.contacts} contacts are repeated, none casual`);
      }
      if (groups.size >= 1) {
        conf += 0.15 * clamp(groups.size / 2);
        reasons.push(`in heavy contact with ${groups.size + 1} groups of the network`);
      }
      // Few, exclusive contacts with the network's core: heavy ties to others of the inner circle.
      if (core.length >= 2) {
        conf += 0.25 * clamp(core.length / 2);
        reasons.push(`heavy, repeated contact with ${core.length} others of the inner circle`);
      }
      if (partner) {
        conf += 0.25;
        reasons.push(`${label(partner)}'s closest contact, and ${label(partner)} theirs`);
      }
      if (reached.size >= 2) {
        conf += 0.25 * clamp(reached.size / 3);
        const jobs = [...reached].sort().map((r) => `${r}s`);
        reasons.push(
          `directs, at most one step removed, the ${jobs.slice(0, -1).join(', ')} and ${jobs[jobs.length - 1]}`,
        );
      }
      if (paidBy.length) {
        conf += 0.3 * clamp(paidShare / 0.3);
        reasons.push(
          `receives ${Math.round(paidShare * 100)}% of what ${paidBy.map(label).join(', ')} pay${paidBy.length === 1 ? 's' : ''} out`,
        );
      }
      if (financiers.has(id)) conf -= 0.2;
      reasons.unshift(
        inner >= 0.3
          ? `at the centre of the inner circle (${Math.round(inner * 100)}% of the strongest)`
          : `works through the inner circle rather than at its centre (${Math.round(inner * 100)}% of the strongest)`,
      );
      if (conf >= 0.4) {
        add(id, 'leader', conf + 0.05, reasons);
        leaders.add(id);
      }
    }

  // Brokers bridge groups with ties that matter (at least 5 contacts each), not with one call here and there;
  // on the money layer, by the brokerage roles of Gould & Fernandez (1989) between communities.
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!;
    if (hubs.has(id) || victims.has(id)) continue;
    const p = P.get(id)!;
    // (none without payments both in and out: most of a city)
    const money =
      p.payers.size && p.payees.size
        ? moneyBrokerage(p, id, input.community, (a, b) => P.get(a)?.payees.has(b) ?? false)
        : NO_BROKERAGE;
    const across = money.gatekeeper + money.representative + money.liaison;
    const rank = input.betweennessRank(id);
    const central = rank <= Math.max(10, ids.length * 0.05);
    // The spread of ties is read only for the central and for those who pass money across: most of a city is
    // neither, and its ties need not be gathered.
    if (!central && across < 3) continue;
    const strong = new Set(
      tiesOf(p)
        .filter((t) => t.to + t.from >= 5)
        .map((t) => t.other),
    );
    const spread = participation(
      neighbours,
      id,
      communityAt,
      (other) => strong.has(other) || p.payers.has(other) || p.payees.has(other),
    );
    if (!(central && spread >= 0.4) && across < 3) continue;
    const reasons: string[] = [];
    if (central && spread >= 0.4)
      reasons.push(`bridges groups: ties spread across communities (${spread.toFixed(2)}), brokerage #${rank}`);
    if (across >= 3)
      reasons.push(
        `passes money between groups: ${(['liaison', 'gatekeeper', 'representative'] as const)
          .filter((k) => money[k])
          .map((k) => `${money[k]} as ${k}`)
          .join(', ')} (Gould–Fernandez)`,
      );
    add(id, 'broker', 0.4 + 0.4 * Math.max(spread, clamp(across / 10)) + (rank <= 5 ? 0.1 : 0), reasons);
  }

  for (const list of findings.values()) list.sort((a, b) => b.confidence - a.confidence || (a.role < b.role ? -1 : 1));
  return findings;
}
