// The Mermaid export must be text Mermaid itself accepts: parsed by mermaid 11's own parser (a dev
// dependency), loaded into the app's page because it needs a DOM.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PodwalkPage } from './fixtures/PodwalkPage';

const MERMAID_JS = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

const LANES = [
  'kubectl',
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kubelet',
  'containerd',
  'runc',
  'kernel',
];

interface Parsed {
  ok: boolean;
  error: string | null;
  diagramType: string | null;
  /** Participants as Mermaid's sequence database holds them: id and display name, in order. */
  actors: { id: string; name: string }[];
  messages: number;
}

async function exportMermaid(page: Page): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Sequence as Mermaid' }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

async function loadMermaid(page: Page): Promise<void> {
  await page.addScriptTag({ path: MERMAID_JS });
  await page.evaluate(() => {
    const m = (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid;
    // The export of a long trace is larger than Mermaid's default 50,000-character limit.
    m.initialize({ startOnLoad: false, maxTextSize: 10_000_000 });
  });
}

/** Parses `text` with Mermaid in the page, then reads back the participants and messages it found. */
function parseInPage(page: Page, text: string): Promise<Parsed> {
  return page.evaluate(async (src): Promise<Parsed> => {
    interface SequenceDb {
      getActors(): Map<string, { name: string; description: string }>;
      getMessages(): { type?: number }[];
    }
    interface MermaidApi {
      parse(text: string): Promise<{ diagramType: string } | false>;
      mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: SequenceDb }> };
    }
    const mermaid = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
    try {
      const result = await mermaid.parse(src);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(src);
      const actors = [...diagram.db.getActors().values()].map((a) => ({ id: a.name, name: a.description }));
      return {
        ok: true,
        error: null,
        diagramType: result ? result.diagramType : null,
        actors,
        messages: diagram.db.getMessages().length,
      };
    } catch (e) {
      return { ok: false, error: String(e), diagramType: null, actors: [], messages: 0 };
    }
  }, text);
}

test('the Mermaid export of the default trace parses with mermaid’s own parser and names every lane', async ({
  page,
}) => {
  const app = new PodwalkPage(page);
  await app.open();
  const total = Number(/\/ (\d+)/.exec(await page.locator('.pw-step').innerText())?.[1]);
  expect(total).toBeGreaterThan(50);
  const { name, text } = await exportMermaid(page);
  expect(name).toMatch(/^podwalk-nginx-step-\d+\.mmd$/);
  expect(text).toMatch(/^sequenceDiagram\n/);

  await loadMermaid(page);
  const parsed = await parseInPage(page, text);
  expect(parsed.error).toBeNull();
  expect(parsed.ok).toBe(true);
  expect(parsed.diagramType).toBe('sequence');
  // Every lane, by its own name, in diagram order, and nothing else.
  expect(parsed.actors.map((a) => a.name)).toEqual(LANES);
  expect(parsed.actors.map((a) => a.id)).toEqual(LANES.map((l) => l.replace(/-/g, '_')));
  // Every trace message became a Mermaid message (notes count as messages in Mermaid's db too).
  expect(parsed.messages).toBeGreaterThanOrEqual(total);
});

test('the parser in the page rejects broken Mermaid (the check above can fail)', async ({ page }) => {
  const app = new PodwalkPage(page);
  await app.open();
  await loadMermaid(page);
  const broken = await parseInPage(page, 'sequenceDiagram\n  participant a as kubectl\n  a->>: no target\n');
  expect(broken.ok).toBe(false);
  expect(broken.error).toBeTruthy();
  const valid = await parseInPage(page, 'sequenceDiagram\n  a->>b: GET /api\n  b-->>a: 200 OK\n');
  expect(valid.ok).toBe(true); // and a valid two-message diagram parses
  expect(valid.messages).toBe(2);
});
