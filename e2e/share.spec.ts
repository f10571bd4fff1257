import { test, expect, type Page } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
`;

/** Everything a viewer sees that the state decides: the log, the pod's status, the speed and the step. */
async function visibleState(app: PodwalkPage) {
  return {
    // Item texts, not innerText: off-screen items skip rendering (content-visibility) but are listed.
    log: await app.log.getByRole('listitem').allTextContents(),
    status: await app.statusText(),
    speed: await app.speed.inputValue(),
    narration: await app.narration.getByRole('heading').innerText(),
  };
}

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a share link reproduces text, intervention, step and speed, over the query and the saved text', async ({
  browser,
  baseURL,
}) => {
  const sender = await browser.newContext({ baseURL });
  await sender.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new PodwalkPage(await sender.newPage());
  await app.open('?activity=9');
  await app.replaceManifest(WEB);
  await expect(app.status).toContainText('default/web');
  await app.deletePod.click(); // kubectl delete pod at activity 9: a run the text alone does not give
  await app.focusPlayer();
  await app.page.keyboard.press('End');
  await expect(app.status).toContainText('Deleted');
  for (let i = 0; i < 3; i++) await app.page.keyboard.press('ArrowLeft');
  await app.speed.selectOption('2');
  const expected = await visibleState(app);
  const link = await copyLink(app.page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1:[A-Za-z0-9_-]+$/);

  // A fresh browser with its own saved text and a query that disagrees: the hash wins.
  const receiver = await browser.newContext({ baseURL });
  const other = new PodwalkPage(await receiver.newPage());
  await other.open('?scenario=kind');
  await other.replaceManifest(WEB.replace(/web/g, 'other'));
  const url = new URL(link);
  await other.page.goto(`/?step=3&scenario=unschedulable-selector${url.hash}`);
  await expect(other.editor).toContainText('name: web');
  await expect.poll(() => visibleState(other)).toEqual(expected);
  await sender.close();
  await receiver.close();
});

test('pasting a share link into an open page loads it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new PodwalkPage(page);
  await app.open();
  await app.focusPlayer();
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(app.log.getByRole('listitem')).toHaveCount(i);
  }
  const link = await copyLink(page);
  await app.restart.click();
  await expect(app.log.getByRole('listitem')).toHaveCount(0);
  await page.goto(link); // same document: only the hash changes
  await expect(app.log.getByRole('listitem')).toHaveCount(5);
});

test('without a clipboard, Copy link shows the link in a dialog that Escape closes', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  const app = new PodwalkPage(page);
  await app.open('?step=10');
  const copy = page.getByRole('button', { name: 'Copy link' });
  await copy.click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole('textbox', { name: 'Link to this state' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(/#v1:/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(copy).toBeFocused();
});

for (const [name, hash, message] of [
  ['garbage', '#v1:%3Cscript%3Ealert(1)%3C/script%3E', /damaged/],
  ['a truncated link', '#v1:q1ZKzkjNycnXLy', /damaged/],
  ['a later version', '#v9:AAAA', /newer version/],
  ['not a share link', '#<img src=x onerror=alert(1)>', /not a Podwalk share link/],
  ['an oversized link', `#v1:${'A'.repeat(70_000)}`, /too large/],
] as const) {
  test(`${name} says so and opens the default scenario`, async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const app = new PodwalkPage(page);
    await page.goto(`./?step=20${hash}`);
    await expect(app.alert).toContainText(message);
    await expect(app.alert).toContainText('opened the default scenario');
    await expect(app.editor).toContainText('name: nginx');
    await expect(app.status).toContainText('default/nginx');
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await app.alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(app.alert).toBeHidden();
  });
}

test('editing after opening a link drops the hash, so a reload keeps the edit', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new PodwalkPage(page);
  await app.open('?step=5');
  const link = await copyLink(page);
  await page.goto(link);
  await expect(app.log.getByRole('listitem')).toHaveCount(5);
  await expect(app.page.locator('.pw-cm')).toBeVisible(); // the editor has replaced its placeholder
  await app.replaceManifest(WEB);
  await expect(app.status).toContainText('default/web');
  await expect(page).toHaveURL(/^[^#]*$/);
  await page.reload();
  await expect(app.editor).toContainText('name: web');
});
