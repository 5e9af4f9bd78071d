export const ROLES = ['admin', 'staff', 'enterprise', 'student'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as read from the bearer token. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  enterpriseId: number | null;
  studentId: number | null;
}

export const isStaff = (user: AuthUser): boolean => user.role === 'admin' || user.role === 'staff';
