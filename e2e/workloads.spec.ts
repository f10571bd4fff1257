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

test('the Rolling update preset plays to its end: two ReplicaSets, the second apply configured, ScalingReplicaSet events', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=rolling-update');
  await expect(app.diagram.getByRole('group', { name: 'kube-controller-manager' })).toBeVisible();
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.play).toBeVisible();
  // The terminal: the first apply created the Deployment, the second (web-v2.yaml) configured it.
  await expect(app.narration).toContainText('$ kubectl apply -f web-v2.yaml');
  await expect(app.narration).toContainText('deployment.apps/web configured');
  await page.getByRole('tab', { name: 'kubectl' }).click();
  const out = page.getByRole('region', { name: 'kubectl' }).locator('pre');
  await page.getByRole('tab', { name: 'get rs' }).click();
  await expect(out).toContainText('DESIRED');
  const rs = await out.innerText();
  expect(rs).toMatch(/^web-\w+\s+0\s+0\s+0\s+\d+s$/m);
  expect(rs).toMatch(/^web-\w+\s+3\s+3\s+3\s+\d+s$/m);
  await page.getByRole('tab', { name: 'describe deployment' }).click();
  await expect(out).toContainText('Annotations:            deployment.kubernetes.io/revision: 2');
  await expect(out).toContainText('Image:      nginx:1.28');
  await expect(out).toContainText(/OldReplicaSets:\s+web-\w+ \(0\/0 replicas created\)/);
  await expect(out).toContainText(/NewReplicaSet:\s+web-\w+ \(3\/3 replicas created\)/);
  await expect(out).toContainText(/Scaled up replica set web-\w+ from 0 to 1/);
  await expect(out).toContainText(/Scaled down replica set web-\w+ from 1 to 0/);
  await expect(out).toContainText('Progressing    True    NewReplicaSetAvailable');
});
