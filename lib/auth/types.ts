import type { Role } from '@/lib/domain';

/** The signed-in user as pages, route handlers and data functions see it. */
export interface SessionUser {
  userId: number;
  username: string;
  role: Role;
  /** Full name for the navigation bar, when the account has one. */
  displayName?: string | null;
  /** Set by an admin's create or reset: every page sends the user to /tai-khoan/mat-khau first. */
  mustChangePassword?: boolean;
}
