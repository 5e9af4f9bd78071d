import { evaluateEligibility } from './eligibility';

const yunGuiClass = { homeCounties: ['织金县'], requirePovertyRegistration: true };

describe('evaluateEligibility', () => {
  it('finds a registered applicant from a programme county eligible', () => {
    expect(evaluateEligibility({ homeCounty: '织金县', povertyRegistered: true }, yunGuiClass)).toEqual({ eligible: true, reasons: [] });
  });

  it('names the county and the programme counties when the county is not one of them', () => {
    expect(evaluateEligibility({ homeCounty: '昭阳区', povertyRegistered: true }, yunGuiClass)).toEqual({
      eligible: false,
      reasons: ["home county 昭阳区 is not one of the programme's counties (织金县)"],
    });
  });

  it('lists every programme county in the reason', () => {
    const rules = { homeCounties: ['织金县', '昭阳区'], requirePovertyRegistration: false };
    expect(evaluateEligibility({ homeCounty: '长兴县', povertyRegistered: true }, rules).reasons).toEqual([
      "home county 长兴县 is not one of the programme's counties (织金县, 昭阳区)",
    ]);
  });

  it('accepts any county when the programme names none', () => {
    expect(
      evaluateEligibility({ homeCounty: '长兴县', povertyRegistered: true }, { homeCounties: [], requirePovertyRegistration: true })
        .eligible,
    ).toBe(true);
  });

  it('refuses an unregistered applicant when the programme requires registration', () => {
    expect(evaluateEligibility({ homeCounty: '织金县', povertyRegistered: false }, yunGuiClass)).toEqual({
      eligible: false,
      reasons: ['not registered as a poverty-alleviation household (建档立卡) but the programme requires it'],
    });
  });

  it('accepts an unregistered applicant when the programme does not require registration', () => {
    const rules = { homeCounties: ['织金县'], requirePovertyRegistration: false };
    expect(evaluateEligibility({ homeCounty: '织金县', povertyRegistered: false }, rules).eligible).toBe(true);
  });

  it('gives every reason when several rules fail, county first', () => {
    expect(evaluateEligibility({ homeCounty: '昭阳区', povertyRegistered: false }, yunGuiClass).reasons).toHaveLength(2);
  });

  it('compares counties exactly, so a different county with a similar name does not pass', () => {
    expect(evaluateEligibility({ homeCounty: '织金', povertyRegistered: true }, yunGuiClass).eligible).toBe(false);
  });
});
