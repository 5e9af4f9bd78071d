import { canSeeEnterprise, enterpriseScope } from './enterprise-scope';

const staff = { role: 'staff' as const, enterpriseId: null };
const admin = { role: 'admin' as const, enterpriseId: null };
const enterprise7 = { role: 'enterprise' as const, enterpriseId: 7 };
const student = { role: 'student' as const, enterpriseId: null };

describe('canSeeEnterprise', () => {
  it('lets admin and staff see any enterprise', () => {
    expect(canSeeEnterprise(admin, 3)).toBe(true);
    expect(canSeeEnterprise(staff, 3)).toBe(true);
  });

  it('lets an enterprise account see only its own enterprise', () => {
    expect(canSeeEnterprise(enterprise7, 7)).toBe(true);
    expect(canSeeEnterprise(enterprise7, 8)).toBe(false);
  });

  it('never lets a student see an enterprise', () => {
    expect(canSeeEnterprise(student, 7)).toBe(false);
  });
});

describe('enterpriseScope', () => {
  it('gives staff every enterprise, or the one they ask for', () => {
    expect(enterpriseScope(staff)).toBe('ANY');
    expect(enterpriseScope(admin, 4)).toBe(4);
  });

  it('narrows an enterprise account to its own rows', () => {
    expect(enterpriseScope(enterprise7)).toBe(7);
    expect(enterpriseScope(enterprise7, 7)).toBe(7);
  });

  it('answers nothing when an enterprise asks for another enterprise or is bound to none', () => {
    expect(enterpriseScope(enterprise7, 8)).toBe('NONE');
    expect(enterpriseScope({ role: 'enterprise', enterpriseId: null })).toBe('NONE');
    expect(enterpriseScope(student)).toBe('NONE');
  });
});
