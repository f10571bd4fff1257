import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('the kata preset draws the Kata lanes and boots the pod’s VM', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=kata');
  for (const lane of ['containerd-shim-kata-v2', 'qemu', 'guest kernel', 'kata-agent', 'runc'])
    await expect(app.diagram.getByRole('group', { name: lane, exact: true })).toBeVisible();
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.log).toContainText('RunPodSandbox (runtime handler kata)');
  await expect(app.log).toContainText('launch qemu-system-x86_64');
  await expect(app.log).toContainText('systemd starts kata-agent.service');
  await expect(app.log).toContainText('CreateContainer');
});

test('the cri-o preset draws CRI-O and conmon instead of containerd', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=cri-o');
  await expect(app.diagram.getByRole('group', { name: 'cri-o', exact: true })).toBeVisible();
  await expect(app.diagram.getByRole('group', { name: 'conmon', exact: true })).toBeVisible();
  await expect(app.diagram.getByRole('group', { name: 'containerd', exact: true })).toHaveCount(0);
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.log).toContainText('pinns -d /var/run');
  await expect(app.log).toContainText('exit file /var/run/crio/exits/');
});

test('checkpointing nginx from the Intervene menu writes an archive and leaves it running', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  // The end of the hostNetwork run: nginx is Running and nothing deletes it.
  await app.open('?scenario=host-network');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.status).toContainText('Running');
  const before = await page.locator('.pw-step').textContent();
  await page.getByRole('button', { name: 'Intervene' }).click();
  await page.getByRole('button', { name: 'Checkpoint nginx' }).click();
  await expect(page.locator('.pw-step')).not.toHaveText(before ?? '');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.log).toContainText('curl -X POST https://');
  await expect(app.log).toContainText('/checkpoint/default/host-net/nginx');
  await expect(app.log).toContainText('runc checkpoint --leave-running');
  await expect(app.log).toContainText(
    '200 OK {"items":["/var/lib/kubelet/checkpoints/checkpoint-host-net_default-nginx-',
  );
  await expect(app.status).toContainText('Running');
});

test('a RuntimeClass handler containerd has no runtime for leaves the pod ContainerCreating', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=runtime-handler-missing');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await app.expectLogToContain('RunPodSandbox: no runtime for "runsc"');
  await expect(app.status).toContainText('ContainerCreating');
  await expect(app.status).toContainText('PodReadyToStartContainers=False');
  await page.getByRole('tab', { name: 'kubectl', exact: true }).click();
  const kubectl = page.getByRole('region', { name: 'kubectl' });
  await expect(kubectl).toContainText(/nginx-gvisor\s+0\/1\s+ContainerCreating\s+0/);
  await page.getByRole('tab', { name: 'get events' }).click();
  await expect(kubectl).toContainText('FailedCreatePodSandBox');
  await expect(kubectl).toContainText(
    'Failed to create pod sandbox: rpc error: code = Unknown desc = unable to get OCI runtime for sandbox "',
  );
  await expect(kubectl).toContainText('no runtime for "runsc" is configured');
});

test('the Namespaces panel of a Kata pod shows the guest VM’s namespaces', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=kata&step=150');
  await page.getByRole('tab', { name: 'Namespaces' }).click();
  const table = page.getByRole('region', { name: 'Namespaces table' });
  await expect(table).toContainText('Namespaces inside the pod’s Kata VM (guest kernel)');
  await expect(table).toContainText('sees only the VM’s processes (qemu)');
  await expect(table.getByRole('columnheader', { name: 'guest VM' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'nginx' })).toBeVisible();
  await expect(page.getByLabel('cgroup tree')).toContainText('containers’ cgroups are in the guest');
});
