// Characters no text field of this service may hold. A line break in a name began a formula line in a CSV
// export (issue 12), NUL made PostgreSQL fail, bidi controls make a name read differently from what is
// stored, and a name of zero-width characters looks blank. No field is multi-line, so none is exempt.
import type { ErrorDetail } from '../errors/domain-error';

/** C0 and C1 controls (tab, CR, LF and NUL among them), DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Bidirectional overrides, embeddings and isolates, and the LRM, RLM and ALM marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;
const INVISIBLE_OR_SPACE = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/** At most this many fields are named in one answer; a body of a thousand bad values needs no thousand lines. */
export const MAX_REPORTED_TEXT_PROBLEMS = 20;

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the text may not be stored, or null when its characters are fine. */
export function textCharacterProblem(value: string): string | null {
  const control = CONTROL.exec(value);
  if (control) return `must not contain control characters such as line breaks, tabs or NUL (found ${codePoint(control[0])})`;
  const bidi = BIDI.exec(value);
  if (bidi) return `must not contain bidirectional formatting characters (found ${codePoint(bidi[0])})`;
  if (INVISIBLE.test(value) && INVISIBLE_OR_SPACE.test(value)) return 'must not be made only of invisible characters';
  return null;
}

/**
 * Every string inside a request part (body, query or path parameters), each named by its path (`majorPreferences.1`).
 * Walked with a stack, not recursion, so a deep value cannot overflow it.
 */
export function findTextProblems(value: unknown, rootName = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const pending: [string, unknown][] = [[rootName, value]];
  while (pending.length && problems.length < MAX_REPORTED_TEXT_PROBLEMS) {
    const [field, current] = pending.pop()!;
    if (typeof current === 'string') {
      const message = textCharacterProblem(current);
      if (message) problems.push({ field, message });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        pending.push([field ? `${field}.${key}` : key, child]);
      }
    }
  }
  return problems;
}
