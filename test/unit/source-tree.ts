import fs from 'node:fs';
import path from 'node:path';

/** The repository's root, and its source files under some folders (repository paths, '/'-separated). */
export const ROOT = path.resolve(import.meta.dirname, '../..');

export function sourceFiles(dirs: string[], ext = /\.(ts|tsx|mjs)$/): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (ext.test(e.name)) out.push(path.relative(ROOT, p).split(path.sep).join('/'));
    }
  };
  for (const dir of dirs) walk(path.join(ROOT, dir));
  return out;
}
