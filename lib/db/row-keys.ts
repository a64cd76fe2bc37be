/**
 * The natural key of an activity, computed by DuckDB for every path into the table (the CSV bulk
 * load, rows validated in JS, and the migration that re-keyed older rows): day number since
 * 1970-01-01 | unit id | channel | title in lower case. Titles are already NFC with spaces
 * collapsed, so this matches the same row however its file spelled the spacing or the case.
 */
export function activityKeySql(days: string, unitId: string, channel: string, title: string): string {
  return `md5(concat_ws('|', ${days}, coalesce(${unitId}, 0), ${channel}, lower(${title})))`;
}
