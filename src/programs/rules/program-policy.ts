// Defaults are the Yunnan–Guizhou Class terms: 5,000 CNY education fund and 5,000 CNY living allowance a
// year, each paid once, and a 1,500 CNY winter round trip home. Amounts are fen per study year.

export interface ProgramPolicy {
  educationFundFen: number;
  livingAllowanceFen: number;
  winterFareFen: number;
  educationFundInstallments: number;
  livingAllowanceInstallments: number;
}

export interface ProgramEligibility {
  /** Empty means any county. */
  homeCounties: string[];
  requirePovertyRegistration: boolean;
}

export const DEFAULT_PROGRAM_POLICY: Readonly<ProgramPolicy> = {
  educationFundFen: 500000,
  livingAllowanceFen: 500000,
  winterFareFen: 150000,
  educationFundInstallments: 1,
  livingAllowanceInstallments: 1,
};

export const DEFAULT_STUDY_YEARS = 3;

/** Each field left out (or the whole policy) takes its default. */
export function withPolicyDefaults(given: Partial<ProgramPolicy> = {}): ProgramPolicy {
  return {
    educationFundFen: given.educationFundFen ?? DEFAULT_PROGRAM_POLICY.educationFundFen,
    livingAllowanceFen: given.livingAllowanceFen ?? DEFAULT_PROGRAM_POLICY.livingAllowanceFen,
    winterFareFen: given.winterFareFen ?? DEFAULT_PROGRAM_POLICY.winterFareFen,
    educationFundInstallments: given.educationFundInstallments ?? DEFAULT_PROGRAM_POLICY.educationFundInstallments,
    livingAllowanceInstallments: given.livingAllowanceInstallments ?? DEFAULT_PROGRAM_POLICY.livingAllowanceInstallments,
  };
}

/** Targeted classes exist for registered poor households, so poverty registration is required unless a programme says otherwise. */
export function withEligibilityDefaults(given: Partial<ProgramEligibility> = {}): ProgramEligibility {
  return {
    homeCounties: [...new Set((given.homeCounties ?? []).map((county) => county.trim()))],
    requirePovertyRegistration: given.requirePovertyRegistration ?? true,
  };
}
