// A city's entities cross from the worker to the page as columns, as its links do (edge-columns.ts). A hundred
// thousand entities as objects came with some thirty things each (the metrics object, a dozen boxed numbers,
// the identifiers and names with their arrays, the texts): three million things on the page's heap, every one of
// them copied by the young generation's collections while they were taken in, in pauses of up to 200 ms. As
// columns an entity's numbers are one typed array and its texts one long string per slice; the page keeps only
// the ids and labels as strings of their own, and reads the rest when asked.
import type { ViewNode } from './messages';

type Metrics = ViewNode['metrics'];

/** The numbers of an entity and of its metrics, in this order, `NUMBERS.length` per entity. */
const NODE_NUMBERS = ['firstSeen', 'lastSeen'] as const satisfies readonly (keyof ViewNode)[];
const METRIC_NUMBERS = [
  'rank',
  'score',
  'community',
  'degree',
  'strength',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'hubPenalty',
  'roleConfidence',
  'serviceLikeness',
] as const satisfies readonly (keyof Metrics)[];
const NUMBERS = NODE_NUMBERS.length + METRIC_NUMBERS.length;

/** The texts of an entity, in this order: then its identifiers, then its names. */
const TEXTS = ['why', 'roleReasons', 'dob', 'nationality'] as const;
const HAS_DOB = 1;
const HAS_NATIONALITY = 2;

/** Entities `from` to `to` (exclusive) of the worker's list, as columns. */
export interface NodeColumns {
  id: string[];
  label: string[];
  /** Kind and role, by their place in `words`. */
  kind: Uint8Array;
  role: Uint8Array;
  words: string[];
  /** `NUMBERS` numbers per entity. */
  numbers: Float64Array;
  /** Every text of the slice, one after another; text t is `text[ends[t - 1] … ends[t])` (from 0 for the first). */
  text: string;
  ends: Int32Array;
  /** Entity j's texts are `firstText[j] … firstText[j + 1]`: TEXTS, then `identifiers[j]` identifiers, then names. */
  firstText: Int32Array;
  identifiers: Int32Array;
  /** HAS_DOB and HAS_NATIONALITY: which of the optional texts the entity has. */
  has: Uint8Array;
}

export function nodeColumns(nodes: readonly ViewNode[], from: number, to: number): NodeColumns {
  const list = nodes.slice(Math.min(from, nodes.length), Math.min(to, nodes.length));
  const words: string[] = [];
  const word = (w: string) => {
    const at = words.indexOf(w);
    if (at >= 0) return at;
    if (words.length === 256) throw new Error('more than 256 kinds and roles of entity');
    return words.push(w) - 1;
  };
  const numbers = new Float64Array(list.length * NUMBERS);
  const pieces: string[] = [];
  const firstText = new Int32Array(list.length + 1);
  const identifiers = new Int32Array(list.length);
  const has = new Uint8Array(list.length);
  const kind = new Uint8Array(list.length);
  const role = new Uint8Array(list.length);
  list.forEach((n, j) => {
    kind[j] = word(n.kind);
    role[j] = word(n.metrics.role);
    let at = j * NUMBERS;
    for (const f of NODE_NUMBERS) numbers[at++] = n[f];
    for (const f of METRIC_NUMBERS) numbers[at++] = n.metrics[f];
    firstText[j] = pieces.length;
    pieces.push(n.metrics.why, n.metrics.roleReasons, n.dob ?? '', n.nationality ?? '', ...n.identifiers, ...n.names);
    identifiers[j] = n.identifiers.length;
    has[j] = (n.dob !== undefined ? HAS_DOB : 0) | (n.nationality !== undefined ? HAS_NATIONALITY : 0);
  });
  firstText[list.length] = pieces.length;
  const ends = new Int32Array(pieces.length);
  let end = 0;
  pieces.forEach((p, t) => (ends[t] = end += p.length));
  return {
    id: list.map((n) => n.id),
    label: list.map((n) => n.label),
    kind,
    role,
    words,
    numbers,
    text: pieces.join(''),
    ends,
    firstText,
    identifiers,
    has,
  };
}

/**
 * An entity that reads its fields from its slice's columns when asked; its metrics are itself (the two share no
 * field name). Its fields are getters, which a structured clone drops: entities that cross to another thread are
 * made plain first (`plainNode`).
 */
class ColumnNode implements ViewNode, Metrics {
  constructor(
    private readonly c: NodeColumns,
    private readonly at: number,
  ) {}
  get id(): string {
    return this.c.id[this.at]!;
  }
  get label(): string {
    return this.c.label[this.at]!;
  }
  get kind(): string {
    return this.c.words[this.c.kind[this.at]!]!;
  }
  get role(): string {
    return this.c.words[this.c.role[this.at]!]!;
  }
  private number(f: number): number {
    return this.c.numbers[this.at * NUMBERS + f]!;
  }
  get firstSeen(): number {
    return this.number(0);
  }
  get lastSeen(): number {
    return this.number(1);
  }
  get rank(): number {
    return this.number(2);
  }
  get score(): number {
    return this.number(3);
  }
  get community(): number {
    return this.number(4);
  }
  get degree(): number {
    return this.number(5);
  }
  get strength(): number {
    return this.number(6);
  }
  get betweenness(): number {
    return this.number(7);
  }
  get closeness(): number {
    return this.number(8);
  }
  get eigenvector(): number {
    return this.number(9);
  }
  get pagerank(): number {
    return this.number(10);
  }
  get hubPenalty(): number {
    return this.number(11);
  }
  get roleConfidence(): number {
    return this.number(12);
  }
  get serviceLikeness(): number {
    return this.number(13);
  }
  /** Text `t` of this entity's texts. */
  private text(t: number): string {
    const p = this.c.firstText[this.at]! + t;
    return this.c.text.slice(p === 0 ? 0 : this.c.ends[p - 1], this.c.ends[p]);
  }
  private texts(from: number, to: number): string[] {
    const out: string[] = [];
    for (let t = from; t < to; t++) out.push(this.text(t));
    return out;
  }
  get why(): string {
    return this.text(0);
  }
  get roleReasons(): string {
    return this.text(1);
  }
  get dob(): string | undefined {
    return this.c.has[this.at]! & HAS_DOB ? this.text(2) : undefined;
  }
  get nationality(): string | undefined {
    return this.c.has[this.at]! & HAS_NATIONALITY ? this.text(3) : undefined;
  }
  get identifiers(): string[] {
    return this.texts(TEXTS.length, TEXTS.length + this.c.identifiers[this.at]!);
  }
  get names(): string[] {
    const count = this.c.firstText[this.at + 1]! - this.c.firstText[this.at]!;
    return this.texts(TEXTS.length + this.c.identifiers[this.at]!, count);
  }
  get metrics(): Metrics {
    return this;
  }
}

/** The entities of `columns` as the view uses them. */
export function nodesFromColumns(columns: NodeColumns): ViewNode[] {
  const nodes = new Array<ViewNode>(columns.id.length);
  for (let j = 0; j < nodes.length; j++) nodes[j] = new ColumnNode(columns, j);
  return nodes;
}

/** An entity as a plain object, whose fields survive a structured clone and compare as the worker made them. */
export function plainNode(n: ViewNode): ViewNode {
  const m = n.metrics;
  return {
    id: n.id,
    kind: n.kind,
    label: n.label,
    identifiers: n.identifiers,
    names: n.names,
    ...(n.dob !== undefined ? { dob: n.dob } : {}),
    ...(n.nationality !== undefined ? { nationality: n.nationality } : {}),
    firstSeen: n.firstSeen,
    lastSeen: n.lastSeen,
    metrics: {
      rank: m.rank,
      score: m.score,
      community: m.community,
      degree: m.degree,
      strength: m.strength,
      betweenness: m.betweenness,
      closeness: m.closeness,
      eigenvector: m.eigenvector,
      pagerank: m.pagerank,
      hubPenalty: m.hubPenalty,
      why: m.why,
      role: m.role,
      roleConfidence: m.roleConfidence,
      roleReasons: m.roleReasons,
      serviceLikeness: m.serviceLikeness,
    },
  };
}
