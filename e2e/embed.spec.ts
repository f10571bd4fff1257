import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PodwalkPage } from './fixtures/PodwalkPage';

/** Opens the app in embed mode (no editor, so not PodwalkPage.open, which waits for it). */
async function openEmbed(page: Page, query: string): Promise<PodwalkPage> {
  const app = new PodwalkPage(page);
  await page.goto(`./${query}`);
  await expect(app.diagram.getByRole('group').first()).toBeVisible();
  return app;
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The example page (public/embed-example.html): Podwalk in an iframe, driven by buttons. */
function example(page: Page) {
  const out = (name: string) => page.getByRole('status', { name }); // <output> elements
  return {
    frame: page.frameLocator('#podwalk'),
    step: out('Current step'),
    total: out('Total steps'),
    activity: out('Current activity'),
    status: out('Pod status'),
    events: page.getByRole('list', { name: 'Events' }),
    button: (name: string) => page.getByRole('button', { name, exact: true }),
    send: (message: unknown) =>
      page.evaluate((m) => {
        const frame = document.querySelector<HTMLIFrameElement>('#podwalk');
        frame?.contentWindow?.postMessage(m, '*');
      }, message),
  };
}

test('the embed obeys postMessage commands from its parent and reports step and status', async ({ page }) => {
  await page.goto('embed-example.html');
  const ex = example(page);
  await expect(ex.total).toHaveText(/^\d+$/);
  await expect(ex.step).toHaveText('0');
  await expect(ex.status).toHaveText('Not created');

  await ex.button('Go to step').click();
  await expect(ex.step).toHaveText('46');
  await expect(ex.activity).toHaveText('11');
  await expect(ex.status).toHaveText('Pending');
  await expect(ex.frame.getByRole('region', { name: 'Narration' })).toContainText('Activity 11');
  await ex.button('Step').click();
  await expect(ex.step).toHaveText('47');
  await expect(ex.activity).toHaveText('12');
  await ex.button('Back').click();
  await expect(ex.step).toHaveText('46');

  await ex.button('Play').click();
  await expect(ex.frame.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => Number(await ex.step.innerText())).toBeGreaterThan(47);
  await ex.button('Pause').click();
  await expect(ex.frame.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  const totalBefore = await ex.total.innerText();
  await ex.button('Load an unschedulable pod').click();
  await expect(ex.step).toHaveText('0');
  await expect(ex.total).not.toHaveText(totalBefore);
  await ex.send({ type: 'podwalk:seek', step: 100_000 });
  await expect(ex.status).toHaveText('Pending');
  await expect(ex.events).toContainText('"type":"podwalk:status","status":"Pending"');
});

test('the embed ignores malformed commands and commands from anyone but its parent', async ({ page }) => {
  await page.goto('embed-example.html');
  const ex = example(page);
  await expect(ex.total).toHaveText(/^\d+$/); // the embed has said it is ready
  await ex.button('Go to step').click();
  await expect(ex.step).toHaveText('46');
  for (const bad of [
    { type: 'podwalk:seek', step: '3' },
    { type: 'podwalk:seek', step: -1 },
    { type: 'podwalk:seek', step: 1e100 },
    { type: 'podwalk:load', text: { toString: 1 } },
    { type: 'podwalk:eval', code: 'alert(1)' },
    'podwalk:restart',
  ])
    await ex.send(bad);
  // The iframe posting to itself is not its parent.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame?.evaluate(() => window.postMessage({ type: 'podwalk:seek', step: 3 }, '*'));
  await ex.send({ type: 'podwalk:step' }); // a valid command after them, to know they were all handled
  await expect(ex.step).toHaveText('47');
  await expect(ex.frame.getByText('step 47 /')).toBeVisible();
});

test('with ?origin=, an embed obeys and reports to the listed origins only', async ({ page }) => {
  await page.goto('embed-example.html');
  const ex = example(page);
  await expect(ex.step).toHaveText('0');
  await page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('#podwalk');
    if (frame) frame.src = './?embed=1&origin=https://trainer.example';
  });
  await expect.poll(() => page.frames().some((f) => f.url().includes('trainer.example'))).toBe(true);
  await expect(ex.frame.getByText('step 0 /')).toBeVisible();
  await ex.send({ type: 'podwalk:seek', step: 30 });
  await ex.frame.getByRole('button', { name: 'Step forward' }).click(); // the user may still click
  await expect(ex.frame.getByText('step 1 /')).toBeVisible();
  await expect(ex.step).toHaveText('0'); // no events reach a page not on the list
});

test('?embed=1 shows only diagram, controls and narration, and fits 480 px', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 760 });
  const app = await openEmbed(page, '?embed=1&activity=11&lanes=kubectl,kube-apiserver,etcd,kube-scheduler');
  await expect(app.narration).toContainText('Activity 11');
  await expect(app.play).toBeVisible();
  await expect(app.editor).toHaveCount(0);
  await expect(app.log).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await expect(app.diagram.getByRole('group')).toHaveCount(4);
  await expect(app.diagram.getByRole('group', { name: 'kubelet' })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  expect(await axeViolations(page)).toEqual([]);
});

test('?autoplay=1 starts playing', async ({ page }) => {
  const app = await openEmbed(page, '?embed=1&autoplay=1');
  await expect(app.pause).toBeVisible();
});

test('the Embed dialog is a labelled modal that keeps focus and gives the snippet for this step', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=44');
  const open = page.getByRole('button', { name: 'Embed' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Embed Podwalk' });
  await expect(dialog).toBeVisible();
  const code = dialog.getByRole('textbox', { name: 'Embed code' });
  await expect(code).toBeFocused();
  await expect(code).toHaveValue(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1#v1:/);
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('checkbox', { name: 'Start playing when the page opens' }).check();
  await dialog.getByRole('checkbox', { name: 'kernel' }).uncheck();
  await expect(code).toHaveValue(/\?embed=1&amp;autoplay=1&amp;lanes=kubectl,[a-z,-]+,runc#v1:/);
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  const src = /src="([^"]+)"/.exec(await code.inputValue())?.[1]?.replace(/&amp;/g, '&') ?? '';
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await page.goto(src.replace('autoplay=1&', ''));
  await expect(app.narration).toContainText('Activity 11');
  await expect(page.getByText('step 44 /')).toBeVisible();
  await expect(app.diagram.getByRole('group')).toHaveCount(7);
});
