// The worker's core, run in Node: what the browser gets for the same files and seed is what the CLI writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handle, replyTransfer } from '../../src/worker/case-worker';
import { sha256Hex } from '../../src/lib/hash';
import type { CaseView, EdgeColumns, InputFile, Reply } from '../../src/worker/messages';
import { EdgeTable, plainEdge } from '../../src/worker/edge-columns';
import { nodesFromColumns, plainNode, type NodeColumns } from '../../src/worker/node-columns';
import { DEFAULT_CASE_SETTINGS } from '../../src/analysis/pipeline';
import { EXPORT_FILES, ROOT } from '../cli/run-cli';
import { timesOf } from '../../src/graph/provenance';
import { incidenceOf } from '../app/view-fixture';
import { LINK_LAYERS } from '../../src/graph/build';

const GOLDEN = join(ROOT, 'tests/golden/mini');
const settings = { ...DEFAULT_CASE_SETTINGS, timeZone: 'Europe/London', timeZoneStated: true, top: 5 };
const noProgress = () => {};

function files(): InputFile[] {
  return ['calls.csv', 'kyc.csv'].map((name) => {
    const b = readFileSync(join(ROOT, 'tests/fixtures/mini', name));
    return { name, file: new Blob([new Uint8Array(b)]) };
  });
}

async function ask<T extends Reply['type']>(request: Parameters<typeof handle>[0] & { type: T }) {
  return (await handle(request, noProgress)) as Extract<Reply, { type: T }>;
}

describe('#handle (the analysis worker)', () => {
  it('should detect each file and preview its first rows normalised', async () => {
    const { detections } = await ask({ type: 'detect', files: files(), settings });
    expect(detections.map((d) => [d.file, d.kind, d.problems])).toEqual([
      ['calls.csv', 'calls', []],
      ['kyc.csv', 'subscribers', []],
    ]);
    const first = detections[0]!.preview[0]!;
    expect('record' in first && first.record.caller).toMatch(/^tel:\+44/);
    // Hashed by the worker, streaming, as WebCrypto would hash the whole file.
    const whole = await files()[0]!.file.arrayBuffer();
    expect(detections[0]!.sha256).toBe(await sha256Hex(whole));
    expect(detections[0]!.bytes).toBe(whole.byteLength);
    expect(detections[0]!.fields).toContain('callee');
  });

  it('should report progress per file and step, and give a view of the case', async () => {
    const steps: string[] = [];
    const { view } = (await handle({ type: 'analyse', files: files(), settings }, (p) =>
      steps.push(`${p.file}|${p.step}`),
    )) as { view: CaseView };
    expect(steps.some((s) => s.startsWith('calls.csv|reading as calls'))).toBe(true);
    expect(steps.some((s) => s.startsWith('|analysing'))).toBe(true);
    expect(view.nodes.length).toBeGreaterThan(2);
    expect(view.ranking[0]).toBe('ref:C1');
    expect(view.inputs.map((i) => i.name)).toEqual(['calls.csv', 'kyc.csv']);
    expect(Object.keys(view.mappings)).toEqual(['calls.csv', 'kyc.csv']);
    // Every dated link carries its event times for the time filter.
    const edges = [...view.edges];
    const k = edges.findIndex((e) => e.layer === 'calls');
    const times = [...timesOf(view.times, k)];
    expect(times.length).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(view.times.offsets).toHaveLength(view.edges.length + 1);
    // Each entity's links, by their places in the list the page gets: what the view finds a drawn part's links by.
    expect(view.incidence).toEqual(incidenceOf(view.nodes, edges));
    expect(view.incidence.link.length).toBe(2 * view.edges.length);
    // Each link is named by its layer and its ends, which are entities of the view; money alone is directed.
    const ids = new Set(view.nodes.map((n) => n.id));
    for (const e of view.edges) {
      expect(e.key).toBe(`${e.layer}|${e.source}|${e.target}`);
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.directed).toBe(e.layer === 'money');
      expect(e.rows).toBeGreaterThan(0);
    }
    expect(new Set(edges.map((e) => e.key)).size).toBe(view.edges.length);
    // The layer column and the largest weight, which the page counts by instead of passing over the links.
    expect([...view.linkLayers].map((code) => LINK_LAYERS[code])).toEqual(edges.map((e) => e.layer));
    expect(view.maxWeight).toBe(Math.max(1, ...edges.map((e) => e.weight)));
    expect(view.outputs.sort()).toEqual(EXPORT_FILES);
  });

  it('should hold exactly the CLI golden exports for the same files and seed', async () => {
    await ask({ type: 'analyse', files: files(), settings });
    for (const name of EXPORT_FILES) {
      const { chunks } = await ask({ type: 'output', name });
      expect(chunks.join(''), name).toBe(readFileSync(join(GOLDEN, name), 'utf8'));
    }
    const { csv } = await ask({ type: 'targets', overrides: {} });
    expect(csv).toBe(readFileSync(join(GOLDEN, 'targets.csv'), 'utf8'));
  });

  it('should write an edited list with pins first and notes', async () => {
    await ask({ type: 'analyse', files: files(), settings });
    const { csv } = await ask({
      type: 'targets',
      overrides: { order: ['ref:C3', 'ref:C1'], pinned: ['ref:C3'], notes: { 'ref:C1': '=1+1 seen at the flat' } },
    });
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^3,ref:C3,.*,yes,$/);
    // A note is analyst text: it is neutralised like any other cell.
    expect(lines[2]).toMatch(/^1,ref:C1,.*,,'=1\+1 seen at the flat$/);
  });

  it('should give the rows behind each link of an entity, in time order', async () => {
    await ask({ type: 'analyse', files: files(), settings });
    const { links } = await ask({ type: 'evidence', node: 'ref:C1' });
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.rows.length).toBe(l.total);
      for (const r of l.rows) expect(['calls.csv', 'kyc.csv']).toContain(r.file);
      const times = l.rows.map((r) => r.time).filter((t) => !Number.isNaN(t));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const calls = links.find((l) => l.layer === 'calls')!;
    expect(calls.rows[0]!.detail).toMatch(/tel:\+447700900001|tel:\+44/);
  });

  it('should give the merges that made an entity with its evidence, as merges.csv lists them', async () => {
    await ask({ type: 'analyse', files: files(), settings, inSlices: true });
    // merges.csv: merge_id,rule,entity,identifier_a,identifier_b,reason,sources (a cell starting with ' is neutralised)
    const golden = readFileSync(join(GOLDEN, 'merges.csv'), 'utf8').trim().split('\n').slice(1);
    for (const entity of ['ref:C1', 'ref:C2', 'ref:C3']) {
      const { merges } = await ask({ type: 'evidence', node: entity });
      const expected = golden.filter((l) => l.split(',')[2] === entity);
      expect(expected.length).toBeGreaterThan(0);
      expect(merges.map((m) => [m.id, m.rule, m.entity, m.a, m.b].join(','))).toEqual(
        expected.map((l) => l.split(',').slice(0, 5).join(',')),
      );
      for (const m of merges) expect(m.sources).toMatch(/^calls\.csv:|^kyc\.csv:/);
    }
  });

  it('should export only the part of the graph that is shown', async () => {
    const { view } = await ask({ type: 'analyse', files: files(), settings });
    const edge = view.edges.at(0)!;
    const { text } = await ask({ type: 'graph', format: 'graphml', nodes: [], edges: [edge.key] });
    expect(text.match(/<node /g)).toHaveLength(2);
    expect(text.match(/<edge /g)).toHaveLength(1);
    const gexf = await ask({ type: 'graph', format: 'gexf', nodes: view.nodes.map((n) => n.id), edges: [] });
    expect(gexf.text.match(/<node /g)).toHaveLength(view.nodes.length);
    expect(gexf.text).not.toMatch(/<edge /);
  });

  it('should refuse a case in which no file can be read', async () => {
    const file = new Blob(['what,is,this\n1,2,3\n']);
    await expect(handle({ type: 'analyse', files: [{ name: 'x.csv', file }], settings }, noProgress)).rejects.toThrow(
      /none of the files could be read/,
    );
  });
});

describe('#replyTransfer', () => {
  it("should move the buffers of a view's and a slice's typed arrays, each once, and the page get them whole", async () => {
    const analysed = await ask({ type: 'analyse', files: files(), settings, inSlices: true });
    const { view } = analysed;
    const buffers = replyTransfer(analysed);
    const arrays = [
      view.times.offsets,
      view.times.values,
      view.incidence.offsets,
      view.incidence.link,
      view.linkLayers,
      view.activity!.counts,
    ];
    expect(new Set(buffers)).toEqual(new Set([...arrays, analysed.rankingPlaces!].map((a) => a.buffer)));
    expect(new Set(buffers).size).toBe(buffers.length);
    const copy = structuredClone(analysed);
    const moved = structuredClone(analysed, { transfer: buffers });
    expect(moved).toEqual(copy);
    expect(view.times.values.length).toBe(0); // moved: the worker keeps none of it
    for (const part of ['nodes', 'edges'] as const) {
      const slice = await ask({ type: 'slice', part, from: 0, to: 5 });
      const sliceBuffers = replyTransfer(slice);
      const columns = Object.values(slice.items).filter((v) => ArrayBuffer.isView(v));
      expect(sliceBuffers).toHaveLength(columns.length);
      const sliceCopy = structuredClone(slice);
      expect(structuredClone(slice, { transfer: sliceBuffers })).toEqual(sliceCopy);
    }
    // Nothing else is moved: the worker may hold what other replies carry.
    expect(replyTransfer(await ask({ type: 'evidence', node: 'ref:C1' }))).toEqual([]);
  });
});

describe("#handle: a case's lists in slices", () => {
  it('should hold the entities, links, ranking and findings back when asked, and give them so that they add up', async () => {
    const whole = (await handle({ type: 'analyse', files: files(), settings }, noProgress)) as { view: CaseView };
    const sliced = await ask({ type: 'analyse', files: files(), settings, inSlices: true });
    expect(sliced.view.counts.merges).toBe(whole.view.counts.merges);
    // The ranking as the entities' places, the findings on request.
    expect(sliced.view.ranking).toEqual([]);
    expect(sliced.view.findings).toEqual([]);
    expect(Array.from(sliced.rankingPlaces!, (i) => whole.view.nodes[i]!.id)).toEqual(whole.view.ranking);
    expect(whole.view.ranking.length).toBeGreaterThan(2);
    expect((await ask({ type: 'findings' })).findings).toEqual(whole.view.findings);
    expect(whole.view.findings.length).toBeGreaterThan(0);
    const { view: rest } = sliced;
    expect({ ...rest, nodes: [], edges: [], ranking: [], findings: [] }).toEqual({
      ...whole.view,
      nodes: [],
      edges: [],
      ranking: [],
      findings: [],
    });
    expect(sliced.view.nodes).toEqual([]);
    expect([...sliced.view.edges]).toEqual([]);
    expect(sliced.view.counts.nodes).toBe(whole.view.nodes.length);
    expect(sliced.view.counts.edges).toBe(whole.view.edges.length);
    // Both come as columns, as the page takes them in: the entities read through an object each, the links into a
    // table of the case's size, read with the entities taken in first. The page's objects read their fields from
    // the columns through getters, so they are compared by what they read.
    const slice = async (part: 'nodes' | 'edges', at: number) =>
      (
        (await handle({ type: 'slice', part, from: at, to: at + 3 }, noProgress)) as {
          items: NodeColumns | EdgeColumns;
        }
      ).items;
    const nodes = [];
    for (let at = 0; at < sliced.view.counts.nodes; at += 3) {
      const taken = nodesFromColumns((await slice('nodes', at)) as NodeColumns);
      expect(taken.length).toBeLessThanOrEqual(3);
      nodes.push(...taken);
    }
    expect(nodes.map(plainNode)).toEqual(whole.view.nodes);
    const links = new EdgeTable(sliced.view.counts.edges, nodes);
    for (let at = 0; at < sliced.view.counts.edges; at += 3) {
      links.take((await slice('edges', at)) as EdgeColumns);
      expect(links.length).toBe(Math.min(at + 3, sliced.view.counts.edges));
    }
    expect([...links].map(plainEdge)).toEqual(whole.view.edges);
    expect(Array.from({ length: links.length }, (_, k) => plainEdge(links.at(k)!))).toEqual(whole.view.edges);
    expect(plainEdge(links.at(-1)!)).toEqual(whole.view.edges.at(-1));
    expect(links.at(links.length)).toBeUndefined();
    // More links than the case has are refused, not written past its end.
    const again = (await slice('edges', 0)) as EdgeColumns;
    expect(() => links.take(again)).toThrow(/more links/);
  });
});
