import { inferBlocOrganiser } from '@/lib/bloc-organiser';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RawRow } from '@/lib/import/types';
import type { UnitKind } from '@/lib/domain';
import { fold, foldKey } from '@/lib/text';
import { queryOn } from '@/lib/db/client';
import { cellText, rawForMessage } from '@/etl/normalise/cells';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { parseDateCell } from '@/etl/normalise/dates';
import type { DatasetContext, DatasetProcessor, LoadOutcome } from './types';
import { readYearColumn } from './year-column';
import { UnitsBeforeImages } from '@/lib/units/history';
import { formatDate } from '@/lib/format';

/** The ISO day before an ISO date. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Units file: STT | Tên đơn vị | Tên viết tắt | Loại đơn vị | Khối thi đua | Năm [| Đơn vị cấp
 * trên | Tên khác | Đơn vị kế thừa | Ngày sáp nhập | Hiệu lực từ | Hiệu lực đến | Tỉnh | Biên chế].
 * A unit's validity interval and its successor with the date it took over record mergers (Sở
 * Kế hoạch và Đầu tư into Sở Tài chính from 01/3/2025, a province into another). Units are dimensions: re-importing updates them in
 * place (upsert by name); blocs and membership per year are added.
 */
function unitKindOf(text: string, name: string): UnitKind | null {
  const f = fold(text);
  if (f) {
    if (/phong (tai chinh|tc)( |-)?(ke hoach|kh)|huyen|thi xa|thanh pho|district/.test(f)) return 'district_office';
    if (/phong thuoc so|^phong$|phong chuyen mon|van phong so|thanh tra so|division/.test(f)) return 'division';
    if (/^so\b|department|so ban nganh/.test(f)) return 'department';
    if (/co quan cap tinh|^ban\b|co quan|agency|don vi su nghiep|trung tam/.test(f)) return 'agency';
    if (/^khac$|other/.test(f)) return 'other';
    return null;
  }
  const n = fold(name);
  if (/^phong tai chinh ke hoach/.test(n)) return 'district_office';
  if (/^(phong|van phong|thanh tra)\b/.test(n)) return 'division';
  if (/^so\b/.test(n)) return 'department';
  if (/^(ban|trung tam|cuc|chi cuc)\b/.test(n)) return 'agency';
  return 'other';
}

interface UnitRow {
  row: number;
  name: string;
  abbreviation: string | null;
  kind: UnitKind;
  bloc: string | null;
  year: number | null;
  parent: string | null;
  aliases: string[];
  successor: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedOn: string | null;
  province: string | null;
  headcount: number | null;
}

export class UnitsProcessor implements DatasetProcessor {
  readonly dataset = 'units' as const;
  private rows: UnitRow[] = [];
  private seen = new Map<string, number>();
  private col: (f: string) => number;

  constructor(private ctx: DatasetContext) {
    this.col = (f) => ctx.table.fieldColumns.get(f) ?? -1;
  }

  get rowCount(): number {
    return this.rows.length;
  }

  private text(row: RawRow, field: string): string {
    const i = this.col(field);
    return i >= 0 ? cellText(row.cells[i] ?? null) : '';
  }

  /** A date cell: its ISO date, null when empty or absent, undefined (error logged) when invalid. */
  private date(row: RawRow, field: string): string | null | undefined {
    const i = this.col(field);
    if (i < 0) return null;
    const d = parseDateCell(row.cells[i] ?? null);
    if (d.ok) return d.value;
    if (d.empty) return null;
    this.ctx.issues.error(row.rowNumber, this.ctx.columnName(field), `«${rawForMessage(row.cells[i] ?? null)}» không phải ngày hợp lệ. Hãy nhập ngày dạng dd/mm/yyyy.`, 'date_invalid');
    return undefined;
  }

  onRow(row: RawRow): void {
    const { issues } = this.ctx;
    const n = row.rowNumber;
    const name = this.text(row, 'name');
    const abbreviation = this.text(row, 'abbreviation') || null;
    const kindText = this.text(row, 'kind');
    const bloc = this.text(row, 'bloc') || null;
    if (!name && !abbreviation && !kindText && !bloc) return;
    let ok = true;
    if (!name) {
      issues.error(n, this.ctx.columnName('name'), 'thiếu tên đơn vị. Hãy ghi tên đầy đủ của đơn vị.', 'name_missing');
      return;
    }
    const kind = unitKindOf(kindText, name);
    if (!kind) {
      issues.warning(n, this.ctx.columnName('kind'), `không nhận ra loại đơn vị «${kindText}»; đã ghi là «Khác». Các loại: Phòng thuộc Sở, Sở, Cơ quan cấp tỉnh/Ban, Phòng TC-KH huyện.`, 'kind_other');
    }
    const { ok: yearOk, year } = this.readYear(row, bloc);
    if (!yearOk) ok = false;
    const { ok: headcountOk, headcount } = this.readHeadcount(row);
    if (!headcountOk) ok = false;
    const validity = this.readValidity(row, ok);
    if (!validity.ok) ok = false;
    const successor = this.text(row, 'successor') || null;
    if (validity.mergedOn && !successor) {
      issues.warning(n, this.ctx.columnName('merged_on'), `có ngày sáp nhập nhưng không ghi đơn vị kế thừa; chỉ lưu ngày hết hiệu lực. Hãy ghi tên đơn vị kế thừa ở cột «Đơn vị kế thừa» («Sáp nhập vào»).`, 'successor_missing');
    }
    const aliases = this.text(row, 'aliases')
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const dupKey = `${foldKey(name)}|${foldKey(bloc ?? '')}|${year ?? ''}`;
    const prev = this.seen.get(dupKey);
    if (prev !== undefined) {
      issues.error(n, null, `trùng với dòng ${prev} (cùng đơn vị, khối và năm). Hãy xóa một trong hai dòng.`, 'duplicate_row');
      return;
    }
    this.seen.set(dupKey, n);
    if (!ok) return;
    this.rows.push({
      row: n,
      name,
      abbreviation,
      kind: kind ?? 'other',
      bloc,
      year,
      parent: this.text(row, 'parent') || null,
      aliases,
      successor,
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      mergedOn: validity.mergedOn,
      province: this.text(row, 'province') || null,
      headcount,
    });
  }

  /** The «Năm» of the row; a unit in a bloc needs one (else --period's). */
  private readYear(row: RawRow, bloc: string | null): { ok: boolean; year: number | null } {
    const cell = readYearColumn(this.ctx, row, this.col('year'));
    if (!cell.ok || !bloc || cell.year !== null) return cell;
    if (this.ctx.period) return { ok: true, year: this.ctx.period.year };
    this.ctx.issues.error(row.rowNumber, this.ctx.columnName('year'), `đơn vị thuộc khối «${bloc}» nhưng thiếu năm. Hãy ghi năm tham gia khối (ví dụ 2023) hoặc dùng --period.`, 'year_missing');
    return { ok: false, year: null };
  }

  /** «Biên chế»: a whole number of people, or none. */
  private readHeadcount(row: RawRow): { ok: boolean; headcount: number | null } {
    const hi = this.col('headcount');
    if (hi < 0) return { ok: true, headcount: null };
    const h = parseNumberCell(row.cells[hi] ?? null, 'count');
    if (h.ok && (h.value === null || (Number.isInteger(h.value) && h.value >= 0))) return { ok: true, headcount: h.value };
    this.ctx.issues.error(row.rowNumber, this.ctx.columnName('headcount'), `«${rawForMessage(row.cells[hi] ?? null)}» không phải số người hợp lệ. Hãy nhập số nguyên không âm.`, 'count_invalid');
    return { ok: false, headcount: null };
  }

  /**
   * The unit's validity interval and merger date. The interval's order is checked only on a row
   * otherwise valid (`okSoFar`).
   */
  private readValidity(row: RawRow, okSoFar: boolean): { ok: boolean; validFrom: string | null; validTo: string | null; mergedOn: string | null } {
    const validFrom = this.date(row, 'valid_from');
    const mergedOn = this.date(row, 'merged_on');
    let validTo = this.date(row, 'valid_to');
    let ok = validFrom !== undefined && validTo !== undefined && mergedOn !== undefined;
    // Merged from 01/03/2025: the unit's last day under its own name is 28/02/2025.
    if (validTo === null && mergedOn) validTo = dayBefore(mergedOn);
    if (okSoFar && ok && validFrom && validTo && validTo < validFrom) {
      ok = false;
      this.ctx.issues.error(row.rowNumber, this.ctx.columnName('valid_to'), `ngày hết hiệu lực ${formatDate(validTo)} trước ngày bắt đầu ${formatDate(validFrom)}. Hãy kiểm tra lại hai ngày này.`, 'interval_invalid');
    }
    return { ok, validFrom: validFrom ?? null, validTo: validTo ?? null, mergedOn: mergedOn ?? null };
  }

  async finish(): Promise<void> {
    // Parents and successors must be units of this file or of the database.
    const inFile = new Set(this.rows.map((r) => foldKey(r.name)));
    for (const r of this.rows) {
      for (const [field, value] of [['parent', r.parent], ['successor', r.successor]] as const) {
        if (!value) continue;
        if (inFile.has(foldKey(value)) || this.ctx.units.resolve(value).ok) continue;
        this.ctx.issues.error(r.row, this.ctx.columnName(field), `không tìm thấy đơn vị «${value}» trong tệp hoặc trong danh mục. Hãy ghi đúng tên đầy đủ của đơn vị đó.`, 'unit_unknown');
      }
    }
  }

  preview(n: number): Record<string, unknown>[] {
    return this.rows.slice(0, n).map((r) => ({
      row: r.row,
      unit_name: r.name,
      abbreviation: r.abbreviation,
      unit_kind: r.kind,
      bloc_name: r.bloc,
      year: r.year,
      province: r.province,
      valid_from: r.validFrom,
      valid_to: r.validTo,
      successor: r.successor,
      merged_on: r.mergedOn,
    }));
  }

  async load(conn: DuckDBConnection, batchId: number): Promise<LoadOutcome> {
    // Dimensions are small: upsert unit by unit; facts never go this way.
    const byKey = await unitIdsByKey(conn);
    const before = new UnitsBeforeImages(conn, batchId);
    const firstOf = new Map<string, UnitRow>();
    for (const r of this.rows) if (!firstOf.has(foldKey(r.name))) firstOf.set(foldKey(r.name), r);
    for (const r of firstOf.values()) await this.upsertUnit(conn, r, { byKey, before, batchId });
    const idOf = (name: string) => byKey.get(foldKey(name)) ?? (this.ctx.units.resolve(name).ok ? (this.ctx.units.resolve(name) as { unitId: number }).unitId : undefined);
    for (const r of firstOf.values()) {
      const id = idOf(r.name)!;
      await this.addAliases(conn, r, id, { byKey, before });
      if (r.parent) {
        const p = idOf(r.parent);
        if (p !== undefined) await before.unit(id);
        if (p !== undefined) await conn.run('UPDATE units SET parent_id = $p WHERE unit_id = $id', { p, id });
      }
      if (r.successor) {
        const s = idOf(r.successor);
        if (s !== undefined && s !== id) await before.unit(id);
        if (s !== undefined && s !== id) await conn.run('UPDATE units SET successor_id = $s WHERE unit_id = $id', { s, id });
      }
    }
    await this.addBlocMembers(conn, idOf, batchId);
    await this.addHeadcounts(conn, idOf, batchId);
    // The issuing body written above the table («UBND TỈNH …», «SỞ …»): the review document's header.
    if (this.ctx.titleLines.length) {
      await conn.run('INSERT INTO batch_title_blocks (batch_id, title_block) VALUES ($b, $t)', { t: this.ctx.titleLines.join('\n'), b: batchId });
    }
    // Rows of the file taken in (a unit appears once per bloc and year).
    return { loaded: this.rows.length, skipped: 0 };
  }

  /** Updates the unit of that name (or alias) in place, or inserts it; `byKey` learns a new unit's id. */
  private async upsertUnit(conn: DuckDBConnection, r: UnitRow, at: { byKey: Map<string, number>; before: UnitsBeforeImages; batchId: number }): Promise<void> {
    const { byKey, before, batchId } = at;
    const id = byKey.get(foldKey(r.name));
    if (id !== undefined) {
      await before.unit(id);
      await conn.run(
        `UPDATE units SET abbreviation = coalesce($abbr, abbreviation), kind = $kind, headcount = coalesce($hc, headcount),
           valid_to = coalesce(CAST($vt AS DATE), valid_to), valid_from = coalesce(CAST($vf AS DATE), valid_from),
           merged_on = coalesce(CAST($mo AS DATE), merged_on), province = coalesce($prov, province), batch_id = $batch WHERE unit_id = $id`,
        { abbr: r.abbreviation, kind: r.kind, hc: r.headcount, vt: r.validTo, vf: r.validFrom, mo: r.mergedOn, prov: r.province, batch: batchId, id },
      );
      return;
    }
    const res = await conn.runAndReadAll(
      `INSERT INTO units (name, abbreviation, kind, headcount, valid_to, valid_from, merged_on, province, batch_id)
       VALUES ($name, $abbr, $kind, $hc, CAST($vt AS DATE), CAST($vf AS DATE), CAST($mo AS DATE), $prov, $batch) RETURNING unit_id`,
      { name: r.name, abbr: r.abbreviation, kind: r.kind, hc: r.headcount, vt: r.validTo, vf: r.validFrom, mo: r.mergedOn, prov: r.province, batch: batchId },
    );
    const newId = Number(res.getRowObjectsJson()[0].unit_id);
    await before.created(newId);
    byKey.set(foldKey(r.name), newId);
  }

  /** The abbreviation and other names of unit `id`; a name another unit already has is refused with a warning. */
  private async addAliases(conn: DuckDBConnection, r: UnitRow, id: number, at: { byKey: Map<string, number>; before: UnitsBeforeImages }): Promise<void> {
    const { byKey, before } = at;
    for (const alias of [r.abbreviation, ...r.aliases]) {
      if (!alias) continue;
      const key = foldKey(alias);
      if (!key || key === foldKey(r.name)) continue;
      const owner = byKey.get(key);
      if (owner !== undefined && owner !== id) {
        this.ctx.issues.warning(r.row, this.ctx.columnName(alias === r.abbreviation ? 'abbreviation' : 'aliases'), `tên «${alias}» đã là tên của một đơn vị khác; không thêm làm tên gọi khác.`, 'alias_taken');
        continue;
      }
      if (owner === undefined) await before.alias(key);
      await conn.run(`INSERT INTO unit_aliases (alias_key, alias, unit_id, source) VALUES ($k, $a, $u, 'import') ON CONFLICT DO NOTHING`, { k: key, a: alias, u: id });
      byKey.set(key, id);
    }
  }

  /** Blocs by folded name (a new bloc is created); membership per year. */
  private async addBlocMembers(conn: DuckDBConnection, idOf: (name: string) => number | undefined, batchId: number): Promise<void> {
    const blocs = await queryOn<{ bloc_id: number; name: string }>(conn, 'SELECT bloc_id, name FROM blocs');
    const blocByKey = new Map(blocs.map((b) => [foldKey(b.name), Number(b.bloc_id)]));
    for (const r of this.rows) {
      if (!r.bloc || r.year === null) continue;
      let blocId = blocByKey.get(foldKey(r.bloc));
      if (blocId === undefined) {
        // Who organises the bloc, when its name says so (an admin can change it on /danh-gia/thiet-lap).
        const organiser = inferBlocOrganiser(r.bloc);
        const res = await conn.runAndReadAll('INSERT INTO blocs (name) VALUES ($n) RETURNING bloc_id', { n: r.bloc });
        blocId = Number(res.getRowObjectsJson()[0].bloc_id);
        if (organiser) await conn.run(`INSERT INTO bloc_organisers (bloc_id, organiser, set_by) VALUES ($b, $o, 'import')`, { b: blocId, o: organiser });
        blocByKey.set(foldKey(r.bloc), blocId);
      }
      await conn.run('INSERT INTO bloc_members (bloc_id, unit_id, year, batch_id) VALUES ($b, $u, $y, $batch) ON CONFLICT DO NOTHING', {
        b: blocId,
        u: idOf(r.name)!,
        y: r.year,
        batch: batchId,
      });
    }
  }

  /** Headcount per year, for the review's quota shares. */
  private async addHeadcounts(conn: DuckDBConnection, idOf: (name: string) => number | undefined, batchId: number): Promise<void> {
    for (const r of this.rows) {
      if (r.year === null || r.headcount === null) continue;
      await conn.run(
        `INSERT INTO unit_headcounts (unit_id, year, headcount, batch_id) VALUES ($u, $y, $h, $batch)
         ON CONFLICT (unit_id, year) DO UPDATE SET headcount = excluded.headcount, batch_id = excluded.batch_id`,
        { u: idOf(r.name)!, y: r.year, h: r.headcount, batch: batchId },
      );
    }
  }
}

/** Units by folded name, then by alias (a name wins over another unit's alias). */
async function unitIdsByKey(conn: DuckDBConnection): Promise<Map<string, number>> {
  const byKey = new Map<string, number>();
  const existing = await queryOn<{ unit_id: number; name: string }>(conn, 'SELECT unit_id, name FROM units');
  for (const u of existing) byKey.set(foldKey(u.name), Number(u.unit_id));
  const aliasRows = await queryOn<{ alias_key: string; unit_id: number }>(conn, 'SELECT alias_key, unit_id FROM unit_aliases');
  for (const a of aliasRows) if (!byKey.has(a.alias_key)) byKey.set(a.alias_key, Number(a.unit_id));
  return byKey;
}
