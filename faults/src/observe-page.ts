import type { Page } from 'playwright';

/** What the dashboard showed, recorded in the page on every DOM change. */
export interface PageRecord {
  /** Every row that turned `unresponsive`, by key (each turn counts). */
  unresponsive: string[];
  /** DOM changes after which the page said it was not hearing the server yet a row was not `unknown`. */
  dishonest: number;
}

interface PageRow {
  key: string;
  health: string;
  state: string;
  seq: number;
}

export interface PageView {
  /** The connection pill's state (`live`, `reconnecting`, …). */
  pill: string | null;
  /** The header says the last update is stale: the client does not hear the server. */
  deaf: boolean;
  banner: string;
  rows: PageRow[];
}

/**
 * Installs, before the page's own scripts, a recorder of what a person
 * would notice: a row turning unresponsive, and rows that are not grey while
 * the header says the page cannot hear the server (`data-stale`). A
 * MutationObserver sees every change, however brief.
 */
export async function recordPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = { unresponsive: [] as string[], dishonest: 0 };
    (window as unknown as { faultRecord: typeof record }).faultRecord = record;
    const shown = new Map<string, string>();
    const check = (): void => {
      const rows = document.querySelectorAll('[role="listitem"][data-session-key]');
      for (const row of rows) {
        const key = row.getAttribute('data-session-key') ?? '';
        const health = row.getAttribute('data-health') ?? '';
        if (health === 'unresponsive' && shown.get(key) !== 'unresponsive') {
          record.unresponsive.push(key);
        }
        shown.set(key, health);
      }
      const deaf = document.querySelector('.demo-last-update[data-stale]') !== null;
      if (deaf && [...rows].some((row) => row.getAttribute('data-health') !== 'unknown')) {
        record.dishonest += 1;
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-health', 'data-stale'],
    });
  });
}

export function readRecord(page: Page): Promise<PageRecord> {
  return page.evaluate(() => (window as unknown as { faultRecord: PageRecord }).faultRecord);
}

export function readView(page: Page): Promise<PageView> {
  return page.evaluate(() => ({
    pill: document.querySelector('.demo-pill')?.getAttribute('data-state') ?? null,
    deaf: document.querySelector('.demo-last-update[data-stale]') !== null,
    banner: document.querySelector('.demo-header__banner')?.textContent ?? '',
    rows: [...document.querySelectorAll('[role="listitem"][data-session-key]')].map((row) => ({
      key: row.getAttribute('data-session-key') ?? '',
      health: row.getAttribute('data-health') ?? '',
      state: row.getAttribute('data-state') ?? '',
      seq: Number(row.getAttribute('data-seq') ?? 0),
    })),
  }));
}

/**
 * Resolves with when (performance.now) the page first shows what
 * `predicate` wants, looking every 50 ms; rejects after `timeoutMs`.
 */
export async function waitForView(
  page: Page,
  predicate: (view: PageView) => boolean,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const view = await readView(page);
    if (predicate(view)) return performance.now();
    if (performance.now() > deadline) {
      throw new Error(`page not there in ${timeoutMs} ms: pill ${view.pill}, deaf ${view.deaf}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
