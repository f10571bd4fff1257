import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const [query = '', name = 'shot', width = '1280', height = '800', savedFile = '', click = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
const base = `http://127.0.0.1:${process.env.PW_PORT}/`;
if (savedFile) {
  await page.goto(base);
  await page.evaluate((t) => localStorage.setItem('podwalk:manifest:v1', t), readFileSync(savedFile, 'utf8'));
}
await page.goto(base + query);
await page.waitForSelector('[aria-label="Sequence diagram"]', { timeout: 30000 });
await page.waitForTimeout(1500);
await page.keyboard.press('End');
await page.getByRole('tab', { name: 'Scheduling', exact: true }).click();
await page.waitForTimeout(1500);
if (click) { await page.getByRole('button', { name: new RegExp(click) }).first().click(); await page.waitForTimeout(2500); }
await page.screenshot({ path: `screenshots/${name}.png` });
await page.getByRole('region', { name: 'Scheduling table' }).scrollIntoViewIfNeeded();
await page.screenshot({ path: `screenshots/${name}-table.png` });
const panel = await page.getByRole('region', { name: 'Scheduling', exact: true }).innerText();
console.log(name, errors.length ? errors : 'no errors');
console.log(panel.slice(0, 1500));
await browser.close();
