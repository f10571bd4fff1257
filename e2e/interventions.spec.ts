import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

// Step 111 of the default run: the kubelet has started nginx (runc runs it), the pod is not Running yet.
const STARTED = '?step=111';

function intervene(page: Page) {
  return page.getByRole('button', { name: 'Intervene' });
}

test('killing nginx by hand mid-run makes the kubelet restart it (RESTARTS 1)', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open(STARTED);
  await expect(page.getByText('step 111 /')).toBeVisible();
  await intervene(page).click();
  await page.getByRole('button', { name: 'Kill nginx' }).click();
  // The run is simulated again with the kill at the playhead; the playhead stays on the same step.
  await expect(page.getByText('step 111 /')).toBeVisible();
  await app.focusPlayer();
  await page.keyboard.press('End');
  await app.expectLogToContain('ssh worker-2: runc kill');
  await app.expectLogToContain('TaskExit');
  await page.getByRole('tab', { name: 'kubectl', exact: true }).click();
  const kubectl = page.getByRole('region', { name: 'kubectl' });
  await expect(kubectl).toContainText(/nginx\s+1\/1\s+Running\s+1 \(/);
  await page.getByRole('tab', { name: 'get events' }).click();
  await expect(kubectl).toContainText('Container image "nginx:1.27" already present on machine');
});

test('pausing nginx by hand changes nothing the kubelet reports', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open(STARTED);
  await intervene(page).click();
  await page.getByRole('button', { name: 'Pause nginx' }).click();
  await app.focusPlayer();
  await page.keyboard.press('End');
  await app.expectLogToContain('write cgroup.freeze = 1');
  await expect(app.status).toContainText('Running');
  await intervene(page).click();
  await expect(page.getByRole('button', { name: 'Resume nginx' })).toBeEnabled();
});

test('container interventions are disabled, with the reason, before the container exists', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=20');
  await intervene(page).click();
  const kill = page.getByRole('button', { name: 'Kill nginx' });
  await expect(kill).toBeDisabled();
  await expect(kill).toHaveAccessibleDescription('no nginx container yet');
});

test('adding a node while the pod is Pending gets it scheduled there', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=unschedulable-selector');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.status).toContainText('Pending');
  const before = await page.locator('.pw-step').textContent();
  await intervene(page).click();
  await page.getByRole('button', { name: 'Add node worker-3 (disktype=ssd)' }).click();
  // The re-run comes back from the worker; End before then would go to the end of the old run.
  await expect(page.locator('.pw-step')).not.toHaveText(before ?? '');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await app.expectLogToContain('POST /api/v1/nodes (register node worker-3)');
  await app.expectLogToContain('NodeAdd: QueueingHint Queue');
  await expect(app.status).toContainText('on worker-3');
  await expect(app.status).toContainText('Running');
});

test('the open Intervene menu is keyboard reachable, closes on Escape and axe finds no violations', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open(STARTED);
  await intervene(page).focus();
  await page.keyboard.press('Enter');
  await expect(intervene(page)).toHaveAttribute('aria-expanded', 'true');
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kill nginx' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(intervene(page)).toHaveAttribute('aria-expanded', 'false');
});

test('a share link carries the intervention to a fresh browser', async ({ browser, baseURL }) => {
  const sender = await browser.newContext({ baseURL });
  await sender.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new PodwalkPage(await sender.newPage());
  await app.open(STARTED);
  await intervene(app.page).click();
  await app.page.getByRole('button', { name: 'Kill nginx' }).click();
  await app.focusPlayer();
  await app.page.keyboard.press('End');
  await app.expectLogToContain('ssh worker-2: runc kill');
  const total = await app.page.locator('.pw-step').innerText();
  await app.page.getByRole('button', { name: 'Copy link' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await app.page.evaluate(() => navigator.clipboard.readText());

  const receiver = await browser.newContext({ baseURL });
  const other = new PodwalkPage(await receiver.newPage());
  await other.page.goto(`/${new URL(link).hash}`);
  await other.expectLogToContain('ssh worker-2: runc kill');
  await expect(other.page.locator('.pw-step')).toHaveText(total);
  await sender.close();
  await receiver.close();
});
