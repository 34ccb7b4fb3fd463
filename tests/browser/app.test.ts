// End to end: the built app in Debian's Chromium, used as an investigator would use it. Each step leaves a
// screenshot in tests/browser/artifacts/.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, launchChromium, type Served } from '../../scripts/browser';
import { difference, inked } from './pixels';
import { ROOT, runCli } from '../cli/run-cli';
import { MIN_ITERATIONS } from '../../src/app/layout';
import { MAX_PAGES } from '../../src/analysis/wasm-limits';
import { tempDir } from '../helpers';

const ARTIFACTS = join(ROOT, 'tests/browser/artifacts');
const SAMPLE = [
  'bank_transfers.csv',
  'calls_operator_a.csv',
  'cdr_operator_b.csv',
  'kyc_register.csv',
  'travel_manifest.csv',
];

let served: Served;
let browser: Browser;
let page: Page;
const offOrigin: string[] = [];
const pageErrors: string[] = [];
/** Console errors, Content-Security-Policy violations among them. */
const consoleErrors: string[] = [];

async function shot(name: string): Promise<Buffer> {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function graphShot(name: string): Promise<Buffer> {
  return page.locator('#graph').screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function summaryCounts(): Promise<{ entities: number; links: number }> {
  const text = (await page.locator('#summary').textContent()) ?? '';
  const m = /Showing (\d+) of \d+ entities, (\d+) of \d+ links/.exec(text);
  if (!m) throw new Error(`unexpected summary "${text}"`);
  return { entities: Number(m[1]), links: Number(m[2]) };
}

async function waitForLayoutToSettle() {
  await page.waitForFunction(() => document.querySelector('#layout-toggle')?.textContent === 'Run layout', null, {
    timeout: 30_000,
  });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  served = await buildAndServe();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(served.origin + '/') && !url.startsWith('blob:' + served.origin) && !url.startsWith('data:'))
      offOrigin.push(url);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(served.origin + '/');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('the workspace on the sample case', () => {
  it('should offer the sample case and files on the start page', async () => {
    expect(await page.getByRole('button', { name: 'Open the sample case' }).count()).toBe(1);
    expect(await page.locator('#add-files').isVisible()).toBe(true);
    await shot('01-start');
  });

  it('should open the sample case and draw the network on the canvas', async () => {
    await page.click('#open-sample');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    await waitForLayoutToSettle();
    // The layout stopped by itself, and its button says how: settled, or at its limit, and how much it still moved.
    const toggle = page.locator('#layout-toggle');
    expect(['settled', 'limit']).toContain(await toggle.getAttribute('data-end'));
    expect(await toggle.getAttribute('title')).toMatch(
      /^Layout (settled after|stopped at its limit,) \d+\.\d s, \d+ iterations, moving \d+\.\d{3}% of its width an iteration/,
    );
    expect(Number(await toggle.getAttribute('data-iterations'))).toBeGreaterThanOrEqual(MIN_ITERATIONS);
    // How long drawing the view held the page, which sets whether the layout is drawn as it goes: measured.
    expect(Number(await toggle.getAttribute('data-frame-ms'))).toBeGreaterThan(0);
    await shot('02-sample-case');
    const drawn = inked(await graphShot('02-graph-only'));
    // A blank or failed WebGL canvas is all white; the sample's network covers a good part of it in many colours.
    expect(drawn.share).toBeGreaterThan(0.03);
    expect(drawn.colours).toBeGreaterThan(8);
    const counts = await summaryCounts();
    expect(counts.entities).toBeGreaterThan(200);
    expect(counts.links).toBeGreaterThan(500);
    expect(await page.locator('#target-list li').count()).toBe(25);
  });

  it('should find an entity by a phone number written in another format', async () => {
    // The KYC register writes Maria Ţurcanu's number as "07700 900521"; the CDRs as 07700900521 or +44 7700 900521.
    await page.fill('#search', '+44 (0) 7700-900 521');
    await page.waitForSelector('#search-results li button');
    const first = await page.locator('#search-results li button').first().textContent();
    expect(first).toContain('Maria Ţurcanu');
    expect(first).toContain('phone +447700900521');
    await shot('03-search');
    // By keyboard alone: down into the results, Enter on the first.
    await page.press('#search', 'ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.locator('#details-name').textContent()).resolves.toBe('Maria Ţurcanu');
  });

  it('should show the rows behind her links when she is clicked in the view', async () => {
    await page.click('#tab-targets');
    expect(await page.locator('#details-name').count()).toBe(0);
    await page.waitForTimeout(800); // the camera's move to her
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.locator('#details-name').textContent()).resolves.toBe('Maria Ţurcanu');
    await page.waitForSelector('#evidence table.rows tbody tr');
    await shot('04-details-evidence');
    const firstRow = await page.locator('#evidence table.rows tbody tr').first().locator('td').allTextContents();
    expect(SAMPLE).toContain(firstRow[0]);
    expect(Number(firstRow[1])).toBeGreaterThan(1);
    expect(firstRow[2]).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d$/);
    expect(firstRow[3]).toMatch(/\+447700900521|→/);
    // Every link's rows name a real file and row of the sample.
    const files = await page.locator('#evidence table.rows tbody tr td:first-child').allTextContents();
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(SAMPLE).toContain(f);
    // The merges that made her one entity come with her evidence, each with the rows behind it.
    await page.waitForSelector('#merges ul.merges li');
    const merges = await page.locator('#merges ul.merges li').allTextContents();
    for (const m of merges) expect(m).toMatch(/^\w+: \S+ ↔ \S+: .*\[\S+\.csv:\d.*\] \(merge \S+\) Undo this merge$/);
    await expect(page.locator('#merges h3').textContent()).resolves.toBe(
      `How its identifiers were joined (${merges.length})`,
    );
  });

  it('should narrow the view and the lists to a time range', async () => {
    await page.click('#tab-targets');
    const before = await summaryCounts();
    const pictureBefore = await graphShot('05-before-time-filter');
    const max = Number(await page.locator('#time-from').getAttribute('max'));
    await page.locator('#time-from').fill(String(Math.round(max * 0.4)));
    await page.locator('#time-from').dispatchEvent('change');
    await page.locator('#time-to').fill(String(Math.round(max * 0.5)));
    await page.locator('#time-to').dispatchEvent('change');
    const after = await summaryCounts();
    expect(after.links).toBeLessThan(before.links);
    expect(after.links).toBeGreaterThan(0);
    expect(after.entities).toBeLessThan(before.entities);
    await page.waitForTimeout(300);
    await shot('05-time-filter');
    expect(difference(pictureBefore, await graphShot('05-after-time-filter'))).toBeGreaterThan(0.005);
    // The list follows the filter: only people active in the range remain, so it is no longer the CLI's list.
    await expect(page.locator('text=Filters and your edits apply to this list').count()).resolves.toBe(1);
    // A filter is not an edit of the list: there is nothing for "Undo edits" to undo.
    await expect(page.locator('button:has-text("Undo edits")').count()).resolves.toBe(0);
    await page.click('#time-label button');
    expect(await summaryCounts()).toEqual(before);
  });

  it('should export the same target list as the CLI for the same files and seed', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-targets-csv')]);
    const fromApp = readFileSync((await download.path())!, 'utf8');
    writeFileSync(join(ARTIFACTS, 'targets-from-app.csv'), fromApp);
    const out = tempDir('unravel-cli-');
    const cli = runCli(['analyze', ...SAMPLE.map((f) => `samples/case/${f}`), '--tz', 'Europe/London', '--out', out]);
    expect(cli.code).toBe(0);
    const fromCli = readFileSync(join(out, 'targets.csv'), 'utf8');
    expect(fromApp.split('\n').length).toBe(27);
    expect(fromApp).toBe(fromCli);
  });

  it('should export the view as a PNG, and the shown part of the graph as GEXF and GraphML', async () => {
    await page.click('summary:has-text("Export")');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('text=View as PNG')]);
    const picture = readFileSync((await png.path())!);
    writeFileSync(join(ARTIFACTS, '08-export.png'), picture);
    expect(inked(picture).share).toBeGreaterThan(0.02);

    // Focus one community: the graph exports hold exactly what is shown.
    await page.locator('.communities li').nth(1).locator('button').click();
    const shown = await summaryCounts();
    expect(shown.entities).toBeLessThan(100);
    for (const format of ['GEXF', 'GraphML']) {
      await page.click('summary:has-text("Export")');
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(`text=Shown graph as ${format}`)]);
      const xml = readFileSync((await file.path())!, 'utf8');
      expect((xml.match(/<node /g) ?? []).length, format).toBe(shown.entities);
      expect((xml.match(/<edge /g) ?? []).length, format).toBe(shown.links);
    }
    await shot('08-community-focus');
    await page.click('text=Back to the whole network');
  });

  it('should save a project file that reopens the same workspace from the same files', async () => {
    await page.click('#tab-targets');
    const third = page.locator('#target-list li').nth(2);
    const name = (await third.locator('.name').textContent())!;
    await third.locator('button[title="Pin to the top"]').click();
    const pinned = page.locator('#target-list li').first();
    expect(await pinned.locator('.name').textContent()).toBe(name);
    await expect(page.locator('button:has-text("Undo edits")').count()).resolves.toBe(1);
    await pinned.locator('input.note').fill('arrest first; phone seized 12/03');
    await pinned.locator('input.note').press('Tab');
    await page.click('summary:has-text("Project")');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('text=Save project file')]);
    const projectPath = join(tempDir('unravel-project-'), 'case.unravel.json');
    writeFileSync(projectPath, readFileSync((await saved.path())!));

    await page.click('summary:has-text("Project")');
    await page.click('text=Close case');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
    await chooser.setFiles([projectPath, ...SAMPLE.map((f) => join(ROOT, 'samples/case', f))]);
    await page.waitForSelector('text=all its files are here, unchanged');
    await shot('09-reopen-project');
    await page.click('#analyse');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    const first = page.locator('#target-list li').first();
    expect(await first.locator('.name').textContent()).toBe(name);
    expect(await first.locator('input.note').inputValue()).toBe('arrest first; phone seized 12/03');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-targets-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
    expect(csv[1]).toContain(',yes,arrest first; phone seized 12/03');
    await shot('10-reopened');
  });

  it('should list likely victims for protection, never as targets', async () => {
    await page.click('#tab-protect');
    const ids = (selector: string) =>
      page.locator(selector).evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    const victims = await ids('#protection-list li');
    expect(victims.length).toBeGreaterThanOrEqual(10);
    await page.locator('#protection-list .name').first().click();
    await expect(page.locator('#details .protect').textContent()).resolves.toContain('Likely victim');
    await shot('11-protection');
    await page.click('#tab-targets');
    const targets = await ids('#target-list li');
    expect(targets).toHaveLength(25);
    for (const v of victims) expect(targets).not.toContain(v);
  });

  it('should list the money, travel, SIM and time patterns with their rows', async () => {
    await page.click('#tab-patterns');
    const text = (await page.locator('#panel').textContent()) ?? '';
    expect(text).toMatch(/fan-in \(\d+\)/);
    expect(text).toMatch(/shared-handset \(1\)/);
    expect(text).toMatch(/bank_transfers\.csv:\d+/);
    await shot('11-patterns');
    await page.click('#tab-targets');
  });

  it('should compare arrest strategies for a budget and export the plan', async () => {
    await page.click('#tab-plan');
    await page.fill('#plan-budget', '4');
    await page.locator('#plan-budget').dispatchEvent('change');
    await page.click('#plan-run');
    await page.waitForSelector('#plan-table tbody tr');
    expect(await page.locator('#plan-table tbody tr').count()).toBe(4);
    expect(await page.locator('#plan-chart polyline').count()).toBe(7);
    await shot('11-plan');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#plan-csv')]);
    const csv = readFileSync((await file.path())!, 'utf8').split(/\r?\n/);
    expect(csv[0]).toBe(
      'step,id,label,lcc,components,pairwise_connectivity,efficiency,money_reaching_collectors,role,next_broker,next_broker_label',
    );
    expect(csv.filter(Boolean)).toHaveLength(6);
    for (const row of csv.slice(2).filter(Boolean)) expect(row).not.toMatch(/,(victim|hub),/);
    await page.click('#tab-targets');
  });

  it("should take the analyst's word that a business is not a service hub, and re-rank", async () => {
    await page.fill('#search', 'Star Cars');
    await page.press('#search', 'Enter');
    await expect(page.locator('#details .hub-note').textContent()).resolves.toContain('innocent hub');
    await page.click('text=Not a service: rank in full');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    await page.fill('#search', 'Star Cars');
    await page.press('#search', 'Enter');
    await expect(page.locator('#details .why').textContent()).resolves.toContain('not a service hub (analyst)');
    expect(await page.locator('#details .hub-note').count()).toBe(0);
    await shot('12-not-a-hub');
  });

  it('should make no request outside its own origin and raise no page error', async () => {
    expect(offOrigin).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    // The policy is enforced: a request to another origin is refused by the browser before it is sent.
    const violation = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) =>
            resolve(`${e.violatedDirective} ${e.blockedURI}`),
          );
          fetch('http://127.0.0.2:9/exfiltrate').catch(() => {});
        }),
    );
    expect(violation).toBe('connect-src http://127.0.0.2:9/exfiltrate');
    expect(served.requests).toContain('/');
  });

  it('should let its analysis worker compile WebAssembly, where the kernels run (the page itself may not)', async () => {
    // The page's policy leaves 'wasm-unsafe-eval' out; a worker takes no policy from its page's <meta>, and the
    // analysis (src/analysis/wasm.ts) falls back to JavaScript, slower, where WebAssembly is refused.
    // An empty module (its magic number and version) compiles wherever WebAssembly may be compiled.
    const compiles =
      '(() => { try { new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)); return true; } catch { return false; } })()';
    const analysis = page.workers().filter((w) => /\/worker-[^/]*\.js$/.test(w.url()));
    expect(analysis).toHaveLength(1);
    expect(await analysis[0]!.evaluate(compiles)).toBe(true);
    expect(await page.evaluate(compiles)).toBe(false);
    // Cross-origin isolated (below), it may have the shared memory the kernels run in (src/analysis/wasm.ts), as
    // large as they ask for at most.
    const sharedMemory = `(() => { try { return new WebAssembly.Memory({ initial: 1, maximum: ${MAX_PAGES}, shared: true }).buffer instanceof SharedArrayBuffer; } catch { return false; } })()`;
    expect(await analysis[0]!.evaluate(sharedMemory)).toBe(true);
  });

  it('should run cross-origin isolated, so that its worker has shared memory for the large columns', async () => {
    // Served with the headers of vite.config.ts (ISOLATION_HEADERS), as `npm start` serves it; every test above
    // ran under them, so the isolation blocks nothing the app needs.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  });

  it('should start the helper thread that runs half of betweenness, and have it fill the shared columns', async () => {
    // The analysis worker starts it (src/worker/worker.ts); handed a part of the passes on a path a–b–c–d, the
    // helper as built and served writes its sums into the shared columns and marks the part done.
    // The sample case is open (above), so the analysis worker runs; its helper may still be loading.
    const helperUrl = /\/assets\/helper-[^/]*\.js$/;
    await expect
      .poll(() => page.workers().map((w) => w.url()), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(helperUrl));
    const helper = page.workers().find((w) => helperUrl.test(w.url()));
    const result = await helper!.evaluate(() => {
      const shared = (length: number) => new Float64Array(new SharedArrayBuffer(8 * length));
      const task = {
        kind: 'passes',
        graph: {
          offsets: Int32Array.from([0, 1, 3, 5, 6]),
          targets: Int32Array.from([1, 0, 2, 1, 3, 2]),
          length: Float64Array.from([1, 1, 1, 1, 1, 1]),
        },
        sources: Int32Array.from([0, 1, 2, 3]),
        unweighted: false,
        betweenness: shared(4),
        closeness: shared(4),
        state: new Int32Array(new SharedArrayBuffer(4)),
      };
      (self.onmessage as (e: { data: unknown }) => void)({ data: task });
      return { state: task.state[0], betweenness: [...task.betweenness], closeness: [...task.closeness] };
    });
    // Done (2); each pair through b or c counted from both of its ends; 1/distance summed over the sources.
    expect(result).toEqual({
      state: 2,
      betweenness: [0, 4, 4, 0],
      closeness: [1 + 1 / 2 + 1 / 3, 2.5, 2.5, 1 + 1 / 2 + 1 / 3],
    });
  });
});

describe('importing files an analyst drops in', () => {
  it('should show detection and a normalised preview, and never render text from the data as HTML', async () => {
    await page.click('summary:has-text("Project")');
    await page.click('text=Close case');
    const dir = tempDir('unravel-import-');
    writeFileSync(
      join(dir, 'register.csv'),
      'Customer ID;Full Name;MSISDN;Customer Type\n' +
        'C1;<img src=x onerror="document.body.dataset.pwned=1">;07700 900001;Individual\n' +
        'C2;<b id="pwned">Bold</b>;+44 7700 900002;Individual\n',
    );
    writeFileSync(
      join(dir, 'calls.csv'),
      'caller,callee,start,duration\n' +
        '07700900001,07700900002,2024-03-01 10:00,60\n' +
        '+447700900002,+44 7700 900001,2024-03-01 11:00,120\n' +
        '07700900001,not a number,2024-03-01 12:00,30\n',
    );
    // An export whose headers Unravel does not know: the analyst maps it on the import screen.
    writeFileSync(
      join(dir, 'odd.csv'),
      'Nr A|Nr B|Quando|Secs\n07700900003|07700900001|01/03/2024 10:00|60\n07700900003|07700900002|02/03/2024 11:00|30\n',
    );
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
    await chooser.setFiles([join(dir, 'register.csv'), join(dir, 'calls.csv'), join(dir, 'odd.csv')]);
    await page.waitForSelector('section.file-card');
    await shot('06-import');
    const cards = page.locator('section.file-card');
    expect(await cards.count()).toBe(3);
    const odd = () => page.locator('section.file-card', { hasText: 'odd.csv' });
    expect(await odd().locator('.problems').textContent()).toContain('unknown kind of file');
    expect(await page.locator('#analyse').textContent()).toBe('Analyse 2 files');
    await odd().locator('select').first().selectOption('calls');
    await page.waitForSelector('section.file-card:has-text("odd.csv") table.mapping');
    for (const [field, header] of [
      ['caller', 'Nr A'],
      ['callee', 'Nr B'],
      ['start', 'Quando'],
      ['duration', 'Secs'],
    ])
      await odd().locator(`select[aria-label="column for ${field}"]`).selectOption(header!);
    await page.waitForFunction(() => document.querySelector('#analyse')?.textContent === 'Analyse 3 files');
    await expect(odd().locator('table.preview:not(.raw)').textContent()).resolves.toContain('tel:+447700900003');
    await shot('06-import-mapped');
    const calls = cards.filter({ hasText: 'calls.csv' });
    await expect(calls.locator('select').first().inputValue()).resolves.toBe('calls');
    const preview = await calls.locator('table.preview:not(.raw)').textContent();
    expect(preview).toContain('tel:+447700900001');
    expect(preview).toContain('rejected');
    await page.click('#analyse');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    await page.click('#tab-issues');
    const issues = await page.locator('#issues').textContent();
    expect(issues).toContain('calls.csv');
    expect(issues).toContain('not a number');
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/Showing 3 of 3 entities, 3 of 3 links/);
    await page.click('#tab-targets');
    const names = await page.locator('#target-list .name').allTextContents();
    // Names are title-cased by the normaliser, and shown as the literal text they are.
    expect(names).toContain('<B Id="Pwned">Bold</B>');
    expect(names).toContain('<Img Src=X Onerror="Document.Body.Dataset.Pwned=1">');
    expect(await page.locator('#pwned').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    await shot('07-imported-case');
    expect(pageErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});

describe('data safety in the workspace', () => {
  const KEY = 'a long passphrase for this case';

  it('should export pseudonymised, leave likely victims out, and log every import, analysis and export', async () => {
    await page.goto(served.origin + '/');
    await page.click('text=Open the sample case');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    const top = (await page.locator('#target-list .name').first().textContent())!;
    await page.click('summary:has-text("Export")');
    await page.check('#pseudonymise');
    await page.fill('#pseudonym-key', 'too short');
    await page.check('#without-victims');
    expect(await page.locator('#export-png').isDisabled()).toBe(true);
    await page.click('.menu-items button:text-is("targets.csv")');
    await expect(page.locator('#banner').textContent()).resolves.toMatch(/key of at least 16 characters/);
    await page.click('summary:has-text("Export")');
    await page.fill('#pseudonym-key', KEY);
    await shot('08-export-privacy');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.menu-items button:text-is("targets.csv")'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[1]).toMatch(/^1,P-[0-9a-f]{16},/);
    expect(csv).not.toContain(top);
    expect(csv).not.toMatch(/\+44\d{10}/);
    // The same key gives the same list as the command line.
    const dir = tempDir('unravel-privacy-');
    writeFileSync(join(dir, 'case.key'), KEY);
    const cli = runCli([
      'analyze',
      ...SAMPLE.map((f) => join(ROOT, 'samples/case', f)),
      '--tz',
      'Europe/London',
      '--pseudonymise',
      join(dir, 'case.key'),
      '--without-victims',
      '--out',
      join(dir, 'out'),
    ]);
    expect(cli.code).toBe(0);
    expect(csv).toBe(readFileSync(join(dir, 'out', 'targets.csv'), 'utf8'));
    // The plan's CSV follows the same choice.
    await page.click('#tab-plan');
    await page.click('#plan-run');
    await page.waitForSelector('#plan-table tbody tr');
    const [planFile] = await Promise.all([page.waitForEvent('download'), page.click('#plan-csv')]);
    const plan = readFileSync((await planFile.path())!, 'utf8').split(/\r?\n/);
    expect(plan[2]).toMatch(/^1,P-[0-9a-f]{16},[PN]-[0-9a-f]{16},/);
    expect(plan.join('\n')).not.toContain(top);
    await page.click('summary:has-text("Export")');
    await page.click('.menu-items button:text-is("protection.csv")');
    await expect(page.locator('#banner').textContent()).resolves.toMatch(/not exported while they are left out/);
    await page.click('#tab-files');
    const log = (await page.locator('#action-log').textContent())!;
    expect(log).toMatch(/import\s*bank_transfers\.csv: [\d,]+ bytes, sha256 [0-9a-f]{64}/);
    expect(log).toMatch(/analyse\s*5 files: [\d,]+ rows read/);
    expect(log).toContain('targets.csv (pseudonymised, likely victims left out)');
    expect(log).toContain('plan.csv (pseudonymised, likely victims left out)');
    await page.locator('#action-log').scrollIntoViewIfNeeded();
    await shot('08-action-log');
    await page.click('summary:has-text("Project")');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('text=Save project file')]);
    const project = readFileSync((await saved.path())!, 'utf8');
    // The log travels in the project file; the key never does.
    expect(JSON.parse(project).log.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['import', 'analyse', 'export', 'project']),
    );
    expect(project).not.toContain(KEY);
  });

  it('should refuse a project file with a wrong value, naming it, and stay usable', async () => {
    await page.click('summary:has-text("Project")');
    await page.click('text=Close case');
    const dir = tempDir('unravel-badproject-');
    const bad = {
      app: 'unravel',
      version: 1,
      files: [],
      settings: { rules: '<img src=x onerror=alert(1)>' },
      edits: {},
      view: {},
    };
    writeFileSync(join(dir, 'bad.unravel.json'), JSON.stringify(bad));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
    await chooser.setFiles([join(dir, 'bad.unravel.json')]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent !== '', null, { timeout: 10_000 });
    await expect(page.locator('#status').textContent()).resolves.toBe(
      'project: settings.rules must be a list of strings',
    );
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Open the sample case' }).isEnabled()).toBe(true);
  });

  it('should stream a 5-million-row file in the worker, cancel it, and stay usable', async () => {
    // 5,000,000 distinct call rows (~245 MB), written in 250 blocks of 20,000.
    const dir = tempDir('unravel-5m-');
    const path = join(dir, 'calls_5m.csv');
    const block = Array.from(
      { length: 20_000 },
      (_, i) =>
        `07700${String(900000 + (i % 5000)).padStart(6, '0')},07700${String(910000 + ((i * 7) % 5000)).padStart(6, '0')},2024-DAYT${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i >> 6) % 60).padStart(2, '0')}Z,${i % 900}\n`,
    ).join('');
    const fd = openSync(path, 'w');
    writeSync(fd, 'caller,callee,start,duration\n');
    for (let b = 0; b < 250; b++) {
      const day = new Date(Date.UTC(2024, 0, 1 + b)).toISOString().slice(5, 10);
      writeSync(fd, block.replaceAll('DAY', day));
    }
    closeSync(fd);
    expect(statSync(path).size).toBeGreaterThan(240_000_000);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#add-files')]);
    await chooser.setFiles([path]);
    await page.waitForSelector('section.file-card', { timeout: 60_000 });
    await page.click('#analyse');
    // The worker reports rows as it streams; the page answers meanwhile.
    await page.waitForFunction(
      () => /reading as calls: [1-9][\d,]* rows/.test(document.querySelector('.progress-list')?.textContent ?? ''),
      null,
      { timeout: 60_000 },
    );
    const t0 = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - t0).toBeLessThan(1000);
    await shot('09-reading-5m');
    await page.click('#cancel');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Cancelled'), null, {
      timeout: 10_000,
    });
    await expect(page.locator('#status').textContent()).resolves.toBe('Cancelled: nothing was analysed.');
    expect(await page.locator('section.file-card', { hasText: 'calls_5m.csv' }).count()).toBe(1);
    // Usable: the sample case opens and is analysed by a fresh worker.
    await page.goto(served.origin + '/');
    await page.click('text=Open the sample case');
    await page.waitForSelector('#app[data-state=ready]', { timeout: 60_000 });
    expect(await page.locator('#target-list .name').count()).toBeGreaterThan(5);
    expect(pageErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  }, 180_000);
});
