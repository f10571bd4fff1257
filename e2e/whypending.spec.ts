// "Why Pending" and one-click fixes in the Scheduling panel (issue #3 item 5): a Pending pod's panel says
// why in plain words, offers the smallest change per rejected node, and applying one schedules the pod.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('a Pending pod: why, the smallest change per node, and one click schedules it there', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const app = new PodwalkPage(page);
  await app.open('?scenario=unschedulable-selector');
  await page.keyboard.press('End');
  await page.getByRole('tab', { name: 'Scheduling', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Scheduling', exact: true });
  await expect(panel.getByRole('note', { name: 'Why Pending' })).toContainText(
    "No node can take nginx: control-plane has a taint the pod doesn't tolerate; worker-1 and worker-2 " +
      "don't match the pod's nodeSelector or node affinity.",
  );
  // The verbatim FailedScheduling message stays.
  await expect(panel.getByRole('note', { name: 'FailedScheduling message' })).toContainText(
    "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.",
  );
  await expect(
    panel.getByRole('button', {
      name: 'Apply: add toleration node-role.kubernetes.io/control-plane:NoSchedule',
    }),
  ).toBeVisible();
  const apply = panel.getByRole('button', { name: 'Apply: label worker-1 with disktype=ssd' });
  await expect(apply).toBeVisible();
  await expect(app.status).toContainText('PodScheduled=False');

  const results = await new AxeBuilder({ page }).include('.pw-sched').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await apply.click();
  await expect(panel.getByRole('status')).toContainText('Applied “label worker-1 with disktype=ssd”');
  await expect(panel.getByText('Selected worker-1')).toBeVisible();
  await expect(panel.getByRole('row', { name: /worker-1 selected/ })).toContainText('feasible');
  await expect(panel.getByRole('note', { name: 'Why Pending' })).toHaveCount(0);
  await expect(app.status).toContainText('PodScheduled=True');
  // The label went into the Cluster tab's text (Podwalk's default cluster, now written out).
  await page.getByRole('tab', { name: 'Cluster' }).click();
  await expect(page.locator('.cm-content')).toContainText('disktype: ssd');
});

test('a pod-side fix from the keyboard: the toleration goes into pod.yaml', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=unschedulable-selector');
  await page.keyboard.press('End');
  await page.getByRole('tab', { name: 'Scheduling', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Scheduling', exact: true });
  await panel.getByRole('button', { name: 'Apply: label control-plane with disktype=ssd' }).click();
  await expect(panel.getByText('Selected control-plane')).toHaveCount(0);
  const tolerate = panel.getByRole('button', {
    name: 'Apply: add toleration node-role.kubernetes.io/control-plane:NoSchedule',
  });
  await tolerate.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('row', { name: /control-plane/ })).toContainText('feasible');
  await expect(page.locator('.cm-content')).toContainText('tolerations:');
});
