import { FIELD_HEADERS, IMPORT_FIELDS, mapHeader } from './import-columns';

const REQUIRED_CHINESE = ['姓名', '身份证号', '手机号', '户籍省', '户籍县', '建档立卡', '成绩', '专业志愿'];

describe('mapHeader', () => {
  it('reads the Chinese headers counties use', () => {
    const header = [
      ...REQUIRED_CHINESE,
      '意向企业统一社会信用代码',
      '监护人姓名',
      '监护人电话',
      '报名日期',
      '状态',
      '状态日期',
      '专业',
      '开户行',
      '户名',
      '银行卡号',
    ];
    const mapping = mapHeader(header);
    expect(mapping.columns).toEqual([...IMPORT_FIELDS]);
    expect(mapping.errors).toEqual([]);
    expect(mapping.warnings).toEqual([]);
  });

  it('reads the API field names in any order and case, with stray spaces and a BOM', () => {
    const header = [
      '\uFEFFnationalId',
      ' FullName ',
      'phone',
      'homeprovince',
      'homeCounty',
      'povertyRegistered',
      'examScore',
      'majorPreferences',
    ];
    const mapping = mapHeader(header);
    expect(mapping.columns).toEqual([
      'nationalId',
      'fullName',
      'phone',
      'homeProvince',
      'homeCounty',
      'povertyRegistered',
      'examScore',
      'majorPreferences',
    ]);
    expect(mapping.labels[0]).toBe('nationalId');
    expect(mapping.errors).toEqual([]);
  });

  it('accepts full-width parentheses and the common variants of a header', () => {
    const mapping = mapHeader(['学生姓名', '身份证号码', '手机号码', '户籍省份', '户籍县（区）', '是否建档立卡', '中考成绩', '志愿专业']);
    expect(mapping.errors).toEqual([]);
  });

  it('names each missing required column once, in Chinese and English', () => {
    const mapping = mapHeader(['姓名', '手机号', '户籍省', '户籍县', '建档立卡', '成绩']);
    expect(mapping.errors).toEqual([
      { column: '身份证号 (nationalId)', message: 'required column is missing' },
      { column: '专业志愿 (majorPreferences)', message: 'required column is missing' },
    ]);
  });

  it('reports unknown columns as warnings and does not read them', () => {
    const mapping = mapHeader(['序号', ...REQUIRED_CHINESE, '备注']);
    expect(mapping.columns[0]).toBeNull();
    expect(mapping.columns[9]).toBeNull();
    expect(mapping.warnings).toEqual([
      { column: '序号', message: 'unknown column; its values were not read' },
      { column: '备注', message: 'unknown column; its values were not read' },
    ]);
  });

  it('refuses two columns for one field', () => {
    const mapping = mapHeader([...REQUIRED_CHINESE, 'nationalId']);
    expect(mapping.errors).toEqual([{ column: 'nationalId', message: 'is the same field as column "身份证号" (nationalId)' }]);
  });

  it('ignores blank header cells', () => {
    const mapping = mapHeader([...REQUIRED_CHINESE, '', ' ']);
    expect(mapping.columns.slice(-2)).toEqual([null, null]);
    expect(mapping.warnings).toEqual([]);
  });

  it('has a distinct header for every field', () => {
    const all = IMPORT_FIELDS.flatMap((f) => [f.toLowerCase(), FIELD_HEADERS[f].chinese, ...FIELD_HEADERS[f].aliases]);
    expect(new Set(all).size).toBe(all.length);
  });
});
