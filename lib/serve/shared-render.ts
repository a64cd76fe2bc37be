import { randomBytes } from 'node:crypto';
import { SHARED_RENDER_HEADER } from '@/lib/auth/peer';

/**
 * A page rendered once for every user of a role carries this token where the user's name goes;
 * the page cache puts each reader's own name in its place. Random per server process and made
 * of [a-z0-9] only, like user names, so it reads the same in HTML and in the page's RSC data
 * and never stands in a page by chance.
 */
const KEY = Symbol.for('thidua.userPlaceholder');
const shared = globalThis as unknown as { [KEY]?: string };

export function userPlaceholder(): string {
  return (shared[KEY] ??= `u${randomBytes(12).toString('hex')}`);
}

/** The user name as this render shows it: the placeholder in a render shared by a role. */
export function shownUsername(headers: Headers, username: string): string {
  return headers.get(SHARED_RENDER_HEADER) === '1' ? userPlaceholder() : username;
}
