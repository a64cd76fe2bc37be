import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { SEED_VALUE, SETTING_KEYS } from '@/lib/settings/definitions';
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
    expect(() => parseSettingValue('review.flag_count', -1)).toThrow(/review\.flag_count/);
    expect(() => parseSettingValue('review.min_total', { percent: 80 })).toThrow(/review\.min_total/);
    expect(() => parseSettingValue('document.recipients', 'Như trên')).toThrow(/document\.recipients/);
    expect(parseSettingValue('review.min_total', { percent: 0.8 })).toEqual({ percent: 0.8 });
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
