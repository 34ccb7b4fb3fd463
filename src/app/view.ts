// The network view: a sigma (WebGL) renderer over a display graph, ForceAtlas2 in its own worker, and reducers
// that derive every colour, size and hidden flag from the app's state (never written into the graph).
import Graph from 'graphology';
import Sigma from 'sigma';
import { forEachLinkTouching } from './links';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import { toBlob } from '@sigma/export-image';
import { createRng } from '../lib/rng';
import type { CaseView, ViewNode } from '../worker/messages';
import { edgeKey, isDirectedLayer, type Layer } from '../graph/build';
import type { Visible } from './filters';
import { layoutLimitMs, SLOW_FRAME_MS, type LayoutReport, type LayoutRequest, type LayoutUpdate } from './layout';
import { communityColour, FADED_COLOUR, LAYER_COLOURS, OTHER_COLOUR, ROLE_COLOURS, type RoleKey } from './palette';

import type { ColourBy, SizeBy } from './palette';
export { SIZE_METRICS, type ColourBy, type SizeBy } from './palette';

export interface ViewState {
  visible: Visible;
  colourBy: ColourBy;
  sizeBy: SizeBy;
  hovered: string | null;
  selected: string | null;
  /** Entities of a shortest path being shown, in order. */
  path: string[] | null;
  /** The top targets, always labelled. */
  labelled: Set<string>;
}

export interface GraphView {
  /** Puts the network on the stage (in a task of its own). */
  show(): void;
  /** Redraws from state (hover, selection, filters, appearance) without re-indexing the graph. */
  refresh(): void;
  startLayout(): void;
  stopLayout(): void;
  isLayoutRunning(): boolean;
  /** How the last layout ran: for how long, why it stopped, and how much it still moved at the end. */
  layoutReport(): LayoutReport | null;
  centreOn(id: string): void;
  /** Frames the camera on these entities. */
  fit(ids: Iterable<string>): void;
  /** The view as drawn now, on white. */
  exportPng(): Promise<Blob>;
  kill(): void;
}

export interface ViewEvents {
  hover(id: string | null): void;
  click(id: string | null): void;
}

export function roleOf(n: ViewNode): RoleKey {
  return (n.metrics.role || 'other') as RoleKey;
}

/** The layer that carries most of each drawn entity's weight, over all its links (drawn or not). */
function dominantLayer(view: CaseView, drawn: Set<string>): Map<string, Layer> {
  const totals = new Map<string, Record<string, number>>();
  const add = (id: string, layer: Layer, weight: number) => {
    if (!drawn.has(id)) return;
    let t = totals.get(id);
    if (!t) totals.set(id, (t = {}));
    t[layer] = (t[layer] ?? 0) + weight;
  };
  // `drawn` is every entity when the whole case is drawn: then every link, without finding them.
  forEachLinkTouching(view, drawn.size === view.nodes.length ? null : drawn, (k) => {
    const e = view.edges.at(k)!;
    add(e.source, e.layer, e.weight);
    add(e.target, e.layer, e.weight);
  });
  const out = new Map<string, Layer>();
  for (const [id, t] of totals) out.set(id, Object.entries(t).sort((a, b) => b[1] - a[1])[0]![0] as Layer);
  return out;
}

/** Communities on a circle, members scattered round their centre: a readable start for ForceAtlas2. */
function seedPositions(nodes: ViewNode[], seed: number): Map<string, { x: number; y: number }> {
  const rng = createRng(seed);
  const sizes = new Map<number, number>();
  for (const n of nodes) sizes.set(n.metrics.community, (sizes.get(n.metrics.community) ?? 0) + 1);
  const communities = [...sizes.keys()].sort((a, b) => a - b);
  const radius = Math.sqrt(nodes.length) * 12;
  const centres = new Map(
    communities.map((c, i) => {
      const angle = (2 * Math.PI * i) / communities.length;
      return [c, { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius }];
    }),
  );
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const centre = centres.get(n.metrics.community)!;
    const spread = Math.sqrt(sizes.get(n.metrics.community)!) * 6;
    const r = Math.sqrt(rng()) * spread;
    const a = rng() * 2 * Math.PI;
    out.set(n.id, { x: centre.x + Math.cos(a) * r, y: centre.y + Math.sin(a) * r });
  }
  return out;
}

/**
 * One WebGL renderer for the app's lifetime, on a stage element that moves into each workspace. Setting up
 * sigma's three WebGL contexts and their shaders is its costliest single step (0.1–0.3 s under software
 * rendering), so it is done once, while the start page is idle, and every case reuses it.
 */
let shared: { stage: HTMLElement; renderer: Sigma } | null = null;

export function sharedRenderer(): { stage: HTMLElement; renderer: Sigma } {
  if (!shared) {
    const stage = document.createElement('div');
    stage.id = 'graph';
    stage.className = 'graph';
    stage.setAttribute('aria-label', 'Network view');
    // Off screen, at a typical size, until a workspace takes it.
    Object.assign(stage.style, { position: 'fixed', left: '-10000px', top: '0', width: '800px', height: '600px' });
    document.body.append(stage);
    const renderer = new Sigma(new Graph(), stage, {
      zIndex: true,
      renderEdgeLabels: false,
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      labelWeight: '600',
      labelColor: { color: '#1b1b1b' },
      labelDensity: 0.8,
      labelGridCellSize: 70,
      labelRenderedSizeThreshold: 7,
      minEdgeThickness: 0.6,
      defaultEdgeType: 'line',
      stagePadding: 40,
      allowInvalidContainer: true,
    });
    shared = { stage, renderer };
  }
  return shared;
}

/** Moves the shared stage into a workspace's drawing area. */
export function mountStage(parent: HTMLElement): HTMLElement {
  const { stage, renderer } = sharedRenderer();
  stage.removeAttribute('style');
  parent.prepend(stage);
  renderer.resize();
  return stage;
}

export function createGraphView(
  view: CaseView,
  focus: Set<string> | null,
  state: () => ViewState,
  events: ViewEvents,
): GraphView {
  const graph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  const drawn = focus ?? new Set(view.nodes.map((n) => n.id));
  const nodes = view.nodes.filter((n) => drawn.has(n.id));
  const positions = seedPositions(nodes, view.settings.seed);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) graph.addNode(n.id, { ...positions.get(n.id)!, size: 4, label: n.label, color: OTHER_COLOUR });
  const edgeLayer = new Map<string, Layer>();
  forEachLinkTouching(view, focus, (k) => {
    // Each field once: a link on the page reads its fields from columns (edge-columns.ts).
    const e = view.edges.at(k)!;
    const source = e.source;
    const target = e.target;
    if (!drawn.has(source) || !drawn.has(target)) return;
    const layer = e.layer;
    const key = edgeKey(layer, source, target);
    const weight = Math.log1p(e.weight);
    edgeLayer.set(key, layer);
    const attrs = { weight, size: 0.6 + Math.min(4, weight), color: LAYER_COLOURS[layer] };
    if (isDirectedLayer(layer)) graph.addDirectedEdgeWithKey(key, source, target, attrs);
    else graph.addUndirectedEdgeWithKey(key, source, target, attrs);
  });

  const dominant = dominantLayer(view, drawn);
  const metricRange = new Map<string, [number, number]>();
  const range = (metric: string) => {
    let r = metricRange.get(metric);
    if (!r) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const n of nodes) {
        const v = n.metrics[metric as keyof ViewNode['metrics']] as number;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      metricRange.set(metric, (r = [lo, hi]));
    }
    return r;
  };

  const nodeReducer = (id: string, data: Record<string, unknown>): Partial<NodeDisplayData> => {
    const s = state();
    const n = byId.get(id)!;
    const out: Partial<NodeDisplayData> = { ...(data as Partial<NodeDisplayData>) };
    if (!s.visible.nodes.has(id)) return { ...out, hidden: true };
    const [lo, hi] = range(s.sizeBy);
    const v = n.metrics[s.sizeBy] as number;
    out.size = 3 + 15 * Math.sqrt(hi > lo ? (v - lo) / (hi - lo) : 0);
    out.color =
      s.colourBy === 'community'
        ? communityColour(n.metrics.community)
        : s.colourBy === 'role'
          ? ROLE_COLOURS[roleOf(n)]
          : LAYER_COLOURS[dominant.get(id) ?? 'links'];
    const focusSet = s.path ? new Set(s.path) : s.hovered ? graph.neighbors(s.hovered).concat(s.hovered) : null;
    if (focusSet && !(focusSet instanceof Set ? focusSet.has(id) : focusSet.includes(id))) {
      out.color = FADED_COLOUR;
      out.label = '';
      out.zIndex = 0;
    } else {
      out.zIndex = 1;
      if (focusSet || s.labelled.has(id)) out.forceLabel = true;
    }
    if (id === s.selected || id === s.hovered) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    }
    return out;
  };

  const edgeReducer = (key: string, data: Record<string, unknown>): Partial<EdgeDisplayData> => {
    const s = state();
    const out: Partial<EdgeDisplayData> = { ...(data as Partial<EdgeDisplayData>) };
    if (!s.visible.edges.has(key)) return { ...out, hidden: true };
    const [a, b] = graph.extremities(key);
    if (s.path) {
      const i = s.path.indexOf(a);
      const j = s.path.indexOf(b);
      if (i < 0 || j < 0 || Math.abs(i - j) !== 1) return { ...out, color: FADED_COLOUR, zIndex: 0 };
      return { ...out, size: (out.size ?? 1) + 2, zIndex: 2 };
    }
    if (s.hovered && a !== s.hovered && b !== s.hovered) return { ...out, hidden: true };
    out.color = LAYER_COLOURS[edgeLayer.get(key)!];
    return out;
  };

  const { renderer } = sharedRenderer();
  renderer.setSetting('nodeReducer', nodeReducer);
  renderer.setSetting('edgeReducer', edgeReducer);
  renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  // How long drawing this view holds the page: the longest of sigma's renders, each to the next frame, and of the
  // page's long tasks since the view was shown (Chromium reports them). Under software rendering the browser's
  // own painting of the canvases can come after the next frame, and hold the page longer than sigma's render (for
  // a city of 20,000 entities and 200,000 links, 0.6 s of sigma's render, then 6–9 s). It sets the layout's pace.
  let renderStart = 0;
  let frameMs = 0;
  const held = (ms: number) => {
    if (ms > frameMs) frameMs = ms;
  };
  let longTasks: PerformanceObserver | null = null;
  const watchLongTasks = () => {
    if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask'))
      return;
    const since = performance.now();
    longTasks = new PerformanceObserver((list) => {
      for (const task of list.getEntries()) if (task.startTime >= since) held(task.duration);
    });
    longTasks.observe({ type: 'longtask' });
  };
  const handlers = {
    beforeRender: () => (renderStart = performance.now()),
    afterRender: () => {
      const start = renderStart;
      requestAnimationFrame(() => held(performance.now() - start));
    },
    enterNode: ({ node }: { node: string }) => events.hover(node),
    leaveNode: () => events.hover(null),
    clickNode: ({ node }: { node: string }) => events.click(node),
    clickStage: () => events.click(null),
  };
  for (const [event, handler] of Object.entries(handlers)) renderer.on(event as never, handler as never);

  // ForceAtlas2 in a worker of its own (layout-worker.ts), which runs until the picture has settled or reaches
  // its limit, without waiting for the page to draw each iteration. Barnes-Hut with Gephi's own theta (1.2, not
  // graphology's 0.5): a third of the time an iteration on a large view, and a picture as good to read.
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 400,
    barnesHutTheta: 1.2,
    slowDown: 8,
  };
  let worker: Worker | null = null;
  let runId = 0;
  // How the last run went; its frame time is read from `frameMs` when the report is asked for.
  let report: Omit<LayoutReport, 'frameMs'> | null = null;
  let started = 0;
  /** The latest positions of a view drawn only at its layout's end (see SLOW_FRAME_MS), not drawn yet. */
  let undrawn: Float32Array | null = null;
  const post = (message: LayoutRequest, transfer: Transferable[] = []) => worker?.postMessage(message, transfer);
  const apply = (positions: Float32Array) => {
    let i = 0;
    graph.updateEachNodeAttributes((_, a) => {
      a.x = positions[i++]!;
      a.y = positions[i++]!;
      return a;
    });
  };
  const onUpdate = ({ data }: MessageEvent<LayoutUpdate>) => {
    if (data.id !== runId || !report || report.end !== 'running') return;
    Object.assign(report, { move: data.move, iterations: data.iterations, ms: data.ms });
    const id = runId;
    if (data.end !== 'running') {
      undrawn = null;
      apply(data.positions);
      report.end = data.end;
      return;
    }
    if (frameMs >= SLOW_FRAME_MS) {
      // Drawn when it ends (see SLOW_FRAME_MS), or when the analyst stops it; meanwhile, kept undrawn.
      undrawn = data.positions;
      setTimeout(() => post({ type: 'drawn', id }), 1000);
      return;
    }
    apply(data.positions);
    // Ask for the next positions once these are drawn (sigma draws in the next animation frame), after as long
    // again as the drawing took: the page stays free at least half the time.
    const applied = performance.now();
    requestAnimationFrame(() => {
      const drawing = performance.now() - applied;
      setTimeout(() => post({ type: 'drawn', id }), Math.max(16, drawing));
    });
  };
  const endLayout = () => {
    undrawn = null;
    if (report?.end !== 'running') return;
    post({ type: 'stop', id: runId });
    report.end = 'stopped';
    report.ms = performance.now() - started;
  };
  // The analyst's Stop keeps the layout as far as it went: positions not drawn yet are drawn now.
  const stopLayout = () => {
    const last = undrawn;
    endLayout();
    if (last) apply(last);
  };

  return {
    show() {
      watchLongTasks();
      renderer.setGraph(graph);
    },
    refresh: () => renderer.refresh({ skipIndexation: true }),
    startLayout() {
      // Run until the picture has settled, then stop: a moving picture is hard to read and costs the laptop's
      // battery. From the positions drawn now: a second run goes on from where the last one stopped.
      endLayout();
      if (!worker) {
        worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = onUpdate;
        // A worker that fails ends the run where the picture is, rather than leave the layout 'running' for ever.
        worker.onerror = (e) => {
          console.error('layout worker:', e.message);
          endLayout();
        };
      }
      const { nodes, edges } = graphToByteArrays(graph, (_, a) => a.weight as number);
      report = { ms: 0, end: 'running', move: null, iterations: 0 };
      started = performance.now();
      const limitMs = layoutLimitMs(graph.order);
      post({ type: 'start', id: ++runId, settings, nodes: nodes.buffer, edges: edges.buffer, limitMs }, [
        nodes.buffer,
        edges.buffer,
      ]);
    },
    stopLayout,
    isLayoutRunning: () => report?.end === 'running',
    layoutReport: () =>
      report && { ...report, ...(report.end === 'running' && { ms: performance.now() - started }), frameMs },
    centreOn(id) {
      if (!graph.hasNode(id)) return;
      const d = renderer.getNodeDisplayData(id);
      if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.5 }, { duration: 400 });
    },
    fit(ids) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const id of ids) {
        const d = graph.hasNode(id) ? renderer.getNodeDisplayData(id) : undefined;
        if (!d) continue;
        x0 = Math.min(x0, d.x);
        y0 = Math.min(y0, d.y);
        x1 = Math.max(x1, d.x);
        y1 = Math.max(y1, d.y);
      }
      if (!Number.isFinite(x0)) return;
      const ratio = Math.min(1.2, Math.max(0.08, Math.max(x1 - x0, y1 - y0) * 1.3));
      renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
    },
    exportPng: () => toBlob(renderer, { format: 'png', backgroundColor: '#ffffff' }),
    /** Stops the layout and leaves the shared renderer empty, without this case's reducers and listeners. */
    kill() {
      endLayout();
      worker?.terminate();
      worker = null;
      longTasks?.disconnect();
      for (const [event, handler] of Object.entries(handlers)) renderer.off(event as never, handler as never);
      renderer.setSetting('nodeReducer', null);
      renderer.setSetting('edgeReducer', null);
      renderer.setGraph(new Graph());
    },
  };
}
