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
import { zeros } from '../lib/typed';

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
  /**
   * What the analyses found of each entity, by its place in the links' entity order (`links.ids`): arrays rather
   * than look-ups by id, which the rules below made some millions of times in a city.
   */
  community: ArrayLike<number>;
  eigenvector: ArrayLike<number>;
  hubPenalty: ArrayLike<number>;
  features: readonly NodeFeatures[];
  /** What the roles read of the links and records alone, made ahead (see prepareRoles); made here if not. */
  prepared?: PreparedRoles;
}

/**
 * What the roles read of the links and the records alone (each entity's call ties, calls made and received,
 * payments and journeys): no centrality needed, so the pipeline makes it while the helper thread runs
 * betweenness's passes. For one startRoles.
 */
export interface PreparedRoles {
  calls: CallTies;
  profiles: Profiles;
}

export function prepareRoles(links: CaseLinks, records: Records, resolution: Resolution): PreparedRoles {
  return { calls: callTies(links), profiles: profiles(links, records, resolution) };
}

/**
 * The entities that hold a role, by their place in the links' entity order: a byte each, where a set of ids cost
 * a look-up by text for each of a city's hundred thousand entities in every rule below. `list` keeps the order
 * they were added in.
 */
class Holders {
  private readonly marks: Uint8Array;
  readonly list: number[] = [];

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    size: number,
  ) {
    this.marks = new Uint8Array(size);
  }

  add(i: number): void {
    if (this.marks[i] === 1) return;
    this.marks[i] = 1;
    this.list.push(i);
  }

  hasAt(i: number): boolean {
    return this.marks[i] === 1;
  }

  has(id: string): boolean {
    const i = this.index.get(id);
    return i !== undefined && this.marks[i] === 1;
  }
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

/** Each entity's profile, by its place in the links' entity order or by its id. */
interface Profiles {
  at: Profile[];
  /** Undefined for an id that no link, payment or journey names. */
  get(id: string): Profile | undefined;
}

function profiles(links: CaseLinks, records: Records, resolution: Resolution): Profiles {
  const make = (index: number): Profile => ({
    index,
    made: 0,
    received: 0,
    payers: NO_PAYMENTS,
    payees: NO_PAYMENTS,
    journeys: NO_JOURNEYS,
    firstJourney: Infinity,
  });
  const at = links.ids.map((_, i) => make(i));
  /** Travellers that no link names (a journey of their own): by id, outside the links' order. */
  const others = new Map<string, Profile>();
  const get = (id: string): Profile | undefined => {
    const i = links.index.get(id);
    return i === undefined ? others.get(id) : at[i];
  };
  // Calls made and received, from each call link's counts one way and the other, the links read in their order:
  // an entity's ties at a time read them scattered over the columns (0.5 s of the 1M city's roles, profiled).
  // The counts are whole numbers: the order they are added in changes no sum.
  const { forward, backward, source, target, layer } = links;
  const made = zeros(Float64Array, at.length);
  const received = zeros(Float64Array, at.length);
  for (let k = 0; k < links.size; k++) {
    if (layer[k] !== LAYER_CODE.calls) continue;
    const s = source[k]!;
    const t = target[k]!;
    made[s]! += forward[k]!;
    received[s]! += backward[k]!;
    made[t]! += backward[k]!;
    received[t]! += forward[k]!;
  }
  for (const p of at) {
    p.made = made[p.index]!;
    p.received = received[p.index]!;
  }
  for (let k = 0; k < links.size; k++) {
    if (linkLayer(links, k) !== 'money') continue;
    const source = links.ids[links.source[k]!]!;
    const target = links.ids[links.target[k]!]!;
    const amount = Object.values(links.amounts.get(k)!).reduce((a, b) => a + b, 0);
    const from = at[links.source[k]!]!;
    const to = at[links.target[k]!]!;
    if (from.payees === NO_PAYMENTS) from.payees = new Map();
    if (to.payers === NO_PAYMENTS) to.payers = new Map();
    from.payees.set(target, { count: links.count[k]!, amount });
    to.payers.set(source, { count: links.count[k]!, amount });
  }
  const entity = (identifier: string) => resolution.entityOf.get(identifier) ?? identifier;
  const getOrMake = (id: string): Profile => {
    let p = get(id);
    if (!p) others.set(id, (p = make(-1)));
    return p;
  };
  const byJourney = new Map<string, Set<string>>();
  for (const t of records.travel) {
    const key = `${t.carrier}|${t.service}|${Math.floor(t.departure / DAY)}`;
    const who = entity(t.traveller);
    let set = byJourney.get(key);
    if (!set) byJourney.set(key, (set = new Set()));
    set.add(who);
    const p = getOrMake(who);
    p.firstJourney = Math.min(p.firstJourney, t.departure);
  }
  for (const [key, people] of byJourney)
    for (const who of people) {
      const p = getOrMake(who);
      if (p.journeys === NO_JOURNEYS) p.journeys = new Map();
      p.journeys.set(key, new Set([...people].filter((x) => x !== who)));
    }
  return { at, get };
}

/** Empty lists, shared where most entities would each make their own (never added to). */
const NONE: readonly string[] = [];
const NONE_AT: readonly number[] = [];
const NO_CALLERS: [number, number][] = [];
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

/**
 * Each entity's roles, best first, by its place in the links' order (undefined: no role), where its caller reads
 * them all: a Map by id of a city's entities cost its look-ups.
 */
export type RoleFindings = (RoleFinding[] | undefined)[];

export interface StartedRoles {
  /** The brokers too, given each entity's betweenness rank (1 for the highest): every role, by place. */
  finish(betweennessRank: ArrayLike<number>): RoleFindings;
}

/**
 * The roles, started: every rule but the brokers' reads no betweenness, so runs now, while the helper thread, if
 * there is one, runs betweenness's passes (a city's half second that the main thread otherwise spent alone after
 * them); `finish` adds the brokers, who need betweenness's ranks, and gives each entity's roles.
 */
export function startRoles(input: RoleInput, options: RoleOptions = DEFAULT_ROLE_OPTIONS): StartedRoles {
  const { links, neighbours, features } = input;
  const { calls, profiles: P } = input.prepared ?? prepareRoles(links, input.records, input.resolution);
  // Entities are read by their place in the links' order (`at`, 0 … n − 1) wherever a rule visits them all or
  // every call tie; by id only where few qualify (payments, journeys, the reasons' names).
  const ids = links.ids;
  const n = ids.length;
  const indexOf = (id: string) => links.index.get(id)!;
  /** Tie t's contact (see CallTies), by its place. */
  const contactAt = (t: number) =>
    calls.outgoing[t] === 1 ? links.target[calls.link[t]!]! : links.source[calls.link[t]!]!;
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
        other: ids[contactAt(t)]!,
        to: madeTo(t),
        from: receivedFrom(t),
        first: links.first[k]!,
        last: links.last[k]!,
      });
    }
    return out;
  };
  /** Contacts with at least ten calls and messages either way, read from the ties' columns (see tiesOf). */
  const heavyTies = (p: Profile): readonly number[] => {
    let out: number[] | null = null;
    for (let t = calls.offsets[p.index]!; t < calls.offsets[p.index + 1]!; t++) {
      const k = calls.link[t]!;
      if (links.forward[k]! + links.backward[k]! >= 10) (out ??= []).push(contactAt(t));
    }
    return out ?? NONE_AT;
  };
  const holders = () => new Holders(links.index, n);
  const notHub = holders();
  const notVictim = holders();
  for (const id of options.notHub) if (links.index.has(id)) notHub.add(indexOf(id));
  for (const id of options.notVictim) if (links.index.has(id)) notVictim.add(indexOf(id));
  /** Each entity's roles, by its place; a Map by id at the end. */
  const found: RoleFindings = new Array(n);
  const add = (at: number, role: Role, confidence: number, reasons: string[]) => {
    if (confidence <= 0) return;
    (found[at] ??= []).push({ role, confidence: round2(clamp(confidence)), reasons });
  };
  const labelAt = (at: number) => links.nodes[at]!.label;
  const label = (id: string) => labelAt(indexOf(id));
  const communityOf = (id: string) => input.community[indexOf(id)]!;
  // Each neighbour's community by its number, looked up once rather than once per tie.
  const communityAt = Int32Array.from(neighbours.ids, communityOf);

  // Innocent hubs first: the other rules must not mistake a shop for a collector or a taxi for an escort.
  const hubs = holders();
  for (let at = 0; at < n; at++) {
    if (notHub.hasAt(at)) continue;
    const penalty = input.hubPenalty[at]!;
    const f = features[at]!;
    // A service is called by many: a person with a dozen contacts, some of them one-off, is not one.
    if (f.contacts < 20 && !f.organisation) continue;
    // A service is called and seldom calls back. Where ties carry no direction (meetings, generic links) that
    // cannot be told, and a well-connected member must not be spared as a "service".
    if (f.reciprocity >= 0.5 && !f.organisation) continue;
    const spread = participation(neighbours, ids[at]!, communityAt);
    const wide = spread >= 0.6 && f.reciprocity < 0.5 && f.contacts >= 30;
    if (penalty < 0.3 && !wide) continue;
    const reasons = [`${Math.round(f.oneOffShare * 100)}% of its ${f.contacts} contacts are one-off`];
    if (f.reciprocity < 0.5) reasons.push(`few calls are returned (reciprocity ${f.reciprocity.toFixed(2)})`);
    if (spread >= 0.5) reasons.push(`its contacts are spread over many unrelated groups (${spread.toFixed(2)})`);
    if (f.organisation) reasons.push('a register lists it as an organisation');
    hubs.add(at);
    add(at, 'hub', Math.max(penalty, 0.4 + spread / 3), reasons);
  }

  // Money: mules collect many small payments and pass them on; financiers collect the larger sums.
  const inflow = (p: Profile) => [...p.payers.values()].reduce((a, b) => a + b.amount, 0);
  const outflow = (p: Profile) => [...p.payees.values()].reduce((a, b) => a + b.amount, 0);
  const mules = holders();
  for (let at = 0; at < n; at++) {
    if (hubs.hasAt(at)) continue;
    const p = P.at[at]!;
    // (most of a city pays no one: the lists below are made only for those who could qualify)
    if (p.payers.size < 3) continue;
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    const payments = [...p.payers.values()].reduce((a, b) => a + b.count, 0);
    if (payers.length < 3 || payments < 6) continue;
    const mean = inflow(p) / payments;
    const passed = inflow(p) > 0 ? outflow(p) / inflow(p) : 0;
    const conf = 0.35 * clamp(payers.length / 5) + 0.35 * clamp(passed / 0.7) + 0.3 * (mean < 1000 ? 1 : 0);
    if (conf < 0.6 || p.payees.size > 3 || p.payees.size === 0) continue;
    mules.add(at);
    add(at, 'mule', conf, [
      `${payments} payments in from ${payers.length} accounts, ${mean.toFixed(0)} on average`,
      `passes on ${Math.round(passed * 100)}% of it to ${p.payees.size} account${p.payees.size === 1 ? '' : 's'}`,
    ]);
  }
  const financiers = holders();
  let biggest = 0;
  for (let at = 0; at < n; at++) {
    const p = P.at[at]!;
    if (p.payers.size === 0 || hubs.hasAt(at)) continue;
    const total = inflow(p);
    if (total > biggest) biggest = total;
  }
  for (let at = 0; at < n; at++) {
    if (hubs.hasAt(at) || mules.hasAt(at)) continue;
    const p = P.at[at]!;
    if (p.payers.size < 2) continue;
    const fromMules = [...p.payers.keys()].filter((x) => mules.has(x));
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    if (payers.length < 2 || biggest === 0) continue;
    const share = inflow(p) / biggest;
    const conf = 0.45 * clamp(fromMules.length / 2) + 0.35 * share + 0.2 * clamp(payers.length / 4);
    if (conf < 0.5) continue;
    financiers.add(at);
    const reasons = [`collects ${inflow(p).toFixed(0)} from ${payers.length} accounts`];
    if (fromMules.length) reasons.push(`${fromMules.length} of them look like mule accounts`);
    if (p.payees.size)
      reasons.push(`pays out to ${p.payees.size}: ${[...p.payees.keys()].map(label).slice(0, 4).join(', ')}`);
    add(at, 'financier', conf, reasons);
  }

  // Travel: escorts make several journeys, each with different people.
  const transporters = holders();
  for (let at = 0; at < n; at++) {
    if (hubs.hasAt(at)) continue;
    const p = P.at[at]!;
    if (p.journeys.size < 2) continue;
    const companions = new Set([...p.journeys.values()].flatMap((s) => [...s]));
    if (companions.size < 3) continue;
    const conf = 0.5 * clamp(p.journeys.size / 3) + 0.5 * clamp(companions.size / 6);
    transporters.add(at);
    add(at, 'transporter', conf, [`${p.journeys.size} journeys with ${companions.size} different people`]);
  }

  // How many one-sided numbers (called at least twice as often as they call) each caller calls three times or more.
  const oneSidedCalls = new Int32Array(n);
  for (let at = 0; at < n; at++) {
    const p = P.at[at]!;
    const received = p.received;
    if (received < 8 || received < 2 * p.made) continue;
    for (let t = calls.offsets[at]!; t < calls.offsets[at + 1]!; t++) {
      if (receivedFrom(t) < 3) continue;
      const x = contactAt(t);
      if (!hubs.hasAt(x)) oneSidedCalls[x]!++;
    }
  }

  // Likely victims: escorted once, then called by a few; paying into collection accounts.
  const victims = holders();
  for (let at = 0; at < n; at++) {
    if (hubs.hasAt(at) || mules.hasAt(at) || financiers.hasAt(at) || transporters.hasAt(at) || notVictim.hasAt(at))
      continue;
    const p = P.at[at]!;
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
    const callers: [number, number][] = received >= 8 && received >= 2 * made ? [] : NO_CALLERS;
    if (callers !== NO_CALLERS)
      for (let t = calls.offsets[at]!; t < calls.offsets[at + 1]!; t++) {
        const count = receivedFrom(t);
        if (count < 3) continue;
        const x = contactAt(t);
        if (!hubs.hasAt(x)) callers.push([x, count]);
      }
    callers.sort((a, b) => b[1] - a[1]);
    // Control is a pattern of the caller too: one who calls several such one-sided numbers, not a friend.
    const controlling = callers.some(([x]) => oneSidedCalls[x]! >= 2);
    if (callers.length >= 1 && callers.length <= 3 && controlling) {
      conf += 0.3;
      reasons.push(
        `called far more than calling (${received} in, ${made} out), mostly by ${callers
          .slice(0, 2)
          .map(([x]) => labelAt(x))
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
    if (features[at]!.contacts <= 10 && conf > 0) {
      conf += 0.05;
      reasons.push(`few contacts (${features[at]!.contacts})`);
    }
    if (conf >= options.minConfidence) {
      victims.add(at);
      add(at, 'victim', conf, reasons);
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
  for (let at = 0; at < n; at++) {
    if (hubs.hasAt(at) || victims.hasAt(at)) continue;
    // Control goes on after the victim arrives; recruitment happens before the journey. The ties are read from
    // their columns here, not made into objects: this loop visits every call tie of the city from both ends.
    // (made at the first tie that counts: most of a city has none)
    let controlled: (readonly [number, number])[] | null = null;
    let recruited: (readonly [number, number])[] | null = null;
    for (let t = calls.offsets[at]!; t < calls.offsets[at + 1]!; t++) {
      const count = madeTo(t);
      if (count < 2) continue;
      const k = calls.link[t]!;
      const x = contactAt(t);
      const other = P.at[x]!;
      // (a victim's number that no register ties to their journey cannot be timed: count it)
      if (
        count >= 5 &&
        victims.hasAt(x) &&
        (other.firstJourney === Infinity || links.last[k]! > other.firstJourney + DAY)
      )
        (controlled ??= []).push([x, count]);
      // Recruitment is into an escorted journey: a friend who later flies on holiday is not recruited.
      if (
        other.journeys.size > 0 &&
        links.first[k]! < other.firstJourney &&
        !transporters.hasAt(x) &&
        (victims.hasAt(x) || escorted(other))
      )
        (recruited ??= []).push([x, count]);
    }
    if (controlled && controlled.length >= 2)
      add(at, 'controller', 0.4 + 0.6 * clamp(controlled.length / 4), [
        `calls ${controlled.length} likely victims regularly (${controlled.reduce((a, [, c]) => a + c, 0)} calls)`,
      ]);
    if (recruited && recruited.length >= 2 && !transporters.hasAt(at))
      add(at, 'recruiter', 0.4 + 0.6 * clamp(recruited.length / 4), [
        `called ${recruited.length} people before their first, escorted journey (${recruited
          .slice(0, 3)
          .map(([x]) => labelAt(x))
          .join(', ')}${recruited.length > 3 ? ', …' : ''})`,
      ]);
  }

  // Second look: someone called far more than calling, by controllers, is likely controlled too, even with no
  // travel or bank record joined to the number (a victim's phone that no register lists).
  const controllers = holders();
  for (let at = 0; at < n; at++) if (found[at]?.some((f) => f.role === 'controller')) controllers.add(at);
  // Numbers with few contacts that are called far more than they call, mostly by one caller: someone who
  // does that to several of them controls them, even when no journey or payment says so.
  const taken = (at: number) =>
    victims.hasAt(at) ||
    hubs.hasAt(at) ||
    mules.hasAt(at) ||
    financiers.hasAt(at) ||
    transporters.hasAt(at) ||
    notVictim.hasAt(at);
  const dominatedBy = new Map<number, number[]>();
  for (let at = 0; at < n; at++) {
    if (taken(at)) continue;
    const p = P.at[at]!;
    const received = p.received;
    if (received < 8 || received < 2 * p.made || features[at]!.contacts > 10) continue;
    for (let t = calls.offsets[at]!; t < calls.offsets[at + 1]!; t++) {
      const count = receivedFrom(t);
      if (count < 5 || count < received / 2) continue;
      const caller = contactAt(t);
      if (!hubs.hasAt(caller)) pushTo(dominatedBy, caller, at);
    }
  }
  for (const [caller, numbers] of dominatedBy) {
    if (numbers.length < 2 || controllers.hasAt(caller) || victims.hasAt(caller)) continue;
    controllers.add(caller);
    add(caller, 'controller', 0.4 + 0.6 * clamp(numbers.length / 4), [
      `most of the calls that ${numbers.length} numbers with few contacts receive come from here (${numbers
        .slice(0, 3)
        .map(labelAt)
        .join(', ')}${numbers.length > 3 ? ', …' : ''})`,
    ]);
  }
  for (let at = 0; at < n; at++) {
    if (taken(at) || controllers.hasAt(at)) continue;
    const p = P.at[at]!;
    const received = p.received;
    const made = p.made;
    if (received < 8 || received < 2 * made) continue;
    const by: [number, number][] = [];
    for (let t = calls.offsets[at]!; t < calls.offsets[at + 1]!; t++) {
      const count = receivedFrom(t);
      if (count < 5) continue;
      const x = contactAt(t);
      if (controllers.hasAt(x)) by.push([x, count]);
    }
    if (by.length === 0) continue;
    const byCalls = by.reduce((a, [, c]) => a + c, 0);
    if (byCalls < received / 2) continue;
    const conf = 0.6 + (features[at]!.contacts <= 10 ? 0.05 : 0);
    victims.add(at);
    add(at, 'victim', conf, [
      `called far more than calling (${received} in, ${made} out), ${byCalls} of those calls by ${by
        .map(([x]) => labelAt(x))
        .join(' and ')}, who ${by.length === 1 ? 'calls' : 'call'} several likely victims`,
    ]);
  }

  // Leaders keep few, exclusive ties to the core, direct several groups and are paid by the money side.
  const eigAt = (at: number) => (hubs.hasAt(at) || victims.hasAt(at) ? 0 : input.eigenvector[at]!);
  let maxEig = 0;
  for (let at = 0; at < n; at++) if (eigAt(at) > maxEig) maxEig = eigAt(at);
  // The core: the inner circle by eigenvector, and (second pass) those already seen to lead. A co-leader may sit
  // behind a busy boss and talk to few; their ties to the leaders and lieutenants still place them.
  const leaders = holders();
  const heavyCache: (readonly number[] | undefined)[] = new Array(n);
  const heavyOf = (x: number) => (heavyCache[x] ??= heavyTies(P.at[x]!));
  const inCore = (x: number) => eigAt(x) / maxEig >= 0.3 || leaders.hasAt(x);
  const paidOut = () => financiers.list.reduce((a, x) => a + outflow(P.at[x]!), 0);
  for (const pass of [1, 2])
    for (let at = 0; at < n; at++) {
      if (hubs.hasAt(at) || victims.hasAt(at) || mules.hasAt(at) || maxEig === 0 || (pass === 2 && leaders.hasAt(at)))
        continue;
      const id = ids[at]!;
      const p = P.at[at]!;
      const f = features[at]!;
      const inner = input.eigenvector[at]! / maxEig;
      const heavy = heavyOf(at);
      const core = heavy.length ? heavy.filter(inCore) : NONE_AT;
      if (f.contacts === 0) continue;
      const exclusive = f.repeatedContacts / f.contacts;
      const discreet = exclusive >= 0.8 && !(found[at] ?? []).some((r) => OPERATIONAL.has(r.role));
      // A leader's partner: each is the other's heaviest tie, and this one keeps only repeated contacts and does no job.
      const partner = discreet
        ? heavy.find((x) => leaders.hasAt(x) && strongest(tiesOf(p)) === ids[x] && strongest(tiesOf(P.at[x]!)) === id)
        : undefined;
      const placed = inner >= 0.3 || core.length >= 2 || partner !== undefined;
      // Skip the two-step walk below for the many who could never qualify (most of a city).
      if (!placed && !discreet) continue;
      // Instructions across cells: through heavy ties, within two steps, the people doing the network's jobs.
      const reached = new Set<string>();
      for (const x of heavy) {
        for (const r of found[x] ?? []) if (OPERATIONAL.has(r.role)) reached.add(r.role);
        for (const y of heavyOf(x))
          if (y !== at) for (const r of found[y] ?? []) if (OPERATIONAL.has(r.role)) reached.add(r.role);
      }
      // In the inner circle, tied heavily to two of it (a co-leader behind a busier boss), a leader's partner, or,
      // keeping only repeated contacts and doing none of the jobs, heavily tied to those who direct them (a boss
      // behind a deputy).
      if (!placed && reached.size < 3) continue;
      const groups = new Set(heavy.map((x) => input.community[x]!).filter((c) => c !== input.community[at]));
      const paidBy = [...p.payers.keys()].filter((x) => financiers.has(x));
      // The share of the financiers' pay-outs that reaches this entity: wages are a small share, profits a large one.
      const out = paidOut();
      const received = paidBy.reduce((a, x) => a + (p.payers.get(x)?.amount ?? 0), 0);
      const paidShare = out > 0 ? received / out : 0;
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
      if (partner !== undefined) {
        conf += 0.25;
        reasons.push(`${labelAt(partner)}'s closest contact, and ${labelAt(partner)} theirs`);
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
      if (financiers.hasAt(at)) conf -= 0.2;
      reasons.unshift(
        inner >= 0.3
          ? `at the centre of the inner circle (${Math.round(inner * 100)}% of the strongest)`
          : `works through the inner circle rather than at its centre (${Math.round(inner * 100)}% of the strongest)`,
      );
      if (conf >= 0.4) {
        add(at, 'leader', conf + 0.05, reasons);
        leaders.add(at);
      }
    }

  return {
    finish(betweennessRank) {
      // Brokers bridge groups with ties that matter (at least 5 contacts each), not with one call here and there;
      // on the money layer, by the brokerage roles of Gould & Fernandez (1989) between communities.
      for (let at = 0; at < n; at++) {
        if (hubs.hasAt(at) || victims.hasAt(at)) continue;
        const id = ids[at]!;
        const p = P.at[at]!;
        // (none without payments both in and out: most of a city)
        const money =
          p.payers.size && p.payees.size
            ? moneyBrokerage(p, id, communityOf, (a, b) => P.get(a)?.payees.has(b) ?? false)
            : NO_BROKERAGE;
        const across = money.gatekeeper + money.representative + money.liaison;
        const rank = betweennessRank[at]!;
        const central = rank <= Math.max(10, n * 0.05);
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
        add(at, 'broker', 0.4 + 0.4 * Math.max(spread, clamp(across / 10)) + (rank <= 5 ? 0.1 : 0), reasons);
      }

      for (let at = 0; at < n; at++)
        found[at]?.sort((a, b) => b.confidence - a.confidence || (a.role < b.role ? -1 : 1));
      return found;
    },
  };
}
