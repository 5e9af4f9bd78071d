import { DEFAULT_PROGRAM_POLICY, withEligibilityDefaults, withPolicyDefaults } from './program-policy';

describe('withPolicyDefaults', () => {
  it('gives the Yunnan–Guizhou Class terms when no policy is given', () => {
    expect(withPolicyDefaults()).toEqual({
      educationFundFen: 500000,
      livingAllowanceFen: 500000,
      winterFareFen: 150000,
      educationFundInstallments: 1,
      livingAllowanceInstallments: 1,
    });
  });

  it('fills only the fields left out', () => {
    expect(withPolicyDefaults({ livingAllowanceFen: 300000, livingAllowanceInstallments: 10 })).toEqual({
      ...DEFAULT_PROGRAM_POLICY,
      livingAllowanceFen: 300000,
      livingAllowanceInstallments: 10,
    });
  });

  it('keeps a zero amount instead of replacing it with the default', () => {
    expect(withPolicyDefaults({ winterFareFen: 0 }).winterFareFen).toBe(0);
  });
});

describe('withEligibilityDefaults', () => {
  it('admits any county and requires poverty registration by default', () => {
    expect(withEligibilityDefaults()).toEqual({ homeCounties: [], requirePovertyRegistration: true });
  });

  it('keeps an explicit false and lists each county once, trimmed', () => {
    expect(withEligibilityDefaults({ homeCounties: ['织金县', ' 织金县 ', '昭阳区'], requirePovertyRegistration: false })).toEqual({
      homeCounties: ['织金县', '昭阳区'],
      requirePovertyRegistration: false,
    });
  });
});
