// GEXF 1.3 for Gephi: entities with their metrics, links with layer and weights.
import type { CaseResult } from '../analysis/pipeline';
import { interactions, type EdgeAttributes } from '../graph/build';
import { formatAmounts, formatNumber, TextChunks } from './csv';

// XML 1.0 cannot hold these control characters at all, escaped or not.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\u0085\u2028\u2029\ufffd\ufffe\uffff\ud800-\udfff]/;

// Half a surrogate pair alone cannot be written as UTF-8: it becomes U+FFFD, as any encoder would make it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as XML attribute or element content: markup characters escaped, characters XML 1.0 cannot hold at all
 * dropped, lone surrogates replaced. Tab, LF, CR, NEL and the line and paragraph separators are escaped as
 * character references, so that a parser gives them back instead of normalising them to spaces or line ends; so
 * is U+FFFD, which strict parsers take, written as itself, for a sign that the file was decoded wrongly.
 */
export function escapeXml(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replace(XML_FORBIDDEN, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\u0085/g, '&#133;')
    .replace(/\u2028/g, '&#8232;')
    .replace(/\u2029/g, '&#8233;')
    .replace(/\ufffd/g, '&#65533;');
}

export const NODE_ATTRS = [
  ['kind', 'string'],
  ['identifiers', 'string'],
  ['community', 'integer'],
  ['rank', 'integer'],
  ['score', 'double'],
  ['degree', 'integer'],
  ['strength', 'double'],
  ['betweenness', 'double'],
  ['closeness', 'double'],
  ['eigenvector', 'double'],
  ['pagerank', 'double'],
  ['hub_penalty', 'double'],
] as const;
export const EDGE_ATTRS = [
  ['layer', 'string'],
  ['count', 'integer'],
  ['seconds', 'integer'],
  ['amounts', 'string'],
  ['trips', 'integer'],
] as const;

/** An entity's exported attributes as text, keyed like NODE_ATTRS. */
export function nodeValues(result: CaseResult, id: string): Record<string, string> {
  const n = result.network.node(id);
  const m = result.analysis.metrics.get(id)!;
  return {
    kind: n.kind,
    identifiers: n.identifiers.join(';'),
    community: String(m.community),
    rank: String(m.rank),
    score: formatNumber(m.score),
    degree: String(m.degree),
    strength: formatNumber(m.strength),
    betweenness: formatNumber(m.betweenness),
    closeness: formatNumber(m.closeness),
    eigenvector: formatNumber(m.eigenvector),
    pagerank: formatNumber(m.pagerank),
    hub_penalty: formatNumber(m.hubPenalty),
  };
}

/** A link's exported attributes as text, keyed like EDGE_ATTRS. */
export function edgeValues(e: EdgeAttributes): Record<string, string> {
  return {
    layer: e.layer,
    count: String(e.count),
    seconds: String(e.seconds),
    amounts: formatAmounts(e.amounts),
    trips: String(e.trips),
  };
}

/** Every string an export writes about entities goes through this (pseudonyms); identity by default. */
export type TextMap = (value: string) => string;
const asIs: TextMap = (v) => v;

/** The attributes that are text, and may name someone. */
const TEXT_ATTRS = new Set(['kind', 'identifiers', 'amounts', 'layer']);

/** An attribute value as written: text ones through `text`, numbers as they are. */
export function attrText(key: string, value: string, text: TextMap): string {
  // The others are numbers written by String or formatNumber: digits, a sign, a point, an exponent; nothing to
  // escape.
  return TEXT_ATTRS.has(key) ? escapeXml(text(value)) : value;
}

export function toGexf(result: CaseResult, meta: { version: string }, text: TextMap = asIs): string {
  return gexfChunks(result, meta, text).join('');
}

/** The GEXF in chunks, handed to `onChunk` as they fill when given (and then none returned). */
export function gexfChunks(
  result: CaseResult,
  meta: { version: string },
  text: TextMap = asIs,
  onChunk?: (chunk: string) => void,
): string[] {
  const { network } = result;
  const x = (v: string) => escapeXml(text(v));
  const out = new TextChunks(undefined, onChunk);
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>Unravel ${escapeXml(meta.version)}</creator></meta>`,
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRS.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_ATTRS.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const line of head) out.add(line + '\n');
  for (const id of network.nodes()) {
    const n = network.node(id);
    const values = nodeValues(result, id);
    // One string per entity and per link, not per line: a city's GEXF has tens of millions of lines.
    let node = `      <node id="${x(id)}" label="${x(n.label)}"><attvalues>\n`;
    for (const [key] of NODE_ATTRS)
      node += `        <attvalue for="${key}" value="${attrText(key, values[key]!, text)}"/>\n`;
    out.add(node + '      </attvalues></node>\n');
  }
  out.add('    </nodes>\n    <edges>\n');
  for (const { key, source, target, directed, attributes: e } of network.links()) {
    const weight = interactions(e);
    const type = directed ? ' type="directed"' : '';
    const values = edgeValues(e);
    let edge = `      <edge id="${x(key)}" source="${x(source)}" target="${x(target)}"${type} weight="${formatNumber(weight)}"><attvalues>\n`;
    for (const [k] of EDGE_ATTRS) edge += `        <attvalue for="${k}" value="${attrText(k, values[k]!, text)}"/>\n`;
    out.add(edge + '      </attvalues></edge>\n');
  }
  out.add('    </edges>\n  </graph>\n</gexf>\n');
  return out.done();
}
