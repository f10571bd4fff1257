import { test, expect } from '@playwright/test';
import { PodwalkPage } from './fixtures/PodwalkPage';

test('a 5 MB paste is refused with its size, keeps the last run and the page responsive', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open('?step=12');
  const big = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  annotations:\n    note: "${'x'.repeat(5 * 1024 * 1024)}"\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n`;
  await app.replaceManifest(big);
  await expect(app.alert).toContainText('MB; Podwalk accepts up to 2 MB');
  await expect(page.getByText(/too large for this browser's storage/)).toBeVisible();
  await app.focusPlayer();
  await page.keyboard.press('ArrowRight');
  await expect(app.log.getByRole('listitem')).toHaveCount(13);
});

test('2,000 pods at once get a plain limit message', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  const pods = Array.from(
    { length: 2000 },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n`,
  ).join('---\n');
  await app.replaceManifest(pods);
  await expect(app.alert).toContainText(/500/);
  await expect(app.diagram.getByRole('group', { name: 'etcd' })).toBeVisible();
});

test('empty text and a YAML alias bomb each get a clear message', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  await app.replaceManifest('');
  await expect(app.alert).toContainText('The manifest is empty');
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++)
    bomb.push(
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
    );
  await app.replaceManifest(bomb.join('\n'));
  await expect(app.alert).toBeVisible();
  await expect(app.alert).not.toContainText('The manifest is empty');
});
