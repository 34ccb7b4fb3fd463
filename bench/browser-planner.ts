// Browser benchmark for the planner: a 2,000-entity edge list loaded into the app, then a five-arrest plan with
// the optimiser over the whole network, timed from the click on Plan to the table, in the analysis worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndServe, launchChromium } from '../scripts/browser';
import { createRng } from '../src/lib/rng';

function edgeList(n = 2000, seed = 3): string {
  const rng = createRng(seed);
  const rows = ['source,target,weight'];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 3; k++) {
      rows.push(`p${i},p${Math.floor(i / 50) * 50 + Math.floor(rng() * 50)},${1 + Math.floor(rng() * 5)}`);
      if (rng() < 0.05) rows.push(`p${i},p${Math.floor(rng() * n)},1`);
    }
  return rows.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'unravel-bench-'));
const file = join(dir, 'suspects.csv');
writeFileSync(file, edgeList());
const served = await buildAndServe();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(served.origin + '/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
  await chooser.setFiles([file]);
  await page.click('#analyse');
  await page.waitForSelector('#app[data-state=ready]', { timeout: 120_000 });
  await page.click('#tab-plan');
  await page.selectOption('#plan-scope', 'all');
  const start = Date.now();
  await page.click('#plan-run');
  await page.waitForSelector('#plan-table tbody tr', { timeout: 120_000 });
  const ms = Date.now() - start;
  const scope = await page.locator('#panel p.muted').nth(1).textContent();
  console.log(`Planner in the browser worker: five arrests, every strategy and the optimiser, ${ms} ms (${scope})`);
} finally {
  await browser.close();
  await served.close();
  rmSync(dir, { recursive: true, force: true });
}
