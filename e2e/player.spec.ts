import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('playing to the end shows activities 1 to 15, Running before the delete and Deleted at the end', async ({
  page,
}) => {
  await page.clock.install();
  const app = new PodwalkPage(page);
  await app.open();
  await app.speed.selectOption('4');
  await app.play.click();
  await expect(app.pause).toBeVisible();
  const seen: string[] = [];
  for (let i = 0; i < 80 && !(await app.play.isVisible()); i++) {
    await page.clock.runFor(500);
    const s = await app.statusText();
    const word = /default\/nginx (\S+)/.exec(s)?.[1] ?? '';
    if (seen[seen.length - 1] !== word) seen.push(word);
  }
  await expect(app.play).toBeVisible();
  // The items' text, not innerText: off-screen items skip rendering (content-visibility) but stay in the
  // list and the accessibility tree. A run this short lists every delivered message, without asking.
  const log = (await app.log.getByRole('listitem').allTextContents()).join('\n');
  for (let n = 1; n <= 15; n++) expect(log).toContain(`Activity ${n}:`);
  expect(seen).toContain('Running');
  expect(seen.indexOf('Running')).toBeLessThan(seen.indexOf('Terminating'));
  expect(seen[seen.length - 1]).toBe('Deleted');
});

test('stepping forward and back moves the log, the diagram and the status together', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?step=46');
  await expect(app.log.getByRole('listitem')).toHaveCount(46);
  await app.focusPlayer();
  await page.keyboard.press('ArrowRight');
  await expect(app.log.getByRole('listitem')).toHaveCount(47);
  await expect(app.log.getByRole('listitem').last()).toContainText(
    'Activity 12: kube-apiserver → kubelet: watch ADDED pod nginx',
  );
  await expect(app.diagram.locator('.pw-msg--current')).toContainText('watch ADDED pod nginx');
  await expect(app.narration).toContainText('Activity 12');
  await app.stepBack.click();
  await expect(app.log.getByRole('listitem')).toHaveCount(46);
  await expect(app.narration).toContainText('Activity 11');
  await expect(app.status).toContainText('PodScheduled=True');
  await app.restart.click();
  await expect(app.log.getByRole('listitem')).toHaveCount(0);
  await expect(app.status).toContainText('Not created');
});

test('?activity=9 opens at scoring', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?activity=9');
  await expect(app.narration.getByRole('heading')).toHaveText('Activity 9 · Score the feasible nodes');
  await expect(app.log.getByRole('listitem').last()).toContainText(
    'Activity 9: kube-scheduler → kube-scheduler: Score worker-1',
  );
});

test('Delete pod deletes it at the playhead', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?activity=11');
  await app.deletePod.click();
  await app.focusPlayer();
  await page.keyboard.press('End');
  await expect(app.status).toContainText('Deleted');
  await expect(app.narration).toContainText('pod "nginx" deleted from default namespace');
});

test('a long run lists its newest messages, and Show earlier reaches back', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open('?scenario=big-500&step=1100');
  await expect(app.log.getByRole('listitem')).toHaveCount(50);
  await expect(app.log.getByRole('listitem').last()).toContainText(/^(Activity \d+|Setup|Reconcile)/);
  await page.getByRole('button', { name: 'Show 200 earlier messages' }).click();
  await expect(app.log.getByRole('listitem')).toHaveCount(250);
  await expect(page.locator('.pw-log-more')).toContainText('Listing the last 250 of 1100 messages.');
});
