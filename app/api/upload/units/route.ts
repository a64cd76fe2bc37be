import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { jsonError } from '@/lib/upload/http';
import { addOfficeAlias, AliasError, listUnitOptions } from '@/lib/upload/aliases';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The unit catalogue, for mapping an unknown name in the upload preview. */
export async function GET(req: NextRequest) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const units = await listUnitOptions(await getDb());
  return NextResponse.json({ units: units.map((u) => ({ unitId: u.unit_id, name: u.name, abbreviation: u.abbreviation })) }, { headers: NO_STORE });
}

const Body = z.object({ name: z.string().min(1).max(200), unitId: z.number().int().positive() });

/** The Office maps a name of the file to a unit (or confirms a reading): it becomes an alias, with who and when. */
export async function POST(req: NextRequest) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  if (Number(req.headers.get('content-length') ?? 0) > 4096) return jsonError(413, 'Nội dung yêu cầu quá lớn.');
  let body: z.infer<typeof Body>;
  try {
    body = Body.parse(JSON.parse(await req.text()));
  } catch {
    return jsonError(400, 'Hãy gửi tên trong tệp và đơn vị được chọn.');
  }
  try {
    const r = await addOfficeAlias(await getDb(), body, auth.user);
    return NextResponse.json({ ok: true, unitName: r.unitName, attached: r.attached }, { headers: NO_STORE });
  } catch (err) {
    if (err instanceof AliasError) return jsonError(400, err.message);
    throw err;
  }
}
