// Part 3: frame times in headless Chromium against `vite preview`: an empty requestAnimationFrame loop
// first (the baseline of this machine), then the same loop while the player plays at 4×.
import { chromium } from '@playwright/test';
import { quantile, fmt, heading } from './util.mjs';
import { ARGS, chromePath, rafLoop, sleep, startPreview } from './page.mjs';

const EMPTY_MS = 3000;
const PLAY_MS = 6000;

function summarise(label, r, loafs) {
  const p50 = quantile(r.deltas, 0.5);
  const p95 = quantile(r.deltas, 0.95);
  const max = Math.max(...r.deltas);
  const inWindow = loafs.filter((e) => e.startTime >= r.t0 && e.startTime <= r.t1);
  const long = inWindow.filter((e) => e.duration > 50);
  const loafMax = inWindow.reduce((m, e) => Math.max(m, e.duration), 0);
  const over25 = r.deltas.filter((d) => d > 25).length; // a 60 Hz frame missed at least once
  console.log(
    `${label.padEnd(6)} frames ${String(r.deltas.length).padStart(4)}  p50 ${fmt(p50)} ms  p95 ${fmt(p95)} ms  ` +
      `max ${fmt(max)} ms  deltas>25ms ${over25}  LoAF>50ms ${long.length} (max ${fmt(loafMax, 1)} ms)`,
  );
  return { frames: r.deltas.length, p50, p95, max, loafCount: long.length, loafMax };
}

export async function benchFrames(root, port) {
  heading('3. Frame time in headless Chromium (vite preview, 1280×800)');
  const executablePath = chromePath();
  const preview = startPreview(root, port);
  let browser;
  try {
    const url = await preview.ready();
    browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
    console.log(`browser: ${executablePath ?? "Playwright's bundled chromium"} ${browser.version()}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const fetched = [];
    let loaded = false;
    page.on('response', (r) => {
      if (!loaded && /\.m?js(\?|$)/.test(r.url())) fetched.push(r.url().replace(url, ''));
    });
    await page.addInitScript(() => {
      window.__loafs = [];
      window.__loafSupported =
        PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame') ?? false;
      if (!window.__loafSupported) return;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__loafs.push({ startTime: e.startTime, duration: e.duration, blocking: e.blockingDuration });
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector('[aria-label="Sequence diagram"]', { timeout: 15000 });
    loaded = true;
    const fetchedFirst = [...new Set(fetched)];
    console.log(`JS fetched before the diagram showed: ${fetchedFirst.join(', ') || 'n/a'}`);
    // Let the first simulation land, lazy chunks load and layout settle before measuring.
    await page.waitForLoadState('networkidle').catch(() => {});
    await sleep(1000);

    const empty = await page.evaluate(rafLoop, EMPTY_MS);

    await page.getByLabel('Speed').selectOption('4');
    const stepText = () =>
      page
        .locator('.pw-step')
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => '?');
    const stepBefore = (await stepText())?.trim();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const play = await page.evaluate(rafLoop, PLAY_MS);
    const stepAfter = (await stepText())?.trim();
    const stillPlaying = (await page.getByRole('button', { name: 'Pause', exact: true }).count()) > 0;

    const { loafs, supported } = await page.evaluate(() => ({
      loafs: window.__loafs,
      supported: window.__loafSupported,
    }));
    if (!supported) console.log('long-animation-frame entries are not supported by this browser');
    const e = summarise('empty', empty, loafs);
    const p = summarise('play', play, loafs);
    const ratio = p.p95 / e.p95;
    console.log(`p95(play)/p95(empty) = ${fmt(ratio, 3)}`);
    console.log(
      `player: ${stepBefore} -> ${stepAfter}; still playing at the end: ${stillPlaying ? 'yes' : 'no (later frames were idle)'}`,
    );
    if (errors.length) console.log(`page errors:\n  ${errors.join('\n  ')}`);
    return { empty: e, play: p, ratio, stillPlaying, fetchedFirst };
  } finally {
    await browser?.close().catch(() => {});
    preview.stop();
  }
}
