import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

/** The Defaults view's row whose YAML line is `text` (indentation aside). */
function row(page: Page, text: string) {
  const region = page.getByRole('region', { name: 'Defaults: submitted and stored pod' });
  return region.getByRole('row').filter({ has: page.getByRole('cell', { name: text, exact: true }) });
}

async function openDefaults(app: PodwalkPage, query: string) {
  await app.open(query);
  await app.page.getByRole('tab', { name: 'Defaults', exact: true }).click();
}

test('the Defaults tab shows what the API server added to the default pod, marked +', async ({ page }) => {
  const app = new PodwalkPage(page);
  await openDefaults(app, '?activity=5');
  for (const line of [
    'restartPolicy: Always',
    'dnsPolicy: ClusterFirst',
    '- key: node.kubernetes.io/not-ready',
    '- key: node.kubernetes.io/unreachable',
    'mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
  ]) {
    const r = row(page, line);
    await expect(r).toHaveCount(1);
    // The mark is text (with a spoken word), not colour alone.
    await expect(r).toHaveText(/^\+\s*added\s*/);
  }
  await expect(row(page, 'tolerationSeconds: 300')).toHaveCount(2);
  const volume = page.getByRole('cell', { name: /^- name: kube-api-access-[a-z0-9]{5}$/ });
  await expect(volume).toHaveCount(2); // the projected volume and its mount
  await expect(
    page.getByRole('row', { name: /added by DefaultTolerationSeconds \(admission plugin\)/ }),
  ).toHaveCount(1);
  await expect(page.getByRole('row', { name: /added by SetDefaults_PodSpec \(defaulting\)/ })).toHaveCount(1);
  // What kubectl sent is unmarked.
  await expect(row(page, 'image: nginx:1.27')).not.toHaveText(/added/);
});

test('before the API server has stored the pod, the Defaults tab says so', async ({ page }) => {
  const app = new PodwalkPage(page);
  await openDefaults(app, '?step=20');
  await expect(page.getByText(/has not stored pod nginx yet/)).toBeVisible();
  // The 201 of activity 4 comes after the etcd write.
  await openDefaults(app, '?activity=4');
  await expect(row(page, 'restartPolicy: Always')).toHaveCount(1);
});

test('the Defaults tab is axe clean in the dark theme too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new PodwalkPage(page);
  await openDefaults(app, '?activity=5');
  await expect(row(page, 'restartPolicy: Always')).toHaveCount(1);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});

test('a kubectl request shows its query and headers in the narration', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=20');
  const summary = app.narration.getByText('HTTP request: query, 5 headers');
  await summary.click();
  const details = app.narration.locator('details.pw-http');
  await expect(details).toContainText('?fieldManager=kubectl-client-side-apply&fieldValidation=Strict');
  await expect(details).toContainText('CN=kubernetes-admin, O=kubeadm:cluster-admins');
  await expect(details.getByRole('definition').nth(3)).toHaveText('application/json'); // Content-Type
  await expect(details).toContainText(
    /User-Agent:\s*kubectl\/v1\.37\.0 \(linux\/amd64\) kubernetes\/[0-9a-f]{7}/,
  );
  await expect(details).toContainText('Kubectl-Command: kubectl apply');
  const results = await new AxeBuilder({ page }).include('.pw-narration').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
