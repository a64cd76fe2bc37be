/**
 * A rendered page as the page cache keeps it: the body cut at each place an answer puts a value
 * of its own (the CSP nonce, the reader's user name), so an answer is the parts joined with its
 * values — a copy of bytes, never a new render.
 */
export type Slot = 'nonce' | 'user';

export interface PageBody {
  parts: Buffer[];
  /** What stands between parts[i] and parts[i + 1]. */
  slots: Slot[];
}

/** Cuts `body` at every occurrence of the given marks (a mark given as null or '' is not looked for). */
export function cutAt(body: Buffer, marks: Partial<Record<Slot, string | null>>): PageBody {
  const wanted = (Object.entries(marks) as [Slot, string | null][]).filter(([, m]) => m).map(([slot, m]) => ({ slot, mark: Buffer.from(m!) }));
  const parts: Buffer[] = [];
  const slots: Slot[] = [];
  let from = 0;
  for (;;) {
    let next: { at: number; slot: Slot; length: number } | null = null;
    for (const w of wanted) {
      const at = body.indexOf(w.mark, from);
      if (at !== -1 && (!next || at < next.at)) next = { at, slot: w.slot, length: w.mark.length };
    }
    if (!next) break;
    parts.push(body.subarray(from, next.at));
    slots.push(next.slot);
    from = next.at + next.length;
  }
  parts.push(body.subarray(from));
  return { parts, slots };
}

/** The body with each slot filled. */
export function fill(body: PageBody, values: Record<Slot, string>): Buffer {
  if (body.slots.length === 0) return body.parts[0];
  const bytes = { nonce: Buffer.from(values.nonce), user: Buffer.from(values.user) };
  return Buffer.concat(body.parts.flatMap((p, i) => (i === 0 ? [p] : [bytes[body.slots[i - 1]], p])));
}
