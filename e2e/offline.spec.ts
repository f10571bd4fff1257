// Offline use: the "Offline HTML" export (one file that opens from disk and plays with no network) and
// the service worker that keeps the built site working offline after the first visit.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { PodwalkPage } from './fixtures/PodwalkPage';
import { serveDistUnder } from './fixtures/subPathServer';

test.use({ serviceWorkers: 'allow' }); // playwright.config.ts blocks them elsewhere

async function exportOfflineHtml(page: Page): Promise<{ name: string; html: string }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Offline HTML' }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), html: await readFile(await download.path(), 'utf8') };
}

/** Every request that is not for a file: URL fails the test (blob: and data: never reach the network). */
async function forbidNetwork(context: BrowserContext): Promise<string[]> {
  const attempts: string[] = [];
  await context.route(/^(?!file:)/, async (route) => {
    attempts.push(route.request().url());
    await route.abort();
  });
  context.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) attempts.push(r.url());
  });
  return attempts;
}

const stepOf = async (page: Page): Promise<[number, number]> => {
  const m = /(\d+)\s*\/\s*(\d+)/.exec(await page.locator('.pw-step').innerText());
  return [Number(m?.[1]), Number(m?.[2])];
};

test('the offline HTML opens from a file URL at the same step, plays, and fetches nothing', async ({
  page,
  browser,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=crash-loop&step=30');
  const [, before] = await stepOf(page);
  await app.deletePod.click(); // an intervention: the file must carry the run's actions, not just the text
  await expect.poll(async () => (await stepOf(page))[1]).not.toBe(before);
  const [sentStep, sentTotal] = await stepOf(page);
  const { name, html } = await exportOfflineHtml(page);
  expect(name).toMatch(/^podwalk-[a-z0-9-]+\.html$/);
  expect(html).toContain('<script type="application/json" id="podwalk-state">"v1:');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="(?!data:)/);
  const file = test.info().outputPath(name);
  await writeFile(file, html);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const attempts = await forbidNetwork(context);
  const offline = await context.newPage();
  const errors: string[] = [];
  offline.on('pageerror', (e) => errors.push(e.message));
  await offline.goto(pathToFileURL(file).href);
  const copy = new PodwalkPage(offline);
  await expect(copy.diagram).toBeVisible();
  for (const lane of ['kubectl', 'kube-apiserver', 'etcd', 'kubelet', 'containerd', 'runc', 'kernel'])
    await expect(copy.diagram.getByRole('group', { name: lane, exact: true })).toBeVisible();
  await expect(offline.locator('.pw-step')).toContainText(`${sentStep} / ${sentTotal}`);
  await expect(offline.locator('.cm-content')).toContainText('kind: Pod'); // the editor chunk is inline too

  await copy.play.click();
  await expect
    .poll(async () => (await stepOf(offline))[0], { timeout: 10_000 })
    .toBeGreaterThan(sentStep + 2);
  await copy.pause.click();
  expect(errors).toEqual([]);
  expect(attempts).toEqual([]);
  await context.close();
});

test('exporting the offline HTML mid-animation keeps playing', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=20');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  const { name } = await exportOfflineHtml(page);
  expect(name).toBe('podwalk-nginx.html');
  await expect(app.pause).toBeVisible(); // still playing
  await expect(page.getByRole('status').filter({ hasText: 'Saved podwalk-nginx.html' })).toBeVisible();
});

test('axe finds no violations with the Export menu open', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menuitem', { name: 'Offline HTML' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('from a sub-path: the offline HTML export, and offline after the first visit', async ({
  page,
  context,
}) => {
  const server = await serveDistUnder('/course/podwalk/');
  try {
    const app = new PodwalkPage(page);
    await page.goto(`${server.url}?step=5`);
    await expect(app.diagram.getByRole('group', { name: 'kube-apiserver' })).toBeVisible();
    // The template is fetched beside the page, not from the server's root.
    expect((await exportOfflineHtml(page)).html).toContain('id="podwalk-state">"v1:');
    // The service worker installs (precaching every built file) and takes control of this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.url);
    // The worker precached the template with the rest of the build.
    await page.waitForFunction(async () => (await caches.match('podwalk-offline.html')) !== undefined);

    await context.setOffline(true);
    await page.reload();
    await expect(app.diagram.getByRole('group', { name: 'kube-apiserver' })).toBeVisible();
    await expect(page.locator('.cm-content')).toBeVisible(); // the editor is a lazy chunk
    await expect(page.locator('.pw-step')).toContainText('step 5 /');
    await app.play.click();
    await expect.poll(async () => (await stepOf(page))[0], { timeout: 10_000 }).toBeGreaterThan(7);
    await app.pause.click();
    // The export code is another lazy chunk, and the template was kept when it was first fetched.
    await page.getByRole('button', { name: 'Export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Sequence as Mermaid' }).click();
    expect((await downloading).suggestedFilename()).toMatch(/\.mmd$/);
    expect((await exportOfflineHtml(page)).name).toBe('podwalk-nginx.html');
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});

test('when the simulation Worker cannot start, the page simulates on the main thread', async ({ page }) => {
  let blocked = 0;
  await page.route(/\/assets\/sim\.worker-[^/]+\.js$/, async (route) => {
    blocked++;
    await route.abort();
  });
  const started = Date.now();
  const app = new PodwalkPage(page);
  await app.open('?step=12');
  await expect(page.locator('.pw-step')).toContainText('step 12 /');
  expect(blocked).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(10_000); // not the 15 s timeout
});

test('after a deploy, the page offers the new version and reloads into it where the user was', async ({
  page,
}) => {
  const server = await serveDistUnder('/podwalk/');
  try {
    const app = new PodwalkPage(page);
    await page.goto(`${server.url}?step=12`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const update = page.getByRole('status').filter({ hasText: 'A new version of Podwalk is available' });
    await expect(update).toHaveCount(0);

    // The deploy: a new build's sw.js (another cache name). The page looks again when it is shown.
    server.rewrite('sw.js', (js) =>
      js.replace(/const CACHE = "(podwalk-[0-9a-f]+)"/, 'const CACHE = "$1-next"'),
    );
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(update).toBeVisible({ timeout: 20_000 });
    // Until the user says so, the old worker keeps the page and the new one waits.
    const waiting = () => page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null);
    expect(await waiting()).toBe(true);
    // The new build is precached beside the old one, which still serves this page.
    expect((await page.evaluate(() => caches.keys())).sort()).toEqual([
      expect.stringMatching(/^podwalk-[0-9a-f]+$/),
      expect.stringMatching(/^podwalk-[0-9a-f]+-next$/),
    ]);

    for (const step of [13, 14]) {
      await app.stepForward.click();
      await expect(page.locator('.pw-step')).toContainText(`step ${step} /`);
    }
    await update.getByRole('button', { name: 'Reload' }).click();
    // The reload opens the same moment (a share link in the address) under the new worker.
    await page.waitForURL(/#v1:/);
    await expect(app.diagram.getByRole('group', { name: 'kube-apiserver' })).toBeVisible();
    await expect(page.locator('.pw-step')).toContainText('step 14 /');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await waiting()).toBe(false);
    expect(await page.evaluate(() => caches.keys())).toEqual([
      expect.stringMatching(/^podwalk-[0-9a-f]+-next$/),
    ]);
    await expect(update).toHaveCount(0);
  } finally {
    await server.close();
  }
});

test('"Later" keeps the running version and hides the offer', async ({ page }) => {
  const server = await serveDistUnder('/later/');
  try {
    await page.goto(`${server.url}?step=3`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    server.rewrite('sw.js', (js) => `${js}\n// next build\n`);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const update = page.getByRole('status').filter({ hasText: 'A new version of Podwalk is available' });
    await expect(update).toBeVisible({ timeout: 20_000 });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await update.getByRole('button', { name: 'Later' }).click();
    await expect(update).toHaveCount(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)).toBe(
      true,
    );
  } finally {
    await server.close();
  }
});
