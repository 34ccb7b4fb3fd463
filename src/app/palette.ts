// Colours that stay apart for most readers (Okabe–Ito and Tableau tones) and read on white.
import type { Layer } from '../graph/build';

export const LAYER_COLOURS: Record<Layer, string> = {
  calls: '#2f6db5',
  money: '#c77c02',
  travel: '#7b4fa0',
  links: '#6b6b6b',
};

export const LAYER_NAMES: Record<Layer, string> = {
  calls: 'Calls and SMS',
  money: 'Money transfers',
  travel: 'Travelled together',
  links: 'Other links',
};

const COMMUNITY = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
  '#3b5b92',
  '#a05d56',
  '#4a8f6a',
];

export const OTHER_COLOUR = '#9a9a9a';
export const FADED_COLOUR = '#e4e4e4';

/** The first communities get the palette; later ones hues spread by the golden angle, darker, so they still differ. */
export function communityColour(c: number): string {
  return COMMUNITY[c] ?? hslToHex((c * 137.508) % 360, 0.45, 0.42);
}

/** Sigma's WebGL colour parser reads hex and rgb(), not hsl(). */
function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export const COMMUNITY_COLOURS_SHOWN = COMMUNITY.length;

/** Roles from the analysis (src/analysis/roles.ts), and 'other' for entities with none stated. */
export const ROLE_COLOURS = {
  leader: '#8b0000',
  financier: '#c45a00',
  broker: '#6a3d9a',
  controller: '#d62728',
  recruiter: '#c2185b',
  transporter: '#00796b',
  mule: '#b8860b',
  victim: '#2e9e44',
  hub: '#5b7fa6',
  other: '#9a9a9a',
} as const;
export type RoleKey = keyof typeof ROLE_COLOURS;
export const ROLE_NAMES: Record<RoleKey, string> = {
  leader: 'Leader or organiser',
  financier: 'Financier or collector',
  broker: 'Broker between groups',
  controller: 'Controller',
  recruiter: 'Recruiter',
  transporter: 'Escort or transporter',
  mule: 'Mule account',
  victim: 'Likely victim (protect)',
  hub: 'Innocent hub (service)',
  other: 'No role stated',
};

/** What the view can colour entities by, and size them by (saved in project files). */
export const COLOUR_BY = ['community', 'role', 'layer'] as const;
export type ColourBy = (typeof COLOUR_BY)[number];
export const SIZE_METRICS = [
  'score',
  'betweenness',
  'eigenvector',
  'pagerank',
  'strength',
  'degree',
  'closeness',
] as const;
export type SizeBy = (typeof SIZE_METRICS)[number];
