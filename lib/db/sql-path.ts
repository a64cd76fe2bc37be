/**
 * A file path as an SQL string literal, for the statements that take no bound parameter for
 * their path (COPY … TO, EXPORT DATABASE). Quotes are doubled; control characters are refused.
 */
export function sqlPathLiteral(p: string): string {
  if (/[\0\n\r]/.test(p)) throw new Error(`Đường dẫn không hợp lệ: ${JSON.stringify(p)}.`);
  return `'${p.replace(/'/g, "''")}'`;
}
