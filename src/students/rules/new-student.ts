// The one check of a new student, for a single intake and for every row of an import alike (a single
// intake is a batch of one): what the applicant's fields mean against the cohort, today and the records
// already there. Taking over a class under way, a row may say the student is already ADMITTED or ENROLLED
// since a given date; the record starts as APPLIED and the lifecycle then makes those moves as it would
// one by one.
import { BankAccountField, BankAccountInput, CheckedBankAccount, checkBankAccount } from '../../bank-accounts/rules/bank-account';
import type { StudentEntity } from '../student.entity';
import { evaluateEligibility, EligibilityRules } from './eligibility';
import { parseNationalId } from './national-id';
import type { StudentStatus } from './student-status';

/** Where a student may stand when their record is first entered. */
export const INTAKE_STATUSES = ['APPLIED', 'ADMITTED', 'ENROLLED'] as const satisfies readonly StudentStatus[];
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export interface NewApplicant {
  fullName: string;
  /** As typed; a lower-case x is read as X. */
  nationalId: string;
  phone: string;
  homeProvince: string;
  homeCounty: string;
  povertyRegistered: boolean;
  examScore: number;
  majorPreferences: string[];
  intendedEnterpriseId: number | null;
  guardianName: string | null;
  guardianPhone: string | null;
  /** YYYY-MM-DD; today when null. */
  applicationDate: string | null;
  /** APPLIED for a new applicant; ADMITTED or ENROLLED for a student taken over in that status. */
  status: IntakeStatus;
  /** YYYY-MM-DD the status took effect: the application date for APPLIED, required otherwise. */
  statusDate: string | null;
  /** The major held: required for ENROLLED, optional for ADMITTED, none for APPLIED. */
  majorCode: string | null;
  /** The account stipends go to, held by the applicant or the guardian; none when not given yet. */
  bankAccount: BankAccountInput | null;
}

export interface CohortFacts {
  cohortId: number;
  /** Today's business date, YYYY-MM-DD. */
  today: string;
  /** ISO-8601 instant, the record's createdAt and updatedAt. */
  now: string;
  eligibility: EligibilityRules;
  /** Free seats in each major of the cohort, counted down by the caller for every accepted row that takes one. */
  seatsLeft: ReadonlyMap<string, number>;
  /** National IDs already in the cohort. */
  takenNationalIds: ReadonlySet<string>;
  /** The applicants' intended enterprises that exist. */
  knownEnterpriseIds: ReadonlySet<number>;
}

export type NewStudentField =
  | 'nationalId'
  | 'majorPreferences'
  | 'intendedEnterpriseId'
  | 'applicationDate'
  | 'status'
  | 'statusDate'
  | 'majorCode'
  | `bankAccount.${BankAccountField}`;

export interface NewStudentProblem {
  field: NewStudentField;
  message: string;
  /** The ID is already in the cohort: a conflict rather than a mistake in the row. */
  duplicate?: true;
}

/** The row as inserted: always APPLIED on its application date, without a major. */
export type NewStudentRecord = Omit<StudentEntity, 'id'>;

/** The moves to make once the record exists, for a student taken over as ADMITTED or ENROLLED. */
export interface Takeover {
  status: Exclude<IntakeStatus, 'APPLIED'>;
  /** YYYY-MM-DD */
  date: string;
  majorCode: string | null;
}

export type NewStudentCheck =
  | { ok: true; record: NewStudentRecord; takeover: Takeover | null; bankAccount: CheckedBankAccount | null }
  | { ok: false; problems: NewStudentProblem[] };

/** Every problem of the applicant is reported, not just the first. Ineligibility is no problem: it is recorded. */
export function checkNewStudent(applicant: NewApplicant, facts: CohortFacts): NewStudentCheck {
  const problems: NewStudentProblem[] = [];
  const fail = (field: NewStudentField, message: string): void => {
    problems.push({ field, message });
  };

  const id = parseNationalId(applicant.nationalId, { today: facts.today });
  if (!id.valid) fail('nationalId', `is not a valid national ID: ${id.reason}`);
  else if (facts.takenNationalIds.has(id.facts.nationalId)) {
    problems.push({
      field: 'nationalId',
      message: `a student with this national ID is already in cohort ${facts.cohortId}`,
      duplicate: true,
    });
  }
  const unknown = applicant.majorPreferences.filter((code) => !facts.seatsLeft.has(code));
  if (unknown.length) fail('majorPreferences', `not majors of cohort ${facts.cohortId}: ${unknown.join(', ')}`);
  const enterpriseId = applicant.intendedEnterpriseId;
  if (enterpriseId !== null && !facts.knownEnterpriseIds.has(enterpriseId)) fail('intendedEnterpriseId', `no enterprise ${enterpriseId}`);

  const applicationDate = applicant.applicationDate ?? facts.today;
  if (applicationDate > facts.today) fail('applicationDate', `must not be after today, ${facts.today}`);
  const takeover = checkTakeover(applicant, applicationDate, facts, fail);
  const account = applicant.bankAccount && checkBankAccount(applicant.bankAccount, applicant);
  if (account && !account.ok) for (const { field, message } of account.problems) fail(`bankAccount.${field}`, message);

  if (problems.length || !id.valid) return { ok: false, problems };
  const eligibility = evaluateEligibility(applicant, facts.eligibility);
  return {
    ok: true,
    record: {
      cohortId: facts.cohortId,
      fullName: applicant.fullName,
      nationalId: id.facts.nationalId,
      gender: id.facts.gender,
      birthDate: id.facts.birthDate,
      phone: applicant.phone,
      homeProvince: applicant.homeProvince,
      homeCounty: applicant.homeCounty,
      povertyRegistered: applicant.povertyRegistered,
      examScore: applicant.examScore,
      majorPreferences: applicant.majorPreferences,
      intendedEnterpriseId: enterpriseId,
      guardianName: applicant.guardianName,
      guardianPhone: applicant.guardianPhone,
      applicationDate,
      majorCode: null,
      status: 'APPLIED',
      statusReason: null,
      statusEffectiveDate: applicationDate,
      eligible: eligibility.eligible,
      ineligibleReasons: eligibility.reasons,
      createdAt: facts.now,
      updatedAt: facts.now,
    },
    takeover,
    bankAccount: account && account.ok ? account.account : null,
  };
}

/** A student's standing when taken over: a status date within the record's life so far and a seat in a major. */
function checkTakeover(
  applicant: NewApplicant,
  applicationDate: string,
  facts: CohortFacts,
  fail: (field: NewStudentField, message: string) => void,
): Takeover | null {
  const { status, statusDate, majorCode } = applicant;
  if (status === 'APPLIED') {
    if (statusDate !== null && statusDate !== applicationDate) {
      fail('statusDate', `must be empty or the application date ${applicationDate} for APPLIED: applying is that status`);
    }
    if (majorCode !== null) fail('majorCode', 'must be empty for APPLIED: only an ADMITTED or ENROLLED student holds a major');
    return null;
  }
  if (statusDate === null) fail('statusDate', `is required for ${status}: the day the student became ${status}`);
  else if (statusDate < applicationDate) fail('statusDate', `must not be before the application date ${applicationDate}`);
  else if (statusDate > facts.today) fail('statusDate', `must not be after today, ${facts.today}`);
  if (majorCode === null) {
    if (status === 'ENROLLED') fail('majorCode', 'is required for ENROLLED: a student needs a major before enrolling');
  } else if (!facts.seatsLeft.has(majorCode)) {
    fail('majorCode', `no major ${majorCode} in cohort ${facts.cohortId}`);
  } else if (facts.seatsLeft.get(majorCode)! <= 0) {
    fail('majorCode', `major ${majorCode} has no free seat`);
  }
  return statusDate === null ? null : { status, date: statusDate, majorCode };
}
