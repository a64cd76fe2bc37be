import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { AWARD_KINDS, AWARD_LEVELS, RECIPIENT_TYPES, type AwardKind, type AwardLevel, type RecipientType } from '@/lib/domain';

/**
 * The award-form catalogue, data/reference/award-forms.csv: one row per danh hiệu thi đua or hình
 * thức khen thưởng of Law 06/2022/QH15 (Luật Thi đua, khen thưởng), with who may receive it
 * (cá nhân, tập thể, hộ gia đình), the deciding authority and its level, the article it rests on
 * where cited, the dates it can be decided between, the code the CANHAN/TAPTHE templates use
 * for it (mã hình thức / mã danh hiệu) and older names that still mean it.
 */
export interface AwardForm {
  name: string;
  kind: AwardKind;
  /** Who may receive it (Art. 80 for the forms decided below the province). */
  recipients: RecipientType[];
  level: AwardLevel;
  authority: string;
  /** The article of Law 06/2022/QH15 cited for the authority, when there is one. */
  article: string | null;
  /** ISO dates; the form cannot be decided outside them (e.g. district-level forms end 30/6/2025). */
  validFrom: string | null;
  validTo: string | null;
  /** Code in the real templates' «DANHMUC» sheet; a family code (no class) is shared by its classes. */
  templateCode: string | null;
  aliases: string[];
}

const CATALOGUE_FILE = path.join(process.cwd(), 'data', 'reference', 'award-forms.csv');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses the catalogue text; throws naming the line when a row is malformed (a broken file must not load half). */
export function parseAwardForms(text: string): AwardForm[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const forms: AwardForm[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((r, i) => {
    const line = i + 2;
    const bad = (what: string) => new Error(`award-forms.csv line ${line}: ${what}`);
    const name = (r.name ?? '').normalize('NFC').trim();
    if (!name) throw bad('no name');
    if (seen.has(name)) throw bad(`«${name}» twice`);
    seen.add(name);
    if (!(AWARD_KINDS as readonly string[]).includes(r.kind)) throw bad(`kind «${r.kind}»`);
    if (!(AWARD_LEVELS as readonly string[]).includes(r.level)) throw bad(`level «${r.level}»`);
    const recipients = (r.recipients ?? '').split('|').filter(Boolean);
    if (!recipients.length || recipients.some((x) => !(RECIPIENT_TYPES as readonly string[]).includes(x))) throw bad(`recipients «${r.recipients}»`);
    for (const d of [r.valid_from, r.valid_to]) if (d && !ISO_DATE.test(d)) throw bad(`date «${d}»`);
    forms.push({
      name,
      kind: r.kind as AwardKind,
      recipients: recipients as RecipientType[],
      level: r.level as AwardLevel,
      authority: (r.authority ?? '').trim(),
      article: r.article?.trim() || null,
      validFrom: r.valid_from || null,
      validTo: r.valid_to || null,
      templateCode: r.template_code?.trim() || null,
      aliases: (r.aliases ?? '').split('|').map((s) => s.normalize('NFC').trim()).filter(Boolean),
    });
  });
  return forms;
}

let cached: AwardForm[] | undefined;

export function awardForms(): AwardForm[] {
  cached ??= parseAwardForms(fs.readFileSync(CATALOGUE_FILE, 'utf8'));
  return cached;
}

/** The one recipient type a form admits, or null when it admits several. */
export function onlyRecipientOf(form: AwardForm): RecipientType | null {
  return form.recipients.length === 1 ? form.recipients[0] : null;
}

/** Whether a form may be given to this recipient type. */
export function admitsRecipient(form: AwardForm, type: RecipientType): boolean {
  return form.recipients.includes(type);
}

/** Whether the form could be decided on that date (ISO); true when the date is unknown. */
export function validOn(form: AwardForm, date: string | null): boolean {
  if (!date) return true;
  return (!form.validFrom || date >= form.validFrom) && (!form.validTo || date <= form.validTo);
}
