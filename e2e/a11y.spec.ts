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

test('with reduced motion a step lands at once instead of travelling', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  await app.stepForward.click();
  await page.clock.runFor(40);
  await expect(app.log.getByRole('listitem')).toHaveCount(11);
});

test('without reduced motion a step travels for about 600 ms before it lands', async ({ page }) => {
  await page.clock.install();
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  await app.stepForward.click();
  await page.clock.runFor(40);
  await expect(app.log.getByRole('listitem')).toHaveCount(10);
  await page.clock.runFor(700);
  await expect(app.log.getByRole('listitem')).toHaveCount(11);
});

test('a keyboard-only user can play, pause and step', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=3');
  await app.focusPlayer();
  await page.keyboard.press('ArrowRight');
  await expect(app.log.getByRole('listitem')).toHaveCount(4);
  await page.keyboard.press('Shift+ArrowRight');
  const afterActivity = await app.log.getByRole('listitem').count();
  expect(afterActivity).toBeGreaterThan(4);
  await page.keyboard.press('ArrowLeft');
  await expect(app.log.getByRole('listitem')).toHaveCount(afterActivity - 1);
  await page.keyboard.press('Space');
  await expect(app.pause).toBeVisible();
  await page.keyboard.press('Space');
  await expect(app.play).toBeVisible();
});

test('the theme toggle switches to dark, with no axe violations, and is remembered', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?activity=13');
  await page.getByRole('button', { name: /^Theme: system/ }).click();
  await page.getByRole('button', { name: /^Theme: light/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('axe finds no violations in any inspector tab or the Cluster editor tab', async ({ page }) => {
  // Six full axe passes: on a busy 2-core machine they alone can take most of the default 30 s.
  test.setTimeout(90_000);
  const app = new PodwalkPage(page);
  await app.open('?activity=14');
  for (const tab of ['Scheduling', 'kubectl', 'Namespaces', 'etcd', 'Defaults']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${tab}: ${v.id}`)).toEqual([]);
  }
  await page.getByRole('tab', { name: 'Cluster' }).click();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `Cluster: ${v.id}`)).toEqual([]);
});
