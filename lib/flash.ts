import { randomBytes } from 'node:crypto';

/**
 * Messages carried across a redirect by reference: the action stores the text it composed and
 * puts only a random key in the URL (`?ok=…`, `?loi=…`); the page shows the text stored under
 * that key for that user. A crafted link therefore cannot make a page say anything: unknown
 * keys, and keys of another user, show nothing. Kept in memory for FLASH_TTL_MS.
 */
export const FLASH_TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 2_000;

type Entry = { text: string; userId: number; at: number };
const globalFlash = globalThis as unknown as { thiduaFlash?: Map<string, Entry> };
const store = () => (globalFlash.thiduaFlash ??= new Map());

export function flash(text: string, userId: number, now = Date.now()): string {
  const map = store();
  for (const [k, e] of map) {
    if (map.size < MAX_ENTRIES && now - e.at <= FLASH_TTL_MS) break;
    map.delete(k); // oldest first (insertion order)
  }
  const key = randomBytes(9).toString('base64url');
  map.set(key, { text, userId, at: now });
  return key;
}

export function readFlash(key: string | undefined | null, userId: number, now = Date.now()): string | null {
  if (!key) return null;
  const e = store().get(key);
  if (!e || e.userId !== userId || now - e.at > FLASH_TTL_MS) return null;
  return e.text;
}
