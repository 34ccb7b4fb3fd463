// Roles into the ranking: a stated role raises or lowers an entity's target score by its confidence, likely
// victims leave the target list for a protection list, and every why starts with the role and its reasons.
import type { CaseLinks } from '../graph/build';
import type { Csr } from './csr';
import type { Records } from '../model/types';
import type { Resolution } from '../resolve/resolve';
import type { Analysis, EarlyAnalysis, NodeMetrics } from './analyse';
import { HUB_PENALTY_WEIGHT, hubPenaltyOf } from './ranking';
import { orderDescending, ranks } from '../lib/math';
import { zeros } from '../lib/typed';
import {
  DEFAULT_ROLE_OPTIONS,
  ROLE_LABELS,
  startRoles,
  type PreparedRoles,
  type Role,
  type RoleFinding,
  type RoleOptions,
  type StartedRoles,
} from './roles';

/** How much a role, stated with full confidence, multiplies the target score. */
export const ROLE_WEIGHTS: Record<Role, number> = {
  leader: 1.8,
  financier: 1.7,
  controller: 1.35,
  recruiter: 1.3,
  transporter: 1.3,
  broker: 1.2,
  // Mule accounts are often held by the exploited or by low-level helpers: follow the money, target above them.
  mule: 0.9,
  // A confirmed service loses more than its tie pattern alone would take off.
  hub: 0.4,
  victim: 0,
};

export interface Protection {
  id: string;
  confidence: number;
  reasons: string[];
}

export function describeRole(f: RoleFinding): string {
  return `likely ${ROLE_LABELS[f.role]} (confidence ${f.confidence.toFixed(2)}): ${f.reasons.join('; ')}`;
}

/** Replaces the service-hub discount of ranking.ts (score × (1 − weight × penalty)) and its sentence in the why. */
function setHubPenalty(metrics: NodeMetrics, penalty: number, note: string): void {
  const before = 1 - HUB_PENALTY_WEIGHT * metrics.hubPenalty;
  if (before > 0) metrics.score *= (1 - HUB_PENALTY_WEIGHT * penalty) / before;
  metrics.hubPenalty = penalty;
  metrics.why = metrics.why.replace(/; down-weighted \d+% as a likely service hub \([^)]*\)/, '') + note;
}

/**
 * The roles that need no betweenness, found while the helper thread runs its passes (see analyse's `meanwhile`
 * and startRoles); applyRoles finishes them. The analyst's "not a service hub" takes the service discount off.
 */
export function startRoleFindings(
  links: CaseLinks,
  neighbours: Csr,
  records: Records,
  resolution: Resolution,
  early: EarlyAnalysis,
  options: RoleOptions = DEFAULT_ROLE_OPTIONS,
  prepared?: PreparedRoles,
): StartedRoles {
  const notHub = new Set(options.notHub);
  const n = links.ids.length;
  const hubPenalty = zeros(Float64Array, n);
  for (let at = 0; at < n; at++) hubPenalty[at] = notHub.has(links.ids[at]!) ? 0 : hubPenaltyOf(early.features[at]!);
  const { community, eigenvector, features } = early;
  return startRoles(
    { links, neighbours, records, resolution, community, eigenvector, hubPenalty, features, prepared },
    options,
  );
}

/**
 * Rewrites the analysis's scores, ranks and reasons with the roles, started by startRoleFindings on the same
 * analysis and options; returns the protection list.
 */
export function applyRoles(
  links: CaseLinks,
  analysis: Analysis,
  started: StartedRoles,
  options: RoleOptions = DEFAULT_ROLE_OPTIONS,
): Protection[] {
  // The metrics the roles rewrite, in the links' entity order (the findings' order): by place, not looked up by id
  // (two look-ups of a city's hundred thousand ids, a tenth of a second, where the helper thread has nothing to do).
  const metricsAt = analysis.byPlace;
  const notHub = new Set(options.notHub);
  const n = metricsAt.length;
  const betweenness = zeros(Float64Array, n);
  for (let at = 0; at < n; at++) betweenness[at] = metricsAt[at]!.betweenness;
  // 1 for the highest, ties by id: by place, the links' ids being sorted (no id compared, none looked up).
  const findings = started.finish(ranks(betweenness));
  const protection: Protection[] = [];
  const victimAt = zeros(Uint8Array, n);
  // By place in the links' order (each entity's metrics are its own: the order they are visited in changes none).
  for (let at = 0; at < metricsAt.length; at++) {
    const id = links.ids[at]!;
    const metrics = metricsAt[at]!;
    // The analyst's word: undo the service-hub discount.
    if (notHub.has(id)) setHubPenalty(metrics, 0, '; not a service hub (analyst)');
    const list = findings[at];
    if (!list) continue; // (no role: most of a city)
    const stated = list.filter((f) => f.confidence >= options.minConfidence);
    const victim = stated.find((f) => f.role === 'victim' && f.confidence >= options.victimThreshold);
    if (victim) {
      protection.push({ id, confidence: victim.confidence, reasons: victim.reasons });
      victimAt[at] = 1;
      metrics.role = 'victim';
      metrics.roleConfidence = victim.confidence;
      metrics.roleReasons = describeRole(victim);
      metrics.score = 0;
      continue;
    }
    const hub = stated.find((f) => f.role === 'hub');
    // Seen as a service from the communities too (contacts across unrelated groups): discount it as one.
    if (hub && hub.confidence > metrics.hubPenalty)
      setHubPenalty(
        metrics,
        hub.confidence,
        `; down-weighted ${Math.round(HUB_PENALTY_WEIGHT * 100 * hub.confidence)}% as a likely service hub (${hub.reasons.join('; ')})`,
      );
    const best = stated.filter((f) => f.role !== 'victim')[0];
    if (!best) continue;
    metrics.role = best.role;
    metrics.roleConfidence = best.confidence;
    metrics.roleReasons = stated
      .filter((f) => f.role !== 'victim')
      .map(describeRole)
      .join(' | ');
    const weight = (r: Role) => options.weights[r] ?? ROLE_WEIGHTS[r];
    const factor = Math.max(...stated.map((f) => 1 + (weight(f.role) - 1) * f.confidence));
    metrics.score *= factor;
    if (best.role !== 'hub') {
      const generic = best.reasons.some((r) => r.includes('contacts are repeated'))
        ? metrics.why.replace(/(; )?\d+ of \d+ contacts repeated(, )?/, (_m, a, b) => (a && b ? '; ' : ''))
        : metrics.why;
      metrics.why = `${describeRole(best)}; ${generic}`;
    }
  }
  const victims = new Set(protection.map((p) => p.id));
  // Highest score first, ties by id (by place: the links' ids are sorted), victims left out with rank 0.
  analysis.ranking = [];
  const score = zeros(Float64Array, n);
  for (let at = 0; at < n; at++) score[at] = metricsAt[at]!.score;
  for (const i of orderDescending(score)) {
    const metrics = metricsAt[i]!;
    if (victimAt[i]) metrics.rank = 0;
    else {
      analysis.ranking.push(links.ids[i]!);
      metrics.rank = analysis.ranking.length;
    }
  }
  for (const c of analysis.communities) c.top = c.top.filter((id) => !victims.has(id));
  return protection.sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1));
}
