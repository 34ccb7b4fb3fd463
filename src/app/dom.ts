// DOM building without HTML strings: text from the data only ever becomes text nodes, never markup.
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown> & { class?: string; style?: Partial<CSSStyleDeclaration> };

/** `h('button', { class: 'primary', onclick }, 'Open')`. Strings become text nodes; `on*` props become listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value as string;
    else if (key === 'style') Object.assign(el.style, value);
    else if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), value as EventListener);
    else if (key in el && key !== 'list' && !key.startsWith('aria') && !key.startsWith('data'))
      (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Offers text as a file download (a blob URL on this page's origin). */
export function download(name: string, text: string | Blob, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, style: { display: 'none' } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One formatter per time zone, made at its first use (making one costs more than formatting with it); null for
 * a zone the browser does not know. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function formatTime(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) return '—';
  const f = formatterFor(timeZone);
  try {
    if (f) return f.format(ms);
  } catch {
    // out of the formatter's range: as below
  }
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDay(ms: number, timeZone: string): string {
  return formatTime(ms, timeZone).slice(0, 10);
}

/** A labelled drop-down: `options` are [value, text] pairs; `on` gets the chosen value. */
export function selectField(
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
  on: (value: string) => void,
  props: Props = {},
): HTMLLabelElement {
  return h(
    'label',
    { class: props.class },
    h('span', null, label),
    h(
      'select',
      { ...props, class: undefined, onchange: (e: Event) => on((e.target as HTMLSelectElement).value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

type Cell = Child | Child[];

/** A table: header texts, and rows of cells (or `{ props, cells }` for a row with attributes). */
export function table(
  props: Props,
  headers: string[],
  rows: (Cell[] | { props: Props; cells: Cell[] })[],
): HTMLTableElement {
  return h(
    'table',
    props,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((t) => h('th', null, t)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        Array.isArray(r)
          ? h(
              'tr',
              null,
              r.map((c) => h('td', null, c)),
            )
          : h(
              'tr',
              r.props,
              r.cells.map((c) => h('td', null, c)),
            ),
      ),
    ),
  );
}
