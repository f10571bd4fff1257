import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('the Deployment preset plays, and at its end shows a kube-controller-manager lane and 3 pods Running', async ({
  page,
}) => {
  await page.clock.install();
  const app = new PodwalkPage(page);
  await app.open('?scenario=deployment');
  await expect(app.diagram.getByRole('group', { name: 'kube-controller-manager' })).toBeVisible();
  await app.speed.selectOption('4');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  for (let i = 0; i < 6; i++) await page.clock.runFor(500);
  expect(await app.logCount()).toBeGreaterThan(0);
  // ~530 messages: playing every one in real time would take minutes, so jump to the end from here.
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.play).toBeVisible();
  await expect(app.log).toContainText(
    'Reconcile: kube-controller-manager → kube-controller-manager: deployment-controller: sync Deployment default/nginx',
  );
  await expect(app.diagram.getByRole('group', { name: 'kube-controller-manager' })).toBeVisible();
  await expect(app.status).toContainText('Running');
  await page.getByRole('tab', { name: 'kubectl' }).click();
  await page.getByRole('tab', { name: 'get pods' }).click();
  const out = page.getByRole('region', { name: 'kubectl' }).locator('pre');
  await expect(out).toContainText('NAME');
  const text = await out.innerText();
  expect(text.match(/^nginx-\w+-\w{5}\s+1\/1\s+Running/gm)).toHaveLength(3);
});

test('a bare Pod run has no kube-controller-manager lane', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  await expect(app.diagram.getByRole('group', { name: 'kube-scheduler' })).toBeVisible();
  await expect(app.diagram.getByRole('group', { name: 'kube-controller-manager' })).toHaveCount(0);
});

test('a Deployment of 10,000 replicas is refused with the limit, and the page keeps working', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  await app.replaceManifest(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 10000\n',
  );
  await expect(app.alert).toContainText(
    'spec.replicas is 10000; Podwalk simulates a Deployment of up to 200 replicas',
  );
  await app.focusPlayer();
  await page.keyboard.press('ArrowRight');
  await expect(app.log.getByRole('listitem')).toHaveCount(11);
});
