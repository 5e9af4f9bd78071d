import { Lang, translate } from './i18n';

/** An import problem as the API reports it: English by design. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

type Rule = [RegExp, (match: RegExpExecArray) => [string, Record<string, string>?]];

/**
 * The import's known message shapes (src/students/rules/import-row.ts, new-student.ts, eligibility.ts,
 * import-columns.ts, import-run.ts, spreadsheet-reader.ts), each with its text in the page's language.
 */
const RULES: Rule[] = [
  [/^is required$/, () => ['cohort.import.required']],
  [/^must be at most (\d+) characters/, (m) => ['cohort.import.maxLength', { n: m[1] }]],
  [/digits, spaces, \+ or -/, () => ['cohort.import.phone']],
  [/^is stored as a number.*the account number/, () => ['cohort.import.accountAsNumber']],
  [/^is stored as a number/, () => ['cohort.import.idAsNumber']],
  [/^is required when the row gives a bank account/, () => ['cohort.import.partialAccount']],
  [/^must have (\d+) to (\d+) digits \(has (\d+)\)$/, (m) => ['cohort.import.accountDigits', { min: m[1], max: m[2], count: m[3] }]],
  [/^must be digits only/, () => ['cohort.import.digitsOnly']],
  [
    /^must be the student's name \(([^)]*)\) or the guardian's \(([^)]*)\)/,
    (m) => ['cohort.import.holderEither', { student: m[1], guardian: m[2] }],
  ],
  [/^must be the student's name \(([^)]*)\)/, (m) => ['cohort.import.holderStudent', { student: m[1] }]],
  [/^is not a valid national ID/, () => ['cohort.import.nationalId']],
  [/^must be 是 or 否/, () => ['cohort.import.yesNo']],
  [/^must be a number$/, () => ['cohort.import.number']],
  [/^must be from (\S+) to (\S+)$/, (m) => ['cohort.import.range', { min: m[1], max: m[2] }]],
  [/^is required: major codes/, () => ['cohort.import.preferencesRequired']],
  [/^may list at most (\d+) majors/, (m) => ['cohort.import.tooManyMajors', { n: m[1] }]],
  [/^"(.*)" is not a major code$/, (m) => ['cohort.import.notMajorCode', { code: m[1] }]],
  [/^lists (.+) twice$/, (m) => ['cohort.import.twice', { code: m[1] }]],
  [/^not majors of cohort \d+: (.+)$/, (m) => ['cohort.import.notMajors', { codes: m[1] }]],
  [/^a student with this national ID is already in cohort/, () => ['cohort.import.duplicateInCohort']],
  [/^the same national ID as row (\d+)$/, (m) => ['cohort.import.duplicateRow', { row: m[1] }]],
  [/^no enterprise has the credit code (.+)$/, (m) => ['cohort.import.noEnterprise', { code: m[1] }]],
  [/^is not a valid credit code/, () => ['cohort.import.creditCode']],
  [/^must not be after today, (\S+)$/, (m) => ['cohort.import.afterToday', { date: m[1] }]],
  [/^must not be before the application date (\S+)$/, (m) => ['cohort.import.beforeApplication', { date: m[1] }]],
  [/^required column is missing$/, () => ['cohort.import.missingColumn']],
  [/^The file is larger than (\d+) MiB/, (m) => ['cohort.import.tooLarge', { mib: m[1] }]],
  [/^unknown column; its values were not read$/, () => ['cohort.import.unknownColumn']],
  [/^is the same field as column "(.*)"/, (m) => ['cohort.import.sameColumn', { other: m[1] }]],
  [/^the file was read as (\S+),/, (m) => ['cohort.import.encoding', { encoding: m[1] }]],
  [/^major (\S+) has no free seat$/, (m) => ['cohort.import.noSeat', { code: m[1] }]],
  [/^must be one of .*APPLIED/, () => ['cohort.import.status']],
  [/^home county (.+) is not one of the programme's counties/, (m) => ['cohort.import.county', { county: m[1] }]],
  [/^not registered as a poverty-alleviation household/, () => ['cohort.import.poverty']],
];

/**
 * One import message in the page's language: a known shape by pattern, otherwise a sentence naming the
 * column (or the whole file). The API's English text is never shown.
 */
export function importMessage(lang: Lang, problem: Pick<ImportProblem, 'column' | 'message'>): string {
  for (const [pattern, text] of RULES) {
    const match = pattern.exec(problem.message);
    if (match) {
      const [key, params] = text(match);
      return translate(lang, key, params);
    }
  }
  return problem.column
    ? translate(lang, 'cohort.import.column', { column: problem.column })
    : translate(lang, 'cohort.import.fileProblem');
}

/** An eligibility reason of an imported row (src/students/rules/eligibility.ts) in the page's language. */
export const ineligibleReason = (lang: Lang, reason: string): string => {
  const text = importMessage(lang, { column: null, message: reason });
  return text === translate(lang, 'cohort.import.fileProblem') ? translate(lang, 'cohort.import.ineligible') : text;
};
