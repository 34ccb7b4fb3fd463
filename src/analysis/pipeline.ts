// The core pipeline after ingest: records -> entities -> graph -> analyses. The CLI and the browser worker
// both call this, so the same inputs and seed give the same result everywhere.
import type { Records } from '../model/types';
import { buildGraph, DEFAULT_BUILD_OPTIONS, type BuildOptions, type CaseGraph } from '../graph/build';
import { DEFAULT_RESOLVE_OPTIONS, resolveEntities, type Resolution, type ResolveOptions } from '../resolve/resolve';
import { analyse, DEFAULT_ANALYSIS_OPTIONS, type Analysis, type AnalysisOptions } from './analyse';

export interface CaseOptions {
  resolve: ResolveOptions;
  build: BuildOptions;
  analysis: AnalysisOptions;
}

export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  resolve: DEFAULT_RESOLVE_OPTIONS,
  build: DEFAULT_BUILD_OPTIONS,
  analysis: DEFAULT_ANALYSIS_OPTIONS,
};

export interface CaseResult {
  resolution: Resolution;
  graph: CaseGraph;
  analysis: Analysis;
}

export function analyseCase(
  records: Records,
  options: Partial<CaseOptions> = {},
  onStep?: (step: string) => void,
): CaseResult {
  const o = { ...DEFAULT_CASE_OPTIONS, ...options };
  onStep?.('resolving identifiers to people');
  const resolution = resolveEntities(records, o.resolve);
  onStep?.('building the graph');
  const graph = buildGraph(records, resolution, o.build);
  onStep?.(`analysing ${graph.order} entities and ${graph.size} links`);
  const analysis = analyse(graph, o.analysis);
  return { resolution, graph, analysis };
}
