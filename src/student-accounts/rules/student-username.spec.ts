import * as fc from 'fast-check';
import { studentUsername } from './student-username';

describe('studentUsername', () => {
  it('is stu and the student id, then a numbered variant when that name is taken', () => {
    expect(studentUsername(1024)).toBe('stu1024');
    expect(studentUsername(1024, 2)).toBe('stu1024-2');
  });

  it('gives different names to different students and attempts', () => {
    const pair = fc.tuple(fc.integer({ min: 1, max: 2147483647 }), fc.integer({ min: 1, max: 50 }));
    fc.assert(
      fc.property(pair, pair, ([a, i], [b, j]) => {
        fc.pre(a !== b || i !== j);
        expect(studentUsername(a, i)).not.toBe(studentUsername(b, j));
      }),
    );
  });

  it('is a valid username for POST /api/users (letters, digits, hyphen; 3 to 64 characters)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2147483647 }), fc.integer({ min: 1, max: 1000 }), (id, attempt) => {
        expect(studentUsername(id, attempt)).toMatch(/^[A-Za-z0-9._-]{3,64}$/);
      }),
    );
  });

  it('refuses ids and attempts that are not positive integers', () => {
    expect(() => studentUsername(0)).toThrow(RangeError);
    expect(() => studentUsername(1.5)).toThrow(RangeError);
    expect(() => studentUsername(7, 0)).toThrow(RangeError);
  });
});
