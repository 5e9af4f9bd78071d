/**
 * The sign-in name of a student's generated account: `stu` and the student's id (`stu1024`), short enough
 * to read off a sheet and type on a phone. When someone already holds that name, the next attempts
 * are `stu1024-2`, `stu1024-3`, …; the hyphen keeps every (student, attempt) pair distinct.
 */
export function studentUsername(studentId: number, attempt = 1): string {
  if (!Number.isInteger(studentId) || studentId < 1) throw new RangeError(`student id ${studentId} is not a positive integer`);
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt ${attempt} is not a positive integer`);
  return attempt === 1 ? `stu${studentId}` : `stu${studentId}-${attempt}`;
}
