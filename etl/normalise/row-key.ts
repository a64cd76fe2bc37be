/**
 * row_key: a 64-bit hash (two 32-bit lanes, hex) of the normalised natural key. Fast enough for
 * millions of rows; collisions at 64 bits are negligible for the sizes this store holds.
 */
let lane1 = 0;
let lane2 = 0;

/** Hashes into the two lanes (read with lastLanes()) — no allocation on the hot path. */
function hashLanes(s: string): void {
  let h1 = 0xdeadbeef ^ s.length;
  let h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lane1 = h1 >>> 0;
  lane2 = h2 >>> 0;
}

function lastLanes(): [number, number] {
  return [lane1, lane2];
}

function lanesHex(h1: number, h2: number): string {
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}

export function rowKey(s: string): string {
  hashLanes(s);
  return lanesHex(lane1, lane2);
}
