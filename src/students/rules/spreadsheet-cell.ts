// CSV/formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell that starts with = + - @
// as a formula, and a leading tab or carriage return can hide such a start. A leading apostrophe makes
// Excel, LibreOffice and WPS show the text as typed instead of evaluating it.

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet could read the text as the start of a formula. */
export const startsLikeFormula = (value: string): boolean => value.length > 0 && FORMULA_TRIGGERS.has(value[0]);

/** The text of a cell safe to open in a spreadsheet: `'` put before a dangerous first character. */
export const neutraliseCell = (value: string): string => (startsLikeFormula(value) ? `'${value}` : value);
