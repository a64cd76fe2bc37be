import { z } from 'zod';
import { query, withWriteTransaction, queryOn, type Db } from '../db/client';
import { SETTING_KEYS, SETTING_LABELS, SETTING_SCHEMAS, type SettingKey, type Settings } from './definitions';

const Row = z.object({ key: z.string(), value: z.string() });

/** Raised when a stored setting is missing or malformed; names the key and how to fix it. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Reads and validates every setting. A missing or invalid row is an error (no silent default). */
export async function readSettings(db: Db): Promise<Settings> {
  const rows = await query(db, `SELECT key, value::VARCHAR AS value FROM settings`, {}, Row);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const raw = byKey.get(key);
    if (raw === undefined) {
      throw new SettingsError(
        `Thiếu thiết lập "${key}" (${SETTING_LABELS[key]}) trong bảng settings. Hãy chạy lại di trú cơ sở dữ liệu hoặc nhập giá trị tại trang /danh-gia/thiet-lap.`,
      );
    }
    out[key] = parseSettingValue(key, JSON.parse(raw));
  }
  return out as Settings;
}

/** Validates one value against its schema; the error names the key and what is expected. */
export function parseSettingValue<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => i.message).join('; ');
    throw new SettingsError(`Thiết lập "${key}" (${SETTING_LABELS[key]}) không hợp lệ: ${why}.`);
  }
  return parsed.data as Settings[K];
}

/** Writes validated values (all or nothing), recording who changed them. */
export async function writeSettings(db: Db, values: Partial<Settings>, updatedBy: string): Promise<void> {
  const entries = Object.entries(values) as [SettingKey, unknown][];
  const checked = entries.map(([key, value]) => {
    if (!(key in SETTING_SCHEMAS)) throw new SettingsError(`Không có thiết lập "${key}".`);
    return [key, parseSettingValue(key, value)] as const;
  });
  await withWriteTransaction(db, async (conn) => {
    for (const [key, value] of checked) {
      await queryOn(
        conn,
        `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($key, $value::JSON, $by, current_timestamp)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        { key, value: JSON.stringify(value), by: updatedBy },
      );
    }
  });
}
