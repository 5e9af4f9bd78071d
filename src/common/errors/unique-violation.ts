/**
 * True when the database refused a write because of a unique constraint: SQLite reports
 * SQLITE_CONSTRAINT_UNIQUE, PostgreSQL SQLSTATE 23505. Services check for duplicates first and keep
 * this as the fallback for two requests racing past that check.
 */
export function isUniqueViolation(error: unknown): boolean {
  const codes = [codeOf(error), codeOf((error as { driverError?: unknown } | null)?.driverError)];
  return codes.includes('SQLITE_CONSTRAINT_UNIQUE') || codes.includes('23505');
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
