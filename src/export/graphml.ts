// GraphML for yEd, Cytoscape, igraph and networkx: the same attributes as the GEXF export.
import type { CaseResult } from '../analysis/pipeline';
import { interactions } from '../graph/build';
import { formatNumber } from './csv';
import { attrText, EDGE_ATTRS, edgeValues, escapeXml, NODE_ATTRS, nodeValues, type TextMap } from './gexf';

const GRAPHML_TYPE: Record<string, string> = { string: 'string', integer: 'long', double: 'double' };

export function toGraphml(result: CaseResult, meta: { version: string }, text: TextMap = (v) => v): string {
  const { network } = result;
  const x = (v: string) => escapeXml(text(v));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    `  <desc>Unravel ${escapeXml(meta.version)}</desc>`,
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...NODE_ATTRS.map(
      ([id, type]) => `  <key id="${id}" for="node" attr.name="${id}" attr.type="${GRAPHML_TYPE[type]}"/>`,
    ),
    ...EDGE_ATTRS.map(
      ([id, type]) => `  <key id="e_${id}" for="edge" attr.name="${id}" attr.type="${GRAPHML_TYPE[type]}"/>`,
    ),
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph edgedefault="undirected">',
  ];
  for (const id of network.nodes()) {
    const values = nodeValues(result, id);
    out.push(`    <node id="${x(id)}">`);
    out.push(`      <data key="label">${x(network.node(id).label)}</data>`);
    for (const [key] of NODE_ATTRS) out.push(`      <data key="${key}">${attrText(key, values[key]!, text)}</data>`);
    out.push('    </node>');
  }
  for (const { key, source, target, directed: isDirected, attributes: e } of network.links()) {
    const values = edgeValues(e);
    const directed = isDirected ? ' directed="true"' : '';
    out.push(`    <edge id="${x(key)}" source="${x(source)}" target="${x(target)}"${directed}>`);
    for (const [k] of EDGE_ATTRS) out.push(`      <data key="e_${k}">${attrText(k, values[k]!, text)}</data>`);
    out.push(`      <data key="weight">${formatNumber(interactions(e))}</data>`, '    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
