import { DomainError, ERROR_STATUS, ErrorCode } from '../common/errors/domain-error';
import { Lang, translate } from './i18n';

/**
 * What a page shows for a refused action, in the page's language. The API's messages are English by design
 * and never reach a page: the pages translate by error code and by field (see `DICTIONARY` keys
 * `apiError.<CODE>` and `field.<name>`), adding the known API message shapes they can word better.
 */
export interface PageError {
  /** One sentence for the whole refusal, shown next to the form. */
  message: string;
  /** Per form field, for the fields the refusal names. */
  fields: Record<string, string>;
}

/**
 * A known shape of an API message and the text key that says it in the page's language. `params` turns the
 * captured groups into the key's placeholders; a value that is itself a text key (a status, a kind) is
 * translated, and a shape whose key would not resolve is not used.
 */
interface Shape {
  pattern: RegExp;
  key: string;
  /** A list (`SCHEDULED or APPROVED`) is said with the page's "or". */
  params?: (m: RegExpExecArray) => Record<string, string | string[]>;
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const rx = (source: string): RegExp => new RegExp(`^${source}$`);

/** Texts of a whole refusal (the error's own message). */
const MESSAGE_SHAPES: Shape[] = [
  {
    pattern: rx('A student cannot go from (\\w+) to (\\w+)'),
    key: 'apiError.m.transition',
    params: (m) => ({ from: `studentStatus.${m[1]}`, to: `studentStatus.${m[2]}` }),
  },
  {
    pattern: rx('(\\w+) is reached only by confirming a placement'),
    key: 'apiError.m.byPlacement',
    params: (m) => ({ to: `studentStatus.${m[1]}` }),
  },
  { pattern: rx('A student needs a major before enrolling'), key: 'apiError.m.needsMajor' },
  { pattern: rx('Major (\\S+) has no free seat; an admin may force it'), key: 'apiError.m.majorFull', params: (m) => ({ code: m[1] }) },
  { pattern: rx('This line is already paid'), key: 'apiError.m.alreadyPaid' },
  { pattern: rx('The file is larger than (\\d+) MiB'), key: 'apiError.m.fileTooLarge', params: (m) => ({ mib: m[1] }) },
  {
    pattern: rx('A (\\w+) line cannot be paid; it must be (\\w+(?: or \\w+)*)'),
    key: 'apiError.m.lineNotPayable',
    params: (m) => ({ status: `status.${m[1]}`, allowed: m[2].split(' or ').map((s) => `status.${s}`) }),
  },
  { pattern: rx('This fare is paid by the enterprise, not by the programme'), key: 'apiError.m.fareByEnterprise' },
  { pattern: rx('Students do not record payments'), key: 'apiError.FORBIDDEN' },
  {
    pattern: rx('Student \\d+ already has an open (\\w+) placement; decline it first'),
    key: 'apiError.m.openPlacement',
    params: (m) => ({ kind: `placement.${m[1]}` }),
  },
  {
    pattern: rx('A (\\w+) placement is for (\\w+) students; student \\d+ is (\\w+)'),
    key: 'apiError.m.placementStatus',
    params: (m) => ({ kind: `placement.${m[1]}`, wanted: `studentStatus.${m[2]}`, status: `studentStatus.${m[3]}` }),
  },
  { pattern: rx('Student \\d+ has no major, and quotas are offered per major'), key: 'apiError.m.noMajorForQuota' },
  {
    pattern: rx("A student's major can change only while [\\w, ]+; student \\d+ is (\\w+)"),
    key: 'apiError.m.majorChangeStatus',
    params: (m) => ({ status: `studentStatus.${m[1]}` }),
  },
  { pattern: /changed by another request meanwhile/, key: 'apiError.m.changedMeanwhile' },
  { pattern: rx('Programme code (\\S+) is taken'), key: 'apiError.m.programCodeTaken', params: (m) => ({ code: m[1] }) },
  { pattern: rx('An enterprise with credit code (\\S+) exists'), key: 'apiError.m.creditCodeTaken', params: (m) => ({ code: m[1] }) },
  { pattern: rx('Cohort \\d+ already has a major (\\S+)'), key: 'apiError.m.majorCodeTaken', params: (m) => ({ code: m[1] }) },
  {
    pattern: rx('Enterprise \\d+ already has a quota for major (\\S+) in cohort \\d+'),
    key: 'apiError.m.quotaTaken',
    params: (m) => ({ code: m[1] }),
  },
  {
    pattern: rx(`No approved programme line due by ${DATE} can be paid; (\\d+) without a bank account`),
    key: 'apiError.m.batchNothingSkipped',
    params: (m) => ({ date: m[1], count: m[2] }),
  },
  { pattern: rx(`No approved programme line due by ${DATE} can be paid`), key: 'apiError.m.batchNothing', params: (m) => ({ date: m[1] }) },
  { pattern: /^Lines changed while the batch was being made/, key: 'apiError.m.batchLinesChanged' },
  { pattern: /^The bank file of payment batch \d+ was never downloaded/, key: 'apiError.m.batchNotExported' },
  {
    pattern: /^This line is in payment batch (\d+), waiting for the bank's answer/,
    key: 'apiError.m.lineInBatch',
    params: (m) => ({ batch: m[1] }),
  },
  { pattern: /^Lines of payment batch \d+ changed while the file was applied/, key: 'apiError.m.returnLinesChanged' },
  {
    pattern: /^(\d+) problems? in the return file; nothing was applied$/,
    key: 'apiError.m.returnRejected',
    params: (m) => ({ count: m[1] }),
  },
];

/** Texts of one field's problem (a detail's message, the field's own name taken off its front). */
const FIELD_SHAPES: Shape[] = [
  {
    pattern: rx(`must not be before ${DATE}, when the (?:current status|student's status) (\\w+) took effect`),
    key: 'apiError.f.beforeStatusDate',
    params: (m) => ({ date: m[1], status: `studentStatus.${m[2]}` }),
  },
  {
    pattern: rx(
      `must not be before ${DATE}, a year before the student's first study year \\(the line is due ${DATE}, study year (\\d+)\\)`,
    ),
    key: 'apiError.f.paidTooEarly',
    params: (m) => ({ date: m[1], due: m[2], year: m[3] }),
  },
  { pattern: new RegExp(`^must not be in the future \\(after ${DATE}`), key: 'apiError.f.afterToday', params: (m) => ({ date: m[1] }) },
  {
    pattern: new RegExp(`^must not be after ${DATE}, today's business date`),
    key: 'apiError.f.afterToday',
    params: (m) => ({ date: m[1] }),
  },
  { pattern: rx(`must not be after today, ${DATE}`), key: 'apiError.f.afterToday', params: (m) => ({ date: m[1] }) },
  { pattern: rx(`must not be before the application date ${DATE}`), key: 'apiError.f.beforeApplication', params: (m) => ({ date: m[1] }) },
  { pattern: /^no (?:such (?:enterprise|programme|student)|enterprise \d+)$/, key: 'apiError.f.noSuch' },
  { pattern: /^(?:is not a major of this cohort|no major \S+ in cohort \d+)$/, key: 'apiError.f.notAMajor' },
  { pattern: /^not majors of cohort \d+: (.+)$/, key: 'apiError.f.notMajors', params: (m) => ({ codes: m[1] }) },
  { pattern: /^major (\S+) has no free seat$/, key: 'apiError.m.majorFullNoForce', params: (m) => ({ code: m[1] }) },
  { pattern: /^a student with this national ID is already in cohort \d+$/, key: 'apiError.f.nationalIdTaken' },
  { pattern: /^(?:is not a valid national ID: )?must be 17 digits followed by a digit or X$/, key: 'apiError.f.nationalIdShape' },
  { pattern: /^(?:is not a valid national ID: )?digits 7-14 are not a real birth date$/, key: 'apiError.f.nationalIdBirth' },
  { pattern: new RegExp(`^(?:is not a valid national ID: )?birth date ${DATE} is in the future$`), key: 'apiError.f.nationalIdBirth' },
  { pattern: /^(?:is not a valid national ID: )?check character does not match$/, key: 'apiError.f.checkCharacter' },
  { pattern: /^must be 18 characters$/, key: 'apiError.f.creditCodeLength' },
  { pattern: /^may contain only digits and the capital letters/, key: 'apiError.f.creditCodeAlphabet' },
  { pattern: /^should not be empty$|^is required(?: for role \w+)?$/, key: 'error.required' },
  { pattern: /^must be a date YYYY-MM-DD$|^must be a real calendar date$/, key: 'error.date' },
  { pattern: new RegExp(`^must be from ${DATE} to ${DATE}$`), key: 'apiError.f.dateRange', params: (m) => ({ from: m[1], to: m[2] }) },
  { pattern: /^must be an integer number$/, key: 'apiError.f.integer' },
  { pattern: /^must not be less than (-?\d+)$/, key: 'apiError.f.min', params: (m) => ({ n: m[1] }) },
  { pattern: /^must not be greater than (-?\d+)$/, key: 'apiError.f.max', params: (m) => ({ n: m[1] }) },
  { pattern: /^must be longer than or equal to (\d+) characters$/, key: 'apiError.f.minLength', params: (m) => ({ n: m[1] }) },
  { pattern: /^must be shorter than or equal to (\d+) characters$/, key: 'apiError.f.maxLength', params: (m) => ({ n: m[1] }) },
  { pattern: /^must be one of the following values/, key: 'apiError.f.oneOf' },
  { pattern: /^must not contain (?:control|bidirectional)|^must not be made only of invisible/, key: 'apiError.f.characters' },
  { pattern: /^must be (?:1 to \d+ letters, digits, underscores or hyphens)$/, key: 'apiError.f.code' },
  { pattern: /^must be 5 to 32 digits, spaces, hyphens, parentheses or \+$/, key: 'apiError.f.phone' },
  { pattern: /^must differ from the current one$/, key: 'apiError.f.samePassword' },
  { pattern: /^must be at most (\d+) characters$/, key: 'apiError.f.maxLength', params: (m) => ({ n: m[1] }) },
  {
    pattern: /^must have (\d+) to (\d+) digits \(has (\d+)\)$/,
    key: 'apiError.f.accountDigits',
    params: (m) => ({ min: m[1], max: m[2], count: m[3] }),
  },
  { pattern: /^must be digits only/, key: 'apiError.f.digitsOnly' },
  {
    pattern: /^must be the student's name \(([^)]*)\) or the guardian's \(([^)]*)\): banks transfer/,
    key: 'apiError.f.holderEither',
    params: (m) => ({ student: m[1], guardian: m[2] }),
  },
  {
    pattern: /^must be the student's name \(([^)]*)\): banks transfer/,
    key: 'apiError.f.holderStudent',
    params: (m) => ({ student: m[1] }),
  },
  { pattern: /^is wrong$/, key: 'apiError.f.wrong' },
];

const known = (key: string): boolean => translate('zh', key) !== key;

/** The shape's text with its facts, or null when no shape fits or a fact has no text (never a half-English line). */
function byShape(lang: Lang, shapes: Shape[], text: string): string | null {
  for (const shape of shapes) {
    const m = shape.pattern.exec(text);
    if (!m) continue;
    const raw = shape.params?.(m) ?? {};
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      const words = (Array.isArray(value) ? value : [value]).map((v) =>
        /^[a-zA-Z]+\.[A-Z_]+$/.test(v) ? (known(v) ? translate(lang, v) : null) : v,
      );
      if (words.includes(null)) return null;
      params[name] = words.join(translate(lang, 'apiError.or'));
    }
    return known(shape.key) ? translate(lang, shape.key, params) : null;
  }
  return null;
}

/**
 * One field's problem as a page shows it. Without a language (a form checked before the page knows it) the
 * answer is a dictionary key the templates translate: the shape's own key when it has no facts to fill, else
 * the general "not valid"; never the API's English.
 */
export function fieldProblem(lang: Lang | undefined, field: string, message: string): string {
  const problem = withoutFieldName(field, message);
  if (lang) return byShape(lang, FIELD_SHAPES, problem) ?? translate(lang, 'apiError.f.invalid');
  const shape = FIELD_SHAPES.find((s) => s.pattern.test(problem));
  return shape && !shape.params && known(shape.key) ? shape.key : 'apiError.f.invalid';
}

/** A detail's message without its field's name in front, as class-validator words them ("capacity must ..."). */
function withoutFieldName(field: string, message: string): string {
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  return message.startsWith(`${name} `) ? message.slice(name.length + 1) : message;
}

export function pageError(lang: Lang, error: DomainError): PageError {
  const code: ErrorCode = error.code;
  const fields: Record<string, string> = {};
  const parts: string[] = [];
  for (const detail of error.details ?? []) {
    const label = fieldLabel(lang, detail.field);
    const text = fieldProblem(lang, detail.field, detail.message);
    // One text per field: the first problem named, as the form shows one line under each field.
    if (fields[detail.field] === undefined) {
      fields[detail.field] = text;
      parts.push(translate(lang, 'apiError.fieldLine', { field: label, problem: text }));
    }
  }
  const sentence = (!parts.length && byShape(lang, MESSAGE_SHAPES, error.message)) || translate(lang, `apiError.${code}`);
  if (!parts.length) return { message: sentence, fields };
  return {
    message: translate(lang, 'apiError.withFields', { sentence, fields: parts.join(translate(lang, 'apiError.separator')) }),
    fields,
  };
}

export type FormRefusal = PageError & { status: number };

/** A refusal of the rule on when a payment was made names the form's day field (`paidOn`), not the API's instant. */
export function paidOnField(errors: Record<string, string>): Record<string, string> {
  const { paidAt, ...rest } = errors;
  return paidAt ? { ...rest, paidOn: paidAt } : rest;
}

/**
 * A service's refusal as the form shows it, next to what was typed, with the status to answer. An unknown or
 * foreign thing (NOT_FOUND) and a refused role (FORBIDDEN) have the error page instead; so has anything that
 * is not a DomainError: both are thrown on to the pages' exception filter.
 */
export function formRefusal(lang: Lang, error: unknown): FormRefusal {
  if (!(error instanceof DomainError) || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') throw error;
  return { status: ERROR_STATUS[error.code], ...pageError(lang, error) };
}

/** A field's name as a page labels it, by its full path or its last named part (`policy.winterFareFen`, `majorPreferences.1`). */
export function fieldLabel(lang: Lang, field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  for (const key of [`field.${field}`, `field.${last}`]) if (known(key)) return translate(lang, key);
  return translate(lang, 'field.unknown');
}
