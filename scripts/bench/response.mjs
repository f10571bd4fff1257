// Part 4: step and scrub response in headless Chromium: from a key press (Step forward, End) or a
// timeline `input` event to just after the paint of the first frame that shows the result, measured in
// the page with performance.now() and requestAnimationFrame. 30 tries each; figures only.
import { quantile, fmt, heading } from './util.mjs';
import { installResponseProbe } from './probe.mjs';
import { sleep, withBrowser } from './page.mjs';

const TRIES = 30;

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return { n: v.length, p50: quantile(v, 0.5), p95: quantile(v, 0.95), max: v.length ? Math.max(...v) : NaN };
}

const line = (label, s, missed) =>
  console.log(
    `${label.padEnd(46)} n ${String(s.n).padStart(2)}  p50 ${fmt(s.p50).padStart(6)} ms  p95 ${fmt(s.p95).padStart(6)} ms  ` +
      `max ${fmt(s.max).padStart(6)} ms${missed ? `  (${missed} never painted within 5 s)` : ''}`,
  );

export async function benchResponse(root, port) {
  heading('4. Step and scrub response (key or input event -> next paint, default scenario)');
  return withBrowser(root, port, async ({ browser, url }) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('.pw-seq [data-lifeline], .pw-seq', { timeout: 15000 });
    await page.waitForFunction(() => /\/ \d+/.test(document.querySelector('.pw-step')?.textContent ?? ''));
    await page.waitForLoadState('networkidle').catch(() => {});
    await sleep(800);
    await page.evaluate(installResponseProbe);
    const total = await page.evaluate(() =>
      Number(/\/ (\d+)/.exec(document.querySelector('.pw-step')?.textContent ?? '')?.[1]),
    );
    const stepNow = () => page.evaluate(() => window.__pwStepOf());
    await page.locator('h1').click(); // focus off the editor, so the player's keys apply

    async function keyTry(key, expected) {
      await page.evaluate(([e]) => window.__pwArm('key', e), [expected]);
      await page.keyboard.press(key);
      return page.evaluate(() => window.__pwDone);
    }

    // Step forward with motion: the arrow animates for 600 ms at 1x, so "first" (the diagram starts to
    // change) is the response and "step" (the counter shows the new step) is when the animation ends.
    await page.evaluate(() => window.__pwScrub(20));
    await sleep(300);
    const stepMotion = [];
    for (let i = 0; i < TRIES; i++) stepMotion.push(await keyTry('ArrowRight', (await stepNow()) + 1));

    // Step forward with prefers-reduced-motion: steps are instant, so "step" is the response.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const stepReduced = [];
    for (let i = 0; i < TRIES; i++) stepReduced.push(await keyTry('ArrowRight', (await stepNow()) + 1));
    await page.emulateMedia({ reducedMotion: 'no-preference' });

    // End: from the start (Home) to the last step in one key press.
    const end = [];
    for (let i = 0; i < TRIES; i++) {
      await page.keyboard.press('Home');
      await page.waitForFunction(() => window.__pwStepOf() === 0);
      await sleep(50);
      end.push(await keyTry('End', total));
    }

    // Timeline: an `input` event on the slider to a pseudo-random step.
    const scrub = [];
    let seed = 7;
    for (let i = 0; i < TRIES; i++) {
      seed = (seed * 48271) % 2147483647;
      let to = seed % (total + 1);
      if (to === (await stepNow())) to = (to + 1) % (total + 1);
      await page.evaluate((t) => window.__pwArm('manual', t), to);
      await page.evaluate((t) => window.__pwScrub(t), to);
      scrub.push(await page.evaluate(() => window.__pwDone));
      await sleep(30);
    }

    const missed = (rs, k) => rs.filter((r) => r[k] === null).length;
    const out = {
      total,
      stepFirst: stats(stepMotion.map((r) => r.first)),
      stepSettled: stats(stepMotion.map((r) => r.step)),
      stepReduced: stats(stepReduced.map((r) => r.step)),
      end: stats(end.map((r) => r.step)),
      scrub: stats(scrub.map((r) => r.step)),
    };
    line('Step forward (→): diagram starts to change', out.stepFirst, missed(stepMotion, 'first'));
    line('Step forward (→): counter shows new step (1x)', out.stepSettled, missed(stepMotion, 'step'));
    line('Step forward (→), reduced motion: new step', out.stepReduced, missed(stepReduced, 'step'));
    line(`End (step 0 -> ${total}): new step`, out.end, missed(end, 'step'));
    line('Timeline input event: new step', out.scrub, missed(scrub, 'step'));
    if (errors.length) console.log(`page errors:\n  ${errors.join('\n  ')}`);
    return out;
  });
}
