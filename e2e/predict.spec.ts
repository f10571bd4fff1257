// Predict mode: while playing, the player stops before key moments, asks, reveals and continues.
import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

async function stepNow(app: PodwalkPage): Promise<number> {
  return Number(/step (\d+)/.exec(await app.page.locator('.pw-step').innerText())?.[1]);
}

test('Predict pauses before the node choice, the first CRI call and the shared namespaces', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=30');
  const toggle = page.getByRole('button', { name: 'Predict', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const panel = page.getByRole('region', { name: 'Predict' });
  await expect(panel).toContainText('press Play');
  await app.speed.selectOption('4');
  await app.play.click();

  // 1. Activity 10: the feasible nodes are the answers; the scheduler has not selected yet.
  await expect(panel.getByRole('heading')).toHaveText('Which node wins?', { timeout: 15_000 });
  await expect(app.play).toBeVisible(); // paused
  const answers = panel.getByRole('group', { name: 'Answers' }).getByRole('button');
  await expect(answers).toHaveText(['worker-1', 'worker-2']);
  const before = await stepNow(app);
  expect(await app.log.getByRole('listitem').last().textContent()).not.toContain('select worker-2');
  await answers.filter({ hasText: 'worker-1' }).click();
  await expect(panel.getByRole('status')).toContainText('Not quite: worker-2.');
  await expect(answers.first()).toBeDisabled();
  expect(await stepNow(app)).toBe(before); // still paused while the answer shows
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(app.pause).toBeVisible();

  // 2. Activity 12: the kubelet's first CRI call.
  await expect(panel.getByRole('heading')).toHaveText('What does the kubelet ask containerd first?', {
    timeout: 15_000,
  });
  await panel.getByRole('button', { name: 'RunPodSandbox' }).click();
  await expect(panel.getByRole('status')).toContainText('Right.');
  await panel.getByRole('button', { name: 'Continue' }).click();

  // 3. The first app container: which namespaces it joins.
  await expect(panel.getByRole('heading')).toHaveText(
    'Which namespaces will nginx share with the pause container?',
    {
      timeout: 20_000,
    },
  );
  await panel.getByRole('button', { name: 'net, ipc and uts' }).click();
  await expect(panel.getByRole('status')).toContainText('Right.');
  await page.keyboard.press('Escape'); // nothing special: Continue is the way on
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(app.pause).toBeVisible();
  await expect(panel.getByRole('heading')).toHaveCount(0);
});

test('with Predict off, playing does not stop at the node choice', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=30');
  await app.speed.selectOption('4');
  await app.play.click();
  await expect.poll(() => stepNow(app), { timeout: 10_000 }).toBeGreaterThan(40);
  await expect(page.getByRole('region', { name: 'Predict' })).toHaveCount(0);
});
