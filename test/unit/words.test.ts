import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './source-tree';

/**
 * The product speaks the officers' words in one tone-mark style (README, «Vietnamese»):
 * «lần nhập», «nhập dữ liệu», «hủy lần nhập», «đối chiếu cột»; «hòa, xóa, thủy, khỏe» (the mark
 * on the first vowel of an open «oa, oe, uy»). A line that must read the other style (a pattern
 * accepting what people type) carries the comment `tone-style: both`.
 */
const LETTER = 'A-Za-zÀ-ỹĐđ';
const OLD_STYLE = new RegExp(`(?<![${LETTER}])[${LETTER}]*?(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![${LETTER}])`, 'gu');
const NOT_OUR_WORDS = new RegExp(`(?<![${LETTER}])(lô|Lô|nạp|Nạp|hoàn tác|Hoàn tác|ánh xạ|Ánh xạ)(?![${LETTER}])`, 'gu');

function findings(re: RegExp): string[] {
  return sourceFiles(['app', 'cli', 'lib', 'etl'], /\.(ts|tsx)$/).flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.includes('tone-style: both') ? [] : [...line.matchAll(re)].map((m) => `${file}:${i + 1} «${m[0]}»`))),
  );
}

describe('Vietnamese words', () => {
  it('one tone-mark style: hòa, xóa, thủy, khỏe (not hoà, xoá, thuỷ, khoẻ)', () => {
    expect(findings(OLD_STYLE)).toEqual([]);
  });

  it('the officers\' words: lần nhập, nhập dữ liệu, hủy lần nhập, đối chiếu cột', () => {
    expect(findings(NOT_OUR_WORDS)).toEqual([]);
  });
});
