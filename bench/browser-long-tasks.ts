// Browser benchmark: does the main thread stay responsive while the sample case is read, analysed and laid
// out? Chromium reports every main-thread task over 50 ms (PerformanceObserver "longtask"); the budget is
// 200 ms for any one of them. Run with `npm run bench`; exits 1 when the budget is broken.
//
// The last run goes under a Chromium trace, which tells what part of each task the main thread spent waiting on
// the GPU process: under software rendering (this machine, and CI's) that wait is the rasteriser drawing the WebGL
// view, which a machine with a GPU does not pay, and which grew with the machine's load from one hour to the next
// (the longest task 164 ms in one run, 230–305 ms in slower hours, of which 160–200 ms was that wait). The budget
// is therefore judged, as the 1M-row city's is (browser-city.ts), on the page's own part of each task: the task
// without its waits for the rasteriser. Both figures are printed.
import {
  buildAndServe,
  launchChromium,
  longTasks,
  recordLongTasks,
  traceTasks,
  type Served,
  type TracedTask,
} from '../scripts/browser';
import type { Browser } from 'playwright-core';

const BUDGET_MS = 200;
const RUNS = Number(process.env.RUNS ?? 3);

interface Run {
  toReadyMs: number;
  /** Durations of the long tasks before the click (page load, renderer warm-up on the idle start page). */
  beforeClick: number[];
  /** Durations of the long tasks from the click until the layout has stopped: what the budget is about. */
  longTasks: number[];
}

/** Opens the sample case in a new page and waits until its layout has stopped; `work` does the click and the waits. */
async function openSample(browser: Browser, served: Served, traced: boolean) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (!traced) await recordLongTasks(page);
  await page.goto(served.origin + '/');
  await page.waitForSelector('#open-sample');
  await page.waitForTimeout(2500); // an analyst reading the start page; the renderer warms up meanwhile
  let toReadyMs = 0;
  const work = async () => {
    await page.evaluate(() => performance.mark('open'));
    const start = Date.now();
    await page.click('#open-sample');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 120_000 });
    toReadyMs = Date.now() - start;
    // Until ForceAtlas2 has settled and stopped.
    await page.waitForFunction(() => document.querySelector('#layout-toggle')?.textContent === 'Run layout', null, {
      timeout: 60_000,
    });
  };
  return { page, work, toReadyMs: () => toReadyMs };
}

async function measure(): Promise<{ runs: Run[]; traced: TracedTask[] }> {
  const served = await buildAndServe();
  const browser = await launchChromium();
  const runs: Run[] = [];
  let traced: TracedTask[];
  try {
    for (let i = 0; i < RUNS; i++) {
      const { page, work, toReadyMs } = await openSample(browser, served, false);
      const clickedAt = await page.evaluate(() => performance.now());
      await work();
      const all = await longTasks(page);
      runs.push({
        toReadyMs: toReadyMs(),
        beforeClick: all.filter(([t]) => t < clickedAt).map(([, d]) => d),
        longTasks: all.filter(([t]) => t >= clickedAt).map(([, d]) => d),
      });
      await page.close();
    }
    const { page, work } = await openSample(browser, served, true);
    traced = (await traceTasks(browser, page, work)).tasks;
    await page.close();
  } finally {
    await browser.close();
    await served.close();
  }
  return { runs, traced };
}

const { runs, traced } = await measure();
let worst = 0;
console.log(`Sample case in Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), ${RUNS} runs:`);
for (const [i, r] of runs.entries()) {
  const max = Math.max(0, ...r.longTasks);
  worst = Math.max(worst, max);
  console.log(
    `  run ${i + 1}: workspace ready ${r.toReadyMs} ms after the click; then ${r.longTasks.length} main-thread tasks over 50 ms, longest ${max.toFixed(0)} ms` +
      ` (before the click, on the start page: ${r.beforeClick.length}, longest ${Math.max(0, ...r.beforeClick).toFixed(0)} ms)`,
  );
}
const own = Math.max(0, ...traced.map((t) => t.ms - t.gpuWaitMs));
console.log(
  `  traced run: ${traced.length} tasks over 50 ms, as "whole (without the waits for the GPU process)": ` +
    (traced.map((t) => `${t.ms.toFixed(0)} (${(t.ms - t.gpuWaitMs).toFixed(0)})`).join(', ') || 'none'),
);
console.log(`Longest main-thread task, whole: ${worst.toFixed(0)} ms (untraced runs)`);
console.log(
  `Longest main-thread task, the page's own part (traced run): ${own.toFixed(0)} ms (budget ${BUDGET_MS} ms): ${own <= BUDGET_MS ? 'ok' : 'OVER BUDGET'}`,
);
process.exit(own <= BUDGET_MS ? 0 : 1);
