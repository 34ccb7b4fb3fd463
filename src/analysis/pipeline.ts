// The core pipeline after ingest: records -> entities -> graph -> analyses. The CLI and the browser worker
// both call this, so the same inputs and seed give the same result everywhere.
import { appError } from '../lib/errors';
import { untimed, type StepTimer } from '../lib/timing';
import { validateTimeZone } from '../lib/time-zones';
import { RESOLUTION_RULES, type Records, type ResolutionRule } from '../model/types';
import type { IngestOptions } from '../ingest/ingest';
import {
  buildLinks,
  DEFAULT_BUILD_OPTIONS,
  toGraph,
  type BuildOptions,
  type CaseGraph,
  type CaseLinks,
} from '../graph/build';
import { startCallLinks, type StartedCallLinks } from '../graph/link-columns';
import { startCallFigures, type StartedCallFigures } from './call-figures';
import { project } from './projection';
import { graphNetwork, linksNetwork, networkWithout, type CaseNetwork } from '../graph/network';
import { subgraph } from '../graph/subgraph';
import { DEFAULT_RESOLVE_OPTIONS, resolveEntities, type Resolution, type ResolveOptions } from '../resolve/resolve';
import { analyse, DEFAULT_ANALYSIS_OPTIONS, type Analysis, type AnalysisOptions } from './analyse';
import { applyRoles, startRoleFindings, type Protection } from './intelligence';
import { DEFAULT_ROLE_OPTIONS, prepareRoles, ROLES, type Role, type RoleOptions, type StartedRoles } from './roles';
import { DEFAULT_PATTERN_OPTIONS, startPatterns, type Finding } from './patterns';

export interface CaseOptions {
  resolve: ResolveOptions;
  build: BuildOptions;
  analysis: AnalysisOptions;
  roles: RoleOptions;
  patterns: { thresholds: Record<string, number>; coTravelHours: number; timeZone: string };
}

export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  resolve: DEFAULT_RESOLVE_OPTIONS,
  build: DEFAULT_BUILD_OPTIONS,
  analysis: DEFAULT_ANALYSIS_OPTIONS,
  roles: DEFAULT_ROLE_OPTIONS,
  patterns: {
    thresholds: DEFAULT_PATTERN_OPTIONS.thresholds,
    coTravelHours: DEFAULT_PATTERN_OPTIONS.coTravelHours,
    timeZone: 'UTC',
  },
};

export interface CaseResult {
  resolution: Resolution;
  /** The whole case's links in columns, which the analyses read. */
  links: CaseLinks;
  /** What the exports read: the links' columns, or the graph of a filtered part (see withGraph). */
  network: CaseNetwork;
  /**
   * The evidence graph (graphology) that the app's view, its evidence look-ups and the planner use: made from
   * `links` when first read, so that a ranked list or the exports of a city-sized case neither wait for nor
   * carry a million link objects.
   */
  readonly graph: CaseGraph;
  analysis: Analysis;
  /** Likely victims, kept out of the target list: for protection, not arrest. */
  protection: Protection[];
  /** Money, travel, SIM and time patterns, each with its rows. */
  findings: Finding[];
}

export function analyseCase(
  records: Records,
  options: Partial<CaseOptions> = {},
  onStep?: (step: string) => void,
  time: StepTimer = untimed,
): CaseResult {
  const o = { ...DEFAULT_CASE_OPTIONS, ...options };
  onStep?.('resolving identifiers to people');
  // The calls' links and the call patterns' figures start on the helper thread as soon as resolution has its
  // groups, while this thread makes the entities, the other links and the projection.
  let callLinks: StartedCallLinks | undefined;
  let callFigures: StartedCallFigures | undefined;
  const resolution = time('resolve', () =>
    resolveEntities(records, o.resolve, (groupOf, groups) => {
      callLinks = startCallLinks(records, groupOf, groups);
      callFigures = startCallFigures(records, groupOf, groups, o.patterns.timeZone);
    }),
  );
  onStep?.('building the graph');
  const links = time('build', () => buildLinks(records, resolution, o.build, callLinks));
  onStep?.(`analysing ${links.ids.length} entities and ${links.size} links`);
  const projection = time('project', () => project(links));
  const label = (id: string) => {
    const i = links.index.get(id);
    return i === undefined ? id : links.nodes[i]!.label;
  };
  // The patterns that do not depend on the roles are read while the helper thread runs betweenness's passes.
  // So is what the roles read of the links and records alone, and so are the roles that need no betweenness.
  let patterns: ReturnType<typeof startPatterns> | undefined;
  let roles: StartedRoles | undefined;
  const analysis = analyse(links, projection, o.analysis, time, (early) => {
    onStep?.('looking for travel, SIM and time patterns');
    patterns = time('patterns', () => startPatterns(records, resolution, label, o.patterns, callFigures));
    const prepared = time('roles', () => prepareRoles(links, records, resolution));
    roles = time('roles', () =>
      startRoleFindings(links, projection.csr, records, resolution, early, o.roles, prepared),
    );
  });
  onStep?.('assigning roles');
  const protection = time('roles', () => applyRoles(links, analysis, roles!, o.roles));
  onStep?.('looking for money patterns');
  const hubs = new Set<string>();
  for (const [id, m] of analysis.metrics) if (m.role === 'hub') hubs.add(id);
  const findings = time('patterns', () => patterns!.finish(hubs));
  let graph: CaseGraph | undefined;
  return {
    resolution,
    links,
    network: linksNetwork(links),
    get graph() {
      return (graph ??= toGraph(links));
    },
    analysis,
    protection,
    findings,
  };
}

/**
 * The same case seen through another evidence graph (the part an investigator filtered to): the exports then
 * write that graph. Use this rather than spreading a result, which would keep the whole case's network.
 */
export function withGraph(
  result: CaseResult,
  graph: CaseGraph,
  changes: Partial<Pick<CaseResult, 'protection' | 'findings'>> = {},
): CaseResult {
  return seenThrough(result, changes, graphNetwork(graph), () => graph);
}

/**
 * The case without some entities and their links (likely victims left out of an export). The exports read it
 * through its network, cut from the case's own; its evidence graph is made only if something asks for it.
 */
export function withoutEntities(
  result: CaseResult,
  dropped: ReadonlySet<string>,
  changes: Partial<Pick<CaseResult, 'protection' | 'findings'>> = {},
): CaseResult {
  return seenThrough(result, changes, networkWithout(result.network, dropped), () => {
    const whole = result.graph;
    return subgraph(
      whole,
      whole.filterNodes((id) => !dropped.has(id)),
      whole.filterEdges((_k, _e, s, t) => !dropped.has(s) && !dropped.has(t)),
    );
  });
}

/** The case's analyses with another network for the exports, and the graph `makeGraph` makes when first read. */
function seenThrough(
  result: CaseResult,
  changes: Partial<Pick<CaseResult, 'protection' | 'findings'>>,
  network: CaseNetwork,
  makeGraph: () => CaseGraph,
): CaseResult {
  let graph: CaseGraph | undefined;
  return {
    resolution: result.resolution,
    links: result.links,
    analysis: result.analysis,
    protection: result.protection,
    findings: result.findings,
    ...changes,
    get graph() {
      return (graph ??= makeGraph());
    },
    network,
  };
}

/** What a user sets for a run, in the CLI's flags or the app's settings panel. */
export interface CaseSettings {
  seed: number;
  /** Rows in the target list. */
  top: number;
  /** Louvain resolution. */
  resolution: number;
  rules: ResolutionRule[];
  /** Merge ids to undo. */
  unmerge: string[];
  /** Entities the analyst says are not service hubs, or not victims. */
  notHub: string[];
  notVictim: string[];
  /** Role weights in the target score, overriding the defaults (leader 1.8, financier 1.7, …). */
  roleWeights: Partial<Record<Role, number>>;
  /** Cash-reporting thresholds by currency, for structuring. */
  thresholds: Record<string, number>;
  /** Departures on one carrier and service within this many hours are one journey. */
  coTravelHours: number;
  country: string;
  timeZone: string;
  /** Whether the user chose the time zone (otherwise zone-less times get a warning). */
  timeZoneStated: boolean;
  currency: string;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  seed: 1,
  top: 25,
  resolution: 1,
  rules: [...RESOLUTION_RULES],
  unmerge: [],
  notHub: [],
  notVictim: [],
  roleWeights: {},
  thresholds: DEFAULT_PATTERN_OPTIONS.thresholds,
  coTravelHours: DEFAULT_PATTERN_OPTIONS.coTravelHours,
  country: 'GB',
  timeZone: 'UTC',
  timeZoneStated: false,
  currency: 'EUR',
};

/** Checks settings from any front end; throws an AppError naming the first wrong one. */
export function validateSettings(s: CaseSettings): CaseSettings {
  const fail = (what: string) => {
    throw appError('settings', what);
  };
  if (!Number.isInteger(s.seed) || s.seed < 0) fail(`seed is ${s.seed}; expected a whole number ≥ 0`);
  if (!Number.isInteger(s.top) || s.top < 0) fail(`top is ${s.top}; expected a whole number ≥ 0`);
  if (!(s.resolution > 0)) fail(`resolution is ${s.resolution}; expected a positive number`);
  for (const r of s.rules)
    if (!(RESOLUTION_RULES as readonly string[]).includes(r))
      fail(`rules names "${r}"; expected some of ${RESOLUTION_RULES.join(',')}`);
  if (!/^[A-Z]{2}$/.test(s.country)) fail(`country is "${s.country}"; expected a two-letter code such as GB`);
  if (!/^[A-Z]{3}$/.test(s.currency)) fail(`currency is "${s.currency}"; expected a code such as EUR`);
  for (const [role, w] of Object.entries(s.roleWeights))
    if (!(ROLES as readonly string[]).includes(role) || !(w >= 0))
      fail(`role weight ${role}=${w}; expected roles among ${ROLES.join(', ')} with weights ≥ 0`);
  for (const [currency, t] of Object.entries(s.thresholds))
    if (!/^[A-Z]{3}$/.test(currency) || !(t > 0))
      fail(`threshold ${currency}=${t}; expected CUR=amount with amount > 0`);
  if (!(s.coTravelHours > 0 && s.coTravelHours <= 72))
    fail(`co-travel window is ${s.coTravelHours} h; expected 1 to 72`);
  validateTimeZone(s.timeZone);
  return s;
}

export function ingestOptionsFor(s: CaseSettings): IngestOptions {
  return { country: s.country, timeZone: s.timeZone, timeZoneStated: s.timeZoneStated, currency: s.currency };
}

export function caseOptionsFor(s: CaseSettings): CaseOptions {
  return {
    ...DEFAULT_CASE_OPTIONS,
    resolve: { rules: [...s.rules], exclude: [...s.unmerge] },
    analysis: { ...DEFAULT_CASE_OPTIONS.analysis, seed: s.seed, resolution: s.resolution },
    roles: {
      ...DEFAULT_ROLE_OPTIONS,
      notHub: [...s.notHub],
      notVictim: [...s.notVictim],
      weights: { ...s.roleWeights },
    },
    patterns: { thresholds: { ...s.thresholds }, coTravelHours: s.coTravelHours, timeZone: s.timeZone },
  };
}
