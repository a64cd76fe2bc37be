import { describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { QUOTA_KEYS, SEED_VALUE, SETTING_KEYS, SETTING_LEGAL } from '@/lib/settings/definitions';
import { MIGRATIONS } from '@/lib/db/migrations';
import { parseSettingValue, readSettings, writeSettings } from '@/lib/settings/store';
import { minimumTotal } from '@/lib/review/rules';

describe('review settings', () => {
  it('are seeded by the migration, one row per key, and read back typed', async () => {
    const db = await openDb(':memory:');
    try {
      expect(await readSettings(db)).toEqual(SEED_VALUE);
      await writeSettings(db, { 'document.signer_name': 'Nguyễn Văn A', 'review.min_total': { points: 85.5 } }, 'quantri');
      const s = await readSettings(db);
      expect([s['document.signer_name'], s['review.min_total']]).toEqual(['Nguyễn Văn A', { points: 85.5 }]);
      expect(SETTING_KEYS.length).toBe(Object.keys(SEED_VALUE).length);
    } finally {
      db.closeSync();
    }
  });

  it('reject values outside their schema with the key named', () => {
    expect(() => parseSettingValue('proposals.province.first', { award: 'Cờ thi đua của UBND tỉnh', count: -1, grantor: 'Chủ tịch UBND tỉnh' })).toThrow(/proposals\.province\.first/);
    expect(() => parseSettingValue('quota.cstd_tinh_consecutive_cstdcs', 0)).toThrow(/quota\.cstd_tinh_consecutive_cstdcs/);
    expect(() => parseSettingValue('review.min_total', { percent: 80 })).toThrow(/review\.min_total/);
    expect(() => parseSettingValue('document.recipients', 'Như trên')).toThrow(/document\.recipients/);
    expect(parseSettingValue('review.min_total', { percent: 0.8 })).toEqual({ percent: 0.8 });
  });

  it('each quota rule shows its legal article (Luật TĐKT 2022, Điều 22, 23, 27, 28)', () => {
    expect(QUOTA_KEYS.map((k) => /Điều (\d+)/.exec(SETTING_LEGAL[k] ?? '')?.[1])).toEqual(['23', '27', '27', '28', '22']);
    expect(SETTING_LEGAL['proposals.province.first']).toContain('Điều 26');
  });

  it('migrate from the former flag and certificate settings, keeping an edited value (migration 43)', async () => {
    const db = await openDb(':memory:');
    try {
      const s = await readSettings(db);
      expect(s['proposals.province.first']).toEqual({ award: 'Cờ thi đua của UBND tỉnh', count: 1, grantor: 'Chủ tịch UBND tỉnh' });
      expect(s['document.issuer_parent']).toBe('');
      expect(s['document.place']).toBe('');
      expect(s['document.recipients']).toContain('Lãnh đạo Sở;');
      const left = await query(db, `SELECT key FROM settings WHERE key LIKE 'review.%' AND key <> 'review.min_total'`);
      expect(left).toEqual([]);
      // Replaying 43 on a store where an admin had set 3 flags keeps the 3.
      const v43 = MIGRATIONS.find((m) => m.version === 43)!;
      await db.connect().then(async (c) => {
        await c.run(`DELETE FROM settings WHERE key = 'proposals.province.first'`);
        await c.run(`INSERT INTO settings (key, value, updated_by) VALUES ('review.flag_count', '3', 'quantri'), ('review.flag_award', '"Cờ thi đua"', 'quantri')`);
        await c.run(v43.sql);
        c.closeSync();
      });
      expect((await readSettings(db))['proposals.province.first']).toEqual({ award: 'Cờ thi đua', count: 3, grantor: 'Chủ tịch UBND tỉnh' });
    } finally {
      db.closeSync();
    }
  });

  it('turn a percentage minimum into points of the bloc maximum, in vi-VN', () => {
    expect(minimumTotal({ ...SEED_VALUE, 'review.min_total': { percent: 0.8 } }, 1000)).toEqual({
      points: 800,
      label: '800 điểm (80% của 1.000 điểm tối đa)',
    });
    expect(minimumTotal({ ...SEED_VALUE, 'review.min_total': { points: 85.5 } }, null)).toEqual({ points: 85.5, label: '85,5 điểm' });
    expect(minimumTotal({ ...SEED_VALUE, 'review.min_total': { percent: 0.8 } }, null).points).toBeNull();
  });
});
