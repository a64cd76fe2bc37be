import type { Role } from '@/lib/domain';

/**
 * Data-access layer guard: every page, server action, route handler and data function that
 * touches data calls `requireUser(role)` first. PLACEHOLDER until the accounts work (issue 4)
 * replaces it with real session checks — do not ship as is.
 */
export interface SessionUser {
  userId: number;
  username: string;
  role: Role;
}

export async function requireUser(_minRole: Role = 'viewer'): Promise<SessionUser> {
  return { userId: 0, username: 'dev', role: 'admin' };
}
