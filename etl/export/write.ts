import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { Bool, DateDay, Float64, Int32, Int64, TimestampMillisecond, Utf8, tableToIPC, makeBuilder, Table, type DataType } from 'apache-arrow';
import { DuckDBTypeId } from '@duckdb/node-api';
import { withConnection, type Db } from '@/lib/db/client';
import { sqlPathLiteral } from '@/lib/db/sql-path';
import { safeCell } from '@/lib/spreadsheet-safety';
import type { Period } from '@/lib/periods';
import { exportQuery, type Exportable } from './datasets';

export type ExportFormat = 'csv' | 'xlsx' | 'parquet' | 'arrow';
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'parquet', 'arrow'];

interface Columns {
  names: string[];
  typeIds: DuckDBTypeId[];
  rows: Record<string, unknown>[];
}

async function fetchJson(db: Db, dataset: Exportable, period: Period | null): Promise<Columns> {
  const { sql, params } = exportQuery(dataset, period);
  return withConnection(db, async (conn) => {
    const reader = await conn.runAndReadAll(sql, params);
    return {
      names: reader.columnNames(),
      typeIds: reader.columnTypes().map((t) => t.typeId),
      rows: reader.getRowObjectsJson() as Record<string, unknown>[],
    };
  });
}

/** Text cells pass through the formula neutraliser; numbers stay numbers. */
function cellFor(v: unknown, typeId: DuckDBTypeId): unknown {
  if (v === null || v === undefined) return null;
  if (typeId === DuckDBTypeId.BIGINT || typeId === DuckDBTypeId.HUGEINT || typeId === DuckDBTypeId.INTEGER || typeId === DuckDBTypeId.DOUBLE || typeId === DuckDBTypeId.DECIMAL) {
    const n = Number(v);
    return Number.isFinite(n) ? n : safeCell(String(v));
  }
  return safeCell(String(v));
}

export async function writeExport(db: Db, dataset: Exportable, format: ExportFormat, period: Period | null, out: Writable): Promise<number> {
  if (format === 'parquet') return writeParquet(db, dataset, period, out);
  const data = await fetchJson(db, dataset, period);
  if (format === 'csv') {
    const body = Papa.unparse({
      fields: data.names,
      data: data.rows.map((r) => data.names.map((n, i) => cellFor(r[n], data.typeIds[i]))),
    });
    // BOM so Excel opens UTF-8 Vietnamese correctly.
    await writeAll(out, '\uFEFF' + body + '\r\n');
    return data.rows.length;
  }
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(dataset);
    ws.addRow(data.names);
    for (const r of data.rows) ws.addRow(data.names.map((n, i) => cellFor(r[n], data.typeIds[i])));
    ws.getRow(1).font = { bold: true };
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await writeAll(out, buf);
    return data.rows.length;
  }
  return writeArrow(db, dataset, period, out);
}

function writeAll(out: Writable, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => out.write(chunk, (err) => (err ? reject(err) : resolve())));
}

async function writeParquet(db: Db, dataset: Exportable, period: Period | null, out: Writable): Promise<number> {
  const { sql, params } = exportQuery(dataset, period);
  const file = path.join(os.tmpdir(), `thidua-export-${crypto.randomUUID()}.parquet`);
  try {
    const n = await withConnection(db, async (conn) => {
      // COPY takes no bound path: the name is ours (a UUID under the temp directory), quoted.
      await conn.run(`COPY (${sql}) TO ${sqlPathLiteral(file)} (FORMAT parquet)`, params);
      const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM read_parquet($file)', { file });
      return Number(r.getRowObjectsJson()[0].n);
    });
    await pipeline(fs.createReadStream(file), out, { end: false });
    return n;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Arrow IPC keeping the types: INTEGER → Int32, BIGINT → Int64, DOUBLE → Float64, DATE → DateDay. */
async function writeArrow(db: Db, dataset: Exportable, period: Period | null, out: Writable): Promise<number> {
  const { sql, params } = exportQuery(dataset, period);
  const { names, typeIds, columns } = await withConnection(db, async (conn) => {
    const reader = await conn.runAndReadAll(sql, params);
    return { names: reader.columnNames(), typeIds: reader.columnTypes().map((t) => t.typeId), columns: reader.getColumnsJS() };
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const vectors: Record<string, any> = {};
  names.forEach((name, i) => {
    const values = (columns[i] ?? []) as unknown[];
    let type: DataType;
    let vals: unknown[] = values;
    switch (typeIds[i]) {
      case DuckDBTypeId.INTEGER:
      case DuckDBTypeId.SMALLINT:
      case DuckDBTypeId.TINYINT:
        type = new Int32();
        break;
      case DuckDBTypeId.BIGINT:
      case DuckDBTypeId.HUGEINT:
        type = new Int64();
        vals = values.map((v) => (v === null ? null : BigInt(v as bigint)));
        break;
      case DuckDBTypeId.DOUBLE:
      case DuckDBTypeId.FLOAT:
      case DuckDBTypeId.DECIMAL:
        type = new Float64();
        vals = values.map((v) => (v === null ? null : Number(v)));
        break;
      case DuckDBTypeId.DATE:
        type = new DateDay();
        break;
      case DuckDBTypeId.TIMESTAMP:
        type = new TimestampMillisecond();
        break;
      case DuckDBTypeId.BOOLEAN:
        type = new Bool();
        break;
      default:
        type = new Utf8();
        vals = values.map((v) => (v === null ? null : String(v)));
    }
    const builder = makeBuilder({ type, nullValues: [null, undefined] });
    for (const v of vals) builder.append(v as never);
    vectors[name] = builder.finish().toVector();
  });
  const table = new Table(vectors);
  await writeAll(out, Buffer.from(tableToIPC(table, 'stream')));
  return table.numRows;
}
