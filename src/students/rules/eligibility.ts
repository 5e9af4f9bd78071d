// A programme recruits from the western counties it is paired with and, for poverty-alleviation classes,
// only from households registered in the national poverty register (建档立卡). Failing a rule does not
// block intake: staff see the reasons and decide.

export interface Applicant {
  homeCounty: string;
  povertyRegistered: boolean;
}

export interface EligibilityRules {
  /** Empty means any county. */
  homeCounties: readonly string[];
  requirePovertyRegistration: boolean;
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
}

export function evaluateEligibility(applicant: Applicant, rules: EligibilityRules): Eligibility {
  const reasons: string[] = [];
  if (rules.homeCounties.length && !rules.homeCounties.includes(applicant.homeCounty)) {
    reasons.push(`home county ${applicant.homeCounty} is not one of the programme's counties (${rules.homeCounties.join(', ')})`);
  }
  if (rules.requirePovertyRegistration && !applicant.povertyRegistered) {
    reasons.push('not registered as a poverty-alleviation household (建档立卡) but the programme requires it');
  }
  return { eligible: reasons.length === 0, reasons };
}
