import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

describe('auth: password hashing', () => {
  it('hashes with scrypt at N=2^15, r=8 and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('ThiDua@2026');
    const b = await hashPassword('ThiDua@2026');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('ThiDua@2026', a)).toBe(true);
    expect(await verifyPassword('ThiDua@2027', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats NFC and NFD spellings of a Vietnamese password as the same', async () => {
    const h = await hashPassword('Mật khẩu Đúng');
    expect(await verifyPassword('Mật khẩu Đúng'.normalize('NFD'), h)).toBe(true);
  });

  it('rejects malformed or tampered hashes without throwing', async () => {
    const h = await hashPassword('abcdefgh');
    expect(await verifyPassword('abcdefgh', 'plain-text')).toBe(false);
    expect(await verifyPassword('abcdefgh', h.replace('scrypt$', 'md5$'))).toBe(false);
    expect(await verifyPassword('abcdefgh', h.slice(0, -4))).toBe(false);
    expect(await verifyPassword('abcdefgh', h.replace('$32768$', '$1073741824$'))).toBe(false);
  });
});
