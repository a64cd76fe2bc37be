import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles as filesUnder } from './source-tree';

/**
 * The layers point one way: app and cli (the command-line program) → lib features → etl → lib
 * base. This test reads every import of the source tree and fails on one that points the other
 * way (README, «Architecture»).
 */

/** The lib base: what the pipeline may use. Everything else under lib/ is a feature. */
const LIB_BASE = [
  'lib/domain.ts',
  'lib/text.ts',
  'lib/env.ts',
  'lib/periods.ts',
  'lib/routes.ts',
  'lib/format.ts',
  'lib/spreadsheet-safety.ts',
  'lib/db/',
  'lib/units/',
  'lib/awards/',
  'lib/datasets/',
  'lib/scoring/',
  'lib/import/',
  'lib/bloc-organiser.ts',
  'lib/settings/definitions.ts',
  'lib/command-line.ts',
];
/** The one door from the features to the pipeline. */
const PIPELINE_DOORS = ['lib/upload/', 'lib/ops/'];

/**
 * Project imports of a file, as repository paths ('@/lib/x' → 'lib/x', relative paths resolved);
 * `static` leaves out the ones loaded with import() when the code runs.
 */
function importsOf(file: string, which: 'all' | 'static' = 'all'): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...(which === 'all' ? text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g) : []),
  ].map((m) => m[1]);
  return specs
    .map((s) => (s.startsWith('@/') ? s.slice(2) : s.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), s)) : null))
    .filter((s): s is string => s !== null);
}

const sourceFiles = (dir: string) => filesUnder([dir]);

const isBase = (p: string) => LIB_BASE.some((b) => (b.endsWith('/') ? p.startsWith(b) || p === b.slice(0, -1) : p === b || `${p}.ts` === b));

function violations(files: string[], forbidden: (target: string) => boolean, which: 'all' | 'static' = 'all'): string[] {
  return files.flatMap((f) => importsOf(f, which).filter(forbidden).map((t) => `${f} → ${t}`));
}

describe('layers', () => {
  it('app/ imports nothing from etl/', () => {
    expect(violations(sourceFiles('app'), (t) => t.startsWith('etl/'))).toEqual([]);
  });

  it('the lib base imports nothing above it (features, etl, app)', () => {
    const base = sourceFiles('lib').filter(isBase);
    expect(base.length).toBeGreaterThan(5);
    expect(violations(base, (t) => t.startsWith('etl/') || t.startsWith('app/') || (t.startsWith('lib/') && !isBase(t)))).toEqual([]);
  });

  it('etl/ uses only the lib base, never a feature or a page', () => {
    expect(violations(sourceFiles('etl'), (t) => t.startsWith('app/') || (t.startsWith('lib/') && !isBase(t)))).toEqual([]);
  });

  it('lib features reach the pipeline only through their doors', () => {
    const features = sourceFiles('lib').filter((f) => !isBase(f) && !PIPELINE_DOORS.some((d) => f.startsWith(d)));
    expect(violations(features, (t) => t.startsWith('etl/'))).toEqual([]);
  });

  it('nothing outside test/ imports from test/ (scripts/cli/ loads the sample generator, only when asked)', () => {
    const files = [...sourceFiles('app'), ...sourceFiles('lib'), ...sourceFiles('etl')];
    expect(violations(files, (t) => t.startsWith('test/'))).toEqual([]);
    expect(violations(sourceFiles('scripts/cli'), (t) => t.startsWith('test/'), 'static')).toEqual([]);
    expect(violations(sourceFiles('scripts/cli'), (t) => t.startsWith('test/') && !t.startsWith('test/sample/'))).toEqual([]);
  });

  it('scripts/cli/ sits at the top: it imports no page, and nothing but the tests imports it', () => {
    expect(sourceFiles('scripts/cli').length).toBeGreaterThan(0);
    expect(violations(sourceFiles('scripts/cli'), (t) => t.startsWith('app/'))).toEqual([]);
    const others = [...sourceFiles('app'), ...sourceFiles('lib'), ...sourceFiles('etl')];
    expect(violations(others, (t) => t.startsWith('scripts/cli/'))).toEqual([]);
  });
});
