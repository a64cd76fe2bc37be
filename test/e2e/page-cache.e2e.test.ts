import crypto from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, inject, it } from 'vitest';
import { sessionOf } from './browser';

/**
 * The page cache through the running server (lib/serve/page-cache.ts): a dashboard page is
 * rendered once and then answered from memory, each answer with a fresh CSP nonce; a session
 * that ended gets no page; after an upload is confirmed (and after it is undone) the very next
 * page shows the change.
 */
const base = () => inject('baseUrl');


async function get(path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}${path}`, { headers: { Cookie: cookie, ...headers }, redirect: 'manual' });
  return { res, html: await res.text() };
}

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
const currentUser = (html: string) => /data-testid="current-user"[^>]*>([^<]*)</.exec(html)?.[1];

async function activitiesKpi(path: string, cookie: string): Promise<number> {
  const { res, html } = await get(path, cookie);
  const m = /data-testid="kpi-activities".*?data-value="(\d+)"/s.exec(html);
  if (res.status !== 200 || !m) throw new Error(`${path}: HTTP ${res.status}, no activities KPI`);
  return Number(m[1]);
}

async function lastResult(res: Response): Promise<Record<string, any>> {
  const events = (await res.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return events.filter((e) => e.type === 'result').at(-1);
}

describe('page cache: pages reused until the data changes', () => {
  it('renders a page once, then answers from memory with a fresh nonce each time', async () => {
    const cookie = await sessionOf('lanhdao');
    const path = '/?period=2022&grain=quarter';
    const first = await get(path, cookie);
    const second = await get(path, cookie, { 'Accept-Encoding': 'gzip' });
    expect(first.res.status).toBe(200);
    expect(second.res.headers.get('x-thidua-cache')).toBe('hit');
    const [n1, n2] = [nonceOf(first.res.headers.get('content-security-policy')), nonceOf(second.res.headers.get('content-security-policy'))];
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n2).not.toBe(n1);
    // The body carries the header's nonce, and only it.
    expect(second.html).toContain(`nonce="${n2}"`);
    expect(second.html).not.toContain(n1!);
    expect(second.html.replaceAll(n2!, 'N')).toBe(first.html.replaceAll(n1!, 'N'));
    expect(currentUser(first.html)).toBe('lanhdao');
    expect(currentUser(second.html)).toBe('lanhdao');
    // Another role gets a page of its own, with its own name.
    const other = await get(path, await sessionOf('vanphong'));
    expect(other.res.headers.get('x-thidua-cache')).toBe('miss');
    expect(currentUser(other.html)).toBe('vanphong');
    expect((await get(path, await sessionOf('vanphong'))).res.headers.get('x-thidua-cache')).toBe('hit');
  });

  it("fills each reader's own name into a page rendered for the role; a client cannot ask for the placeholder", async () => {
    const forged = await get('/khen-thuong?period=2023', await sessionOf('lanhdao'), { 'x-thidua-shared-render': '1' });
    expect(forged.res.status).toBe(200);
    expect(currentUser(forged.html)).toBe('lanhdao');
    // Not a page the cache keeps: Next renders it, and the header is gone before it does.
    const upload = await get('/tai-len/mau', await sessionOf('vanphong'), { 'x-thidua-shared-render': '1' });
    expect(upload.res.headers.get('x-thidua-cache')).toBeNull();
    expect(currentUser(upload.html)).toBe('vanphong');
  });

  it('gives no page to a session that has ended', async () => {
    const cookie = await sessionOf('lanhdao');
    expect((await get('/hoat-dong', cookie)).res.status).toBe(200);
    expect((await get('/hoat-dong', cookie)).res.headers.get('x-thidua-cache')).toBe('hit');
    await fetch(`${base()}/api/auth/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: base() }, redirect: 'manual' });
    const after = await get('/hoat-dong', cookie);
    expect(after.res.status).toBe(307);
    expect(after.res.headers.get('location')).toContain('/dang-nhap');
  });

  it('shows an upload on the very next page after it is confirmed, and its undoing too', async () => {
    const ref = await DuckDBInstance.create(inject('referenceDb'), { access_mode: 'READ_ONLY' });
    const conn = await ref.connect();
    const unit = String((await conn.runAndReadAll('SELECT name FROM units ORDER BY unit_id LIMIT 1')).getRows()[0][0]);
    conn.closeSync();
    ref.closeSync();
    const viewer = await sessionOf('lanhdao');
    const office = await sessionOf('vanphong');
    const path = '/?period=2023';
    const before = await activitiesKpi(path, viewer);
    expect(await activitiesKpi(path, viewer)).toBe(before); // now held in memory

    const csv = Buffer.from(
      'Ngày thực hiện,Đơn vị,Hình thức,Nội dung,Số người tham gia\r\n' +
        [1, 2, 3].map((i) => `0${i}/06/2023,"${unit}",Hội nghị,Kiểm tra bộ nhớ trang ${i},${10 * i}`).join('\r\n') +
        '\r\n',
    );
    const sha = crypto.createHash('sha256').update(csv).digest('hex');
    const up = await fetch(`${base()}/api/upload`, {
      method: 'POST',
      body: csv,
      headers: { Cookie: office, Origin: base(), 'x-file-name': 'kiem-tra-bo-nho.csv', 'x-content-sha256': sha, 'content-type': 'application/octet-stream' },
    });
    const uploadId = (await lastResult(up)).upload?.uploadId;
    expect(uploadId).toBeTruthy();
    const confirm = await fetch(`${base()}/api/upload/${uploadId}/confirm`, {
      method: 'POST',
      body: '{}',
      headers: { Cookie: office, Origin: base(), 'content-type': 'application/json' },
    });
    const result = (await lastResult(confirm)).upload?.result;
    expect(result?.status).toBe('loaded');
    expect(await activitiesKpi(path, viewer)).toBe(before + 3);

    const undo = await fetch(`${base()}/api/upload/batches/${result.batchId}/undo`, { method: 'POST', headers: { Cookie: office, Origin: base() }, redirect: 'manual' });
    expect(undo.status).toBe(303);
    expect(await activitiesKpi(path, viewer)).toBe(before);
  });
});
