import { parseDateText } from '@/etl/normalise/dates';

/** Award decisions as lists write them: a number and a date, apart or in one cell. */

/** Decision number and date of a row (`ok` false: a date was invalid, its error logged). */
export interface DecisionRead {
  ok: boolean;
  no: string | null;
  date: string | null;
}

const DATE_IN_TEXT = /(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})/;

/** "125/QĐ-STC ngày 20/12/2022" → number and date. */
export function splitDecision(text: string): { no: string | null; date: string | null; dateText: string | null } {
  const t = text.trim();
  if (!t) return { no: null, date: null, dateText: null };
  const m = DATE_IN_TEXT.exec(t);
  let no = t;
  let dateText: string | null = null;
  if (m) {
    dateText = m[0];
    no = t.slice(0, m.index).replace(/[,;\s]*(ng[aà]y|ngày)?\s*$/i, '').trim();
  }
  no = no.replace(/^(quyết định|qđ|số)\s*(số)?\s*:?\s*/i, '').replace(/[,;]\s*$/, '').trim();
  const d = dateText ? parseDateText(dateText.replace(/\s/g, '')) : null;
  return { no: no || null, date: d && d.ok ? d.value : null, dateText };
}
