// Browser benchmark at case scale: a generated city (CITY_ROWS call rows, 100k by default, with transfers,
// journeys and a register in proportion and the bundled syndicate inside) added through "Add files…", read and
// analysed in the worker, then laid out. Reports the time to the workspace, every main-thread task over 50 ms
// from the click on Analyse until the layout stops, what the view opens on, and how long the layout ran.
// Reports only; the budget (no task over 200 ms) is printed beside the figures.
import { join } from 'node:path';
import { buildAndServe, launchChromium, ROOT } from '../scripts/browser';
import { writeScaleCase } from './scale-case';

const ROWS = Number(process.env.CITY_ROWS ?? 100_000);
const BUDGET_MS = 200;

const city = writeScaleCase(join(ROOT, 'bench/.cases', String(ROWS), 'case'), ROWS);
const served = await buildAndServe();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(served.origin + '/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
  await chooser.setFiles(city.files);
  await page.waitForFunction(
    (n) => document.querySelector('#analyse')?.textContent === `Analyse ${n} files`,
    city.files.length,
    { timeout: 120_000 },
  );
  const clickedAt = await page.evaluate(() => performance.now());
  const start = Date.now();
  await page.click('#analyse');
  await page.waitForSelector('#app[data-state=ready]', { timeout: 30 * 60_000 });
  const toReady = (Date.now() - start) / 1000;
  const layoutStart = Date.now();
  await page.waitForFunction(() => document.querySelector('#layout-toggle')?.textContent === 'Run layout', null, {
    timeout: 10 * 60_000,
  });
  const layout = (Date.now() - layoutStart) / 1000;
  const banner = (await page.locator('#banner').textContent()) ?? '';
  const tasks = (
    await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks)
  ).filter(([t]) => t >= clickedAt);
  const longest = Math.max(0, ...tasks.map(([, d]) => d));
  console.log(
    `City of ${ROWS.toLocaleString('en-GB')} call rows (${city.files.length} files) in Chromium:\n` +
      `  read and analysed in the worker: ${toReady.toFixed(1)} s; layout ran ${layout.toFixed(1)} s\n` +
      `  view: ${banner.trim() || '(no banner)'}\n` +
      `  main-thread tasks over 50 ms: ${tasks.length}; longest ${Math.round(longest)} ms ` +
      `(budget ${BUDGET_MS} ms: ${longest <= BUDGET_MS ? 'met' : 'NOT met'}); over 200 ms: ` +
      `${tasks.filter(([, d]) => d > BUDGET_MS).length}`,
  );
  await page.screenshot({ path: join(ROOT, 'bench/.cases', String(ROWS), 'browser.png') });
} finally {
  await browser.close();
  await served.close();
}
