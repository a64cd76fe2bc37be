import { dataVersion, type Db } from './client';

/**
 * Results reused between readers while the data stands. Each instance keeps one generation of
 * results for its current data version (lib/db/client.ts bumps it with every write transaction);
 * a new version starts an empty generation, so nothing read before a write is served after it.
 * A result is stored as its promise: readers asking at once share one query.
 */
interface Generation {
  version: number;
  entries: Map<string, Promise<unknown>>;
}

const MAX_ENTRIES = 2000;
// On globalThis for the same reason as the version (lib/db/client.ts): one store per server.
const shared = globalThis as unknown as { thiduaReused?: WeakMap<Db, Generation> };
const generations = (shared.thiduaReused ??= new WeakMap());

function generationOf(db: Db): Generation {
  const version = dataVersion(db);
  let g = generations.get(db);
  if (!g || g.version !== version) {
    g = { version, entries: new Map() };
    generations.set(db, g);
  }
  return g;
}

/** `compute()` once per key and data version; a failure is not kept. */
export function reuse<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const g = generationOf(db);
  const hit = g.entries.get(key) as Promise<T> | undefined;
  if (hit) {
    // Least recently used goes first: move the hit to the end.
    g.entries.delete(key);
    g.entries.set(key, hit);
    return hit;
  }
  const p = compute();
  g.entries.set(key, p);
  if (g.entries.size > MAX_ENTRIES) g.entries.delete(g.entries.keys().next().value as string);
  p.catch(() => {
    if (g.entries.get(key) === p) g.entries.delete(key);
  });
  return p;
}

/**
 * A query function whose results are reused per data version. Its arguments after the database
 * must be plain data (they are the key); callers must not mutate what it returns.
 */
export function reused<A extends unknown[], T>(name: string, fn: (db: Db, ...args: A) => Promise<T>): (db: Db, ...args: A) => Promise<T> {
  return (db: Db, ...args: A) => reuse(db, `${name}:${JSON.stringify(args)}`, () => fn(db, ...args));
}

/** How many results the current generation holds (tests). */
export function reusedCount(db: Db): number {
  return generationOf(db).entries.size;
}
