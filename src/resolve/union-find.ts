// Disjoint sets over string keys, with path halving and union by size.
import { IdentifierNumbers } from '../model/call-table';

/** Keys already numbered 0 … keys.length − 1 elsewhere, and how to find one's number (-1: not among them). */
export interface NumberedKeys {
  readonly identifiers: readonly string[];
  numberOf(key: string): number;
}

export class UnionFind {
  /** The keys, numbered in the order they were added (the seed's first). */
  private readonly keys: string[];
  /** The keys added beyond the seed's, numbered from the seed's length. */
  private readonly more = new IdentifierNumbers();
  private readonly base: number;
  private readonly parent: number[];
  private readonly size: number[];

  /**
   * `seed`: keys that start the numbering, in their own order, found through their own look-up. A city's call
   * table has numbered 400,000 identifiers as it read them; numbering them again here was a map of them all.
   */
  constructor(private readonly seed?: NumberedKeys) {
    const n = seed ? seed.identifiers.length : 0;
    this.base = n;
    this.keys = seed ? seed.identifiers.slice() : [];
    this.parent = new Array<number>(n);
    this.size = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
    }
  }

  add(key: string): number {
    if (this.seed) {
      const s = this.seed.numberOf(key);
      if (s >= 0) return s;
    }
    const i = this.base + this.more.number(key);
    if (i === this.parent.length) {
      this.keys.push(key);
      this.parent.push(i);
      this.size.push(1);
    }
    return i;
  }

  /** The key's number, or -1 when it was never added. */
  numberOf(key: string): number {
    const s = this.seed ? this.seed.numberOf(key) : -1;
    if (s >= 0) return s;
    const m = this.more.get(key);
    return m < 0 ? -1 : this.base + m;
  }

  /** The keys, in the order they were added: key i is `keys()[i]`. */
  keyList(): readonly string[] {
    return this.keys;
  }

  find(key: string): number {
    return this.root(this.add(key));
  }

  /** The root of key number i. */
  root(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  union(a: string, b: string): boolean {
    return this.unionNumbers(this.add(a), this.add(b));
  }

  /** `union` of the keys numbered a and b. */
  unionNumbers(a: number, b: number): boolean {
    let ra = this.root(a);
    let rb = this.root(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }

  /** Groups of keys, each sorted, in order of their first key. */
  groups(): string[][] {
    // By key number, not by key: no key is looked up again.
    const byRoot: (string[] | undefined)[] = new Array(this.keys.length);
    const groups: string[][] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const root = this.root(i);
      let g = byRoot[root];
      if (!g) groups.push((g = byRoot[root] = []));
      g.push(this.keys[i]!);
    }
    // (a sort allocates even for a group of one, and most of a city's groups are one identifier)
    for (const g of groups) if (g.length > 1) g.sort();
    return groups.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  }
}
