import type { Role } from '@/lib/domain';

/**
 * Every path of the app — pages and API routes — and the menus built from them, in one place.
 * Pages and handlers link, redirect and fetch through these; `test/unit/routes.test.ts` checks
 * them against the folders under app/, so a renamed page cannot leave a dead link behind.
 * Builders take the id (or dataset) of a parameterised path; `withQuery` adds a query string.
 */

type Segment = string | number;

/** Pages (app/**\/page.tsx), by what they show. */
export const routes = {
  overview: '/',
  activities: '/hoat-dong',
  awards: '/khen-thuong',
  bloc: (id: Segment) => `/khoi/${id}`,
  unit: (id: Segment) => `/don-vi/${id}`,
  review: '/danh-gia',
  reviewSettings: '/danh-gia/thiet-lap',
  dataQuality: '/chat-luong-du-lieu',
  upload: '/tai-len',
  uploadHistory: '/tai-len/lich-su',
  unitNames: '/tai-len/don-vi',
  templates: '/tai-len/mau',
  batch: (id: Segment) => `/tai-len/lo/${id}`,
  undoBatch: (id: Segment) => `/tai-len/lo/${id}/hoan-tac`,
  backups: '/quan-tri/sao-luu',
  users: '/quan-tri/nguoi-dung',
  audit: '/quan-tri/nhat-ky',
  password: '/tai-khoan/mat-khau',
  login: '/dang-nhap',
  forbidden: '/dang-nhap/khong-du-quyen',
} as const;

/** Where the route handlers live; the proxy leaves everything under it alone. */
export const API_ROOT = '/api';

/** Route handlers (app/api/**\/route.ts). */
export const api = {
  login: `${API_ROOT}/auth/login`,
  logout: `${API_ROOT}/auth/logout`,
  reviewDocument: `${API_ROOT}/danh-gia`,
  export: (dataset: string) => `${API_ROOT}/export/${dataset}`,
  template: (dataset: string) => `${API_ROOT}/templates/${dataset}`,
  backup: `${API_ROOT}/ops/backup`,
  upload: `${API_ROOT}/upload`,
  uploadState: (uploadId: string) => `${API_ROOT}/upload/${uploadId}`,
  uploadPreview: (uploadId: string) => `${API_ROOT}/upload/${uploadId}/preview`,
  uploadConfirm: (uploadId: string) => `${API_ROOT}/upload/${uploadId}/confirm`,
  uploadErrors: (uploadId: string) => `${API_ROOT}/upload/${uploadId}/errors.xlsx`,
  unitNames: `${API_ROOT}/upload/units`,
  batchOriginal: (batchId: Segment) => `${API_ROOT}/upload/batches/${batchId}/original`,
  batchReimport: (batchId: Segment) => `${API_ROOT}/upload/batches/${batchId}/reimport`,
  batchUndo: (batchId: Segment) => `${API_ROOT}/upload/batches/${batchId}/undo`,
} as const;

/** Search params as Next.js hands them to a page. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search param (a repeated param keeps its first value). */
export function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

type QueryValue = string | number | null | undefined;

/** Values → `?a=1&b=2` in the order given; empty values are left out, and no values give ''. */
export function toSearch(values: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** A path with a query string (`withQuery(routes.activities, { unit: 3 })`). */
export function withQuery(path: string, values: Record<string, QueryValue>): string {
  return `${path}${toSearch(values)}`;
}

export interface NavLink {
  href: string;
  label: string;
  /** The lowest role that sees the link. */
  minRole: Role;
}

/** The main menu: these links, then the bloc menu (one entry per bloc), then `NAV_AFTER_BLOCS`. */
export const NAV_BEFORE_BLOCS: readonly NavLink[] = [
  { href: routes.overview, label: 'Tổng quan', minRole: 'viewer' },
  { href: routes.activities, label: 'Hoạt động', minRole: 'viewer' },
  { href: routes.awards, label: 'Khen thưởng', minRole: 'viewer' },
];
export const NAV_AFTER_BLOCS: readonly NavLink[] = [
  { href: routes.review, label: 'Đánh giá khối', minRole: 'viewer' },
  { href: routes.dataQuality, label: 'Chất lượng dữ liệu', minRole: 'viewer' },
  { href: routes.upload, label: 'Tải lên', minRole: 'office' },
  { href: routes.backups, label: 'Sao lưu', minRole: 'admin' },
  { href: routes.users, label: 'Người dùng', minRole: 'admin' },
  { href: routes.audit, label: 'Nhật ký', minRole: 'admin' },
];

/** The tabs shared by the upload pages. */
export const UPLOAD_TABS = [
  { href: routes.upload, label: 'Tải dữ liệu lên' },
  { href: routes.uploadHistory, label: 'Lịch sử nhập' },
  { href: routes.unitNames, label: 'Tên đơn vị chưa nhận ra' },
  { href: routes.templates, label: 'Mẫu nhập liệu' },
] as const;
