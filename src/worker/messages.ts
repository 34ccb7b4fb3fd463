// The typed boundary between the app (main thread) and the analysis worker. Everything crossing it is plain data.
import type { CaseSettings } from '../analysis/pipeline';
import type { CommunitySummary, NodeMetrics } from '../analysis/analyse';
import type { Protection } from '../analysis/intelligence';
import type { Finding } from '../analysis/patterns';
import type { PlanSettings, PlanStep } from '../analysis/plan';
import type { Measures, Strategy } from '../analysis/disruption';
import type { Layer, NodeAttributes } from '../graph/build';
import type { EdgeTimes, EvidenceRow, LayerActivity } from '../graph/provenance';
import type { Detection } from '../ingest/ingest';
import type { PreviewRow } from '../ingest/preview';
import type { FileSpec, MappingSpec } from '../ingest/spec';
import type { RunInput } from '../export/bundle';
import type { TargetOverrides } from '../export/targets';
import type { PrivacyOptions } from '../export/privacy';
import type { RowIssue } from '../model/types';
import type { NodeColumns } from './node-columns';

/**
 * A file as the worker gets it: a Blob (a File the analyst chose), which crosses to the worker without copying
 * and is read slice by slice, so that a file larger than memory is streamed, never loaded whole.
 */
export interface InputFile {
  name: string;
  file: Blob;
  /** Corrections made on the import screen; they win over the spec and detection. */
  override?: FileSpec;
  /** The file's hash when the worker gave it already (it computes it otherwise, streaming). */
  sha256?: string;
}

/** Detection reads the first bytes only; the hash is computed, streaming, the first time. */
export type DetectFile = InputFile;

export interface FileDetection extends Omit<Detection, 'sample'> {
  preview: PreviewRow[];
  /** The first data rows as written, for deciding the mapping of a file that was not recognised. */
  raw: string[][];
  /** The fields of the detected kind, for the mapping editor. */
  fields: string[];
  sha256: string;
  bytes: number;
}

/** A link of the case as the view needs it: no source rows (those come on request), their count instead. */
/** A link as the view reads it. On the page its fields may be getters over columns (edge-columns.ts). */
export interface ViewEdge {
  readonly key: string;
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  readonly layer: Layer;
  /** calls + SMS, transfers, shared journeys or weight. */
  readonly weight: number;
  readonly rows: number;
  readonly first: number;
  readonly last: number;
}

/**
 * The links of a case, by place. The worker's whole reply holds an array; the page holds a city's links as columns
 * and makes a link object only when one is read (edge-columns.ts).
 */
export interface EdgeList extends Iterable<ViewEdge> {
  readonly length: number;
  at(index: number): ViewEdge | undefined;
}

/** Links as they cross from the worker in slices (see edge-columns.ts): their ends are places in the entity list. */
export interface EdgeColumns {
  source: Int32Array;
  target: Int32Array;
  /** The place of the link's layer in LINK_LAYERS. */
  layer: Uint8Array;
  weight: Float64Array;
  rows: Int32Array;
  first: Float64Array;
  last: Float64Array;
}

export interface ViewNode extends Omit<NodeAttributes, 'selfContacts'> {
  id: string;
  metrics: Omit<NodeMetrics, 'features'> & { serviceLikeness: number };
}

export interface ViewMerge {
  id: string;
  rule: string;
  entity: string;
  a: string;
  b: string;
  reason: string;
  sources: string;
}

/** The lists of a case view that can be sent in slices. */
export type SlicedPart = 'nodes' | 'edges';

export interface CaseView {
  files: string[];
  settings: CaseSettings;
  inputs: RunInput[];
  /** Each read file's mapping as a spec entry, for the project file. */
  mappings: Record<string, FileSpec>;
  nodes: ViewNode[];
  edges: EdgeList;
  /**
   * How many entities and links the case has (all in the lists, unless asked for in slices), and how many merges
   * resolution made. The merges themselves come with an entity's evidence (a city has two hundred thousand of them,
   * and the page shows those of one entity at a time).
   */
  counts: Record<SlicedPart | 'merges', number>;
  ranking: string[];
  /** Likely victims, kept out of the target list, most confident first. */
  protection: Protection[];
  /** Patterns, with their evidence rows already in words ("calls.csv:2,5; bank.csv:7"). */
  findings: (Omit<Finding, 'evidence'> & { evidence: string })[];
  communities: CommunitySummary[];
  modularity: number;
  betweenness: string;
  /** Event times of each link of `edges`, by its place in that list (UTC ms, sorted; see timesOf). */
  times: EdgeTimes;
  /**
   * The links of each entity, from both ends: entity `nodes[i]`'s are the places in `edges` at
   * `link[offsets[i] … offsets[i + 1])`, ascending. The view of a city draws a small part of it, and finds that
   * part's links here instead of passing over a million of them on the page's thread.
   */
  incidence: { offsets: Int32Array; link: Int32Array };
  /** Each link's layer, as its place in LINK_LAYERS, by its place in `edges`: counted without a pass over them. */
  linkLayers: Uint8Array;
  /** The largest weight of a link, at least 1. */
  maxWeight: number;
  /** Events per layer over time, for the time filter's histogram; null when no link is dated. */
  activity: LayerActivity | null;
  /** The first row issues, for the issues table; `issueCount` says how many there are in all. */
  issues: RowIssue[];
  issueCount: number;
  /** Names of the exports the worker holds (targets.csv, rejected.csv, graph.gexf…). */
  outputs: string[];
}

export interface EvidenceLinkView {
  edge: string;
  with: string;
  withLabel: string;
  layer: Layer;
  summary: string;
  rows: EvidenceRow[];
  total: number;
}

export type Request =
  | { type: 'detect'; files: DetectFile[]; settings: CaseSettings; spec?: MappingSpec }
  | {
      type: 'analyse';
      files: InputFile[];
      settings: CaseSettings;
      spec?: MappingSpec;
      /** The tab's heap limit, where the browser tells it (a worker cannot measure its own heap). */
      memoryLimit?: number;
      /** Send the entities and links apart, with `slice` requests (each message small enough to take in at once). */
      inSlices?: boolean;
    }
  | { type: 'slice'; part: SlicedPart; from: number; to: number }
  | { type: 'evidence'; node: string }
  /** The findings of a view that was sent in slices. */
  | { type: 'findings' }
  | { type: 'targets'; overrides: TargetOverrides; privacy?: PrivacyOptions }
  | { type: 'graph'; format: 'gexf' | 'graphml'; nodes: string[]; edges: string[]; privacy?: PrivacyOptions }
  | { type: 'output'; name: string; privacy?: PrivacyOptions }
  | { type: 'plan'; settings: PlanSettings }
  /** The last plan's CSV, with the export privacy chosen at the time of download. */
  | { type: 'plan-csv'; privacy?: PrivacyOptions };

export type Reply =
  | { type: 'detect'; detections: FileDetection[] }
  /**
   * Asked for in slices, the view comes without its entities, links, ranking and findings: the entities and links
   * come in slices, the ranking as the entities' places (`rankingPlaces`, made into ids on the page once the
   * entities are in), and the findings with a request of their own. A hundred thousand ids and eight thousand
   * findings in the one message took most of the 120–220 ms the page spent taking it in.
   */
  | { type: 'analyse'; view: CaseView; rankingPlaces?: Int32Array }
  | { type: 'findings'; findings: CaseView['findings'] }
  /** Entities and links as columns, which the page reads through objects of its own (node-columns.ts, edge-columns.ts). */
  | { type: 'slice'; items: NodeColumns | EdgeColumns }
  /** An entity's links with the rows behind each, and the merges of resolution that made the entity. */
  | { type: 'evidence'; links: EvidenceLinkView[]; merges: ViewMerge[] }
  | { type: 'targets'; csv: string; json: string }
  | { type: 'graph'; text: string }
  /** An export as text chunks (a city-sized one is longer than any one string may be). */
  | { type: 'output'; chunks: string[] }
  | { type: 'plan'; plan: PlanView }
  | { type: 'plan-csv'; csv: string };

export interface PlanView {
  scopeSize: number;
  protectedCount: number;
  start: Measures;
  steps: PlanStep[];
  curves: Record<Strategy, Measures[]>;
  curvesCsv: string;
}

export interface Progress {
  /** The file being read, or '' for the analysis steps. */
  file: string;
  step: string;
  /** 0..1, or -1 when unknown. */
  fraction: number;
}

export type FromWorker =
  | { id: number; ok: true; reply: Reply }
  | { id: number; ok: false; error: string }
  | { id: number; progress: Progress };

export type ToWorker = { id: number; request: Request };

/** The reply type that answers a request type. */
export type ReplyTo<T extends Request['type']> = Extract<Reply, { type: T }>;
