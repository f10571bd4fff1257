import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

// A worker like the preset's, with the label the Pending pod's nodeSelector asks for.
const WORKER_3 = `
---
apiVersion: v1
kind: Node
metadata:
  name: worker-3
  labels: {kubernetes.io/hostname: worker-3, kubernetes.io/os: linux, disktype: ssd}
spec:
  podCIDR: 10.244.3.0/24
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
  addresses: [{type: InternalIP, address: 172.18.0.5}]
`;

/** Pastes `text` at the end of the Cluster tab's editor, as a user would. */
async function appendToCluster(page: Page, text: string) {
  await page.getByRole('tab', { name: 'Cluster' }).click();
  const cluster = page.getByRole('textbox', { name: 'Cluster manifest' });
  await expect(cluster).toContainText('name: control-plane');
  await cluster.click();
  await page.keyboard.press('ControlOrMeta+End');
  await cluster.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('a node added in the Cluster tab while the pod is Pending can join at the playhead', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=unschedulable-selector');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.status).toContainText('Pending');
  const step = Number((await page.locator('.pw-step').textContent())?.match(/step (\d+)/)?.[1]);

  await appendToCluster(page, WORKER_3);
  const offer = page.getByRole('region', { name: 'Cluster change' });
  await expect(offer).toContainText('while default/nginx was Pending');
  await expect(offer).toContainText('Node worker-3 joins');
  const axe = await new AxeBuilder({ page }).include('.pw-live-offer').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await offer.getByRole('button', { name: /^Apply at / }).click();
  await expect(offer).toHaveCount(0);
  // The edit became an event at the playhead: the run up to it is the one watched, and the Cluster tab
  // shows the cluster the run starts with again.
  await expect(page.getByText(`step ${step} /`)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Cluster manifest' })).not.toContainText('worker-3');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await app.expectLogToContain('POST /api/v1/nodes (register node worker-3)');
  await app.expectLogToContain('NodeAdd: QueueingHint Queue');
  await expect(app.status).toContainText('on worker-3');
  await expect(app.status).toContainText('Running');
});

test('keeping the replay leaves the edit in the Cluster tab, applied from the start', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=unschedulable-selector');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await appendToCluster(page, WORKER_3);
  const offer = page.getByRole('region', { name: 'Cluster change' });
  await offer.getByRole('button', { name: 'Keep the replay' }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Cluster manifest' })).toContainText('name: worker-3');
  await app.focusPlayer();
  await page.keyboard.press('End');
  // Scheduled from the start onto the node the cluster now has, with no requeue to show.
  await app.expectLogToContain('select worker-3');
  await expect(app.log).not.toContainText('NodeAdd: QueueingHint Queue');
});
