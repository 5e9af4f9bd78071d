/** Where each role lands after signing in. */
export function homeOf(user: { role: string; studentId: number | null }): string {
  if (user.role === 'student') return user.studentId === null ? '/password' : `/student/${user.studentId}`;
  if (user.role === 'enterprise') return '/enterprise';
  return '/staff';
}
