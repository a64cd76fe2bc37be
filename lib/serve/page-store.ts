/**
 * Rendered pages kept while the data stands (lib/serve/page-cache.ts serves them). One
 * generation per data version: a new version empties the store, and a render begun under an
 * older version is never kept, so nothing rendered before a write is served after it. Readers
 * asking for the same page at once share one render. Bounded by bytes (least recently used
 * goes first) and by age (time alone changes nothing on these pages; the bound is a safety net).
 */

export interface RenderedPage {
  status: number;
  headers: Record<string, string | string[]>;
  /** The body (UTF-8) cut at each place the render's CSP nonce stood (one part when it has none). */
  parts: Buffer[];
  /** The nonce the page was rendered with, to be replaced by a fresh one in every answer. */
  nonce: string | null;
  bytes: number;
}

export interface Render {
  page: RenderedPage;
  /** False for what must not be reused: errors, redirects, cookies set, a render that failed inside. */
  keep: boolean;
}

interface Entry {
  page: RenderedPage;
  storedAt: number;
}

export class PageStore {
  private entries = new Map<string, Entry>();
  private pending = new Map<string, Promise<Render>>();
  private bytes = 0;
  private version = -1;

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The page for `key` at data `version`: reused when kept, else rendered once for everyone asking now. */
  async get(version: number, key: string, render: () => Promise<Render>): Promise<{ page: RenderedPage; reused: boolean }> {
    this.moveTo(version);
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.storedAt <= this.maxAgeMs) {
      this.entries.delete(key); // least recently used first: move the hit to the end
      this.entries.set(key, hit);
      return { page: hit.page, reused: true };
    }
    if (hit) this.drop(key);
    const flightKey = `${version}\u0000${key}`;
    let flight = this.pending.get(flightKey);
    const shared = flight !== undefined;
    if (!flight) {
      flight = render().finally(() => this.pending.delete(flightKey));
      this.pending.set(flightKey, flight);
      void flight.then((r) => r.keep && this.keep(version, key, r.page), () => undefined);
    }
    const r = await flight;
    return { page: r.page, reused: shared && r.keep };
  }

  /** Pages held and their size (tests, diagnostics). */
  stats(): { version: number; pages: number; bytes: number } {
    return { version: this.version, pages: this.entries.size, bytes: this.bytes };
  }

  private moveTo(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  private keep(version: number, key: string, page: RenderedPage): void {
    if (version !== this.version || page.bytes > this.maxBytes / 4) return;
    this.drop(key);
    this.entries.set(key, { page, storedAt: this.now() });
    this.bytes += page.bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.page.bytes;
  }
}
