// Takes screenshots of the built site for looking at (not for failing CI): node scripts/screenshot.mjs [url-suffix] [name] [width] [height]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const [suffix = '', name = 'page', width = '1280', height = '800', steps = '0'] = process.argv.slice(2);
const executablePath =
  process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`http://127.0.0.1:${process.env.PW_PORT ?? 4173}/${suffix}`);
await page.waitForSelector('[aria-label="Sequence diagram"]', { timeout: 15000 });
await page.waitForTimeout(800);
for (let i = 0; i < Number(steps); i++) await page.keyboard.press('ArrowRight');
await page.waitForTimeout(900);
await page.screenshot({ path: `screenshots/${name}.png` });
console.log(name, errors.length ? errors : 'no errors');
await browser.close();
