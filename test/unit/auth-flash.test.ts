import { describe, expect, it } from 'vitest';
import { flash, FLASH_TTL_MS, readFlash } from '@/lib/flash';

describe('messages after a redirect: by reference, never reflected from the URL', () => {
  it('shows only text the server stored, to the user it was stored for, for a while', () => {
    const key = flash('Đã ghi tên gọi khác.', 7, 1_000);
    expect(key).toMatch(/^[\w-]{12}$/);
    expect(readFlash(key, 7, 2_000)).toBe('Đã ghi tên gọi khác.');
    expect(readFlash(key, 8, 2_000)).toBeNull();
    expect(readFlash('Trang này đã bị chiếm, hãy gọi 0900…', 7, 2_000)).toBeNull();
    expect(readFlash(undefined, 7)).toBeNull();
    expect(readFlash(key, 7, 1_000 + FLASH_TTL_MS + 1)).toBeNull();
  });
});
