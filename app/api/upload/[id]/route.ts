import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { jsonError, NOT_FOUND } from '@/lib/upload/http';
import { uploadView } from '@/lib/upload/run-import';
import { getStagedUpload } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';

/** The last preview or result of a staged upload (own uploads; admin any). */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const staged = await getStagedUpload(await getDb(), (await params).id, auth.user);
  if (!staged) return jsonError(404, NOT_FOUND);
  return NextResponse.json(uploadView(staged), { headers: { 'Cache-Control': 'no-store' } });
}
