import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('the native sidecar preset: played to Running, kubectl shows 2/2 and Namespaces lists the sidecar', async ({
  page,
}) => {
  await page.clock.install();
  const app = new PodwalkPage(page);
  await app.open('?scenario=native-sidecar');
  await expect(app.editor).toContainText('restartPolicy: Always');
  await app.speed.selectOption('4');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  for (let i = 0; i < 400 && !/default\/web Running/.test(await app.statusText()); i++)
    await page.clock.runFor(250);
  await app.pause.click();
  expect(await app.statusText()).toMatch(/default\/web Running/);

  await page.getByRole('tab', { name: 'kubectl', exact: true }).click();
  const kubectl = page.getByRole('region', { name: 'kubectl' });
  await expect(kubectl).toContainText('kubectl get pod web -w');
  await expect(kubectl).toContainText(/web\s+0\/2\s+Init:0\/1/);
  await expect(kubectl).toContainText(/web\s+1\/2\s+PodInitializing/);
  await expect(kubectl).toContainText(/web\s+2\/2\s+Running/);

  await page.getByRole('tab', { name: 'Namespaces', exact: true }).click();
  const table = page.getByRole('region', { name: 'Namespaces table' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'namespace',
    'node',
    'pause',
    'log-shipper',
    'nginx',
  ]);
});
