import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PodwalkPage } from './fixtures/PodwalkPage';

const LANES = [
  'kubectl',
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kubelet',
  'containerd',
  'runc',
  'kernel',
];

async function exportFile(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

async function total(app: PodwalkPage): Promise<number> {
  const text = await app.page.locator('.pw-step').innerText();
  return Number(/\/ (\d+)/.exec(text)?.[1]);
}

test('the SVG export parses and draws every lifeline and every message', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=44');
  const { name, bytes } = await exportFile(page, 'Diagram as SVG');
  expect(name).toBe('podwalk-nginx-step-44.svg');
  const parsed = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      lifelines: [...doc.querySelectorAll('[data-lifeline]')].map((l) => l.getAttribute('data-lifeline')),
      heads: [...doc.querySelectorAll('[data-lane] text')].map((t) => t.textContent),
      rows: doc.querySelectorAll('[data-seq]').length,
    };
  }, bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.lifelines).toEqual(LANES);
  expect(parsed.heads).toEqual(LANES);
  expect(parsed.rows).toBe(await total(app)); // all rows, not just those the page has on screen
});

test('the PNG export is a non-empty image', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=44');
  const { name, bytes } = await exportFile(page, 'Diagram as PNG');
  expect(name).toBe('podwalk-nginx-step-44.png');
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(1000);
  expect(height).toBeGreaterThan(2000);
  expect(bytes.length).toBeGreaterThan(20_000);
});

test('the Mermaid export is a sequenceDiagram and the JSON export is a version 1 trace', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=44');
  const mermaid = await exportFile(page, 'Sequence as Mermaid');
  expect(mermaid.name).toBe('podwalk-nginx-step-44.mmd');
  expect(mermaid.bytes.toString('utf8')).toMatch(/^sequenceDiagram\n/);
  const json = await exportFile(page, 'Trace as JSON');
  const trace = JSON.parse(json.bytes.toString('utf8')) as { version: number; messages: unknown[] };
  expect(trace.version).toBe(1);
  expect(trace.messages).toHaveLength(await total(app));
});

test('exporting while the player animates gives the step it was on', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=30');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  const svg = await exportFile(page, 'Diagram as SVG');
  const png = await exportFile(page, 'Diagram as PNG');
  await expect(app.pause).toBeVisible(); // still playing
  expect(svg.name).toMatch(/^podwalk-nginx-step-\d+\.svg$/);
  expect(svg.bytes.toString('utf8')).toMatch(/at step \d+/);
  expect(png.bytes.length).toBeGreaterThan(20_000);
});

test('the Export menu works from the keyboard', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  const button = page.getByRole('button', { name: 'Export' });
  await button.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Diagram as SVG' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Offline HTML' })).toBeFocused(); // wraps to the last
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Export' })).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await downloading).suggestedFilename()).toBe('podwalk-nginx-step-10.svg');
  await expect(page.getByRole('status').filter({ hasText: 'Saved podwalk-nginx-step-10.svg' })).toBeVisible();
});
