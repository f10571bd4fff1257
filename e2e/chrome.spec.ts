// The page's fit and finish at a laptop's 1280×800: rows that stay one row, widths that do not jump,
// tabs named after what they hold, lane heads that show their own machine.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

const top = async (l: Locator) => Math.round((await l.boundingBox())!.y);

async function boxes(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width) };
    }),
  );
}

test('the Inspector’s six tabs are one row, and the keyboard reaches every one', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=40');
  const views = page.getByRole('tablist', { name: 'Views' });
  const tabs = views.getByRole('tab');
  await expect(tabs).toHaveCount(6);
  const rows = new Set((await boxes(page, '.pw-inspector-tabs [role="tab"]')).map((b) => b.y));
  expect(rows.size).toBe(1);
  const list = (await views.boundingBox())!;
  expect(list.height).toBeLessThan(40);

  await tabs.first().focus();
  await page.keyboard.press('End');
  const last = views.getByRole('tab', { name: 'Defaults', exact: true });
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  // Scrolled into the strip's view, not cut off at its edge.
  const box = (await last.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(list.x + list.width + 1);
  await expect(page.locator('.pw-step')).toContainText('step 40 /'); // the keys did not step the player
  await page.keyboard.press('Home');
  await expect(views.getByRole('tab', { name: 'Log', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(last).toHaveAttribute('aria-selected', 'true');
});

test('the controls stay one row and keep their places while the virtual time grows to minutes', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=crash-loop&step=1');
  const at1 = await boxes(page, '.pw-controls > *');
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(page.locator('.pw-time')).toContainText(/\d+ min \d+\.\d s/);
  const atEnd = await boxes(page, '.pw-controls > *');
  // Same places and widths (the bar itself may sit higher: the pod's conditions below it grew).
  expect(atEnd.map(({ x, w }) => ({ x, w }))).toEqual(at1.map(({ x, w }) => ({ x, w })));
  expect(await top(app.deletePod)).toBe(await top(app.restart));
  expect((await page.locator('.pw-controls').boundingBox())!.height).toBeLessThan(52);
});

test('the editor’s file tab is named after what it holds, as kubectl applies it', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=deployment&step=60');
  const files = page.getByRole('tablist', { name: 'Manifest' });
  await expect(files.getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.pw-editor-hint')).toHaveText('kubectl apply -f deployment.yaml');
  await expect(page.locator('.pw-terminal')).toContainText('$ kubectl apply -f deployment.yaml');
  await app.replaceManifest(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n',
  );
  await expect(files.getByRole('tab', { name: 'pod.yaml' })).toBeVisible();
  await expect(page.locator('.pw-editor-hint')).toHaveText('kubectl apply -f pod.yaml');
});

test('after a runc kill by hand, the kubectl lane head shows kubectl, not the person at the shell', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=111');
  const kubectlHead = app.diagram.getByRole('group', { name: 'kubectl', exact: true });
  const before = await kubectlHead.locator('.pw-seq-head-state').textContent();
  await page.getByRole('button', { name: 'Intervene' }).click();
  await page.getByRole('button', { name: 'Kill nginx' }).click();
  await app.focusPlayer();
  // At the end the operator's command was the last on the kubectl lane: where the head used to go wrong.
  await page.keyboard.press('End');
  await expect(app.log).toContainText('ssh worker-2: runc kill');
  await expect(kubectlHead.locator('.pw-seq-head-state')).toHaveText(before ?? '');
  await expect(kubectlHead.locator('title')).not.toContainText('atShell');
});
