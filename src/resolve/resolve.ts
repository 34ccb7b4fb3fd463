// Entity resolution: identifiers (phones, handsets, accounts, documents, names) -> people and organisations.
// Rules: `kyc` (a register row ties its identifiers together), `imei` (SIMs used in one handset are one user),
// `document` (a travel document gathers the names written on it), `name` (a name-only traveller, or a document
// holder, joins the one register subject with the same name). Each link records its rule and rows, and can be undone.
import { appError } from '../lib/errors';
import type { Entity, EntityKind, Merge, Records, ResolutionRule, SourceRow } from '../model/types';
import { identifierValue, RESOLUTION_RULES } from '../model/types';
import { UnionFind } from './union-find';
import { NumberTable } from '../lib/number-table';
import type { CallTable } from '../model/call-table';
import { describeTakeover, findTakeovers, startTakeovers, type StartedTakeovers } from './sim-takeover';

export interface ResolveOptions {
  rules: ResolutionRule[];
  /** Merge ids to undo (as listed in merges.csv). */
  exclude: string[];
}

export const DEFAULT_RESOLVE_OPTIONS: ResolveOptions = { rules: [...RESOLUTION_RULES], exclude: [] };

/** Rows kept per link: enough to show the evidence, not every call of a year. */
export const MAX_SOURCES_PER_MERGE = 20;

export interface Resolution {
  /** By id, in no particular order. */
  entities: Map<string, Entity>;
  /** identifier -> entity id, for every identifier seen. */
  entityOf: EntityLookup;
  merges: Merge[];
  /** The two ends of every call as numbers, so that later steps need not look each up by its text. */
  callEnds: CallEnds;
}

/**
 * Call k ran from identifier `identifiers[caller[k]]` to `identifiers[callee[k]]`. A city has millions of calls
 * and each step that reads them (SIM take-overs, the links, the patterns) would otherwise look both ends up in
 * a map of a hundred thousand identifiers. The call table numbers them as it reads them, and resolution numbers
 * the calls' identifiers first and in the same order, so the ends are the table's columns.
 */
export interface CallEnds {
  identifiers: readonly string[];
  caller: Int32Array;
  callee: Int32Array;
}

/** An identifier's entity id; undefined for an identifier the case never named. */
export interface EntityLookup {
  get(identifier: string): string | undefined;
  /** The entity of the identifier numbered `i` in the resolution's `callEnds.identifiers`. */
  ofNumber(i: number): string;
  /**
   * The entity of the identifier that the run numbers `wide` (a record's `fromNumber`, say: see TransferRecord),
   * found without its text; undefined for one the case never named, or for `wide` < 0.
   */
  ofWide(wide: number): string | undefined;
  /**
   * The entities by number: the identifier numbered i in `callEnds.identifiers` is of entity `groupOf[i]`, whose id
   * is `entityIds[groupOf[i]]` (numbered in the order of their first identifiers).
   */
  readonly groupOf: Int32Array;
  readonly entityIds: readonly string[];
  /** The entity of each group (`entities.get(entityIds[g])`), read by its number. */
  readonly groupEntities: readonly Entity[];
  /** The group of an identifier, by its text: -1 for one the case never named. */
  groupOfIdentifier(identifier: string): number;
  /** The group of the identifier the run numbers `wide` (see ofWide): -1 for one the case never named. */
  groupOfWide(wide: number): number;
}

/**
 * The entities of the identifiers, read through resolution's own numbering and groups: a city has 400,000
 * identifiers, and a map of them all, made afresh, was the costliest line of resolution.
 */
class EntityIndex implements EntityLookup {
  constructor(
    private readonly uf: UnionFind,
    /** Each identifier's group, by its number (see UnionFind.numberGroups: no union follows). */
    readonly groupOf: Int32Array,
    /** The entity id of each group. */
    readonly entityIds: readonly string[],
    readonly groupEntities: readonly Entity[],
  ) {}

  get(identifier: string): string | undefined {
    const g = this.groupOfIdentifier(identifier);
    return g < 0 ? undefined : this.entityIds[g];
  }

  groupOfIdentifier(identifier: string): number {
    const n = this.uf.numberOf(identifier);
    return n < 0 ? -1 : this.groupOf[n]!;
  }

  groupOfWide(wide: number): number {
    const n = this.uf.numberOfWide(wide);
    return n < 0 ? -1 : this.groupOf[n]!;
  }

  ofNumber(i: number): string {
    return this.entityIds[this.groupOf[i]!]!;
  }

  ofWide(wide: number): string | undefined {
    const g = this.groupOfWide(wide);
    return g < 0 ? undefined : this.entityIds[g];
  }
}

/** Which identifier of a group names its entity: the first kind here, then the first in order. */
const PRIORITY = ['ref:', 'doc:', 'tel:', 'acct:', 'name:', 'imei:', 'node:'];

/** An identifier's place in PRIORITY (9 for another kind), read without cutting its kind out of it. */
function priorityOf(id: string): number {
  const colon = id.indexOf(':');
  for (let p = 0; p < PRIORITY.length; p++)
    if (PRIORITY[p]!.length === colon + 1 && id.startsWith(PRIORITY[p]!)) return p;
  return 9;
}

function compareIdentifiers(a: string, b: string): number {
  return priorityOf(a) - priorityOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Where the identifier that names a register row's subject is (the first by compareIdentifiers), with no copy
 * sorted.
 */
function anchorAt(identifiers: readonly string[]): number {
  let at = 0;
  for (let k = 1; k < identifiers.length; k++) if (compareIdentifiers(identifiers[k]!, identifiers[at]!) < 0) at = k;
  return at;
}

/** A link being gathered; `next` is another link between the same two identifiers (by another rule or id). */
interface Gathering extends Merge {
  rowCount: number;
  next?: Gathering;
}

/** Identifier numbers below this pair into one whole number (see MergeLog.add). */
const PAIR_BASE = 2 ** 26;

export class MergeLog {
  /**
   * The links being gathered, by their two ends' identifier numbers as one whole number: a register of 60,000
   * rows links 120,000 pairs, and a key made of the rule's id and both ends' text, in a Map, was a tenth of
   * resolution at 1M rows. (The text keys stay for a case of more than 2^26 identifiers.)
   */
  private readonly byPair = new NumberTable<Gathering>();
  private readonly byText = new Map<string, Gathering>();
  private readonly gathered: Gathering[] = [];

  /**
   * One row of a link between identifiers a and b, numbered na and nb; a link's rows are gathered by its rule's
   * id and its two ends, the first few kept.
   */
  add(
    id: string,
    rule: ResolutionRule,
    a: string,
    b: string,
    na: number,
    nb: number,
    source: SourceRow,
    reason: string,
  ): void {
    if (na === nb) return;
    const lo = Math.min(na, nb);
    const hi = Math.max(na, nb);
    const numbered = hi < PAIR_BASE;
    const key = lo * PAIR_BASE + hi;
    const text = numbered ? '' : `${lo},${hi}`;
    const first = numbered ? this.byPair.get(key) : this.byText.get(text);
    let m = first;
    while (m && m.id !== id) m = m.next;
    if (!m) {
      const [x, y] = a < b ? [a, b] : [b, a];
      m = { id, rule, a: x, b: y, sources: [], reason, rowCount: 0, next: first };
      if (numbered) this.byPair.set(key, m);
      else this.byText.set(text, m);
    }
    m.rowCount++;
    if (m.sources.length < MAX_SOURCES_PER_MERGE) m.sources.push(source);
  }

  /**
   * A link whose rows are gathered already (a handset and a SIM, by handsetUses): `rows` rows, of which `sources`
   * are the first, in the order read. No other row adds to it, so it is kept as it is, without the key and the
   * map entry that gather the others' rows (one for each handset and SIM of a case whose calls name handsets).
   */
  addGathered(
    id: string,
    rule: ResolutionRule,
    a: string,
    b: string,
    sources: SourceRow[],
    rows: number,
    reason: string,
  ): void {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    const kept = sources.length > MAX_SOURCES_PER_MERGE ? sources.slice(0, MAX_SOURCES_PER_MERGE) : sources;
    this.gathered.push({ id, rule, a: x, b: y, sources: kept, reason, rowCount: rows });
  }

  list(): Merge[] {
    const all: Gathering[] = [];
    const each = (first: Gathering) => {
      for (let m: Gathering | undefined = first; m; m = m.next) all.push(m);
    };
    this.byPair.forEach(each);
    this.byText.forEach(each);
    return [...all, ...this.gathered]
      .map((m): Merge => ({
        id: m.id,
        rule: m.rule,
        a: m.a,
        b: m.b,
        sources: m.sources,
        reason:
          m.rowCount > m.sources.length ? `${m.reason} (${m.rowCount} rows; first ${m.sources.length} kept)` : m.reason,
      }))
      .sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1));
  }
}

interface NameInfo {
  names: Map<string, number>;
  dob?: string;
  nationality?: string;
  organisation: boolean;
  kyc: boolean;
}

/**
 * `onGroups`: called once the groups are final, before their entities are made (a tenth of a million of them in
 * a city): with each identifier's group by its number (the resolution's `entityOf.groupOf`) and how many groups
 * there are. The pipeline starts the calls' links there, on the helper thread (see startCallLinks).
 */
export function resolveEntities(
  records: Records,
  options: ResolveOptions = DEFAULT_RESOLVE_OPTIONS,
  onGroups?: (groupOf: Int32Array, groups: number) => void,
): Resolution {
  for (const rule of options.rules) {
    if (!(RESOLUTION_RULES as readonly string[]).includes(rule)) {
      throw appError('resolve', `unknown rule "${rule}"; expected one of ${RESOLUTION_RULES.join(', ')}`);
    }
  }
  const on = new Set(options.rules);
  const excluded = new Set(options.exclude);
  const log = new MergeLog();
  // The calls' identifiers are numbered first, in the table's order, so that an identifier's number in the table
  // is its number here too: the calls' ends need no look-up at all (see CallEnds).
  const calls = records.calls;
  const uf = new UnionFind(calls);
  // What the records say of an identifier, by its number: each identifier is looked up by its text once a row.
  const info: (NameInfo | undefined)[] = [];
  const infoOf = (n: number): NameInfo => (info[n] ??= { names: new Map(), organisation: false, kyc: false });
  const addName = (n: number, name: string | undefined) => {
    if (!name) return;
    const names = infoOf(n).names;
    names.set(name, (names.get(name) ?? 0) + 1);
  };
  /** A link between identifiers a and b, numbered na and nb already (see UnionFind.add). */
  const linkNumbered = (
    id: string,
    rule: ResolutionRule,
    a: string,
    b: string,
    na: number,
    nb: number,
    source: SourceRow,
    reason: string,
  ) => {
    if (!on.has(rule) || excluded.has(id)) return;
    log.add(id, rule, a, b, na, nb, { file: source.file, row: source.row }, reason);
    uf.unionNumbers(na, nb);
  };
  const link = (id: string, rule: ResolutionRule, a: string, b: string, source: SourceRow, reason: string) => {
    const na = uf.add(a);
    linkNumbered(id, rule, a, b, na, uf.add(b), source, reason);
  };

  linkHandsets(calls, uf, log, on.has('imei'), excluded);
  // The swap rule's takeovers, started on the helper thread on the handsets' groups (see startTakeovers).
  const early = on.has('swap') ? startTakeovers(calls, uf) : undefined;
  for (const t of records.transfers) {
    const from = uf.addWide(t.fromNumber, t.from);
    const to = uf.addWide(t.toNumber, t.to);
    addName(from, t.fromName);
    addName(to, t.toName);
  }
  for (const e of records.edges) {
    uf.add(e.source);
    uf.add(e.target);
  }
  const kycNames = new Map<string, Set<string>>();
  for (const s of records.subscribers) {
    const at = anchorAt(s.identifiers);
    const anchor = s.identifiers[at]!;
    const id = `kyc:${identifierValue(anchor)}`;
    // Each identifier looked up once, the anchor once a row: a register of 60,000 rows names 200,000.
    let na = -1;
    for (let k = 0; k < s.identifiers.length; k++) {
      const other = s.identifiers[k]!;
      const no = uf.addWide(s.numbers[k]!, other);
      if (other === anchor) {
        na = no;
        continue;
      }
      if (na < 0) na = uf.addWide(s.numbers[at]!, anchor);
      linkNumbered(
        id,
        'kyc',
        anchor,
        other,
        na,
        no,
        s,
        `register row lists ${identifierValue(other)} for ${s.name ?? identifierValue(anchor)}`,
      );
    }
    const i = infoOf(na);
    i.kyc = true;
    if (s.entityType === 'organisation') i.organisation = true;
    if (s.dob) i.dob ??= s.dob;
    addName(na, s.name);
    if (s.nameKey) {
      let set = kycNames.get(s.nameKey);
      if (!set) kycNames.set(s.nameKey, (set = new Set()));
      set.add(anchor);
    }
  }
  const docNames = new Map<string, Set<string>>();
  const firstDocRow = new Map<string, SourceRow>();
  const nameOnly: { id: string; key: string; dob?: string; row: SourceRow }[] = [];
  for (const t of records.travel) {
    const traveller = uf.add(t.traveller);
    addName(traveller, t.name);
    const i = infoOf(traveller);
    if (t.dob) i.dob ??= t.dob;
    if (t.nationality) i.nationality ??= t.nationality;
    if (t.document) {
      // The document rule: every name written against one document number belongs to its holder.
      linkNumbered(
        `document:${identifierValue(t.document)}`,
        'document',
        t.document,
        t.traveller,
        uf.addWide(t.documentNumber, t.document),
        traveller,
        t,
        `"${t.name}" travelled on document ${identifierValue(t.document)}`,
      );
      let set = docNames.get(t.nameKey);
      if (!set) docNames.set(t.nameKey, (set = new Set()));
      set.add(t.document);
      if (!firstDocRow.has(t.document)) firstDocRow.set(t.document, t);
    } else nameOnly.push({ id: t.traveller, key: t.nameKey, dob: t.dob, row: t });
  }

  // The name rule: only a unique, unambiguous match joins, and dates of birth must not disagree.
  const dobOf = (id: string) => info[uf.numberOf(id)]?.dob;
  const unique = (set: Set<string> | undefined): string | null => {
    if (!set) return null;
    const roots = new Set([...set].map((x) => uf.find(x)));
    return roots.size === 1 ? [...set].sort()[0]! : null;
  };
  if (on.has('name')) {
    for (const [key, docs] of docNames) {
      if (!key.includes(' ')) continue;
      const doc = unique(docs);
      const kyc = unique(kycNames.get(key));
      if (doc && kyc && !(dobOf(doc) && dobOf(kyc) && dobOf(doc) !== dobOf(kyc))) {
        link(
          `name:${key}`,
          'name',
          kyc,
          doc,
          firstDocRow.get(doc)!,
          `the only register subject named "${key}" matches the holder of ${identifierValue(doc)}`,
        );
      }
    }
    for (const n of nameOnly) {
      if (!n.key.includes(' ')) continue;
      const candidates = new Set<string>([...(docNames.get(n.key) ?? []), ...(kycNames.get(n.key) ?? [])]);
      const target = unique(candidates);
      if (target && !(n.dob && dobOf(target) && n.dob !== dobOf(target))) {
        link(
          `name:${n.key}`,
          'name',
          target,
          n.id,
          n.row,
          `the traveller "${n.key}" has no document; one known subject has that name`,
        );
      }
    }
  }

  const callEnds: CallEnds = {
    identifiers: uf.keyList(),
    caller: calls.caller.subarray(0, calls.length),
    callee: calls.callee.subarray(0, calls.length),
  };
  if (on.has('swap')) linkSimSwaps(records, callEnds, uf, link, early);

  const entities = new Map<string, Entity>();
  const idOfGroup: string[] = [];
  const entityOfNumber: Entity[] = [];
  const { roots, start, members, groupOf } = uf.numberGroups();
  onGroups?.(groupOf, roots.length);
  const keys = uf.keyList();
  for (let g = 0; g < roots.length; g++) {
    const entity = entityOfGroup(members.subarray(start[g], start[g + 1]), keys, info);
    idOfGroup.push(entity.id);
    entityOfNumber.push(entity);
    entities.set(entity.id, entity);
  }
  return {
    entities,
    entityOf: new EntityIndex(uf, groupOf, idOfGroup, entityOfNumber),
    merges: log.list(),
    callEnds,
  };
}

/**
 * A group's members (numbers among `keys`) in compareIdentifiers' order, each key's priority read once: a register
 * row's group of three or four, sorted with the comparison, read each priority again at every comparison (a tenth
 * of resolution at 1M rows). Small groups by insertion, the rest by the engine's sort.
 */
function ordered(members: Int32Array, keys: readonly string[]): number[] {
  const n = members.length;
  const order: number[] = [];
  const rank: number[] = [];
  if (n > 16) {
    const byMember = new Map<number, number>();
    for (const m of members) byMember.set(m, priorityOf(keys[m]!));
    return Array.from(members).sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      return byMember.get(a)! - byMember.get(b)! || (ka < kb ? -1 : ka > kb ? 1 : 0);
    });
  }
  for (let k = 0; k < n; k++) {
    const m = members[k]!;
    const p = priorityOf(keys[m]!);
    const key = keys[m]!;
    let at = order.length;
    while (at > 0 && (rank[at - 1]! > p || (rank[at - 1] === p && keys[order[at - 1]!]! > key))) at--;
    order.splice(at, 0, m);
    rank.splice(at, 0, p);
  }
  return order;
}

/**
 * The entity of a group of identifiers (`members`, their numbers among `keys`), named and described by what the
 * records say of them (`info`, by number).
 */
function entityOfGroup(members: Int32Array, keys: readonly string[], info: readonly (NameInfo | undefined)[]): Entity {
  // (sorts only what has two or more to order: most of a city's groups are one identifier, with one name or none)
  const order = members.length > 1 ? ordered(members, keys) : [members[0]!];
  const ids = order.map((n) => keys[n]!);
  // Handsets and bare name keys identify an entity only through what they link; they are not nodes alone.
  const primary = ids.find((i) => !i.startsWith('imei:')) ?? ids[0]!;
  // The names of the group: one identifier's own counts where only one has names (most groups), else their sum.
  let names: Map<string, number> | undefined;
  let summed = false;
  let organisation = false;
  let person = false;
  let dob: string | undefined;
  let nationality: string | undefined;
  let kycName: string | undefined;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const i = info[order[k]!];
    if (id.startsWith('ref:') || id.startsWith('doc:') || id.startsWith('name:')) person = true;
    if (!i) continue;
    if (i.organisation) organisation = true;
    if (i.kyc) person = true;
    dob ??= i.dob;
    nationality ??= i.nationality;
    if (i.names.size === 0) continue;
    if (i.kyc && !kycName) kycName = i.names.keys().next().value;
    if (!names) names = i.names;
    else {
      if (!summed) {
        names = new Map(names);
        summed = true;
      }
      for (const [name, n] of i.names) names.set(name, (names.get(name) ?? 0) + n);
    }
  }
  let mostUsed: string | undefined;
  if (names?.size === 1) mostUsed = names.keys().next().value;
  else if (names && names.size > 1)
    mostUsed = [...names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const kind: EntityKind = organisation ? 'organisation' : person || ids.length > 1 ? 'person' : 'identifier';
  const entity: Entity = {
    id: primary,
    kind,
    label: kycName ?? mostUsed ?? identifierValue(primary),
    identifiers: ids,
    names: !names ? [] : names.size > 1 ? [...names.keys()].sort() : [...names.keys()],
  };
  if (dob) entity.dob = dob;
  if (nationality) entity.nationality = nationality;
  return entity;
}

/**
 * The handset rule: the SIMs a handset was used with are one user. A city's million calls name a few hundred
 * thousand (handset, caller) pairs; each pair's rows are gathered by the two numbers, and its merge, with its text,
 * is made once. Pairs are joined in the order of their first call, as the calls would join them one by one.
 */
function linkHandsets(calls: CallTable, uf: UnionFind, log: MergeLog, on: boolean, excluded: Set<string>): void {
  if (!on) return;
  const { identifiers } = calls;
  const uses = calls.handsetUses(MAX_SOURCES_PER_MERGE);
  for (let p = 0; p < uses.handset.length; p++) {
    const imei = identifiers[uses.handset[p]!]!;
    const id = `imei:${identifierValue(imei)}`;
    if (excluded.has(id)) continue;
    const phone = identifiers[uses.sim[p]!]!;
    const reason = `${identifierValue(phone)} was used in handset ${identifierValue(imei)}`;
    log.addGathered(id, 'imei', imei, phone, uses.rows[p]!, uses.calls[p]!, reason);
    uf.unionNumbers(uses.handset[p]!, uses.sim[p]!);
  }
}

/** The swap rule (see sim-takeover.ts), on the groups the other rules have formed. */
function linkSimSwaps(
  records: Records,
  ends: CallEnds,
  uf: UnionFind,
  link: (id: string, rule: ResolutionRule, a: string, b: string, source: SourceRow, reason: string) => void,
  early?: StartedTakeovers,
): void {
  // The groups found so far, by number, each named by its first identifier (no unions happen while the contacts
  // are counted): a map from each root to its name was a look-up per identifier.
  const { start, members, groupOf } = uf.numberGroups();
  const names: string[] = [];
  for (let g = 0; g + 1 < start.length; g++) names.push(ends.identifiers[members[start[g]!]!]!);
  // Those started on the handsets' groups, where the other rules joined none of the calls' numbers to another.
  const takeovers = early?.on(groupOf, names) ?? findTakeovers(records.calls, ends, { groupOf, names });
  for (const t of takeovers) {
    if (uf.find(t.oldId) === uf.find(t.newId)) continue;
    link(
      `swap:${identifierValue(t.newId)}`,
      'swap',
      t.oldId,
      t.newId,
      t.firstRow,
      describeTakeover(t, identifierValue),
    );
  }
}
