// Disjoint sets over string keys, with path halving and union by size.
import { resized, zeros } from '../lib/typed';

/** Keys already numbered 0 … keys.length − 1 elsewhere, and how to find one's number (-1: not among them). */
export interface NumberedKeys {
  readonly identifiers: readonly string[];
  numberOf(key: string): number;
  /**
   * Optional, both or neither: a wider numbering that holds these keys and others (a run's identifiers, of which
   * the calls name some). `wideNumberOf` gives a key's number there (-1: not there), `numberOfWide` a wide number's
   * number here (-1: not one of these keys). With them, a key beyond these is found by its wide number, not in
   * a map of its own: one look-up of its text, not two.
   */
  wideNumberOf?(key: string): number;
  numberOfWide?(wide: number): number;
}

/** Groups of key numbers (see UnionFind.numberGroups). */
export interface NumberGroups {
  roots: Int32Array;
  start: Int32Array;
  members: Int32Array;
  /** Each key's group, by the key's number. */
  groupOf: Int32Array;
}

export class UnionFind {
  /** The keys, numbered in the order they were added (the seed's first). */
  private readonly keys: string[];
  /** The keys added beyond the seed's (see NumberedKeys): their numbers here + 1, by wide number (0: none yet). */
  private byWide = zeros(Int32Array, 0);
  /** The other keys added beyond the seed's, and their numbers. */
  private readonly more = new Map<string, number>();
  private readonly parent: number[];
  private readonly size: number[];

  /**
   * `seed`: keys that start the numbering, in their own order, found through their own look-up. A city's call
   * table has numbered 400,000 identifiers as it read them; numbering them again here was a map of them all.
   */
  constructor(private readonly seed?: NumberedKeys) {
    const n = seed ? seed.identifiers.length : 0;
    this.keys = seed ? seed.identifiers.slice() : [];
    this.parent = new Array<number>(n);
    this.size = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
    }
  }

  add(key: string): number {
    return this.lookUp(key, true);
  }

  /** The key's number, or -1 when it was never added. */
  numberOf(key: string): number {
    return this.lookUp(key, false);
  }

  /**
   * `add` of a key whose wide number (see NumberedKeys) the caller has already (a record's, read with it): its text
   * is not looked up. `wide` < 0, or a seed without a wide numbering, looks the key up as `add` does.
   */
  addWide(wide: number, key: string): number {
    return wide >= 0 && this.seed?.numberOfWide ? this.byWideNumber(wide, key, true) : this.lookUp(key, true);
  }

  /** The number of the key whose wide number is `wide` (see addWide), or -1 when it was never added. */
  numberOfWide(wide: number): number {
    return wide >= 0 && this.seed?.numberOfWide ? this.byWideNumber(wide, '', false) : -1;
  }

  /** The key's number; a key not numbered yet is numbered when `add`, else -1. */
  private lookUp(key: string, add: boolean): number {
    const seed = this.seed;
    if (seed?.wideNumberOf && seed.numberOfWide) {
      const wide = seed.wideNumberOf(key);
      if (wide >= 0) return this.byWideNumber(wide, key, add);
    } else if (seed) {
      const s = seed.numberOf(key);
      if (s >= 0) return s;
    }
    const i = this.more.get(key);
    if (i !== undefined) return i;
    if (!add) return -1;
    const added = this.push(key);
    this.more.set(key, added);
    return added;
  }

  /** The number of `key`, whose wide number is `wide`; numbered now when `add`, else -1. */
  private byWideNumber(wide: number, key: string, add: boolean): number {
    const s = this.seed!.numberOfWide!(wide);
    if (s >= 0) return s;
    if (wide < this.byWide.length && this.byWide[wide] !== 0) return this.byWide[wide]! - 1;
    if (!add) return -1;
    if (wide >= this.byWide.length)
      this.byWide = resized(this.byWide, Math.max(wide + 1, 2 * this.byWide.length, 1024));
    const i = this.push(key);
    this.byWide[wide] = i + 1;
    return i;
  }

  /** Numbers a new key. */
  private push(key: string): number {
    const i = this.keys.length;
    this.keys.push(key);
    this.parent.push(i);
    this.size.push(1);
    return i;
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

  /**
   * The groups as key numbers, in the order of their first-numbered keys: group g is `members[start[g]` …
   * `start[g + 1])`, in number order, its root is `roots[g]`, and key i's group is `groupOf[i]`. Columns, where an
   * array per group was a hundred thousand arrays in a city (most of them of one key).
   */
  numberGroups(): NumberGroups {
    const n = this.keys.length;
    const groupOfRoot = zeros(Int32Array, n).fill(-1);
    const groupOf = zeros(Int32Array, n);
    const rootList: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      const root = this.root(i);
      let g = groupOfRoot[root]!;
      if (g < 0) {
        g = groupOfRoot[root] = rootList.length;
        rootList.push(root);
        sizes.push(0);
      }
      groupOf[i] = g;
      sizes[g]!++;
    }
    const count = rootList.length;
    const start = zeros(Int32Array, count + 1);
    for (let g = 0; g < count; g++) start[g + 1] = start[g]! + sizes[g]!;
    const fill = start.slice(0, count);
    const members = zeros(Int32Array, n);
    for (let i = 0; i < n; i++) members[fill[groupOf[i]!]!++] = i;
    return { roots: Int32Array.from(rootList), start, members, groupOf };
  }

  /**
   * Groups of keys, each sorted, in the order their first-numbered keys were added; `roots`, when given, gets the
   * number of each group's root (see numberGroups).
   */
  groupsByNumber(roots?: number[]): string[][] {
    const groups = this.numberGroups();
    const out: string[][] = [];
    for (let g = 0; g < groups.roots.length; g++) {
      const keys: string[] = [];
      for (let k = groups.start[g]!; k < groups.start[g + 1]!; k++) keys.push(this.keys[groups.members[k]!]!);
      if (keys.length > 1) keys.sort();
      out.push(keys);
      roots?.push(groups.roots[g]!);
    }
    return out;
  }

  /** Groups of keys, each sorted, in order of their first key. */
  groups(): string[][] {
    return this.groupsByNumber().sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  }
}
