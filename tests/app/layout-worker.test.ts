// The layout worker's side of its messages, run in Node with a stand-in for the worker's global scope.
import Graph from 'graphology';
import { graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_ITERATIONS, type LayoutRequest, type LayoutUpdate } from '../../src/app/layout';

const sent: LayoutUpdate[] = [];
const scope = {
  onmessage: null as ((e: { data: LayoutRequest }) => void) | null,
  postMessage: (m: LayoutUpdate) => sent.push(m),
};
const send = (data: LayoutRequest) => scope.onmessage!({ data });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await settle();
};

beforeAll(async () => {
  (globalThis as { self?: unknown }).self = scope;
  await import('../../src/app/layout-worker');
});
afterAll(() => {
  delete (globalThis as { self?: unknown }).self;
});

function start(id: number, size: number, limitMs = 60_000): void {
  const g = new Graph();
  for (let i = 0; i < size; i++) g.addNode(String(i), { x: Math.cos(i) * 50, y: Math.sin(i * 1.3) * 50, size: 1 });
  for (let i = 1; i < size; i++) g.addEdge(String(i), String(Math.floor(i / 3)), { weight: 1 });
  const { nodes, edges } = graphToByteArrays(g, (_, a) => a.weight as number);
  send({ type: 'start', id, settings: { gravity: 1, slowDown: 4 }, nodes: nodes.buffer, edges: edges.buffer, limitMs });
}

describe('the layout worker', () => {
  it('should send positions only when the page has drawn the last, then the last positions when it ends', async () => {
    sent.length = 0;
    start(1, 500);
    await until(() => sent.length > 0);
    const first = sent[0]!;
    expect(first).toMatchObject({ id: 1, end: 'running' });
    expect(first.positions.length).toBe(1000);
    // The page has not said it drew them: the worker goes on iterating, but sends nothing more until it ends.
    await settle();
    await settle();
    expect(sent.slice(1).every((m) => m.end !== 'running')).toBe(true);
    const before = sent.length;
    send({ type: 'drawn', id: 1 });
    await until(() => sent.length > before);
    expect(sent[before]!.iterations).toBeGreaterThan(first.iterations);
    while (sent.at(-1)!.end === 'running') {
      send({ type: 'drawn', id: 1 });
      await settle();
    }
    const last = sent.at(-1)!;
    expect(last.end).toBe('settled');
    expect(last.iterations).toBeGreaterThanOrEqual(MIN_ITERATIONS);
    expect(sent.filter((m) => m.end !== 'running')).toEqual([last]);
    // Nothing after the end.
    send({ type: 'drawn', id: 1 });
    await settle();
    expect(sent.at(-1)).toBe(last);
  });

  it('should stop on a stop, and drop messages about a run a newer one replaced', async () => {
    sent.length = 0;
    start(2, 3000);
    await until(() => sent.length > 0);
    // A newer run replaces it: its messages carry the new id, and a stop for the old one changes nothing.
    start(3, 3000);
    send({ type: 'stop', id: 2 });
    send({ type: 'drawn', id: 3 });
    await until(() => sent.some((m) => m.id === 3));
    send({ type: 'stop', id: 3 });
    await settle();
    const count = sent.length;
    send({ type: 'drawn', id: 3 });
    await settle();
    await settle();
    expect(sent.length).toBe(count);
    expect(sent.every((m) => m.end === 'running')).toBe(true);
    expect(sent.filter((m) => m.id === 2).length).toBe(1);
  });

  it('should end at its time limit', async () => {
    sent.length = 0;
    start(4, 3000, 50);
    await until(() => sent.at(-1)?.end === 'limit');
    const last = sent.at(-1)!;
    expect(last).toMatchObject({ id: 4, end: 'limit' });
    expect(last.ms).toBeGreaterThanOrEqual(50);
  });
});
