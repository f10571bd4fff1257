// Part 5: a trace of about 10,000 messages (a crash loop over 19 virtual hours: busybox `exit 1`,
// restartPolicy Always, restarted every 5 min at the back-off cap), opened from a share link. Prints the
// time until the diagram paints it, and frame times while scrolling the diagram and while scrubbing,
// each against an empty requestAnimationFrame loop measured in the same page and run. Figures only.
import { deflateRawSync } from 'node:zlib';
import { quantile, fmt, heading } from './util.mjs';
import { installBigTraceProbe, installResponseProbe, rafLoopWith } from './probe.mjs';
import { rafLoop, sleep, withBrowser } from './page.mjs';

const HORIZON = '19h';
const LOOP_MS = 3000;

export const BIG_TRACE_TEXT = `# ~10,000 messages: the shell exits 1 at once and is restarted with back-off for ${HORIZON}.
apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  restartPolicy: Always
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "exit 1"]
---
apiVersion: podwalk.dev/v1alpha1
kind: Scenario
metadata:
  name: crash-loop-${HORIZON}
spec:
  horizon: ${HORIZON}
  actions:
  - at: 0s
    kubectl: apply -f pod.yaml
`;

/** The `#v1:` hash of a share link, as src/ui/share/codec.ts writes it (deflate-raw, base64url). */
export function shareHash(state) {
  const b64 = deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8')).toString('base64');
  return `v1:${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

function frameStats(label, r, loafs, base) {
  const p50 = quantile(r.deltas, 0.5);
  const p95 = quantile(r.deltas, 0.95);
  const max = Math.max(...r.deltas);
  const inWindow = loafs.filter((e) => e.startTime >= r.t0 && e.startTime <= r.t1);
  const long = inWindow.filter((e) => e.duration > 50).length;
  const ratio = base ? p95 / base.p95 : 1;
  console.log(
    `${label.padEnd(8)} frames ${String(r.deltas.length).padStart(4)}  p50 ${fmt(p50)} ms  p95 ${fmt(p95)} ms  ` +
      `max ${fmt(max)} ms  LoAF>50ms ${long}${base ? `  p95/empty ${fmt(ratio, 3)}` : ''}`,
  );
  return { p50, p95, max, loafCount: long, ratio };
}

export async function benchBigTrace(root, port) {
  heading(`5. A ~10,000-message trace (crash loop, horizon ${HORIZON}) from a share link`);
  const hash = shareHash({ text: BIG_TRACE_TEXT, step: 10_000_000, speed: 1 });
  console.log(`share link hash: ${hash.length} chars`);
  return withBrowser(root, port, async ({ browser, url }) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(installBigTraceProbe, 5000);
    await page.goto(`${url}#${hash}`);
    await page.waitForFunction(() => window.__pwBig, null, { timeout: 120_000, polling: 100 });
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const big = window.__pwBig;
      const w = window.__pwWorker;
      // The run request is the last post before the trace came back; the trace is the last message heard
      // before the diagram painted it.
      const received = w.received.filter((t) => t <= big.seenAt);
      const arrived = received.length ? received[received.length - 1] : null;
      const posted = w.posted.filter((t) => arrived === null || t <= arrived);
      return {
        ...big,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        posted: posted.length ? posted[posted.length - 1] : null,
        arrived,
      };
    });
    console.log(`messages: ${load.total}; rows on screen: ${load.rows}`);
    console.log(`navigation -> diagram painted with the trace: ${fmt(load.paintedAt, 0)} ms`);
    if (load.arrived !== null) {
      console.log(
        `  of which: worker simulating (run posted -> trace back): ${fmt(load.arrived - load.posted, 0)} ms`,
      );
      console.log(
        `  trace back from the worker -> diagram painted: ${fmt(load.paintedAt - load.arrived, 0)} ms`,
      );
    } else console.log('  (no worker message seen: the simulation ran on the main thread)');

    await page.waitForLoadState('networkidle').catch(() => {});
    await sleep(1000);
    await page.evaluate(installResponseProbe);
    await page.evaluate(() => (window.__pwStart = undefined));
    const total = load.total;
    const empty = await page.evaluate(rafLoop, LOOP_MS);
    const scroll = await page.evaluate(rafLoopWith, {
      ms: LOOP_MS,
      mode: 'scroll',
      scroller: '.pw-seq-scroll',
    });
    await sleep(300);
    const empty2 = await page.evaluate(rafLoop, LOOP_MS);
    const scrub = await page.evaluate(rafLoopWith, { ms: LOOP_MS, mode: 'scrub', total });
    const loafs = await page.evaluate(() => window.__pwLoafs);
    const e1 = frameStats('empty', empty, loafs);
    const s1 = frameStats('scroll', scroll, loafs, e1);
    const e2 = frameStats('empty', empty2, loafs);
    const s2 = frameStats('scrub', scrub, loafs, e2);
    console.log(`scroll: diagram height ${scroll.scrollHeight} px, 40 px a frame`);
    if (errors.length) console.log(`page errors:\n  ${errors.slice(0, 5).join('\n  ')}`);
    return {
      total,
      paintMs: load.paintedAt,
      simMs: load.arrived !== null ? load.arrived - load.posted : null,
      renderMs: load.arrived !== null ? load.paintedAt - load.arrived : null,
      empty: e1,
      scroll: s1,
      empty2: e2,
      scrub: s2,
    };
  });
}
