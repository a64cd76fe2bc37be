import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { stagedUploadRequest, type IdRoute } from '@/lib/upload/requests';
import { uploadView } from '@/lib/upload/run-import';

export const dynamic = 'force-dynamic';

/** The last preview or result of a staged upload (own uploads; admin any). */
export async function GET(req: NextRequest, route: IdRoute) {
  const start = await stagedUploadRequest(req, route, 'office');
  if (start.response) return start.response;
  return NextResponse.json(uploadView(start.staged), { headers: { 'Cache-Control': 'no-store' } });
}
