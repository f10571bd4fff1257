import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

const UNSCHEDULABLE = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx:1.27
`;

test('a nodeSelector no node has keeps the pod Pending, with the scheduler’s reason', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  await app.replaceManifest(UNSCHEDULABLE);
  await app.focusPlayer();
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(app.status).toContainText("node(s) didn't match Pod's node affinity/selector", {
      timeout: 1000,
    });
  }).toPass();
  await expect(app.status).toContainText('Pending');
  await expect(app.status).toContainText(
    "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.",
  );
});

test('broken YAML shows the line and column, keeps the last diagram, and the edit survives a reload', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=20');
  await expect(app.log.getByRole('listitem')).toHaveCount(20);
  await app.replaceManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [nginx\n');
  await expect(app.alert).toContainText(/Line \d+, column \d+: /);
  await expect(app.diagram.getByRole('group', { name: 'kubelet' })).toBeVisible();
  await expect(app.log.getByRole('listitem')).toHaveCount(20);
  await page.reload();
  await expect(app.editor).toContainText('name: [nginx');
  await expect(app.alert).toContainText(/Line \d+, column \d+: /);
});

test('a DaemonSet is explained, not simulated, and the page keeps working', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  await app.replaceManifest('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: web\n');
  await expect(app.alert).toContainText(/a controller Podwalk does not simulate yet/i);
  await app.focusPlayer();
  await page.keyboard.press('ArrowRight');
  await expect(app.log.getByRole('listitem')).toHaveCount(11);
});

test('HTML in names stays text', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await app.replaceManifest(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: "<img src=x onerror=alert(1)>"\nspec:\n  containers:\n  - name: "<b>c</b>"\n    image: nginx:1.27\n',
  );
  await expect(app.status).toBeVisible();
  await page.keyboard.press('End');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('the Cluster tab edits the nodes the pod is scheduled onto', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  await page.getByRole('tab', { name: 'Cluster' }).click();
  const cluster = page.getByRole('textbox', { name: 'Cluster manifest' });
  await expect(cluster).toContainText('name: control-plane');
  await cluster.click();
  await page.keyboard.press('ControlOrMeta+A');
  await cluster.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: only-node\nspec:\n  taints:\n  - key: dedicated\n    value: gpu\n    effect: NoSchedule\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n');
  await app.focusPlayer();
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(app.status).toContainText('0/1 nodes are available: 1 node(s) had untolerated taint(s).', {
      timeout: 1000,
    });
  }).toPass();
  await page.getByRole('tab', { name: 'pod.yaml' }).click();
  await expect(app.editor).toContainText('name: nginx');
});
