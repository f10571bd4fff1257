// Screenshots of every screen of the built site, for looking at (not for failing CI):
//   PW_PORT=4173 node scripts/screenshot-tour.mjs <prefix> [only-name-substring]
// writes screenshots/<prefix>-<screen>-<width>.png at 1280×800 and 800×800 (embed at 480×800).
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const [prefix = 'tour', only = ''] = process.argv.slice(2);
const base = `http://127.0.0.1:${process.env.PW_PORT ?? 4173}/`;
const executablePath =
  process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
mkdirSync('screenshots', { recursive: true });

const ready = async (page) => {
  await page.waitForSelector('[aria-label="Sequence diagram"]', { timeout: 15000 });
  await page.waitForTimeout(700);
};
const tab = (name) => async (page) => {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForTimeout(500);
};

/** name, query, widths, what to do before the shot, theme. */
const SCREENS = [
  { name: 'default', query: '?step=0', widths: [1280, 800] },
  { name: 'midway', query: '?step=40', widths: [1280, 800] },
  { name: 'tab-scheduling', query: '?step=40', widths: [1280], act: tab('Scheduling') },
  { name: 'tab-kubectl', query: '?step=40', widths: [1280], act: tab('kubectl') },
  { name: 'tab-namespaces', query: '?step=60', widths: [1280], act: tab('Namespaces') },
  { name: 'tab-etcd', query: '?step=40', widths: [1280], act: tab('etcd') },
  { name: 'tab-defaults', query: '?step=40', widths: [1280], act: tab('Defaults') },
  {
    name: 'editor-cluster',
    query: '?step=10',
    widths: [1280, 800],
    act: async (page) => {
      await page.locator('.pw-manifest-tabs [role="tab"]').nth(1).click();
      await page.waitForTimeout(400);
    },
  },
  { name: 'deployment', query: '?scenario=deployment&step=30', widths: [1280, 800] },
  { name: 'crash-loop-end', query: '?scenario=crash-loop&step=100000', widths: [1280, 800] },
  { name: 'embed', query: '?embed=1&step=20', widths: [480, 800] },
  { name: 'dark', query: '?step=40', widths: [1280, 800], dark: true },
  { name: 'dark-embed', query: '?embed=1&step=20', widths: [480], dark: true },
  {
    name: 'intervene',
    query: '?step=100000',
    widths: [1280, 800],
    act: async (page) => {
      await page.getByRole('button', { name: /Intervene/ }).click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: 'export',
    query: '?step=10',
    widths: [1280, 800],
    act: async (page) => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: 'predict',
    query: '?step=0',
    widths: [1280, 800],
    act: async (page) => {
      await page.getByRole('button', { name: 'Predict' }).click();
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForSelector('.pw-predict h2', { timeout: 30000 }).catch(() => undefined);
      await page.waitForTimeout(600);
    },
  },
  {
    name: 'embed-dialog',
    query: '?step=10',
    widths: [1280],
    act: async (page) => {
      await page.getByRole('button', { name: 'Embed' }).click();
      await page.waitForTimeout(300);
    },
  },
];

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
for (const s of SCREENS) {
  if (only && !s.name.includes(only)) continue;
  for (const width of s.widths) {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: s.dark ? 'dark' : 'light',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + s.query);
    await ready(page);
    if (s.act) await s.act(page);
    const file = `screenshots/${prefix}-${s.name}-${width}.png`;
    await page.screenshot({ path: file });
    console.log(file, errors.length ? errors : '');
    await context.close();
  }
}
await browser.close();
