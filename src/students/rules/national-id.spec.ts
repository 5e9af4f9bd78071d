import fc from 'fast-check';
import { maskNationalId, nationalIdCheckCharacter, parseNationalId } from './national-id';

const withCheck = (first17: string): string => first17 + nationalIdCheckCharacter(first17);

const validId = fc
  .record({
    region: fc.stringMatching(/^\d{6}$/),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    sequence: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ region, birth, sequence }) => withCheck(`${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`));

describe('parseNationalId', () => {
  it('accepts the published example 11010519491231002X and reads its facts', () => {
    expect(parseNationalId('11010519491231002X')).toEqual({
      valid: true,
      facts: { nationalId: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'FEMALE' },
    });
  });

  it('accepts a lower-case x and stores it upper-cased', () => {
    const result = parseNationalId('11010519491231002x');
    expect(result.valid && result.facts.nationalId).toBe('11010519491231002X');
  });

  it('reads the gender from digit 17: odd is male, even is female', () => {
    const male = parseNationalId(withCheck('52052420040315013'));
    const female = parseNationalId(withCheck('52052420040315024'));
    expect(male.valid && male.facts.gender).toBe('MALE');
    expect(female.valid && female.facts.gender).toBe('FEMALE');
  });

  it('refuses 30 February even with a matching check character', () => {
    expect(parseNationalId(withCheck('52052419990230013'))).toEqual({ valid: false, reason: 'digits 7-14 are not a real birth date' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseNationalId(withCheck('52052420000229013')).valid).toBe(true);
    expect(parseNationalId(withCheck('52052419000229013')).valid).toBe(false);
    expect(parseNationalId(withCheck('52052420010229013')).valid).toBe(false);
  });

  it('refuses month 00 or 13 and day 00 or 32', () => {
    for (const date of ['20040015', '20041315', '20040300', '20040332']) {
      expect(parseNationalId(withCheck(`520524${date}013`)).valid).toBe(false);
    }
  });

  it('refuses birth years before 1900', () => {
    expect(parseNationalId(withCheck('52052418991231013')).valid).toBe(false);
    expect(parseNationalId(withCheck('52052419000101013')).valid).toBe(true);
  });

  it('refuses a birth date after today when today is given, and accepts one on today', () => {
    const id = withCheck('52052420300101013');
    expect(parseNationalId(id).valid).toBe(true);
    expect(parseNationalId(id, { today: '2025-06-01' })).toEqual({ valid: false, reason: 'birth date 2030-01-01 is in the future' });
    expect(parseNationalId(id, { today: '2030-01-01' }).valid).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(parseNationalId('110105194912310021')).toEqual({ valid: false, reason: 'check character does not match' });
  });

  it.each([
    ['too short', '11010519491231002'],
    ['too long', '11010519491231002X1'],
    ['X not last', '1101051949123100X2'],
    ['a letter other than X', '11010519491231002Y'],
    ['spaces', '110105 19491231002X'],
    ['empty', ''],
    ['full-width digits', '１１０１０５１９４９１２３１００２X'],
  ])('refuses %s', (_, input) => {
    expect(parseNationalId(input)).toEqual({ valid: false, reason: 'must be 17 digits followed by a digit or X' });
  });

  it('accepts any ID built from 17 digits with a real date and its check character', () => {
    fc.assert(fc.property(validId, (id) => parseNationalId(id).valid));
  });

  it('refuses any valid ID with one digit changed to another digit, whether the date stays real or not', () => {
    fc.assert(
      fc.property(validId, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 9 }), (id, position, shift) => {
        fc.pre(/\d/.test(id[position]));
        const changed = id.slice(0, position) + String((Number(id[position]) + shift) % 10) + id.slice(position + 1);
        return !parseNationalId(changed).valid;
      }),
    );
  });
});

describe('maskNationalId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskNationalId('11010519491231002X')).toBe('110105********002X');
  });

  it('masks anything too short to keep both ends entirely', () => {
    expect(maskNationalId('1234567890')).toBe('**********');
  });
});
