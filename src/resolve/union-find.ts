// Disjoint sets over string keys, with path halving and union by size.
import { IdentifierNumbers } from '../model/call-table';

export class UnionFind {
  /** The keys, numbered in the order they were added. */
  private readonly numbers = new IdentifierNumbers();
  private readonly keys = this.numbers.keys;
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  add(key: string): number {
    const i = this.numbers.number(key);
    if (i === this.parent.length) {
      this.parent.push(i);
      this.size.push(1);
    }
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
    let ra = this.find(a);
    let rb = this.find(b);
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
    return groups.map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  }
}
