import { checkBankAccount } from '../bank-accounts/rules/bank-account';
import { checkCreditCode } from '../enterprises/rules/credit-code';
import { parseNationalId } from '../students/rules/national-id';
import { DEMO_APPLICANT_COUNT, DEMO_ENTERPRISES, DEMO_MAJORS, demoApplicants, demoCreditCode } from './demo-data';

describe('demo data', () => {
  const applicants = demoApplicants();

  it('has the 146 applicants of the 2019 class, each with a valid and distinct ID', () => {
    expect(applicants).toHaveLength(DEMO_APPLICANT_COUNT);
    expect(applicants.every((a) => parseNationalId(a.nationalId).valid)).toBe(true);
    expect(new Set(applicants.map((a) => a.nationalId)).size).toBe(DEMO_APPLICANT_COUNT);
  });

  it('comes from Zhijin (Guizhou) and Zhaotong (Yunnan)', () => {
    expect(new Set(applicants.map((a) => a.homeProvince))).toEqual(new Set(['贵州省', '云南省']));
    expect(applicants.filter((a) => a.homeCounty === '织金县').length).toBeGreaterThan(DEMO_APPLICANT_COUNT / 2);
  });

  it("gives most applicants a bank account the one rule accepts, in their or their guardian's name", () => {
    const withAccount = applicants.filter((a) => a.bankAccount !== null);
    expect(withAccount.length).toBeGreaterThan(DEMO_APPLICANT_COUNT * 0.8);
    expect(withAccount.length).toBeLessThan(DEMO_APPLICANT_COUNT);
    for (const a of withAccount) expect(checkBankAccount(a.bankAccount!, a)).toMatchObject({ ok: true });
    expect(new Set(withAccount.map((a) => a.bankAccount!.accountNumber)).size).toBe(withAccount.length);
  });

  it('is the same every time', () => {
    expect(demoApplicants()).toEqual(applicants);
  });

  it('gives the enterprises valid credit codes and enough major seats for the class', () => {
    DEMO_ENTERPRISES.forEach((_, i) => expect(checkCreditCode(demoCreditCode(i + 1))).toEqual({ valid: true }));
    expect(DEMO_MAJORS.reduce((sum, m) => sum + m.capacity, 0)).toBeGreaterThanOrEqual(DEMO_APPLICANT_COUNT);
  });
});
