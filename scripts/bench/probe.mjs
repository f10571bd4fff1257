// In-page probes (each runs inside page.evaluate or page.addInitScript, so they use no imports).

/**
 * Installs `window.__pwArm(kind, expected)`: after the next trigger (a keydown for kind 'key', or
 * `window.__pwStart(t0)` for kind 'manual'), polls on animation frames and resolves
 * `window.__pwDone` with { first, step }: ms from the trigger to just after the paint of the first
 * frame in which the diagram changed at all (first) and in which the step counter shows `expected`
 * (step). "Just after the paint" is a MessageChannel task posted from that frame's rAF callback: it
 * runs once the frame's style, layout and paint are done.
 */
export function installResponseProbe() {
  const stepOf = () =>
    Number(/step (\d+)/.exec(document.querySelector('.pw-step')?.textContent ?? '')?.[1] ?? NaN);
  window.__pwStepOf = stepOf;
  window.__pwArm = (kind, expected, timeoutMs = 5000) => {
    let mutated = false;
    const mo = new MutationObserver(() => (mutated = true));
    mo.observe(document.querySelector('.pw-seq') ?? document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    window.__pwDone = new Promise((resolve) => {
      const res = { first: null, step: null };
      let t0 = null;
      let firstSeen = false;
      let stepSeen = false;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        mo.disconnect();
        resolve(res);
      };
      const afterPaint = (key) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          res[key] = performance.now() - t0;
          if (res.first !== null && res.step !== null) finish();
        };
        ch.port2.postMessage(0);
      };
      const poll = () => {
        if (finished) return;
        const atStep = stepOf() === expected;
        if (!firstSeen && (mutated || atStep)) {
          firstSeen = true;
          afterPaint('first');
        }
        if (!stepSeen && atStep) {
          stepSeen = true;
          afterPaint('step');
        }
        if (!firstSeen || !stepSeen) requestAnimationFrame(poll);
      };
      window.__pwStart = (t) => {
        t0 = t;
        requestAnimationFrame(poll);
        setTimeout(finish, timeoutMs);
      };
      if (kind === 'key')
        window.addEventListener('keydown', (e) => window.__pwStart(e.timeStamp), {
          capture: true,
          once: true,
        });
    });
  };
  /** Moves the timeline slider to `value` the way a drag does: an `input` event React hears. */
  window.__pwScrub = (value) => {
    const el = document.querySelector('input[aria-label="Timeline"]');
    if (!el) return false;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, String(value));
    window.__pwStart?.(performance.now());
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  };
}

/**
 * Init script for the big-trace part: records when the page posts to and hears from its workers, and
 * when the diagram first paints a trace of at least `minMessages` messages with rows on screen.
 */
export function installBigTraceProbe(minMessages) {
  window.__pwWorker = { posted: [], received: [] };
  const Native = window.Worker;
  if (Native) {
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', () => window.__pwWorker.received.push(performance.now()));
      }
      postMessage(...args) {
        window.__pwWorker.posted.push(performance.now());
        return super.postMessage(...args);
      }
    };
  }
  window.__pwLoafs = [];
  if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__pwLoafs.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  const poll = () => {
    const m = /\/ (\d+)/.exec(document.querySelector('.pw-step')?.textContent ?? '');
    const total = Number(m?.[1] ?? 0);
    const rows = document.querySelectorAll('.pw-seq [data-seq]').length;
    if (total >= minMessages && rows > 0) {
      const seenAt = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (window.__pwBig = { total, rows, seenAt, paintedAt: performance.now() });
      ch.port2.postMessage(0);
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Runs in the page: for `ms`, calls `work(frameIndex)` at the start of every animation frame and records
 * the deltas between frames (the same measure as an empty rAF loop, with the work added).
 */
export const rafLoopWith = ({ ms, mode, total, scroller }) =>
  new Promise((resolve) => {
    const deltas = [];
    const t0 = performance.now();
    let last;
    let i = 0;
    const el = scroller ? document.querySelector(scroller) : null;
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let dir = -1;
    const frame = () => {
      const now = performance.now();
      if (last !== undefined) deltas.push(now - last);
      last = now;
      if (mode === 'scroll' && el) {
        // A steady wheel-like scroll, 40 px a frame, bouncing at the ends.
        if (el.scrollTop <= 0) dir = 1;
        else if (el.scrollTop + el.clientHeight >= el.scrollHeight) dir = -1;
        el.scrollTop += dir * 40;
      } else if (mode === 'scrub') {
        window.__pwScrub(Math.floor(rand() * (total + 1)));
      }
      i++;
      if (now - t0 < ms) requestAnimationFrame(frame);
      else resolve({ deltas, t0, t1: now, frames: i, scrollHeight: el?.scrollHeight ?? null });
    };
    requestAnimationFrame(frame);
  });
