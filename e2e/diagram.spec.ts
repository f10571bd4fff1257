import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { normalizeSvg } from '../src/diagram/normalizeSvg';
import { PodwalkPage } from './fixtures/PodwalkPage';

const GOLDEN = new URL('./__golden__/diagram-step-40.svg', import.meta.url);

test('the diagram at step 40 matches the stored, normalised SVG', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=40');
  await expect(app.log.getByRole('listitem')).toHaveCount(40);
  await expect(app.diagram.locator('[data-seq="40"]')).toBeVisible();
  // The body renders only the rows in view: wait until scrolling to the current message has settled.
  const body = app.diagram.locator('svg.pw-seq-body');
  let svg = '';
  await expect(async () => {
    const a = normalizeSvg(await body.evaluate((el) => el.outerHTML));
    await page.waitForTimeout(150);
    const b = normalizeSvg(await body.evaluate((el) => el.outerHTML));
    expect(a).toBe(b);
    svg = b;
  }).toPass();
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, svg + '\n');
  expect(svg + '\n').toBe(readFileSync(GOLDEN, 'utf8'));
});

test('lifelines are groups named by their lanes', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  for (const lane of [
    'kubectl',
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'kubelet',
    'containerd',
    'runc',
    'kernel',
  ])
    await expect(app.diagram.getByRole('group', { name: lane, exact: true })).toHaveCount(1);
});
