import { chineseDate, maskName } from './chinese-text';

describe('chineseDate', () => {
  it.each([
    ['2019-09-01', '2019年9月1日'],
    ['2022-12-31', '2022年12月31日'],
    ['2020-01-10T00:00:00.000Z', '2020年1月10日'],
  ])('writes %s as %s', (iso, text) => expect(chineseDate(iso)).toBe(text));

  it('refuses what is not a date', () => expect(() => chineseDate('1/9/2019')).toThrow(RangeError));
});

describe('maskName', () => {
  it.each([
    ['张小燕', '张*燕'],
    ['王芳', '王*'],
    ['欧阳晓明', '欧**明'],
    ['李', '*'],
    ['', '*'],
  ])('masks %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));
});
