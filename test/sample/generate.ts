/**
 * Generates the sample data of data/sample/ (the embedded default the product runs on):
 * `npm run sample`. Deterministic — a seeded PRNG, fixed workbook dates and zip times — so a
 * second run rewrites the same bytes. Writes data/sample/expected.json with the figures the
 * files hold, computed from the generator's own model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXIT, UsageError, defineCommand } from '@/lib/command-line';
import { activityCsv, activityXlsx, divisionByAbbr } from './activity-files';
import { awardCsv, awardXlsx } from './award-files';
import { expectedFigures, type WithErrorsExpectation } from './expected';
import { buildExtraActivities, buildExtraSheet, buildModel, type Activity, type Award, type ScoreSheet } from './model';
import type { SampleFile } from './sample-file';
import { longScoreCsv, longScoreXlsx, wideScoreXlsx } from './score-files';
import { unitsXlsx } from './units-file';
import { ADVISORY_AGENCIES, DIVISIONS, DISTRICT_OFFICES, type SampleUnit } from './units';

export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../data/sample');

const inYear = (y: number) => (a: Activity) => a.date.startsWith(String(y));
const inH1 = (a: Activity) => Number(a.date.slice(5, 7)) <= 6;
const ofUnits = (units: SampleUnit[]) => (a: Activity) => units.includes(a.unit);

const byAbbr = (u: SampleUnit) => u.abbreviation;
const byName = (u: SampleUnit) => u.name;
const byAlias = (u: SampleUnit) => u.aliases[0] ?? u.name;

async function sampleFiles(): Promise<{ files: SampleFile[]; model: ReturnType<typeof buildModel> }> {
  const model = buildModel();
  const { activities, awards, sheets } = model;
  const files: SampleFile[] = [];
  files.push(await unitsXlsx());

  // ---- activities
  const divs = ofUnits(DIVISIONS);
  const districts = ofUnits(DISTRICT_OFFICES);
  const a2022 = activities.filter((a) => divs(a) && inYear(2022)(a));
  const a2023 = activities.filter((a) => divs(a) && inYear(2023)(a));
  const d2023 = (...abbrs: string[]) => a2023.filter((a) => abbrs.map(divisionByAbbr).includes(a.unit));
  files.push(
    await activityXlsx({
      file: 'hoat-dong-tuyen-truyen-nam-2021.xlsx',
      title: ['BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN CÁC PHONG TRÀO THI ĐUA YÊU NƯỚC', 'CÁC PHÒNG THUỘC SỞ NĂM 2021'],
      activities: activities.filter((a) => divs(a) && inYear(2021)(a)),
      dateMode: 'date-cell',
      messyUnits: 0.1,
      twoRowHeader: true,
      codeListSheet: true,
      sheetName: 'Năm 2021',
      signDate: '2021-12-24',
      seed: 101,
      description: 'Hoạt động 2021 của các phòng: tiêu đề nhiều dòng, tiêu đề cột gộp hai dòng, hàng số thứ tự cột, ngày là ô ngày, dòng tổng cộng, chữ ký, thêm trang "Danh mục"',
    }),
    await activityXlsx({
      file: 'hoat-dong-6-thang-dau-nam-2022.xlsx',
      title: ['TỔNG HỢP HOẠT ĐỘNG TUYÊN TRUYỀN THI ĐUA 6 THÁNG ĐẦU NĂM 2022'],
      activities: a2022.filter(inH1),
      dateMode: 'dmy-text',
      messyUnits: 0.7,
      twoRowHeader: false,
      sheetName: 'Sheet1',
      signDate: '2022-07-05',
      seed: 102,
      description: 'Hoạt động 6 tháng đầu 2022: ngày dạng văn bản dd/mm/yyyy, tên đơn vị viết tắt (QLNS, TTr), "P." thay "Phòng", chữ in hoa, khoảng trắng thừa, tiêu đề cột có xuống dòng',
    }),
    await activityXlsx({
      file: 'hoat-dong-6-thang-cuoi-nam-2022.xlsx',
      title: ['TỔNG HỢP HOẠT ĐỘNG TUYÊN TRUYỀN THI ĐUA 6 THÁNG CUỐI NĂM 2022'],
      activities: a2022.filter((a) => !inH1(a)),
      dateMode: 'serial',
      messyUnits: 0.4,
      twoRowHeader: false,
      helperColumn: true,
      sheetName: '6 thang cuoi',
      signDate: '2022-12-23',
      seed: 103,
      description: 'Hoạt động 6 tháng cuối 2022: ngày là số seri Excel, cột phụ VLOOKUP với giá trị #N/A, tiêu đề cột đồng nghĩa (Thời gian, Đơn vị chủ trì, Kênh tuyên truyền, Số lượt tham gia)',
    }),
    await activityXlsx({
      file: 'hoat-dong-nam-2023-cac-phong.xlsx',
      title: ['KẾT QUẢ TUYÊN TRUYỀN PHONG TRÀO THI ĐUA NĂM 2023', '(Văn phòng, Phòng TCĐT, Phòng QLG&CS)'],
      activities: d2023('VP', 'TCĐT', 'QLG&CS'),
      dateMode: 'iso-text',
      messyUnits: 0.5,
      twoRowHeader: false,
      sheetName: 'Hoạt động',
      signDate: '2023-12-22',
      seed: 104,
      description: 'Hoạt động 2023 của ba phòng: ngày dạng ISO yyyy-mm-dd; gồm cả hoạt động của phòng đã nhận sáp nhập',
    }),
    activityCsv({
      file: 'hoat-dong-2023-phong-quan-ly-ngan-sach.csv',
      activities: d2023('QLNS'),
      encoding: 'utf-8-bom',
      delimiter: ';',
      dateMode: 'dmy-text',
      viNumbers: true,
      messyUnits: 0.5,
      seed: 105,
      description: 'CSV dấu ";" UTF-8 có BOM, số kiểu Việt Nam (1.250)',
    }),
    activityCsv({
      file: 'hoat-dong-phong-tckh-huyen-2021-2023.csv',
      activities: activities.filter(districts),
      encoding: 'utf-8',
      delimiter: ',',
      dateMode: 'dmy-short',
      viNumbers: false,
      messyUnits: 0.6,
      nfdShare: 0.15,
      seed: 106,
      description: 'CSV dấu "," UTF-8 không BOM, ngày d/m/yyyy, tên phòng TC-KH viết tắt, một phần văn bản ở dạng Unicode tổ hợp (NFD)',
    }),
    activityCsv({
      file: 'hoat-dong-2023-phong-hcsn-windows-1258.csv',
      activities: d2023('HCSN'),
      encoding: 'windows-1258',
      delimiter: ';',
      dateMode: 'dmy-text',
      viNumbers: false,
      messyUnits: 0.5,
      seed: 107,
      description: 'CSV mã Windows-1258 (Excel cũ), dấu ";"',
    }),
    activityCsv({
      file: 'hoat-dong-2023-thanh-tra-so-tcvn3.csv',
      activities: d2023('TTr'),
      encoding: 'tcvn3',
      delimiter: ',',
      dateMode: 'dmy-text',
      viNumbers: false,
      messyUnits: 0.5,
      seed: 109,
      description: 'CSV mã TCVN3 (phông .VnTime, máy cũ), dấu ","',
    }),
    activityCsv({
      file: 'hoat-dong-2023-phong-tin-hoc-thong-ke-unicode.txt',
      activities: d2023('THTK'),
      encoding: 'utf-16le',
      delimiter: '\t',
      dateMode: 'dmy-text',
      viNumbers: false,
      messyUnits: 0.5,
      titleHeader: 'Nôi dung hoạt đông',
      seed: 108,
      description: 'Văn bản Unicode UTF-16LE phân cách bằng tab (Excel "Unicode Text"), tiêu đề cột gõ sai dấu («Nôi dung hoạt đông»)',
    }),
  );

  // ---- awards
  const ofYear = (y: number) => awards.filter((a) => a.year === y);
  files.push(
    await awardXlsx({
      file: 'khen-thuong-nam-2021.xlsx',
      title: ['DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2021'],
      awards: ofYear(2021),
      combinedDecision: true,
      withYear: false,
      seed: 201,
      signDate: '2021-12-31',
      description: 'Khen thưởng 2021: mục I. TẬP THỂ / II. CÁ NHÂN, cột gộp "Số, ngày quyết định", năm chỉ có trong tiêu đề, tên danh hiệu viết tắt (LĐTT, CSTĐCS, TTLĐXS)',
    }),
    await awardXlsx({
      file: 'khen-thuong-nam-2022.xlsx',
      title: ['DANH SÁCH KHEN THƯỞNG TẬP THỂ, CÁ NHÂN', 'NĂM 2022'],
      awards: ofYear(2022),
      combinedDecision: false,
      withYear: true,
      instructionsSheet: true,
      seed: 202,
      signDate: '2023-02-28',
      description: 'Khen thưởng 2022: mục tập thể/cá nhân, cột "Số quyết định" và "Ngày quyết định" dưới tiêu đề gộp "Quyết định", có khen thưởng cho đơn vị ngoài danh mục (cảnh báo); trang «Hướng dẫn» đứng trước trang dữ liệu',
    }),
    awardCsv('khen-thuong-nam-2023.csv', ofYear(2023), 203, 'Khen thưởng 2023: CSV ";" UTF-8 có BOM, cột "Loại" (Cá nhân/Tập thể) thay cho các mục'),
  );

  // ---- scores
  const sheet = (key: ScoreSheet['bloc']['key'], period: string) => sheets.find((s) => s.bloc.key === key && s.period === period)!;
  const blocFile = { divisions: 'khoi-cac-phong', advisory: 'khoi-tham-muu-tong-hop', districts: 'khoi-phong-tckh-huyen' } as const;
  const name = (s: ScoreSheet, ext: string) => `cham-diem-${blocFile[s.bloc.key]}-${s.half ? `6-thang-dau-${s.year}` : `nam-${s.year}`}.${ext}`;
  const wide = (s: ScoreSheet, unitLabel: (u: SampleUnit) => string, opts: { pairs?: boolean; oneLine?: boolean; roman?: boolean; formulas?: boolean } = {}) =>
    wideScoreXlsx({
      file: name(s, 'xlsx'),
      sheet: s,
      unitLabel,
      pairs: opts.pairs ?? true,
      titleStyle: opts.oneLine ? 'one-line' : 'two-lines',
      extraCodes: opts.roman ? ['IV', 'V'] : ['', ''],
      formulas: opts.formulas,
      description: `Chấm điểm dạng ngang (${opts.pairs === false ? 'chỉ điểm khối chấm' : 'cặp Tự chấm / Khối chấm'}), thang ${s.bloc.scale} điểm, nhóm I/II/III có dòng cộng nhóm${opts.formulas ? ' (công thức SUM, giá trị đã lưu)' : ''}, điểm thưởng, điểm trừ, TỔNG CỘNG, XẾP HẠNG; kỳ và khối chỉ có trong tiêu đề`,
    });
  const long = (s: ScoreSheet, unitLabel: (u: SampleUnit) => string) =>
    longScoreXlsx({ file: name(s, 'xlsx'), sheet: s, unitLabel, description: `Chấm điểm dạng dọc (một dòng cho mỗi đơn vị × tiêu chí), thang ${s.bloc.scale} điểm` });
  files.push(
    await long(sheet('divisions', '2021-H1'), byName),
    await wide(sheet('divisions', '2021'), byAbbr),
    await wide(sheet('divisions', '2022-H1'), byAbbr, { oneLine: true, roman: true }),
    await wide(sheet('divisions', '2022'), byName, { formulas: true }),
    await wide(sheet('divisions', '2023-H1'), byAbbr, { roman: true }),
    await long(sheet('divisions', '2023'), byAbbr),
    await wide(sheet('advisory', '2021'), byName, { pairs: false }),
    await long(sheet('advisory', '2022'), byName),
    await wide(sheet('advisory', '2023'), byName, { roman: true, formulas: true }),
    await wide(sheet('districts', '2021-H1'), byAbbr),
    await wide(sheet('districts', '2021'), byAlias),
    longScoreCsv({
      file: name(sheet('districts', '2022-H1'), 'csv'),
      sheet: sheet('districts', '2022-H1'),
      unitLabel: byAlias,
      description: 'Chấm điểm dạng dọc trong CSV ";" UTF-8 có BOM, số thập phân kiểu Việt Nam (18,5), tiêu đề ở dòng đầu',
    }),
    await wide(sheet('districts', '2022'), byAbbr, { roman: true, formulas: true }),
    await wide(sheet('districts', '2023-H1'), byName),
    await long(sheet('districts', '2023'), byAbbr),
  );
  return { files, model };
}

/** Files with realistic mistakes, each with its corrected twin. Not loaded by the loader. */
async function withErrorFiles(): Promise<{ files: SampleFile[]; expectations: WithErrorsExpectation[] }> {
  const files: SampleFile[] = [];
  const expectations: WithErrorsExpectation[] = [];
  const pair = (bad: SampleFile, good: SampleFile, mistake: string, errors: WithErrorsExpectation['errors']) => {
    files.push(bad, good);
    expectations.push({ file: bad.file, dataset: bad.dataset, mistake, errors, corrected: { file: good.file, rows: good.rows } });
  };

  // 1. An impossible date.
  {
    const acts = buildExtraActivities(divisionByAbbr('VP'), 2022, 14, 'errors-date');
    const spec = { activities: acts, encoding: 'utf-8-bom' as const, delimiter: ';', dateMode: 'dmy-text' as const, viNumbers: true, messyUnits: 0.3, seed: 301, description: '' };
    const bad = activityCsv({ ...spec, file: 'with-errors/hoat-dong-ngay-khong-hop-le.csv', patch: (i, v) => void (i === 4 && (v[1] = '31/02/2022')), description: 'Ngày 31/02/2022 không tồn tại' });
    const good = activityCsv({ ...spec, file: 'corrected/hoat-dong-ngay-khong-hop-le.csv', description: 'Bản đã sửa' });
    pair(bad, good, 'Ngày 31/02/2022 không tồn tại', [{ row: bad.rowOf(4), columns: ['Ngày', 'B'] }]);
  }
  // 2. A negative participant count.
  {
    const acts = buildExtraActivities(divisionByAbbr('HCSN'), 2022, 20, 'errors-negative');
    const spec = { title: ['TỔNG HỢP HOẠT ĐỘNG TUYÊN TRUYỀN BỔ SUNG NĂM 2022'], activities: acts, dateMode: 'date-cell' as const, messyUnits: 0.3, twoRowHeader: false, sheetName: 'Bổ sung', signDate: '2022-12-28', seed: 302, description: '' };
    const bad = await activityXlsx({ ...spec, file: 'with-errors/hoat-dong-so-nguoi-am.xlsx', patch: (i, v) => void (i === 6 && (v[6] = -25)), description: 'Số người tham gia âm (-25)' });
    const good = await activityXlsx({ ...spec, file: 'corrected/hoat-dong-so-nguoi-am.xlsx', description: 'Bản đã sửa' });
    pair(bad, good, 'Số người tham gia âm (-25)', [{ row: bad.rowOf(6), columns: ['Số người tham gia', 'G'] }]);
  }
  // 3. An unknown unit (a misspelt division).
  {
    const acts = buildExtraActivities(divisionByAbbr('QLNS'), 2023, 12, 'errors-unit');
    const spec = { title: ['HOẠT ĐỘNG TUYÊN TRUYỀN BỔ SUNG NĂM 2023'], activities: acts, dateMode: 'dmy-text' as const, messyUnits: 0, twoRowHeader: false, sheetName: 'Sheet1', signDate: '2023-12-28', seed: 303, description: '' };
    const bad = await activityXlsx({ ...spec, file: 'with-errors/hoat-dong-don-vi-sai-ten.xlsx', patch: (i, v) => void (i === 3 && (v[2] = 'Phòng Quản lí ngân xách')), description: 'Tên đơn vị sai: «Phòng Quản lí ngân xách»' });
    const good = await activityXlsx({ ...spec, file: 'corrected/hoat-dong-don-vi-sai-ten.xlsx', description: 'Bản đã sửa' });
    pair(bad, good, 'Đơn vị không có trong danh mục: «Phòng Quản lí ngân xách»', [{ row: bad.rowOf(3), columns: ['Đơn vị', 'C'] }]);
  }
  // 4. Points above the maximum (the sheet's own total agrees, so only the maximum is wrong).
  {
    const s = buildExtraSheet('advisory', 2023, true, 'errors-max');
    const leader = s.scores.findIndex((x) => x.rank === 1);
    const spec = { sheet: s, unitLabel: byName, pairs: true, titleStyle: 'two-lines' as const, extraCodes: ['', ''] as [string, string], description: '' };
    const bad = await wideScoreXlsx({ ...spec, file: 'with-errors/cham-diem-vuot-diem-toi-da.xlsx', mutate: () => ({ assessed: [leader, 0, s.criteria[0].max + 5] }), description: 'Điểm khối chấm vượt điểm chuẩn' });
    const good = await wideScoreXlsx({ ...spec, file: 'corrected/cham-diem-vuot-diem-toi-da.xlsx', description: 'Bản đã sửa' });
    pair(bad, good, `Điểm khối chấm của ${s.scores[leader].unit.name} ở tiêu chí 1 vượt điểm chuẩn`, [
      { row: bad.layout.criterionRow(0), columns: [s.scores[leader].unit.name, bad.layout.assessedColumn(leader)] },
    ]);
  }
  // 5. A TỔNG CỘNG that disagrees with the criteria.
  {
    const s = buildExtraSheet('advisory', 2022, true, 'errors-total');
    const leader = s.scores.findIndex((x) => x.rank === 1);
    const spec = { sheet: s, unitLabel: byName, pairs: true, titleStyle: 'two-lines' as const, extraCodes: ['IV', 'V'] as [string, string], description: '' };
    const bad = await wideScoreXlsx({ ...spec, file: 'with-errors/cham-diem-tong-cong-sai.xlsx', mutate: () => ({ total: [leader, s.scores[leader].total + 10] }), description: 'Dòng TỔNG CỘNG lệch với tổng các tiêu chí' });
    const good = await wideScoreXlsx({ ...spec, file: 'corrected/cham-diem-tong-cong-sai.xlsx', description: 'Bản đã sửa' });
    pair(bad, good, `TỔNG CỘNG của ${s.scores[leader].unit.name} lớn hơn tổng các tiêu chí 10 điểm`, [
      { row: bad.layout.totalRow, columns: [s.scores[leader].unit.name, bad.layout.assessedColumn(leader)] },
    ]);
  }
  // 6. A duplicated row in an award list.
  {
    const people = buildModel().staff;
    const list: Award[] = [...people.get('Phòng Tin học và Thống kê')!.slice(0, 4), ...people.get('Văn phòng Sở')!.slice(3, 8)].map((p, i) => {
      const unit = i < 4 ? DIVISIONS[6] : DIVISIONS[0];
      return {
        recipient: p,
        recipientType: 'individual',
        unit,
        unitName: unit.name,
        awardName: 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh',
        awardWritten: 'Giấy khen Giám đốc Sở',
        awardKind: 'commendation',
        decisionNo: '215/QĐ-STC',
        decisionDate: '2023-06-20',
        year: 2023,
      };
    });
    const dup = { ...list[2] };
    const spec = { title: ['DANH SÁCH KHEN THƯỞNG CHUYÊN ĐỀ CHUYỂN ĐỔI SỐ NĂM 2023'], combinedDecision: false, withYear: true, seed: 306, signDate: '2023-06-20', description: '' };
    const bad = await awardXlsx({ ...spec, file: 'with-errors/khen-thuong-trung-dong.xlsx', awards: [...list.slice(0, 5), dup, ...list.slice(5)], description: 'Một cá nhân ghi hai lần' });
    const good = await awardXlsx({ ...spec, file: 'corrected/khen-thuong-trung-dong.xlsx', awards: list, description: 'Bản đã sửa' });
    pair(bad, good, `${list[2].recipient} được ghi hai lần (dòng ${bad.rowOf(list[2])} và ${bad.rowOf(dup)})`, [
      { row: bad.rowOf(dup), otherRow: bad.rowOf(list[2]), columns: [] },
    ]);
  }
  void ADVISORY_AGENCIES;
  return { files, expectations };
}

function readme(files: SampleFile[], extra: SampleFile[]): string {
  const lines = [
    '# Dữ liệu mẫu / Sample data',
    '',
    'Sinh tự động bằng `npm run sample` (test/sample/generate.ts) — không sửa tay. Nhập vào cơ sở dữ liệu bằng `npm run sample:load`.',
    'Generated by `npm run sample` (deterministic); loaded by `npm run sample:load`. `expected.json` holds the figures the files contain.',
    '',
    'Sở Tài chính tỉnh Tây Ninh, các phòng thuộc Sở và ba khối thi đua 2021–2023 — dữ liệu giả lập: họ tên, số liệu, số quyết định đều hư cấu.',
    '',
    '| Tệp | Dữ liệu | Số dòng dữ liệu | Đặc điểm |',
    '|---|---|---:|---|',
    ...files.map((f) => `| ${f.file} | ${f.dataset} | ${f.rows} | ${f.description} |`),
    '',
    '## with-errors/ và corrected/',
    '',
    'Tệp có lỗi thường gặp (bị từ chối khi tải lên) và bản đã sửa (nhập được). Trình nhập mẫu không nhập các thư mục này.',
    '',
    ...extra.filter((f) => f.file.startsWith('with-errors/')).map((f) => `- ${f.file}: ${f.description}`),
    '',
  ];
  return lines.join('\n');
}

/** Every file of data/sample/ with its bytes, in memory (the test compares them with the disk). */
export async function buildSample(): Promise<{ files: SampleFile[]; extra: SampleFile[]; texts: Record<string, string>; expected: ReturnType<typeof expectedFigures> }> {
  const { files, model } = await sampleFiles();
  const { files: extra, expectations } = await withErrorFiles();
  const expected = expectedFigures(model, files, expectations);
  const texts = { 'expected.json': JSON.stringify(expected, null, 2) + '\n', 'README.md': readme(files, extra) };
  return { files, extra, texts, expected };
}

/** Rewrites data/sample/ from buildSample. */
async function writeSample(): Promise<void> {
  const { files, extra, texts, expected } = await buildSample();
  for (const dir of ['', 'with-errors', 'corrected']) {
    const full = path.join(SAMPLE_DIR, dir);
    fs.mkdirSync(full, { recursive: true });
    for (const f of fs.readdirSync(full)) if (/\.(xlsx|csv|txt)$/.test(f)) fs.rmSync(path.join(full, f));
  }
  for (const f of [...files, ...extra]) fs.writeFileSync(path.join(SAMPLE_DIR, f.file), f.bytes);
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(SAMPLE_DIR, name), text);
  console.log(
    `Đã sinh ${files.length} tệp mẫu (${expected.activities.total} hoạt động, ${expected.awards.total} khen thưởng, ${expected.scores.length} bảng điểm) và ${extra.length} tệp lỗi/đã sửa vào ${path.relative(process.cwd(), SAMPLE_DIR)}/`,
  );
}

/** The `sample` subcommand of the command-line program (scripts/cli/thidua.ts, loaded only for it). */
export const command = defineCommand({
  usage: '  npm run sample   sinh lại data/sample/ (cùng dữ liệu mỗi lần chạy)',
  options: {},
  async run(_values, positionals) {
    if (positionals.length) throw new UsageError(`Tham số không hợp lệ: ${positionals[0]}`);
    await writeSample();
    return EXIT.ok;
  },
});
