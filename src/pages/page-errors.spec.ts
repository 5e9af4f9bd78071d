import fc from 'fast-check';
import { DomainError, ERROR_STATUS, ErrorCode, invalidField } from '../common/errors/domain-error';
import { createValidationPipe } from '../common/validation/validation-pipe';
import { checkPayment } from '../disbursements/rules/line-status';
import { CreateEnterpriseDto } from '../enterprises/dto/create-enterprise.dto';
import { checkPlacement, checkStartDate, openPlacementRefusal } from '../placements/rules/placement-eligibility';
import { refusalError } from '../placements/placements.errors';
import { CreateMajorDto } from '../programs/dto/create-major.dto';
import { CreateProgramDto } from '../programs/dto/create-program.dto';
import { CreateQuotaDto } from '../enterprises/dto/create-quota.dto';
import { checkBankAccount } from '../bank-accounts/rules/bank-account';
import { checkTransition } from '../students/rules/student-status';
import { DICTIONARY, LANGS, translate } from './i18n';
import { fieldLabel, fieldProblem, formRefusal, pageError } from './page-errors';
import { validateForm } from './page-forms';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** A lower-case English word of three letters or more: what an untranslated API message is made of. */
const ENGLISH_WORD = /\b[a-z]{3,}\b/;

/** The detail of a body the API's own validation pipe refuses, as the API would answer it. */
async function refusedBody(dto: new () => object, body: object): Promise<DomainError> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: dto });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

const student = { id: 7, status: 'ADMITTED' as const, statusEffectiveDate: '2019-09-01', majorCode: null, hasOpenPlacement: false };
const refused = (check: { allowed: boolean; reason?: string }, code: ErrorCode = 'ILLEGAL_TRANSITION') =>
  new DomainError(code, check.allowed ? 'allowed' : check.reason!);

/** A bank account the one check refuses, as the API answers it (StudentBankAccountService). */
function refusedAccount(input: Parameters<typeof checkBankAccount>[0], guardianName: string | null): DomainError {
  const check = checkBankAccount(input, { fullName: '张小燕', guardianName });
  if (check.ok) throw new Error('the account was accepted');
  return new DomainError(
    'VALIDATION_FAILED',
    check.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    check.problems.map(({ field, message }) => ({ field, message })),
  );
}

/** Real refusals, made by the rules and services' own wording. */
async function realErrors(): Promise<DomainError[]> {
  const placement = (kind: 'INTERNSHIP' | 'EMPLOYMENT', s: object) => {
    const check = checkPlacement(kind, { ...student, ...s } as Parameters<typeof checkPlacement>[1], '2019-09-01');
    if (check.allowed) throw new Error('allowed');
    return refusalError(check.refusal);
  };
  const line = { payer: 'PROGRAM', payerEnterpriseId: null, kind: 'EDUCATION_FUND', status: 'SCHEDULED' } as Parameters<
    typeof checkPayment
  >[1];
  return [
    refused(checkTransition({ status: 'APPLIED', majorCode: null }, 'ENROLLED')),
    refused(checkTransition({ status: 'ENROLLED', majorCode: 'M01' }, 'EMPLOYED')),
    refused(checkTransition({ status: 'ADMITTED', majorCode: null }, 'ENROLLED')),
    invalidField('effectiveDate', 'must not be before 2019-09-01, when the current status ADMITTED took effect'),
    refusalError(checkStartDate({ status: 'ENROLLED', statusEffectiveDate: '2019-09-01' }, '2019-08-01')!),
    refusalError(openPlacementRefusal(7, 'INTERNSHIP')),
    placement('INTERNSHIP', { status: 'APPLIED' }),
    placement('INTERNSHIP', { status: 'ENROLLED' }),
    refused(checkPayment({ role: 'staff', enterpriseId: null }, line), 'ILLEGAL_TRANSITION'),
    refused(checkPayment({ role: 'staff', enterpriseId: null }, { ...line, status: 'PAID' }), 'ALREADY_PAID'),
    refused(checkPayment({ role: 'staff', enterpriseId: null }, { ...line, payer: 'ENTERPRISE' }), 'ILLEGAL_TRANSITION'),
    refused(
      checkPayment(
        { role: 'enterprise', enterpriseId: 3 },
        { ...line, payer: 'ENTERPRISE', payerEnterpriseId: 3, kind: 'WINTER_FARE', status: 'PAID' },
      ),
      'ALREADY_PAID',
    ),
    new DomainError('CAPACITY_FULL', 'Major M01 has no free seat; an admin may force it'),
    new DomainError('CONFLICT', `A student's major can change only while APPLIED, WAITLISTED, ADMITTED; student 7 is ENROLLED`),
    new DomainError('CONFLICT', 'Student 7 was changed by another request meanwhile; reload and try again'),
    new DomainError('DUPLICATE', 'Programme code TEC2019 is taken'),
    new DomainError('DUPLICATE', 'An enterprise with credit code 91330522MA28C0U11X exists'),
    new DomainError('DUPLICATE', 'Cohort 1 already has a major M01'),
    new DomainError('DUPLICATE', 'Enterprise 2 already has a quota for major M01 in cohort 1'),
    new DomainError('VALIDATION_FAILED', 'enterpriseId: no such enterprise; majorCode: is not a major of this cohort', [
      { field: 'enterpriseId', message: 'no such enterprise' },
      { field: 'majorCode', message: 'is not a major of this cohort' },
    ]),
    invalidField('programId', 'no such programme'),
    invalidField('paidAt', 'must not be in the future (after 2020-01-01, Asia/Shanghai)'),
    invalidField(
      'paidAt',
      "must not be before 2018-09-01, a year before the student's first study year (the line is due 2019-09-01, study year 1)",
    ),
    invalidField('nationalId', 'is not a valid national ID: check character does not match'),
    invalidField('nationalId', 'a student with this national ID is already in cohort 4'),
    invalidField('majorCode', 'no major M09 in cohort 1'),
    invalidField('statusDate', 'must not be before the application date 2019-06-01'),
    await refusedBody(CreateEnterpriseDto, { name: '长兴', creditCode: '91330522MA28C0U11', contactName: '王', contactPhone: 'abc' }),
    await refusedBody(CreateEnterpriseDto, { name: '长兴', creditCode: '91330522MA28C0U11I', contactName: '王', contactPhone: '0572-1' }),
    await refusedBody(CreateEnterpriseDto, { name: '长兴', creditCode: '913305220000000000', contactName: '王', contactPhone: '0572-1' }),
    await refusedBody(CreateMajorDto, { code: 'M 01', name: '', institution: 'x'.repeat(201), capacity: -1 }),
    await refusedBody(CreateQuotaDto, { enterpriseId: 'x', majorCode: 'M01', seats: 100001 }),
    await refusedBody(CreateProgramDto, {
      code: 'P1',
      name: '项目',
      funder: 'BANK',
      policy: { winterFareFen: 1.5, educationFundInstallments: 13 },
    }),
    await refusedBody(CreateProgramDto, { code: 'P1', name: '项目\n', funder: 'GOVERNMENT', eligibility: { homeCounties: ['  '] } }),
    refusedAccount({ bankName: '行'.repeat(101), accountName: '王五', accountNumber: '1234 5678 901' }, '张大山'),
    refusedAccount({ bankName: '', accountName: '', accountNumber: '6228-4800-1000-1230-001x' }, null),
    refusedAccount({ bankName: '农行', accountName: '王五', accountNumber: '1'.repeat(31) }, null),
    ...paymentBatchRefusals(line),
  ];
}

/** The payment batches' refusals (PaymentBatchesService, ReturnFileService) and a line held by a batch. */
function paymentBatchRefusals(line: Parameters<typeof checkPayment>[1]): DomainError[] {
  return [
    refused(checkPayment({ role: 'staff', enterpriseId: null }, { ...line, status: 'APPROVED', paymentBatchId: 12 }), 'CONFLICT'),
    new DomainError('CONFLICT', 'No approved programme line due by 2019-09-30 can be paid; 2 without a bank account'),
    new DomainError('CONFLICT', 'No approved programme line due by 2019-09-30 can be paid'),
    new DomainError('CONFLICT', 'Lines changed while the batch was being made; nothing was saved, try again'),
    new DomainError('ILLEGAL_TRANSITION', 'The bank file of payment batch 3 was never downloaded: the bank cannot have answered it'),
    new DomainError('CONFLICT', 'Lines of payment batch 3 changed while the file was applied; nothing was applied, send it again'),
    new DomainError('UNPROCESSABLE', '1 problem in the return file; nothing was applied'),
  ];
}

describe('pageError', () => {
  it('has a sentence in both languages for every error code', () => {
    const texts = DICTIONARY as Record<string, Record<string, string>>;
    for (const code of CODES)
      for (const lang of LANGS)
        expect({ code, lang, text: texts[`apiError.${code}`]?.[lang] ?? null }).toEqual({ code, lang, text: expect.any(String) });
  });

  it('never shows a real API message, nor an English word of it, on a Chinese page', async () => {
    for (const error of await realErrors()) {
      const shown = pageError('zh', error);
      const all = [shown.message, ...Object.values(shown.fields)];
      for (const text of all)
        expect({ api: error.message, shown: text, english: ENGLISH_WORD.exec(text)?.[0] ?? null }).toEqual({
          api: error.message,
          shown: text,
          english: null,
        });
      expect(shown.message).not.toContain(error.message);
      for (const detail of error.details ?? []) expect(shown.fields[detail.field]).toBeDefined();
    }
  });

  it('shows no id, nor a field by its API name, on an English page', async () => {
    for (const error of await realErrors()) {
      const shown = pageError('en', error);
      expect({
        api: error.message,
        shown: shown.message,
        id: /\b(student|cohort|enterprise) \d+/i.exec(shown.message)?.[0] ?? null,
      }).toEqual({
        api: error.message,
        shown: shown.message,
        id: null,
      });
      for (const detail of error.details ?? []) expect(shown.message).not.toContain(`${detail.field}:`);
    }
  });

  it('says the detailed refusals with their facts', () => {
    const date = invalidField('effectiveDate', 'must not be before 2019-09-01, when the current status ADMITTED took effect');
    expect(pageError('zh', date).fields.effectiveDate).toBe('不能早于 2019-09-01（当前状态「已录取」生效之日）');
    expect(pageError('zh', date).message).toBe('请检查填写的内容。生效日期：不能早于 2019-09-01（当前状态「已录取」生效之日）');
    expect(pageError('en', date).fields.effectiveDate).toBe(
      'must not be before 2019-09-01, when the current status “Admitted” took effect',
    );
    expect(pageError('zh', refused(checkTransition({ status: 'APPLIED', majorCode: null }, 'ENROLLED'))).message).toBe(
      '学生不能从「已报名」变为「在读」。',
    );
    const payable = new DomainError('ILLEGAL_TRANSITION', 'A SUSPENDED line cannot be paid; it must be SCHEDULED or APPROVED');
    expect(pageError('zh', payable).message).toBe('「暂停」的款项不能记录支付，须先为「待发放或已审批」。');
    expect(
      pageError(
        'zh',
        new DomainError('VALIDATION_FAILED', 'seats must not be greater than 100000', [
          { field: 'seats', message: 'seats must not be greater than 100000' },
        ]),
      ).fields,
    ).toEqual({ seats: '不能大于 100000' });
  });

  it('says a refused bank account with the names the holder may have and the digits counted', () => {
    const shown = pageError('zh', refusedAccount({ bankName: '农行', accountName: '王五', accountNumber: '1234 5678 901' }, '张大山'));
    expect(shown.fields).toEqual({
      accountNumber: '应为 12–30 位数字（现为 11 位）',
      accountName: '须为学生本人（张小燕）或监护人（张大山）的姓名：银行只向收款人本人名下的账户转账',
    });
    expect(shown.message).toContain('户名：须为学生本人（张小燕）或监护人（张大山）的姓名');
    expect(pageError('en', refusedAccount({ bankName: '农行', accountName: '王五', accountNumber: '12ab' }, null)).fields).toEqual({
      accountNumber: 'may hold only digits, with spaces between groups',
      accountName: "must be the student's name (张小燕): banks transfer only to an account in the payee's own name",
    });
  });

  it('says the payment batch refusals with their facts, the batch by its number', () => {
    const line = { payer: 'PROGRAM', payerEnterpriseId: null, kind: 'EDUCATION_FUND', status: 'SCHEDULED' } as Parameters<
      typeof checkPayment
    >[1];
    expect(paymentBatchRefusals(line).map((error) => pageError('zh', error).message)).toEqual([
      '该款项在第 12 批代发中，正在等待银行回单：到账与否由该批次的银行回单记录，不能单独记录支付。',
      '截至 2019-09-30 到期的已审批项目款项中没有可代发的；另有 2 笔因学生没有银行账户不能代发。',
      '截至 2019-09-30 到期的已审批项目款项中没有可代发的：它们已在其他代发批次中、已发放，或尚未审批。',
      '生成批次时有款项被其他操作修改，未保存任何内容，请重试。',
      '该批次的银行代发文件还没有下载过，银行不可能已有回单：请先下载银行代发文件交银行处理。',
      '入账时该批次的款项被其他操作修改，未作任何入账，请重新上传回单。',
      '银行回单有 1 处问题，未作任何入账。',
    ]);
  });

  it('falls back to the code sentence and the field label, never to the English text', () => {
    const odd = new DomainError('CONFLICT', 'Something nobody has worded yet', [{ field: 'policy.winterFareFen', message: 'is odd' }]);
    expect(pageError('zh', odd)).toEqual({
      message: '与当前数据冲突，请刷新页面后再试。寒假路费（每年）：填写有误',
      fields: { 'policy.winterFareFen': '填写有误' },
    });
    // A status the dictionary does not know is not half-translated: the shape is dropped.
    expect(pageError('zh', new DomainError('ILLEGAL_TRANSITION', 'A student cannot go from LIMBO to ENROLLED')).message).toBe(
      '当前状态不允许此操作。',
    );
  });

  it('answers the code sentence for any message it does not know', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.stringMatching(/^[a-z]{3,12}( [a-z]{3,12}){0,6}$/), (code, message) => {
        const shown = pageError('zh', new DomainError(code, message));
        return shown.message === translate('zh', `apiError.${code}`) && !shown.message.includes(message);
      }),
    );
  });

  it('labels a field by its path, its last named part, or as "a field"', () => {
    expect(fieldLabel('zh', 'creditCode')).toBe('统一社会信用代码');
    expect(fieldLabel('en', 'policy.educationFundFen')).toBe('Education fund a year');
    expect(fieldLabel('zh', 'majorPreferences.1')).toBe('专业志愿');
    expect(fieldLabel('zh', 'nothingLikeThis')).toBe('某一项');
  });

  it('checks a form in the page language, and without one answers only dictionary keys, never the API English', async () => {
    const body = { name: '长兴', creditCode: '91330522MA28C0U11I', contactName: '王', contactPhone: 'abc' };
    expect((await validateForm(CreateEnterpriseDto, body, 'zh')).errors).toEqual({
      creditCode: '只能包含数字和大写字母（不含 I、O、Z、S、V）',
      contactPhone: '应为 5–32 位数字，可含空格、连字符、括号或 +',
    });
    expect((await validateForm(CreateMajorDto, { code: 'M1', name: '数控', institution: '学校', capacity: 100001 })).errors).toEqual({
      capacity: 'apiError.f.invalid',
    });
    expect(fieldProblem(undefined, 'creditCode', 'creditCode check character does not match')).toBe('apiError.f.checkCharacter');
    fc.assert(
      fc.property(fc.string(), (message) => {
        const key = fieldProblem(undefined, 'name', message);
        return key in DICTIONARY;
      }),
    );
  });

  it('shows every refusal next to the form with its status, but a missing thing, a refused role and a crash go to the error page', () => {
    for (const code of CODES) {
      const error = new DomainError(code, 'An English message of the API');
      if (code === 'NOT_FOUND' || code === 'FORBIDDEN') {
        expect(() => formRefusal('zh', error)).toThrow(error);
        continue;
      }
      const shown = formRefusal('zh', error);
      expect(shown.status).toBe(ERROR_STATUS[code]);
      expect(shown.message).toBe(pageError('zh', error).message);
      expect(shown.message).not.toMatch(ENGLISH_WORD);
    }
    const crash = new TypeError('x is undefined');
    expect(() => formRefusal('zh', crash)).toThrow(crash);
  });
});
