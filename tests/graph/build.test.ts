import { describe, expect, it } from 'vitest';
import { buildGraph, buildLinks, edgeKey, linkAttributes, linkLayer, toGraph } from '../../src/graph/build';
import { analyseCase } from '../../src/analysis/pipeline';
import { resolveEntities } from '../../src/resolve/resolve';
import { sinkOf } from '../helpers';

describe('#buildGraph', () => {
  const sink = sinkOf({
    'c.csv':
      'caller,callee,start,duration,type\n07700900001,07700900002,2024-01-01T10:00:00Z,60,voice\n07700900002,07700900001,2024-01-02T10:00:00Z,0,sms\n07700900001,07700900002,2024-01-02T11:00:00Z,30,voice\n',
    'b.csv':
      'date,from_account,to_account,amount,currency\n2024-01-03,GB82WEST12345698765432,DE89370400440532013000,100.50,GBP\n2024-01-04,GB82WEST12345698765432,DE89370400440532013000,20,EUR\n',
    't.csv':
      'name,document,carrier,flight,departure\nAna Pop,A1,W6,W61,2024-01-05 06:00\nDan Pop,B2,W6,W61,2024-01-05 06:00\nDan Pop,B2,W6,W62,2024-01-06 06:00\n',
  });
  const graph = buildGraph(sink.records, resolveEntities(sink.records));

  it('should aggregate calls per pair with counts, seconds, direction and days', () => {
    const e = graph.getEdgeAttributes('calls|tel:+447700900001|tel:+447700900002');
    expect(e).toMatchObject({
      layer: 'calls',
      count: 3,
      calls: 2,
      sms: 1,
      seconds: 90,
      forward: 2,
      backward: 1,
      days: 2,
    });
    expect(e.sources).toEqual([0, 2, 0, 3, 0, 4]);
  });
  it('should count a call’s direction from the link’s first end in id order, whichever end was seen first', () => {
    // +447700900002 calls first: it is the first entity read, and the link's second end.
    const { records } = sinkOf({
      'c.csv':
        'caller,callee,start,duration,type\n07700900002,07700900001,2024-01-01T10:00:00Z,60,voice\n07700900001,07700900002,2024-01-02T10:00:00Z,0,sms\n07700900002,07700900001,2024-01-02T11:00:00Z,30,voice\n',
    });
    const links = buildLinks(records, resolveEntities(records));
    expect(links.ids).toEqual(['tel:+447700900001', 'tel:+447700900002']);
    expect(linkAttributes(links, 0)).toMatchObject({ calls: 2, sms: 1, forward: 1, backward: 2 });
    expect([links.source[0], links.target[0]]).toEqual([0, 1]);
  });
  it('should keep money directed with amounts per currency', () => {
    const key = 'money|acct:GB82WEST12345698765432|acct:DE89370400440532013000';
    expect(graph.isDirected(key)).toBe(true);
    expect(graph.getEdgeAttributes(key)).toMatchObject({ count: 2, amounts: { GBP: 100.5, EUR: 20 } });
  });
  it('should link travellers on the same carrier, service and day', () => {
    const edges = graph.edges().filter((k) => graph.getEdgeAttribute(k, 'layer') === 'travel');
    expect(edges).toHaveLength(1);
    expect(graph.getEdgeAttributes(edges[0]!)).toMatchObject({ trips: 1, sources: [2, 2, 2, 3] });
  });
  it('should give the same graph for the same records', () => {
    const again = buildGraph(sink.records, resolveEntities(sink.records));
    expect(JSON.stringify(again.export())).toBe(JSON.stringify(graph.export()));
  });
  it('should keep in columns exactly the links, attributes and rows that the graph made from them holds', () => {
    const links = buildLinks(sink.records, resolveEntities(sink.records));
    expect(links.ids).toEqual(graph.nodes());
    expect(links.size).toBe(graph.size);
    const keys = Array.from({ length: links.size }, (_, k) =>
      edgeKey(linkLayer(links, k), links.ids[links.source[k]!]!, links.ids[links.target[k]!]!),
    );
    expect(keys).toEqual(graph.edges());
    keys.forEach((key, k) => expect(linkAttributes(links, k)).toEqual(graph.getEdgeAttributes(key)));
    // Three call rows, in the order they were read; two transfers; two travellers on one journey.
    expect(Array.from(links.sourceOffsets)).toEqual([0, 3, 5, 7]);
    expect(JSON.stringify(toGraph(links).export())).toBe(JSON.stringify(graph.export()));
  });
  it('should put the links in the order of their keys as strings, where an id is a prefix of another too', () => {
    // `node:a` is a prefix of `node:a0` and `node:a~`: as keys, `…|node:a|…` sorts after `…|node:a0|…` and before
    // `…|node:a~|…`, unlike the ids themselves; and a case with no such ids takes another way to the same order.
    for (const names of [
      ['a', 'a0', 'a~', 'b', 'ab'],
      ['p', 'q', 'r', 'st'],
    ]) {
      const rows = ['source,target,weight'];
      names.forEach((x, i) => names.forEach((y, j) => i !== j && rows.push(`${x},${y},${i + j}`)));
      const { records } = sinkOf({ 'e.csv': rows.join('\n') + '\n' });
      const links = buildLinks(records, resolveEntities(records));
      const keys = Array.from({ length: links.size }, (_, k) =>
        edgeKey(linkLayer(links, k), links.ids[links.source[k]!]!, links.ids[links.target[k]!]!),
      );
      expect(keys.length).toBe((names.length * (names.length - 1)) / 2);
      expect(keys).toEqual([...keys].sort());
    }
  });
  it('should make the evidence graph of a case only when it is first read, and once', () => {
    const result = analyseCase(sink.records);
    const made = Object.getOwnPropertyDescriptor(result, 'graph')!;
    expect(made.get).toBeTypeOf('function');
    const first = result.graph;
    expect(result.graph).toBe(first);
    expect(first.size).toBe(result.links.size);
  });
});
