import { fold } from './text';

/**
 * Who organises an emulation bloc (Law 06/2022/QH15, Điều 16 khoản 2: cụm, khối thi đua are
 * organised by the emulation councils of each level). It decides what the bloc's review may
 * propose and who grants it (lib/review/rules.ts):
 * - province: cụm, khối thi đua of the province (UBND tỉnh, its emulation council);
 * - department: a Sở's own bloc of its divisions and units (khối các phòng thuộc Sở);
 * - sector: a bloc of one sector organised by the Sở for units outside it (e.g. the finance
 *   offices of the districts).
 */
export const BLOC_ORGANISERS = ['province', 'department', 'sector'] as const;
export type BlocOrganiser = (typeof BLOC_ORGANISERS)[number];

export const BLOC_ORGANISER_LABELS: Record<BlocOrganiser, string> = {
  province: 'UBND tỉnh tổ chức (cụm, khối thi đua của tỉnh)',
  department: 'Sở tổ chức (khối các phòng, đơn vị thuộc Sở)',
  sector: 'Ngành tổ chức (khối thi đua của ngành)',
};

export function isBlocOrganiser(v: unknown): v is BlocOrganiser {
  return typeof v === 'string' && (BLOC_ORGANISERS as readonly string[]).includes(v);
}

/**
 * The organiser a bloc's name states clearly, else null (an admin chooses). Checked in this
 * order: a Sở's own units; the province's cụm / khối (of the province, of the Sở, ban, ngành);
 * a sector or district-level bloc.
 */
export function inferBlocOrganiser(name: string): BlocOrganiser | null {
  const n = ` ${fold(name).replace(/[^a-z0-9]+/g, ' ').trim()} `;
  if (/ (phong|don vi|phong ban)( chuyen mon)? (truc )?thuoc so /.test(n) || / khoi (thi dua )?cac phong( ban)? (cua |thuoc )?so /.test(n)) return 'department';
  if (/ cum thi dua /.test(n) || / cua tinh /.test(n) || / so ban nganh /.test(n) || / cac so /.test(n)) return 'province';
  if (/ nganh /.test(n) || / (cac|cap) (huyen|quan|thi xa) /.test(n)) return 'sector';
  return null;
}
