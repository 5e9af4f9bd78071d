import { AgreementFacts, notReadyReason, readyKinds } from './agreement-readiness';

const enrolled: AgreementFacts = { hasMajor: true, hasSchedule: true, hasOpenInternship: false, status: 'ENROLLED' };

describe('agreement readiness', () => {
  it('issues nothing before a major, saying so for every kind', () => {
    const facts = { ...enrolled, hasMajor: false };
    expect(readyKinds(facts)).toEqual([]);
    expect(notReadyReason('TRIPARTITE', facts)).toBe('has no major yet');
  });

  it('issues FUNDING only with a schedule, INTERNSHIP only with an open internship, a recommendation only to a graduate', () => {
    expect(readyKinds(enrolled)).toEqual(['TRIPARTITE', 'FUNDING']);
    expect(readyKinds({ ...enrolled, hasSchedule: false, hasOpenInternship: true })).toEqual(['TRIPARTITE', 'INTERNSHIP']);
    expect(readyKinds({ ...enrolled, status: 'GRADUATED' })).toEqual(['TRIPARTITE', 'FUNDING', 'EMPLOYMENT_RECOMMENDATION']);
    expect(notReadyReason('EMPLOYMENT_RECOMMENDATION', enrolled)).toBe('is ENROLLED, not GRADUATED');
    expect(notReadyReason('FUNDING', { ...enrolled, hasSchedule: false })).toBe('has no stipend schedule yet (it is created on enrolment)');
  });
});
