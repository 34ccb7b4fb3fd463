// The built app in Debian's Chromium, for the browser tests and the browser benchmark.
//
// Debian's Chromium, driven by playwright-core (never a downloaded browser), with the flags this sandbox needs:
// no background networking, so every request a page makes is one the page asked for. Playwright gives each
// launch a fresh, empty profile.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ISOLATION_HEADERS } from '../vite.config';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      // More flags for a diagnosis, such as CHROMIUM_ARGS=--js-flags=--trace-gc (seen with DEBUG=pw:browser).
      ...(process.env.CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
}

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

// Builds the app as `npm start` does and serves the build on a free loopback port.
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface Served {
  origin: string;
  /** Paths the server was asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Builds the app (unminified when asked, so a profile names its functions) and serves it on loopback; `close` removes the build. */
export async function buildAndServe(options: { minify?: boolean } = {}): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'unravel-dist-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: options.minify ?? true },
  });
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(outDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(outDir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATION_HEADERS })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          rmSync(outDir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}

/** Adds `files` to the start page through "Add files…", and waits until its Analyse button counts them. */
export async function addFiles(page: Page, files: string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
  await chooser.setFiles(files);
  await page.waitForFunction(
    (n) => document.querySelector('#analyse')?.textContent === `Analyse ${n} files`,
    files.length,
    { timeout: 120_000 },
  );
}

/** Starts recording the page's main-thread tasks over 50 ms (start, duration), from before its first script. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded so far, as [start, duration] in the page's milliseconds. */
export function longTasks(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
}

/** One main-thread task of the page, from a Chromium trace. */
export interface TracedTask {
  /** Start, in milliseconds after the trace's first mark. */
  at: number;
  ms: number;
  /** The part of it the thread spent blocked on the GPU process (under software rendering, rasterising WebGL). */
  gpuWaitMs: number;
}

/**
 * Runs `work` while Chromium traces the page, and returns the page's main-thread tasks of at least `minMs`, with
 * how long each waited on the GPU process, and the times of the `performance.mark`s the page made meanwhile.
 * A long-task observer sees only a task's length; under software rendering most of a frame's task is the wait
 * for the rasteriser to finish drawing, which a machine with a GPU does not pay, and the trace tells them apart.
 */
export async function traceTasks(
  browser: Browser,
  page: Page,
  work: () => Promise<void>,
  minMs = 50,
): Promise<{ tasks: TracedTask[]; marks: Map<string, number> }> {
  await browser.startTracing(page, { categories: ['toplevel', 'gpu', 'blink.user_timing'] });
  let buffer: Buffer;
  try {
    await work();
  } finally {
    buffer = await browser.stopTracing();
  }
  type Event = { name: string; cat: string; ph: string; pid: number; tid: number; ts: number; dur?: number };
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: Event[] } | Event[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  // The page's renderer is the process its marks came from; its main thread is the one the marks are on.
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.ph !== 'M');
  if (marks.length === 0) throw new Error('traceTasks: the page made no performance.mark while traced');
  const { pid, tid } = marks[0];
  const origin = Math.min(...marks.map((m) => m.ts));
  const onMain = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const outermost = (list: Event[]) => {
    const out: Event[] = [];
    for (const e of list) if (!out.length || e.ts >= out[out.length - 1].ts + out[out.length - 1].dur!) out.push(e);
    return out;
  };
  const tasks = outermost(onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask'));
  const waits = outermost(onMain.filter((e) => e.name.startsWith('CommandBufferProxyImpl::Wait')));
  const result: TracedTask[] = [];
  for (const task of tasks) {
    if (task.dur! < minMs * 1000 || task.ts < origin) continue;
    const end = task.ts + task.dur!;
    const wait = waits.filter((w) => w.ts >= task.ts && w.ts < end).reduce((sum, w) => sum + w.dur!, 0);
    result.push({ at: (task.ts - origin) / 1000, ms: task.dur! / 1000, gpuWaitMs: wait / 1000 });
  }
  return {
    tasks: result,
    marks: new Map(marks.map((m) => [m.name, (m.ts - origin) / 1000])),
  };
}
