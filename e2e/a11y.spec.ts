import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

for (const [name, viewport] of [
  ['1280×800', { width: 1280, height: 800 }],
  ['800 wide', { width: 800, height: 900 }],
] as const) {
  test(`axe finds no violations at ${name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const app = new PodwalkPage(page);
    await app.open('?activity=12');
    await expect(app.editor).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
}

test('axe finds no violations in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new PodwalkPage(page);
  await app.open('?activity=15');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('every control is reachable by keyboard', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=60');
  const names = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
    names.add(label);
  }
  for (const n of [
    'Restart',
    'Step back',
    'Play',
    'Step forward',
    'Speed',
    'Delete pod',
    'Pod manifest',
    'Scenario',
  ])
    expect(names).toContain(n);
});
