import type { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import type { SessionUser } from '@/lib/auth/types';
import { getDb, type Db } from '@/lib/db/client';
import type { Role } from '@/lib/domain';
import { getBatch, type BatchRow } from './batches';
import type { ImportChoices } from './choices';
import { jsonError, NOT_FOUND, readChoices } from './http';
import { getStagedUpload, type StagedUpload } from './staging';

/** The second argument of a route handler under `[id]`. */
export interface IdRoute {
  params: Promise<{ id: string }>;
}

/** Either the response that ends the request here, or what the handler goes on with. */
export type Started<T> = ({ response: NextResponse } & { [K in keyof T]?: undefined }) | ({ response?: undefined } & T);

/**
 * The start of a handler on one staged upload: checks the session and the role, then finds the
 * upload (the user's own; admin any).
 */
export async function stagedUploadRequest(req: Request, route: IdRoute, minRole: Role): Promise<Started<{ db: Db; user: SessionUser; staged: StagedUpload }>> {
  const auth = await requireApiUser(req, minRole);
  if (auth.response) return { response: auth.response };
  const db = await getDb();
  const staged = await getStagedUpload(db, (await route.params).id, auth.user);
  if (!staged) return { response: jsonError(404, NOT_FOUND) };
  return { db, user: auth.user, staged };
}

/**
 * The start of a handler that runs a staged upload with the Office's choices (header mapping,
 * dataset, period, bloc): as stagedUploadRequest, then the choices from the body. With
 * `refuseLoaded`, an upload already loaded is refused (409) before the body is read.
 */
export async function stagedChoicesRequest(
  req: Request,
  route: IdRoute,
  minRole: Role,
  opts: { refuseLoaded: boolean },
): Promise<Started<{ db: Db; user: SessionUser; staged: StagedUpload; choices: ImportChoices }>> {
  const start = await stagedUploadRequest(req, route, minRole);
  if (start.response) return { response: start.response };
  if (opts.refuseLoaded && start.staged.status === 'loaded') return { response: jsonError(409, `Tệp này đã được nhập (lần nhập #${start.staged.batchId}).`) };
  const body = await readChoices(req);
  if (!body.ok) return { response: body.response };
  return { ...start, choices: body.choices };
}

/** The start of a handler on one batch: checks the session and the role, then finds the batch. */
export async function batchRequest(req: Request, route: IdRoute, minRole: Role): Promise<Started<{ db: Db; user: SessionUser; batch: BatchRow }>> {
  const auth = await requireApiUser(req, minRole);
  if (auth.response) return { response: auth.response };
  const db = await getDb();
  const batch = await getBatch(db, Number((await route.params).id));
  if (!batch) return { response: jsonError(404, 'Không có lần nhập này.') };
  return { db, user: auth.user, batch };
}
