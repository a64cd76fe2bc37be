import { NextResponse } from 'next/server';
import { parseChoices, type ImportChoices } from './choices';

export function jsonError(status: number, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const NOT_FOUND = 'Không tìm thấy tệp đã tải lên (có thể đã quá 24 giờ và bị xóa). Hãy tải tệp lên lại.';

/** A small JSON body of import choices (header mapping, dataset, period, bloc). */
export async function readChoices(req: Request): Promise<{ ok: true; choices: ImportChoices } | { ok: false; response: NextResponse }> {
  if (Number(req.headers.get('content-length') ?? 0) > 64 * 1024) {
    return { ok: false, response: jsonError(413, 'Nội dung yêu cầu quá lớn.') };
  }
  const text = await req.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, response: jsonError(400, 'Nội dung yêu cầu không phải JSON hợp lệ.') };
    }
  }
  const parsed = parseChoices(body);
  return parsed.ok ? parsed : { ok: false, response: jsonError(400, parsed.message) };
}
