// Graph and JSON exports read back, by a real XML parser and JSON.parse, to exactly what was exported: ids,
// labels and every attribute, for names full of markup, quotes, accents, emoji and right-to-left script.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS, type CaseResult } from '../../src/analysis/pipeline';
import { EDGE_ATTRS, edgeValues, NODE_ATTRS, nodeValues, toGexf } from '../../src/export/gexf';
import { toGraphml } from '../../src/export/graphml';
import { buildTargets, targetsJson } from '../../src/export/targets';
import { interactions } from '../../src/graph/build';
import { formatNumber } from '../../src/export/csv';
import { ROOT } from '../cli/run-cli';
import { runCase } from '../hostile/run-case';

const KYC =
  'Customer ID,Full Name,MSISDN\n' +
  'C1,"Ana ""La Jefa"" <b>&amp;</b> Ţurcanu",07700900001\n' +
  "C2,O'Brien & Sons <script>x</script>,07700900002\n" +
  'C3,محمد الأحمد,07700900003\n' +
  'C4,王小明 🙂,07700900004\n' +
  'C5,"Tab\there, and ]]> too",07700900005\n';
const CALLS =
  'caller,callee,start,duration\n' +
  ['1,2', '2,3', '3,4', '4,5', '5,1', '1,3', '1,2']
    .map((pair, i) => {
      const [a, b] = pair.split(',');
      return `0770090000${a},0770090000${b},2024-03-13T1${i}:00:00Z,${60 + i}\n`;
    })
    .join('');

const settings = { ...DEFAULT_CASE_SETTINGS, timeZone: 'Europe/London', timeZoneStated: true };
const hostile = runCase({ 'kyc.csv': KYC, 'calls.csv': CALLS }, 1 << 20, { settings }).outcome!;
const sampleDir = join(ROOT, 'samples/case');
const sample = runCase(
  Object.fromEntries(
    readdirSync(sampleDir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f, new Uint8Array(readFileSync(join(sampleDir, f)))]),
  ),
  1 << 20,
  { settings },
).outcome!;

interface Reimported {
  nodes: Record<string, { label: string; attrs: Record<string, string> }>;
  edges: Record<
    string,
    { source: string; target: string; directed: boolean; weight: string; attrs: Record<string, string> }
  >;
}

/** What the exporter means to write, from the case itself. */
function expected(result: CaseResult): Reimported {
  const { graph } = result;
  const out: Reimported = { nodes: {}, edges: {} };
  graph.forEachNode((id, n) => (out.nodes[id] = { label: n.label, attrs: nodeValues(result, id) }));
  graph.forEachEdge((key, e, source, target) => {
    out.edges[key] = {
      source,
      target,
      directed: graph.isDirected(key),
      weight: formatNumber(interactions(e)),
      attrs: edgeValues(e),
    };
  });
  return out;
}

const strict = new DOMParser({
  onError: (level, message) => {
    throw new Error(`${level}: ${message}`);
  },
});
const children = (el: Element, tag: string) => Array.from(el.getElementsByTagName(tag));

function readGexf(xml: string): Reimported {
  const doc = strict.parseFromString(xml, 'text/xml');
  const out: Reimported = { nodes: {}, edges: {} };
  const values = (el: Element) =>
    Object.fromEntries(children(el, 'attvalue').map((a) => [a.getAttribute('for')!, a.getAttribute('value')!]));
  for (const n of children(doc.documentElement!, 'node'))
    out.nodes[n.getAttribute('id')!] = { label: n.getAttribute('label')!, attrs: values(n) };
  for (const e of children(doc.documentElement!, 'edge'))
    out.edges[e.getAttribute('id')!] = {
      source: e.getAttribute('source')!,
      target: e.getAttribute('target')!,
      directed: e.getAttribute('type') === 'directed',
      weight: e.getAttribute('weight')!,
      attrs: values(e),
    };
  return out;
}

function readGraphml(xml: string): Reimported {
  const doc = strict.parseFromString(xml, 'text/xml');
  const out: Reimported = { nodes: {}, edges: {} };
  const data = (el: Element) =>
    Object.fromEntries(children(el, 'data').map((d) => [d.getAttribute('key')!, d.textContent ?? '']));
  for (const n of children(doc.documentElement!, 'node')) {
    const { label, ...attrs } = data(n);
    out.nodes[n.getAttribute('id')!] = { label: label!, attrs };
  }
  for (const e of children(doc.documentElement!, 'edge')) {
    const { weight, ...rest } = data(e);
    out.edges[e.getAttribute('id')!] = {
      source: e.getAttribute('source')!,
      target: e.getAttribute('target')!,
      directed: e.getAttribute('directed') === 'true',
      weight: weight!,
      attrs: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k.replace(/^e_/, ''), v])),
    };
  }
  return out;
}

describe('exports read back identically', () => {
  for (const [name, outcome] of [
    ['hostile names', hostile],
    ['the sample case', sample],
  ] as const) {
    it(`GEXF, through a strict XML parser: ${name}`, () => {
      const back = readGexf(toGexf(outcome.result, outcome.info));
      expect(back).toEqual(expected(outcome.result));
      expect(Object.keys(back.nodes)).toHaveLength(outcome.result.graph.order);
      expect(Object.keys(back.edges)).toHaveLength(outcome.result.graph.size);
    });

    it(`GraphML, through a strict XML parser: ${name}`, () => {
      expect(readGraphml(toGraphml(outcome.result, outcome.info))).toEqual(expected(outcome.result));
    });

    it(`targets.json, through JSON.parse: ${name}`, () => {
      const targets = buildTargets(outcome.result, outcome.files, 25);
      const back = JSON.parse(targetsJson(targets, outcome.info));
      expect(back.targets).toEqual(JSON.parse(JSON.stringify(targets)));
      expect(back.targets.map((t: { label: string }) => t.label)).toEqual(targets.map((t) => t.label));
    });
  }

  it('keeps the hostile names exactly, markup and all', () => {
    const labels = Object.values(readGexf(toGexf(hostile.result, hostile.info)).nodes).map((n) => n.label);
    expect(labels).toEqual(expect.arrayContaining(['محمد الأحمد', '王小明 🙂', 'Tab Here, And ]]> Too']));
    expect(labels.some((l) => l.includes('<b>&amp;</B>') || l.includes('<B>&Amp;</B>'))).toBe(true);
    expect(NODE_ATTRS.length + EDGE_ATTRS.length).toBeGreaterThan(10);
  });
});
