// A line chart in SVG, built node by node (no markup strings): one line per series, axes, a legend.
import { maxOf } from '../lib/math';
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Series {
  name: string;
  colour: string;
  values: number[];
  /** Drawn thicker (the chosen strategy). */
  emphasis?: boolean;
}

export function lineChart(
  series: Series[],
  options: { width: number; height: number; xLabel: string; yLabel: string },
) {
  const { width, height } = options;
  const rows = Math.ceil(series.length / 2);
  const pad = { left: 44, right: 10, top: 10, bottom: 40 + rows * 13 };
  const xs = maxOf(
    series.map((s) => s.values.length - 1),
    1,
  );
  const ymax = maxOf(
    series.flatMap((s) => s.values),
    1,
  );
  const x = (i: number) => pad.left + (i / xs) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + (1 - v / ymax) * (height - pad.top - pad.bottom);
  const svg = el('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  const axis = { stroke: '#555', 'stroke-width': 1 };
  svg.append(el('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), ...axis }));
  svg.append(el('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: y(0), ...axis }));
  for (let i = 0; i <= xs; i++)
    svg.append(
      el('text', { x: x(i), y: y(0) + 14, 'font-size': 11, 'text-anchor': 'middle', fill: '#333' }, String(i)),
    );
  for (const v of [0, Math.round(ymax / 2), ymax])
    svg.append(
      el('text', { x: pad.left - 6, y: y(v) + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#333' }, String(v)),
    );
  svg.append(
    el(
      'text',
      { x: (pad.left + width) / 2, y: y(0) + 28, 'font-size': 11, 'text-anchor': 'middle', fill: '#333' },
      options.xLabel,
    ),
  );
  svg.append(el('text', { x: pad.left + 6, y: pad.top + 10, 'font-size': 11, fill: '#333' }, options.yLabel));
  for (const s of series)
    svg.append(
      el('polyline', {
        points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' '),
        fill: 'none',
        stroke: s.colour,
        'stroke-width': s.emphasis ? 3 : 1.5,
        'stroke-dasharray': s.emphasis ? '' : '4 2',
      }),
    );
  series.forEach((s, i) => {
    const lx = pad.left + (i % 2) * ((width - pad.left) / 2);
    const ly = height - 6 - (rows - 1 - Math.floor(i / 2)) * 13;
    svg.append(el('rect', { x: lx, y: ly - 8, width: 10, height: 3, fill: s.colour }));
    svg.append(el('text', { x: lx + 14, y: ly - 4, 'font-size': 10, fill: '#222' }, `${s.name} ${s.values.at(-1)}`));
  });
  return svg;
}

/** The chart as standalone SVG text, for a download. */
export function svgText(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/** The chart as a PNG, drawn through an image of the SVG on this page's origin (a blob URL). */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Number(svg.getAttribute('width')) * 2;
    canvas.height = Number(svg.getAttribute('height')) * 2;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(2, 2);
    ctx.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
