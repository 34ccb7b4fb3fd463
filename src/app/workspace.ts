// The workspace: the network view in the middle, filters and appearance on the left, the target list, an
// entity's details and evidence, the row issues and the files on the right. State lives here; the view and
// the lists are derived from it.
import { isDisplayIdentifier } from '../model/types';
import { LAYERS, type Layer } from '../graph/build';
import type { WorkerClient } from '../worker/client';
import type { CaseView, EvidenceLinkView, PlanView, ViewMerge, ViewNode } from '../worker/messages';
import { STRATEGIES, type Strategy } from '../analysis/disruption';
import type { PlanScope } from '../analysis/plan';
import { lineChart, svgText, svgToPng } from './chart';
import { download, fill, formatDay, formatTime, h, selectField, table } from './dom';
import {
  activityHistogram,
  DEFAULT_FILTERS,
  linksPerLayer,
  shortestPath,
  timeFiltered,
  visibleSets,
  type Filters,
  type Scope,
  type Visible,
} from './filters';
import { initialFocus } from './focus';
import { nodeIndex } from './links';
import {
  communityColour,
  COMMUNITY_COLOURS_SHOWN,
  LAYER_COLOURS,
  LAYER_NAMES,
  OTHER_COLOUR,
  ROLE_COLOURS,
  ROLE_NAMES,
  type RoleKey,
} from './palette';
import { projectFile, viewState as projectView, type LogEntry, type ProjectFile } from './project';
import { MIN_KEY_LENGTH, type PrivacyOptions } from '../export/privacy';
import { createSearchIndex } from './search';
import { describeEdit, listIds, move, NO_EDITS, overridesFor, remove, togglePin, type ListEdits } from './target-list';
import { SLOW_FRAME_MS } from './layout';
import { createGraphView, mountStage, SIZE_METRICS, type ColourBy, type GraphView, type SizeBy } from './view';
import { maxOf } from '../lib/math';

export interface Workspace {
  dispose(): void;
}

export interface WorkspaceHooks {
  project: ProjectFile | null;
  /** Re-runs the analysis with changed settings, keeping the analyst's list edits and view. */
  reanalyse(patch: Partial<CaseView['settings']>, keep: ProjectFile['view'] & { edits: ListEdits }): void;
  files(): ProjectFile['files'];
  close(): void;
  reimport(): void;
  /** The action log, and a way to add to it. */
  log(): LogEntry[];
  record(action: LogEntry['action'], detail: string): void;
}

type Tab = 'targets' | 'protect' | 'patterns' | 'plan' | 'details' | 'issues' | 'files';

const METRIC_LABELS: Record<SizeBy, string> = {
  score: 'Target score',
  betweenness: 'Brokerage (betweenness)',
  eigenvector: 'Inner circle (eigenvector)',
  pagerank: 'PageRank',
  strength: 'Contact volume (strength)',
  degree: 'Contacts (degree)',
  closeness: 'Reach (closeness)',
};

function swatch(colour: string) {
  return h('span', { class: 'swatch', style: { background: colour }, 'aria-hidden': 'true' });
}

function fmt(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function openWorkspace(
  root: HTMLElement,
  view: CaseView,
  client: WorkerClient,
  hooks: WorkspaceHooks,
): Workspace {
  const tz = view.settings.timeZone;
  // By the one index of the entities' places that the filters and the view share: a second map of a city's
  // hundred thousand entities took 90 ms of the task that opens the workspace.
  const index = nodeIndex(view);
  const nodeOf = (id: string): ViewNode | undefined => {
    const i = index.get(id);
    return i === undefined ? undefined : view.nodes[i];
  };
  const saved = hooks.project;
  let filters: Filters = saved
    ? {
        ...DEFAULT_FILTERS,
        ...saved.view.filters,
        from: saved.view.filters.from ?? -Infinity,
        to: saved.view.filters.to ?? Infinity,
      }
    : { ...DEFAULT_FILTERS, layers: { ...DEFAULT_FILTERS.layers } };
  let scope: Scope = { kind: 'all' };
  let colourBy: ColourBy = (saved?.view.colourBy as ColourBy) ?? 'community';
  let sizeBy: SizeBy = (saved?.view.sizeBy as SizeBy) ?? 'score';
  let edits: ListEdits = saved ? saved.edits : { ...NO_EDITS };
  let hovered: string | null = null;
  let selected: string | null = null;
  let path: string[] | null = null;
  let pathFrom: string | null = null;
  /** A message for the banner (a path that does not exist, a picture that failed). */
  let notice = '';
  let egoDepth = 1;
  let tab: Tab = 'targets';
  const focus = initialFocus(view);
  let showAll = focus.nodes === null;
  let visible: Visible = { nodes: new Set(), edges: new Set() };
  const labelled = new Set(view.ranking.slice(0, 10));
  // Built at the first search, not while the case opens: a city's index takes most of a second to make.
  let search: ReturnType<typeof createSearchIndex> | undefined;
  const searchIndex = () => (search ??= createSearchIndex(view, view.settings.country));

  // --- the frame ------------------------------------------------------------------------------------------------
  const summary = h('span', { id: 'summary', class: 'summary', role: 'status', 'aria-live': 'polite' });
  const searchInput = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search a name, phone, IBAN, IMEI or document…',
    'aria-label': 'Search entities',
    autocomplete: 'off',
  });
  const searchResults = h('ul', { id: 'search-results', class: 'search-results', role: 'listbox', hidden: true });
  const layoutButton = h('button', { id: 'layout-toggle', onclick: () => toggleLayout() }, 'Stop layout');
  const menu = (title: string, ...items: (HTMLElement | HTMLElement[])[]) =>
    h('details', { class: 'menu' }, h('summary', null, title), h('div', { class: 'menu-items' }, ...items));
  // Privacy of exports: kept for this session only (the key is never saved in the project file).
  let privacy: PrivacyOptions = {};
  const keyInput = h('input', {
    id: 'pseudonym-key',
    type: 'password',
    autocomplete: 'off',
    placeholder: `key, ${MIN_KEY_LENGTH}+ characters`,
    'aria-label': 'Pseudonym key',
    disabled: true,
  });
  const pseudonymBox = h('input', { id: 'pseudonymise', type: 'checkbox' });
  const victimsBox = h('input', { id: 'without-victims', type: 'checkbox' });
  const pngButton = h('button', { id: 'export-png', onclick: exportPng }, 'View as PNG');
  const privacyNote = h('p', { class: 'menu-note', id: 'privacy-note' });
  const updatePrivacy = () => {
    keyInput.disabled = !pseudonymBox.checked;
    const key = keyInput.value.trim();
    privacy = {
      ...(pseudonymBox.checked ? { pseudonymKey: key } : {}),
      ...(victimsBox.checked ? { withoutVictims: true } : {}),
    };
    const shortKey = pseudonymBox.checked && key.length < MIN_KEY_LENGTH;
    // The picture shows names as drawn: it cannot be pseudonymised.
    pngButton.disabled = pseudonymBox.checked || victimsBox.checked;
    privacyNote.textContent = shortKey
      ? `The key needs at least ${MIN_KEY_LENGTH} characters; exports wait for it.`
      : pseudonymBox.checked || victimsBox.checked
        ? `Exports: ${privacyWords()}. The same key gives the same pseudonyms in every export.`
        : '';
  };
  const privacyWords = () =>
    [privacy.pseudonymKey !== undefined ? 'pseudonymised' : '', privacy.withoutVictims ? 'likely victims left out' : '']
      .filter(Boolean)
      .join(', ') || 'as they are';
  for (const el of [keyInput, pseudonymBox, victimsBox]) {
    el.addEventListener('input', updatePrivacy);
    el.addEventListener('click', (e) => e.stopPropagation());
  }
  /** Whether an export may go ahead (a pseudonym key long enough, when asked for). */
  const privacyReady = () => {
    if (privacy.pseudonymKey !== undefined && privacy.pseudonymKey.length < MIN_KEY_LENGTH) {
      notice = `Pseudonymised exports need a key of at least ${MIN_KEY_LENGTH} characters (Export menu).`;
      renderBanner();
      return false;
    }
    return true;
  };
  const exportMenu = menu(
    'Export',
    h(
      'div',
      { class: 'privacy' },
      h('label', null, pseudonymBox, ' Pseudonymise names and numbers'),
      keyInput,
      h('label', null, victimsBox, ' Leave likely victims out'),
      privacyNote,
    ),
    pngButton,
    h('button', { onclick: () => exportGraph('gexf') }, 'Shown graph as GEXF'),
    h('button', { onclick: () => exportGraph('graphml') }, 'Shown graph as GraphML'),
    h('button', { onclick: () => exportTargets('csv') }, 'Target list as CSV'),
    h('button', { onclick: () => exportTargets('json') }, 'Target list as JSON'),
    h('p', { class: 'menu-note' }, 'The whole case, as the CLI writes it:'),
    view.outputs.map((name) => h('button', { onclick: () => downloadOutput(name) }, name)),
  );
  const projectMenu = menu(
    'Project',
    h('button', { onclick: saveProject }, 'Save project file'),
    h('button', { onclick: () => hooks.reimport() }, 'Change file mappings…'),
    h('button', { onclick: () => hooks.close() }, 'Close case'),
  );
  const banner = h('div', { class: 'banner', id: 'banner', role: 'status' });
  const left = h('aside', { class: 'left', 'aria-label': 'Filters and appearance' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const panel = h('div', { class: 'panel', id: 'panel', role: 'tabpanel' });
  const right = h('aside', { class: 'right', 'aria-label': 'Targets and details' }, tabs, panel);
  fill(
    root,
    h(
      'div',
      { class: 'workspace' },
      h(
        'header',
        { class: 'bar' },
        h('h1', null, 'Unravel'),
        h('div', { class: 'search' }, searchInput, searchResults),
        summary,
        h('span', { class: 'grow' }),
        layoutButton,
        exportMenu,
        projectMenu,
      ),
      left,
      h('main', { class: 'stage', id: 'stage' }, banner),
      right,
    ),
  );

  mountStage(root.querySelector<HTMLElement>('#stage')!);

  // --- the view -------------------------------------------------------------------------------------------------
  let graphView: GraphView | null = null;
  const viewState = () => ({ visible, colourBy, sizeBy, hovered, selected, path, labelled });
  let disposed = false;
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  /**
   * (Re)creates the view. Each step is its own task so that no one of them holds the main thread long: the
   * lists first, then sigma (WebGL set-up is the costly part), then the first draw and the layout.
   */
  async function buildView() {
    graphView?.kill();
    graphView = null;
    // In a task of its own, after the one that opened the workspace: each is a pass over a city's links.
    await nextTask();
    if (disposed) return;
    recompute();
    await nextTask();
    if (disposed) return;
    graphView = createGraphView(view, showAll ? null : focus.nodes, viewState, {
      hover(id) {
        hovered = id;
        graphView?.refresh();
      },
      click(id) {
        if (id) void select(id);
        else {
          selected = null;
          path = null;
          graphView?.refresh();
        }
      },
    });
    await nextTask();
    if (disposed) return;
    graphView.show();
    await nextTask();
    if (disposed) return;
    graphView.startLayout();
    layoutButton.textContent = 'Stop layout';
  }
  function toggleLayout() {
    if (!graphView) return;
    if (graphView.isLayoutRunning()) graphView.stopLayout();
    else graphView.startLayout();
    layoutButton.textContent = graphView.isLayoutRunning() ? 'Stop layout' : 'Run layout';
  }
  const layoutPoll = setInterval(() => {
    if (!graphView) return;
    layoutButton.textContent = graphView.isLayoutRunning() ? 'Stop layout' : 'Run layout';
    // How the layout ran, on the button's tooltip (and its data, which the layout bench reads).
    const r = graphView.layoutReport();
    if (!r) return;
    const seconds = (r.ms / 1000).toFixed(1);
    const moving =
      `, ${r.iterations} iterations` +
      (r.move === null ? '' : `, moving ${(100 * r.move).toFixed(3)}% of its width an iteration`);
    const slow =
      r.frameMs >= SLOW_FRAME_MS
        ? `; drawn when it stops (drawing this view holds the page for ${(r.frameMs / 1000).toFixed(1)} s here)`
        : '';
    layoutButton.title =
      r.end === 'running'
        ? `Layout running for ${seconds} s${moving}${slow}`
        : r.end === 'settled'
          ? `Layout settled after ${seconds} s${moving}`
          : r.end === 'limit'
            ? `Layout stopped at its limit, ${seconds} s${moving}; Run layout to go on`
            : `Layout stopped after ${seconds} s${moving}`;
    Object.assign(layoutButton.dataset, {
      end: r.end,
      ms: String(Math.round(r.ms)),
      move: String(r.move ?? ''),
      iterations: String(r.iterations),
      frameMs: String(Math.round(r.frameMs)),
    });
  }, 500);

  /** Filters, scope or focus changed: derive what is visible, then redraw the view and the lists. */
  function recompute() {
    // A large case draws only its focus: what is visible is what passes the filters inside it.
    visible = visibleSets(view, filters, scope, showAll ? null : focus.nodes);
    if (path && !path.every((id) => visible.nodes.has(id))) path = null;
    graphView?.refresh();
    summary.textContent = `Showing ${visible.nodes.size} of ${view.nodes.length} entities, ${visible.edges.size} of ${view.edges.length} links`;
    renderBanner();
    renderLeft();
    renderPanel();
  }

  function renderBanner() {
    const parts: (HTMLElement | string)[] = [];
    if (notice)
      parts.push(
        h(
          'p',
          { role: 'alert' },
          notice,
          ' ',
          h('button', { class: 'link', onclick: () => ((notice = ''), renderBanner()) }, 'OK'),
        ),
      );
    if (!showAll && focus.nodes)
      parts.push(
        h(
          'p',
          null,
          focus.description,
          ' ',
          h(
            'button',
            {
              class: 'link',
              onclick: () => {
                showAll = true;
                void buildView();
              },
            },
            'Show all',
          ),
        ),
      );
    if (scope.kind !== 'all') {
      const what =
        scope.kind === 'ego'
          ? `Ego network of ${nodeOf(scope.node)?.label ?? scope.node}, depth ${scope.depth}`
          : `Community ${scope.id} only`;
      parts.push(
        h(
          'p',
          null,
          what,
          ' ',
          h('button', { class: 'link', onclick: () => setScope({ kind: 'all' }) }, 'Back to the whole network'),
        ),
      );
    }
    if (path)
      parts.push(
        h(
          'p',
          null,
          `Shortest path (${path.length - 1} link${path.length === 2 ? '' : 's'}): ${path.map((id) => nodeOf(id)?.label ?? id).join(' → ')} `,
          h('button', { class: 'link', onclick: () => ((path = null), recompute()) }, 'Clear path'),
        ),
      );
    if (pathFrom)
      parts.push(
        h(
          'p',
          null,
          `Path from ${nodeOf(pathFrom)?.label}: search for or click the other entity. `,
          h('button', { class: 'link', onclick: () => ((pathFrom = null), renderBanner()) }, 'Cancel'),
        ),
      );
    fill(banner, parts);
    banner.hidden = parts.length === 0;
  }

  function setScope(s: Scope) {
    scope = s;
    recompute();
    graphView?.fit(visible.nodes);
  }

  async function select(id: string) {
    if (!showAll && focus.nodes && !focus.nodes.has(id)) {
      showAll = true;
      await buildView();
    }
    if (pathFrom && pathFrom !== id) {
      path = shortestPath(view, visible, pathFrom, id);
      if (!path) notice = `No chain of shown links joins ${nodeOf(pathFrom)?.label} and ${nodeOf(id)?.label}.`;
      pathFrom = null;
    }
    selected = id;
    tab = 'details';
    graphView?.refresh();
    if (path) graphView?.fit(path);
    else graphView?.centreOn(id);
    renderBanner();
    renderPanel();
  }

  // --- search ---------------------------------------------------------------------------------------------------
  let hits: ReturnType<ReturnType<typeof createSearchIndex>['search']> = [];
  const runSearch = () => {
    hits = searchIndex().search(searchInput.value, 12);
    fill(
      searchResults,
      hits.length
        ? hits.map((hit, i) =>
            h(
              'li',
              { role: 'option', id: `hit-${i}` },
              h(
                'button',
                {
                  onclick: () => pickHit(i),
                },
                h('strong', null, hit.label),
                h(
                  'small',
                  null,
                  ` ${hit.match}${nodeOf(hit.id)?.metrics.rank ? ` · rank ${nodeOf(hit.id)!.metrics.rank}` : ''}`,
                ),
              ),
            ),
          )
        : searchInput.value.trim()
          ? [h('li', { class: 'muted' }, 'No entity has that name, number or document.')]
          : [],
    );
    searchResults.hidden = searchInput.value.trim() === '';
  };
  const pickHit = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    searchResults.hidden = true;
    select(hit.id);
  };
  searchInput.addEventListener('input', runSearch);
  searchInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') pickHit(0);
    if (e.key === 'Escape') searchResults.hidden = true;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      searchResults.querySelector('button')?.focus();
    }
  });
  // Arrow keys move through the results; Escape goes back to the box.
  searchResults.addEventListener('keydown', (e) => {
    const buttons = [...searchResults.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = i + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) searchInput.focus();
      else buttons[Math.min(next, buttons.length - 1)]?.focus();
    }
    if (e.key === 'Escape') {
      searchResults.hidden = true;
      searchInput.focus();
    }
  });

  // --- left: filters, appearance, legend ------------------------------------------------------------------------
  const layerCounts = linksPerLayer(view);
  const { maxWeight } = view;
  function renderLeft() {
    const hist = activityHistogram(view.activity, filters.layers);
    const timeBlock = hist
      ? (() => {
          const bins = hist.counts.length;
          const top = maxOf(hist.counts, 1);
          const fromIndex = Number.isFinite(filters.from) ? Math.round((filters.from - hist.start) / hist.width) : 0;
          const toIndex = Number.isFinite(filters.to) ? Math.round((filters.to + 1 - hist.start) / hist.width) : bins;
          const bars = h(
            'div',
            { class: 'histogram', 'aria-hidden': 'true' },
            hist.counts.map((c, i) =>
              h('span', {
                class: i >= fromIndex && i < toIndex ? 'in' : 'out',
                style: { height: `${Math.max(c ? 4 : 0, (c / top) * 100)}%` },
                title: `${formatDay(hist.start + i * hist.width, tz)}: ${c} events`,
              }),
            ),
          );
          const slider = (id: string, label: string, value: number, on: (v: number) => void) =>
            h('input', {
              id,
              type: 'range',
              min: '0',
              max: String(bins),
              step: '1',
              value: String(value),
              'aria-label': label,
              onchange: (e: Event) => on(Number((e.target as HTMLInputElement).value)),
            });
          const setRange = (a: number, b: number) => {
            const lo = Math.min(a, b);
            const hi = Math.max(a, b);
            filters = {
              ...filters,
              from: lo <= 0 ? -Infinity : hist.start + lo * hist.width,
              to: hi >= bins ? Infinity : hist.start + hi * hist.width - 1,
            };
            recompute();
          };
          return h(
            'section',
            null,
            h('h2', null, 'Time'),
            bars,
            slider('time-from', 'Start of the time range', fromIndex, (v) => setRange(v, toIndex)),
            slider('time-to', 'End of the time range', toIndex, (v) => setRange(fromIndex, v)),
            h(
              'p',
              { class: 'muted', id: 'time-label' },
              `${formatDay(Number.isFinite(filters.from) ? filters.from : hist.start, tz)} to ${formatDay(
                Number.isFinite(filters.to) ? filters.to : hist.start + bins * hist.width - 1,
                tz,
              )}`,
              timeFiltered(filters)
                ? h(
                    'button',
                    {
                      class: 'link',
                      onclick: () => ((filters = { ...filters, from: -Infinity, to: Infinity }), recompute()),
                    },
                    ' Clear',
                  )
                : null,
            ),
          );
        })()
      : h('section', null, h('h2', null, 'Time'), h('p', { class: 'muted' }, 'No dated rows in this case.'));

    const communities = view.communities;
    const shown = new Set(filters.communities ?? communities.map((c) => c.id));
    fill(
      left,
      h(
        'section',
        null,
        h('h2', null, 'Layers'),
        LAYERS.filter((l) => layerCounts[l]).map((l: Layer) =>
          h(
            'label',
            { class: 'check' },
            h('input', {
              type: 'checkbox',
              checked: filters.layers[l],
              name: `layer-${l}`,
              onchange: (e: Event) => {
                filters = { ...filters, layers: { ...filters.layers, [l]: (e.target as HTMLInputElement).checked } };
                recompute();
              },
            }),
            swatch(LAYER_COLOURS[l]),
            ` ${LAYER_NAMES[l]} (${layerCounts[l]})`,
          ),
        ),
      ),
      timeBlock,
      h(
        'section',
        null,
        h('h2', null, 'Link weight'),
        h(
          'label',
          { class: 'stack' },
          h('span', null, `At least ${filters.minWeight} contact${filters.minWeight === 1 ? '' : 's'} per link`),
          h('input', {
            id: 'min-weight',
            type: 'range',
            min: '0',
            max: String(Math.min(maxWeight, 50)),
            value: String(filters.minWeight),
            onchange: (e: Event) => {
              filters = { ...filters, minWeight: Number((e.target as HTMLInputElement).value) };
              recompute();
            },
          }),
        ),
      ),
      h(
        'section',
        null,
        h('h2', null, `Communities (${communities.length})`),
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            { class: 'link', onclick: () => ((filters = { ...filters, communities: null }), recompute()) },
            'All',
          ),
          h(
            'button',
            { class: 'link', onclick: () => ((filters = { ...filters, communities: [] }), recompute()) },
            'None',
          ),
        ),
        h(
          'ul',
          { class: 'communities' },
          communities.map((c) =>
            h(
              'li',
              null,
              h(
                'label',
                { class: 'check' },
                h('input', {
                  type: 'checkbox',
                  checked: shown.has(c.id),
                  onchange: (e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = new Set(shown);
                    if (on) next.add(c.id);
                    else next.delete(c.id);
                    filters = {
                      ...filters,
                      communities: next.size === communities.length ? null : [...next].sort((a, b) => a - b),
                    };
                    recompute();
                  },
                }),
                swatch(communityColour(c.id)),
                ` ${c.id}: ${c.size} · ${c.top
                  .slice(0, 2)
                  .map((id) => nodeOf(id)?.label ?? id)
                  .join(', ')}`,
              ),
              h(
                'button',
                {
                  class: 'link',
                  title: `Show community ${c.id} only`,
                  onclick: () => setScope({ kind: 'community', id: c.id }),
                },
                'focus',
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        null,
        h('h2', null, 'Appearance'),
        selectField(
          'Colour entities by',
          colourBy,
          [
            ['community', 'Community'],
            ['role', 'Role (leader, financier, victim…)'],
            ['layer', 'Main kind of link'],
          ],
          (v) => {
            colourBy = v as ColourBy;
            graphView?.refresh();
            renderLeft();
          },
          { id: 'colour-by', class: 'stack' },
        ),
        selectField(
          'Size entities by',
          sizeBy,
          SIZE_METRICS.map((m) => [m, METRIC_LABELS[m]] as const),
          (v) => {
            sizeBy = v as SizeBy;
            graphView?.refresh();
          },
          { id: 'size-by', class: 'stack' },
        ),
        legend(),
      ),
    );
  }

  function legend() {
    const items: [string, string][] =
      colourBy === 'community'
        ? [
            ...view.communities
              .slice(0, COMMUNITY_COLOURS_SHOWN)
              .map((c) => [communityColour(c.id), `Community ${c.id} (${c.size})`] as [string, string]),
            ...(view.communities.length > COMMUNITY_COLOURS_SHOWN
              ? [[OTHER_COLOUR, `Communities ${COMMUNITY_COLOURS_SHOWN} and above: other hues`] as [string, string]]
              : []),
          ]
        : colourBy === 'role'
          ? (Object.keys(ROLE_COLOURS) as RoleKey[]).map((r) => [ROLE_COLOURS[r], ROLE_NAMES[r]])
          : LAYERS.map((l) => [LAYER_COLOURS[l], LAYER_NAMES[l]]);
    return h(
      'div',
      { class: 'legend', 'aria-label': 'Legend' },
      h('h3', null, 'Entities'),
      h(
        'ul',
        null,
        items.map(([c, l]) => h('li', null, swatch(c), ` ${l}`)),
      ),
      h('h3', null, 'Links (colour by kind, thickness by contacts)'),
      h(
        'ul',
        null,
        LAYERS.filter((l) => layerCounts[l]).map((l) => h('li', null, swatch(LAYER_COLOURS[l]), ` ${LAYER_NAMES[l]}`)),
      ),
      h('p', { class: 'muted' }, `Size: ${METRIC_LABELS[sizeBy]}. Labels: the top 10 targets, and on hover.`),
    );
  }

  // --- right: tabs ----------------------------------------------------------------------------------------------
  function renderTabs() {
    const names: [Tab, string][] = [
      ['targets', 'Targets'],
      ['protect', `Protect (${view.protection.length})`],
      ['patterns', `Patterns (${view.findings.length})`],
      ['plan', 'Plan'],
      ['details', 'Details'],
      ['issues', `Rows${view.issueCount ? ` (${view.issueCount})` : ''}`],
      ['files', 'Files'],
    ];
    fill(
      tabs,
      names.map(([t, label]) =>
        h(
          'button',
          {
            role: 'tab',
            id: `tab-${t}`,
            'aria-selected': String(tab === t),
            class: tab === t ? 'active' : '',
            onclick: () => {
              tab = t;
              renderPanel();
            },
          },
          label,
        ),
      ),
    );
  }

  function renderPanel() {
    renderTabs();
    if (tab === 'targets') renderTargets();
    else if (tab === 'protect') renderProtection();
    else if (tab === 'patterns') renderPatterns();
    else if (tab === 'plan') renderPlan();
    else if (tab === 'details') renderDetails();
    else if (tab === 'issues') renderIssues();
    else renderFiles();
  }

  const listed = () => listIds(view.ranking, visible.nodes, edits, view.settings.top);
  /** Whether the analyst has reordered, pinned or removed anyone: what "Undo edits" undoes. */
  const edited = () => edits.order !== null || edits.pinned.length > 0 || edits.removed.length > 0;
  const unchanged = () =>
    !edited() &&
    !timeFiltered(filters) &&
    filters.minWeight === 0 &&
    filters.communities === null &&
    Object.values(filters.layers).every(Boolean) &&
    scope.kind === 'all' &&
    (showAll || !focus.nodes);

  function renderTargets() {
    const ids = listed();
    const setEdits = (next: ListEdits) => {
      const words = describeEdit(edits, next, labelOf);
      if (words) hooks.record('edit', words);
      edits = next;
      renderPanel();
    };
    fill(
      panel,
      h(
        'div',
        { class: 'panel-head' },
        h('h2', null, `Targets (${ids.length})`),
        h('button', { id: 'export-targets-csv', onclick: () => exportTargets('csv') }, 'Export CSV'),
        h('button', { onclick: () => exportTargets('json') }, 'Export JSON'),
        edited() ? h('button', { class: 'link', onclick: () => setEdits({ ...NO_EDITS }) }, 'Undo edits') : null,
      ),
      h(
        'p',
        { class: 'muted' },
        'Ranked by brokerage, inner-circle ties and contact volume, with likely service hubs (taxi firms, surgeries, shops) down-weighted. ',
        unchanged()
          ? 'This is the list the CLI writes for the same files and seed.'
          : 'Filters and your edits apply to this list and its export.',
      ),
      h(
        'ol',
        { class: 'targets', id: 'target-list' },
        ids.map((id, i) => {
          const n = nodeOf(id)!;
          const pinned = edits.pinned.includes(id);
          return h(
            'li',
            { class: pinned ? 'pinned' : '', 'data-id': id },
            h(
              'div',
              { class: 'row' },
              h('span', { class: 'rank', title: 'rank by score' }, `#${n.metrics.rank}`),
              h('button', { class: 'link name', onclick: () => select(id) }, n.label),
              h('span', { class: 'score', title: 'target score' }, n.metrics.score.toFixed(3)),
              h('span', { class: 'grow' }),
              h(
                'button',
                {
                  class: 'icon',
                  title: pinned ? 'Unpin' : 'Pin to the top',
                  'aria-label': `${pinned ? 'Unpin' : 'Pin'} ${n.label}`,
                  onclick: () => setEdits(togglePin(edits, id)),
                },
                pinned ? '★' : '☆',
              ),
              h(
                'button',
                {
                  class: 'icon',
                  title: 'Move up',
                  'aria-label': `Move ${n.label} up`,
                  disabled: i === 0,
                  onclick: () => setEdits(move(view.ranking, edits, ids, id, -1)),
                },
                '↑',
              ),
              h(
                'button',
                {
                  class: 'icon',
                  title: 'Move down',
                  'aria-label': `Move ${n.label} down`,
                  disabled: i === ids.length - 1,
                  onclick: () => setEdits(move(view.ranking, edits, ids, id, 1)),
                },
                '↓',
              ),
              h(
                'button',
                {
                  class: 'icon',
                  title: 'Remove from the list',
                  'aria-label': `Remove ${n.label}`,
                  onclick: () => setEdits(remove(edits, id)),
                },
                '✕',
              ),
            ),
            h('p', { class: 'why' }, n.metrics.why),
            h('input', {
              type: 'text',
              class: 'note',
              placeholder: 'Note…',
              'aria-label': `Note on ${n.label}`,
              value: edits.notes[id] ?? '',
              onchange: (e: Event) => {
                const note = (e.target as HTMLInputElement).value;
                hooks.record('edit', `note on ${labelOf(id)}: ${note}`);
                edits = { ...edits, notes: { ...edits.notes, [id]: note } };
              },
            }),
          );
        }),
      ),
      edits.removed.length
        ? h(
            'p',
            { class: 'muted' },
            `${edits.removed.length} removed by you: ${edits.removed.map((id) => nodeOf(id)?.label ?? id).join(', ')}`,
          )
        : null,
    );
  }

  let evidenceFor: string | null = null;
  let evidence: EvidenceLinkView[] = [];
  let evidenceMerges: ViewMerge[] = [];
  function renderDetails() {
    if (!selected) {
      fill(
        panel,
        h(
          'p',
          { class: 'muted' },
          'Click an entity in the view, the list or a search result to see who it is, why it ranks where it does, and the rows behind each of its links.',
        ),
      );
      return;
    }
    const n = nodeOf(selected)!;
    const m = n.metrics;
    const ids = n.identifiers.filter(isDisplayIdentifier);
    const evidenceBox = h('div', { id: 'evidence' }, h('p', { class: 'muted' }, 'Loading the evidence…'));
    // The merges that made this entity come with its evidence, from the worker.
    const mergesBox = h('div', { id: 'merges' }, h('p', { class: 'muted' }, 'Loading the merges…'));
    if (evidenceFor === selected) {
      fillEvidence(evidenceBox, n);
      fillMerges(mergesBox);
    } else {
      const asked = selected;
      void client.call({ type: 'evidence', node: asked }).then(
        ({ links, merges }) => {
          if (selected !== asked) return;
          evidenceFor = asked;
          evidence = links;
          evidenceMerges = merges;
          fillEvidence(evidenceBox, n);
          fillMerges(mergesBox);
        },
        (e: Error) => {
          fill(evidenceBox, h('p', { class: 'status error' }, `The evidence could not be loaded: ${e.message}`));
          fill(mergesBox, h('p', { class: 'status error' }, `The merges could not be loaded: ${e.message}`));
        },
      );
    }
    fill(
      panel,
      h(
        'div',
        { class: 'details', id: 'details' },
        h('h2', { id: 'details-name' }, n.label),
        h(
          'p',
          { class: 'muted' },
          `${n.kind} · ${n.id} · ${m.rank ? `rank ${m.rank}` : 'not ranked'} · community ${m.community}`,
        ),
        m.role === 'victim'
          ? h(
              'p',
              { class: 'protect', role: 'note' },
              'Likely victim: kept out of the target list and listed for protection. ',
              h(
                'button',
                { class: 'link', onclick: () => override('notVictim', n.id) },
                'Not a victim: rank as any other',
              ),
            )
          : null,
        m.role === 'hub'
          ? h(
              'p',
              { class: 'hub-note' },
              'Treated as an innocent hub (a service or business) and down-weighted. ',
              h('button', { class: 'link', onclick: () => override('notHub', n.id) }, 'Not a service: rank in full'),
            )
          : null,
        m.roleReasons
          ? h(
              'ul',
              { class: 'roles' },
              m.roleReasons.split(' | ').map((r) => h('li', null, r)),
            )
          : null,
        h('p', { class: 'why' }, h('strong', null, 'Why it ranks here: '), whyWithoutRole(m)),
        h(
          'div',
          { class: 'row wrap' },
          h('button', { onclick: () => graphView?.centreOn(n.id) }, 'Centre'),
          h(
            'label',
            { class: 'inline' },
            'Ego depth ',
            h(
              'select',
              {
                'aria-label': 'Ego network depth',
                onchange: (e: Event) => (egoDepth = Number((e.target as HTMLSelectElement).value)),
              },
              [1, 2, 3].map((d) => h('option', { value: String(d), selected: d === egoDepth }, String(d))),
            ),
          ),
          h('button', { onclick: () => setScope({ kind: 'ego', node: n.id, depth: egoDepth }) }, 'Ego network'),
          h('button', { onclick: () => ((pathFrom = n.id), renderBanner(), searchInput.focus()) }, 'Path to…'),
          h('button', { onclick: () => setScope({ kind: 'community', id: m.community }) }, `Community ${m.community}`),
          h(
            'button',
            {
              onclick: () => {
                const next = togglePin(edits, n.id);
                hooks.record('edit', describeEdit(edits, next, labelOf));
                edits = next;
                renderPanel();
              },
            },
            edits.pinned.includes(n.id) ? 'Unpin' : 'Pin as target',
          ),
        ),
        h('h3', null, 'Identifiers'),
        h(
          'ul',
          { class: 'identifiers' },
          ids.map((i) => h('li', null, i)),
        ),
        n.names.length ? h('p', null, `Names: ${n.names.join('; ')}`) : null,
        n.dob || n.nationality
          ? h(
              'p',
              null,
              [
                n.dob ? `${n.kind === 'person' ? 'Born' : 'Date in the register'} ${n.dob}` : '',
                n.nationality ? `nationality ${n.nationality}` : '',
              ]
                .filter(Boolean)
                .join(', '),
            )
          : null,
        h('p', { class: 'muted' }, `Active ${formatTime(n.firstSeen, tz)} to ${formatTime(n.lastSeen, tz)}`),
        h('h3', null, 'Scores'),
        h(
          'table',
          { class: 'scores' },
          h(
            'tbody',
            null,
            (
              [
                ['Target score', m.score],
                ['Brokerage (betweenness)', m.betweenness],
                ['Reach (closeness)', m.closeness],
                ['Inner circle (eigenvector)', m.eigenvector],
                ['PageRank', m.pagerank],
                ['Contact volume (strength)', m.strength],
                ['Contacts (degree)', m.degree],
                ['Service-hub likeness', m.serviceLikeness],
                ['Down-weighting applied', m.hubPenalty],
              ] as [string, number][]
            ).map(([label, v]) => h('tr', null, h('th', { scope: 'row' }, label), h('td', null, fmt(v)))),
          ),
        ),
        mergesBox,
        (() => {
          const mine = view.findings.filter((f) => f.entities.includes(n.id));
          return mine.length
            ? [
                h('h3', null, `Patterns (${mine.length})`),
                h('ul', { class: 'findings' }, mine.slice(0, 30).map(findingItem)),
              ]
            : null;
        })(),
        h('h3', null, 'Evidence: the rows behind each link'),
        evidenceBox,
      ),
    );
  }

  const outsideTime = (t: number) => timeFiltered(filters) && !Number.isNaN(t) && (t < filters.from || t > filters.to);

  function fillMerges(box: HTMLElement) {
    const merges = evidenceMerges;
    fill(
      box,
      h('h3', null, `How its identifiers were joined (${merges.length})`),
      merges.length
        ? h(
            'ul',
            { class: 'merges' },
            merges.map((x) =>
              h(
                'li',
                null,
                h('strong', null, `${x.rule}: `),
                `${x.a} ↔ ${x.b}: ${x.reason} `,
                h('small', null, `[${x.sources}] (merge ${x.id}) `),
                h('button', { class: 'link unmerge', onclick: () => unmerge(x) }, 'Undo this merge'),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'None: this entity is one identifier, or its identifiers were never linked.'),
    );
  }

  function fillEvidence(box: HTMLElement, n: ViewNode) {
    const shownLinks = evidence.filter((l) => visible.edges.has(l.edge));
    const hiddenLinks = evidence.length - shownLinks.length;
    fill(
      box,
      hiddenLinks
        ? h('p', { class: 'muted' }, `${hiddenLinks} of ${evidence.length} links are hidden by the filters.`)
        : null,
      shownLinks.map((l, i) =>
        h(
          'details',
          { class: 'evidence', open: i < 3 },
          h(
            'summary',
            null,
            swatch(LAYER_COLOURS[l.layer]),
            ` ${LAYER_NAMES[l.layer]} with `,
            h('strong', null, l.withLabel),
            `: ${l.summary} (${l.total} row${l.total === 1 ? '' : 's'})`,
          ),
          table(
            { class: 'rows' },
            ['file', 'row', `time (${tz})`, 'record'],
            l.rows.map((r) => ({
              props: {
                class: outsideTime(r.time) ? 'outside' : '',
                title: outsideTime(r.time) ? 'outside the time range of the filter' : undefined,
              },
              cells: [r.file, r.row, formatTime(r.time, tz), r.detail],
            })),
          ),
          l.total > l.rows.length
            ? h('p', { class: 'muted' }, `and ${l.total - l.rows.length} more rows (all are in edges.csv)`)
            : null,
          h('button', { class: 'link', onclick: () => select(l.with) }, `Open ${l.withLabel}`),
        ),
      ),
      shownLinks.length === 0 ? h('p', { class: 'muted' }, `${n.label} has no links shown.`) : null,
    );
  }

  /** The why, without the role sentence it opens with when the roles are listed just above it. */
  function whyWithoutRole(m: ViewNode['metrics']): string {
    const first = m.roleReasons.split(' | ')[0] ?? '';
    return first && m.why.startsWith(first) ? m.why.slice(first.length).replace(/^; /, '') : m.why;
  }

  function renderProtection() {
    fill(
      panel,
      h('h2', null, `Likely victims (${view.protection.length})`),
      h(
        'p',
        { class: 'muted' },
        'People whose records look like those of trafficked persons: escorted travel, calls dominated by a controller, payments into collection accounts. They are never in the target list; plan their protection with the case team. Each can be returned to the ranking from its details if the analyst disagrees.',
      ),
      h(
        'ol',
        { class: 'targets', id: 'protection-list' },
        view.protection.map((p) => {
          const n = nodeOf(p.id)!;
          return h(
            'li',
            { 'data-id': p.id },
            h(
              'div',
              { class: 'row' },
              h('button', { class: 'link name', onclick: () => select(p.id) }, n.label),
              h('span', { class: 'score', title: 'confidence' }, p.confidence.toFixed(2)),
            ),
            h('p', { class: 'why' }, p.reasons.join('; ')),
          );
        }),
      ),
      h('button', { onclick: () => downloadOutput('protection.csv') }, 'Download protection.csv'),
    );
  }

  const findingItem = (f: CaseView['findings'][number]) =>
    h(
      'li',
      null,
      h('strong', null, `${f.kind}: `),
      f.summary,
      ' ',
      h('small', { class: 'muted' }, `[${f.evidence}]`),
      ' ',
      f.entities[0] && f.entities[0] !== selected
        ? h('button', { class: 'link', onclick: () => select(f.entities[0]!) }, 'open')
        : null,
    );

  function renderPatterns() {
    const kinds = [...new Set(view.findings.map((f) => f.kind))];
    fill(
      panel,
      h('h2', null, `Patterns (${view.findings.length})`),
      h(
        'p',
        { class: 'muted' },
        'Money, travel, SIM and time patterns, each with the rows that show it. Entities among those shown by the filters only.',
      ),
      kinds.map((kind) => {
        const list = view.findings.filter((f) => f.kind === kind && f.entities.some((id) => visible.nodes.has(id)));
        return h(
          'details',
          { class: 'evidence', open: list.length <= 5 },
          h('summary', null, `${kind} (${list.length})`),
          h('ul', { class: 'findings' }, list.slice(0, 200).map(findingItem)),
        );
      }),
      h('button', { onclick: () => downloadOutput('findings.csv') }, 'Download findings.csv'),
    );
  }

  const planSettings = { budget: 5, strategy: 'best' as Strategy, scope: 'suspects' };
  let planView: PlanView | null = null;
  let planError = '';
  let planning = false;
  const STRATEGY_COLOURS: Record<Strategy, string> = {
    best: '#c0262d',
    greedy: '#2f6db5',
    betweenness: '#6a3d9a',
    'block-betweenness': '#b07ac9',
    degree: '#c77c02',
    ci: '#00796b',
    corehd: '#6b6b6b',
  };

  async function runPlan() {
    planning = true;
    planError = '';
    renderPanel();
    const scope: PlanScope =
      planSettings.scope === 'all'
        ? { kind: 'all' }
        : planSettings.scope === 'suspects'
          ? { kind: 'suspects', top: view.settings.top }
          : { kind: 'communities', ids: [Number(planSettings.scope.split(':')[1])] };
    try {
      const { plan } = await client.call({
        type: 'plan',
        settings: {
          budget: planSettings.budget,
          strategy: planSettings.strategy,
          scope,
          include: edits.pinned,
          exclude: edits.removed,
          unweighted: false,
        },
      });
      planView = plan;
    } catch (e) {
      planError = (e as Error).message;
    }
    planning = false;
    if (tab === 'plan') renderPanel();
  }

  function renderPlan() {
    const p = planView;
    const chart = p
      ? lineChart(
          STRATEGIES.map((s) => ({
            name: s,
            colour: STRATEGY_COLOURS[s],
            values: p.curves[s].map((m) => m.lcc),
            emphasis: s === planSettings.strategy,
          })),
          { width: 370, height: 270, xLabel: 'arrests', yLabel: 'largest connected group' },
        )
      : null;
    fill(
      panel,
      h('h2', null, 'Arrest plan'),
      h(
        'p',
        { class: 'muted' },
        'Whom to arrest first so the network breaks apart, not re-forms. Likely victims and innocent hubs are never in a plan; your pinned targets go first and removed ones are left out.',
      ),
      h(
        'div',
        { class: 'row wrap' },
        h(
          'label',
          { class: 'inline' },
          'Budget ',
          h('input', {
            id: 'plan-budget',
            type: 'number',
            min: '1',
            max: '50',
            value: String(planSettings.budget),
            style: { width: '4em' },
            onchange: (e: Event) => (planSettings.budget = Math.max(1, Number((e.target as HTMLInputElement).value))),
          }),
        ),
        selectField(
          'Strategy',
          planSettings.strategy,
          STRATEGIES.map((s) => [s, s === 'best' ? 'best (optimiser)' : s] as const),
          (v) => (planSettings.strategy = v as Strategy),
          { id: 'plan-strategy', class: 'inline' },
        ),
        selectField(
          'Scope',
          planSettings.scope,
          [
            ['suspects', `Suspects (top ${view.settings.top} and the chains between them)`],
            ['all', 'Whole network'],
            ...view.communities
              .slice(0, 12)
              .map((c) => [`community:${c.id}`, `Community ${c.id} (${c.size})`] as const),
          ],
          (v) => (planSettings.scope = v),
          { id: 'plan-scope', class: 'inline' },
        ),
        h(
          'button',
          { id: 'plan-run', class: 'primary', disabled: planning, onclick: () => void runPlan() },
          planning ? 'Planning…' : 'Plan',
        ),
      ),
      planError ? h('p', { class: 'status error' }, planError) : null,
      p
        ? [
            h(
              'p',
              { class: 'muted' },
              `Scope: ${p.scopeSize} entities, largest connected group ${p.start.lcc}, ${p.start.components} groups; ${p.protectedCount} never arrested.`,
            ),
            h('div', { id: 'plan-chart' }, chart),
            table(
              { class: 'rows', id: 'plan-table' },
              ['#', 'arrest', 'largest group', 'groups', 'money to collectors', 'next broker'],
              p.steps.map((s) => [
                s.step,
                h('button', { class: 'link', onclick: () => select(s.id) }, nodeOf(s.id)?.label ?? s.id),
                s.measures.lcc,
                s.measures.components,
                s.measures.money === undefined || Number.isNaN(s.measures.money)
                  ? '—'
                  : `${Math.round(s.measures.money * 100)}%`,
                s.nextBroker ? (nodeOf(s.nextBroker)?.label ?? s.nextBroker) : '',
              ]),
            ),
            h(
              'div',
              { class: 'row wrap' },
              h(
                'button',
                {
                  id: 'plan-csv',
                  onclick: async () => {
                    if (!privacyReady()) return;
                    const { csv } = await client.call({ type: 'plan-csv', privacy });
                    hooks.record('export', `plan.csv (${privacyWords()})`);
                    download('plan.csv', csv, 'text/csv;charset=utf-8');
                  },
                },
                'plan.csv',
              ),
              h(
                'button',
                { onclick: () => download('curves.csv', p.curvesCsv, 'text/csv;charset=utf-8') },
                'curves.csv',
              ),
              h(
                'button',
                { onclick: () => chart && download('curves.svg', svgText(chart), 'image/svg+xml') },
                'Chart as SVG',
              ),
              h(
                'button',
                { onclick: async () => chart && download('curves.png', await svgToPng(chart)) },
                'Chart as PNG',
              ),
            ),
          ]
        : null,
    );
  }

  function labelOf(id: string): string {
    return `${nodeOf(id)?.label ?? id} (${id})`;
  }

  /** Undoes one merge of identity resolution (as --unmerge does in the CLI) and analyses again. */
  function unmerge(x: ViewMerge) {
    hooks.record('unmerge', `merge ${x.id} (${x.rule}: ${x.a} ↔ ${x.b}) undone`);
    hooks.reanalyse(
      { unmerge: [...new Set([...view.settings.unmerge, x.id])] },
      { edits, ...projectView(filters, colourBy, sizeBy) },
    );
  }

  function override(kind: 'notHub' | 'notVictim', id: string) {
    hooks.record('override', `${labelOf(id)}: ${kind === 'notHub' ? 'not a service hub' : 'not a victim'}`);
    hooks.reanalyse(
      { [kind]: [...new Set([...view.settings[kind], id])] },
      { edits, ...projectView(filters, colourBy, sizeBy) },
    );
  }

  function renderIssues() {
    fill(
      panel,
      h('h2', null, 'Rows read, used and rejected'),
      table(
        { class: 'reconcile' },
        ['file', 'kind', 'read', 'used', 'rejected', 'dupl.'],
        view.inputs.map((i) => [
          i.name,
          i.report.skipped ? `skipped: ${i.report.skipped}` : (i.report.kind ?? ''),
          i.report.rowsRead,
          i.report.rowsUsed,
          i.report.rowsRejected,
          i.report.duplicates,
        ]),
      ),
      h(
        'p',
        { class: 'muted' },
        'Every row read is used, rejected with its reason, or counted once as an exact duplicate.',
      ),
      h(
        'div',
        { class: 'panel-head' },
        h('h2', null, `Row issues (${view.issueCount})`),
        view.issueCount
          ? h('button', { onclick: () => downloadOutput('rejected.csv') }, 'Download all (rejected.csv)')
          : null,
      ),
      view.issueCount > view.issues.length
        ? h('p', { class: 'muted' }, `The first ${view.issues.length} are shown; the download has them all.`)
        : null,
      h(
        'ul',
        { class: 'issues', id: 'issues' },
        view.issues
          .slice(0, 500)
          .map((i) =>
            h(
              'li',
              null,
              h('strong', null, `${i.file}, row ${i.row}`),
              i.column ? ` · column "${i.column}"` : '',
              h('br'),
              `${i.code}: ${i.message}`,
            ),
          ),
      ),
    );
  }

  function renderFiles() {
    fill(
      panel,
      h('h2', null, 'Files and how they were read'),
      h('button', { onclick: () => hooks.reimport() }, 'Change mappings and re-analyse…'),
      view.inputs.map((i) =>
        h(
          'section',
          { class: 'file-summary' },
          h('h3', null, i.name),
          h('p', { class: 'muted' }, `sha256 ${i.sha256} · ${i.bytes} bytes`),
          h(
            'p',
            null,
            i.report.skipped
              ? `Skipped: ${i.report.skipped}`
              : `${i.report.kind}, ${i.report.encoding}, delimiter "${i.report.delimiter === '\t' ? 'tab' : i.report.delimiter}", dates ${i.report.dateFormat ?? 'none'} in ${i.report.timeZone}`,
          ),
          h(
            'p',
            { class: 'muted' },
            Object.entries(i.report.columns)
              .map(([f, c]) => `${f} ← "${c}"`)
              .join(', '),
          ),
          i.report.warnings.length
            ? h(
                'ul',
                { class: 'warnings' },
                i.report.warnings.map((w) => h('li', null, w)),
              )
            : null,
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        `Seed ${view.settings.seed}; betweenness ${view.betweenness}; modularity ${view.modularity.toFixed(3)}; country ${view.settings.country}; time zone ${tz}.`,
      ),
      h('h2', null, `Action log (${hooks.log().length})`),
      h(
        'p',
        { class: 'muted' },
        'Imports, analyses, overrides, undone merges, list edits and exports, with their times (UTC). The project file keeps it.',
      ),
      table(
        { class: 'log', id: 'action-log' },
        ['time (UTC)', 'action', 'what'],
        [...hooks.log()].reverse().map((e) => [e.at.replace('T', ' ').slice(0, 19), e.action, e.detail]),
      ),
    );
  }

  // --- exports and project --------------------------------------------------------------------------------------
  async function exportPng() {
    if (!graphView) return;
    try {
      download('unravel-view.png', await graphView.exportPng());
    } catch (e) {
      notice = `The picture could not be made: ${(e as Error).message}`;
      renderBanner();
    }
  }
  async function exportTargets(format: 'csv' | 'json') {
    if (!privacyReady()) return;
    const ids = listed();
    const { csv, json } = await client.call({
      type: 'targets',
      overrides: overridesFor(ids, edits, unchanged()),
      privacy,
    });
    hooks.record('export', `targets.${format} (${ids.length} entries; ${privacyWords()})`);
    if (format === 'csv') download('targets.csv', csv, 'text/csv;charset=utf-8');
    else download('targets.json', json, 'application/json');
  }
  async function exportGraph(format: 'gexf' | 'graphml') {
    if (!privacyReady()) return;
    const { text } = await client.call({
      type: 'graph',
      format,
      nodes: [...visible.nodes],
      edges: [...visible.edges],
      privacy,
    });
    hooks.record('export', `unravel-graph.${format} (${visible.nodes.size} entities shown; ${privacyWords()})`);
    download(`unravel-graph.${format}`, text, 'application/xml');
  }
  async function downloadOutput(name: string) {
    if (!privacyReady()) return;
    if (privacy.withoutVictims && name === 'protection.csv') {
      notice = 'protection.csv lists the likely victims: it is not exported while they are left out.';
      renderBanner();
      return;
    }
    const { chunks } = await client.call({ type: 'output', name, privacy });
    hooks.record('export', `${name} (${privacyWords()})`);
    const type = name.endsWith('.json') ? 'application/json' : 'text/plain;charset=utf-8';
    download(name, new Blob(chunks, { type }));
  }
  function saveProject() {
    hooks.record('project', 'saved case.unravel.json');
    download(
      'case.unravel.json',
      projectFile(hooks.files(), view.settings, edits, filters, colourBy, sizeBy, hooks.log()),
      'application/json',
    );
  }

  // A menu closes once a choice is made in it, or on a click elsewhere.
  const onClick = (e: MouseEvent) => {
    const target = e.target as Element;
    for (const menu of root.querySelectorAll<HTMLDetailsElement>('details.menu'))
      if (!menu.contains(target) || target.closest('.menu-items button')) menu.open = false;
  };
  document.addEventListener('click', onClick);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      for (const menu of root.querySelectorAll<HTMLDetailsElement>('details.menu')) menu.open = false;
      pathFrom = null;
      path = null;
      searchResults.hidden = true;
      recompute();
    }
  };
  document.addEventListener('keydown', onKey);

  void buildView().then(() => {
    if (disposed) return;
    root.dataset.state = 'ready';
    performance.mark('unravel:ready');
  });
  return {
    dispose() {
      disposed = true;
      clearInterval(layoutPoll);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
      graphView?.kill();
      graphView = null;
      delete root.dataset.state;
    },
  };
}
