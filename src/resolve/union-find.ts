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

  /** The key's number; a key not numbered yet is numbered when `add`, else -1. */
  private lookUp(key: string, add: boolean): number {
    const seed = this.seed;
    if (seed?.wideNumberOf && seed.numberOfWide) {
      const wide = seed.wideNumberOf(key);
      if (wide >= 0) {
        const s = seed.numberOfWide(wide);
        if (s >= 0) return s;
        if (wide < this.byWide.length && this.byWide[wide] !== 0) return this.byWide[wide]! - 1;
        if (!add) return -1;
        if (wide >= this.byWide.length)
          this.byWide = resized(this.byWide, Math.max(wide + 1, 2 * this.byWide.length, 1024));
        const i = this.push(key);
        this.byWide[wide] = i + 1;
        return i;
      }
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
   * Groups of keys, each sorted, in the order their first-numbered keys were added; `roots`, when given, gets the
   * number of each group's root. The groups of a city are a hundred thousand: put in order of their first keys,
   * their strings compared, they took a tenth of resolution, which needs them in no order.
   */
  groupsByNumber(roots?: number[]): string[][] {
    // By key number, not by key: no key is looked up again.
    const byRoot: (string[] | undefined)[] = new Array(this.keys.length);
    const groups: string[][] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const root = this.root(i);
      let g = byRoot[root];
      if (!g) {
        groups.push((g = byRoot[root] = []));
        roots?.push(root);
      }
      g.push(this.keys[i]!);
    }
    // (a sort allocates even for a group of one, and most of a city's groups are one identifier)
    for (const g of groups) if (g.length > 1) g.sort();
    return groups;
  }

  /** Groups of keys, each sorted, in order of their first key. */
  groups(): string[][] {
    return this.groupsByNumber().sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  }
}
