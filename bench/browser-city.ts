// Browser benchmark at case scale: a generated city (CITY_ROWS call rows, 100k by default, with transfers,
// journeys and a register in proportion and the bundled syndicate inside) added through "Add files…", read and
// analysed in the worker, then laid out. Reports the time to the workspace, every main-thread task over 50 ms
// from the click on Analyse until the layout stops, what the view opens on, and how long the layout ran.
// Reports only; the budget (no task over 200 ms) is printed beside the figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildAndServe, launchChromium, longTasks, recordLongTasks, ROOT } from '../scripts/browser';
import { writeScaleCase } from './scale-case';

const ROWS = Number(process.env.CITY_ROWS ?? 100_000);
const BUDGET_MS = 200;

const city = writeScaleCase(join(ROOT, 'bench/.cases', String(ROWS), 'case'), ROWS);
const PROFILE = process.env.PROFILE === '1';
const served = await buildAndServe({ minify: !PROFILE });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLongTasks(page);
  await page.goto(served.origin + '/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
  await chooser.setFiles(city.files);
  await page.waitForFunction(
    (n) => document.querySelector('#analyse')?.textContent === `Analyse ${n} files`,
    city.files.length,
    { timeout: 120_000 },
  );
  // PROFILE=1: the main thread's functions by time spent in them, from the click to the end of the layout.
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
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
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    for (const n of profile.nodes) {
      const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + (dt.get(n.id) ?? 0));
    }
    console.log('Main thread, self time:');
    for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  }
  const banner = (await page.locator('#banner').textContent()) ?? '';
  const tasks = (await longTasks(page)).filter(([t]) => t >= clickedAt);
  const longest = Math.max(0, ...tasks.map(([, d]) => d));
  const readyAt = clickedAt + toReady * 1000;
  const phase = (t: number) => (t < readyAt - 500 ? 'reading' : t < readyAt + 1500 ? 'opening' : 'layout');
  const report =
    `City of ${ROWS.toLocaleString('en-GB')} call rows (${city.files.length} files) in Chromium ` +
    `(${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}, software rendering), ${new Date().toISOString().slice(0, 10)}:\n\n` +
    `- read and analysed in the worker: ${toReady.toFixed(1)} s; the layout ran ${layout.toFixed(1)} s\n` +
    `- the view: ${banner.replace(/Show all$/, '').trim() || '(no banner)'}\n` +
    `- main-thread tasks over 50 ms: ${tasks.length}; the longest ${Math.round(longest)} ms ` +
    `(budget ${BUDGET_MS} ms: ${longest <= BUDGET_MS ? 'met' : '**not met**'}); over ${BUDGET_MS} ms: ` +
    `${tasks.filter(([, d]) => d > BUDGET_MS).length}\n` +
    ['reading', 'opening', 'layout']
      .map((p) => {
        const ds = tasks.filter(([t]) => phase(t) === p).map(([, d]) => Math.round(d));
        return `  - while ${p}: ${ds.length ? ds.join(', ') + ' ms' : 'none'}\n`;
      })
      .join('');
  console.log(report);
  // Into BENCHMARKS.md, between its markers, as the project's formatter writes it.
  const path = join(ROOT, 'BENCHMARKS.md');
  const md = readFileSync(path, 'utf8');
  const begin = '<!-- browser-city:begin -->';
  const end = '<!-- browser-city:end -->';
  if (md.includes(begin)) {
    const text =
      md.slice(0, md.indexOf(begin)) + `${begin}\n\n${report}\n${end}` + md.slice(md.indexOf(end) + end.length);
    writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
  }
  await page.screenshot({ path: join(ROOT, 'bench/.cases', String(ROWS), 'browser.png') });
} finally {
  await browser.close();
  await served.close();
}
