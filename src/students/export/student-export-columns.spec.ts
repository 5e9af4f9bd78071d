import { StudentEntity } from '../student.entity';
import { STUDENT_EXPORT_HEADERS, toStudentExportRow } from './student-export-columns';

const student = (overrides: Partial<StudentEntity> = {}): StudentEntity => ({
  id: 7,
  cohortId: 1,
  fullName: '张小燕',
  nationalId: '52052420040315002X',
  gender: 'FEMALE',
  birthDate: '2004-03-15',
  phone: '13800001234',
  homeProvince: '贵州省',
  homeCounty: '织金县',
  povertyRegistered: true,
  examScore: 420.5,
  majorPreferences: ['M01', 'M02'],
  intendedEnterpriseId: 3,
  guardianName: '张大山',
  guardianPhone: '13900000001',
  applicationDate: '2019-04-10',
  majorCode: 'M01',
  status: 'ADMITTED',
  statusReason: null,
  statusEffectiveDate: '2019-07-01',
  eligible: true,
  ineligibleReasons: [],
  createdAt: '2019-06-01T00:00:00.000Z',
  updatedAt: '2019-06-01T00:00:00.000Z',
  ...overrides,
});

describe('student export columns', () => {
  it('has the Chinese headers in the agreed order', () => {
    expect(STUDENT_EXPORT_HEADERS).toEqual([
      '学生编号',
      '姓名',
      '身份证号',
      '性别',
      '出生日期',
      '手机号',
      '户籍省',
      '户籍县',
      '建档立卡',
      '成绩',
      '专业志愿',
      '录取专业',
      '状态',
      '意向企业编号',
      '监护人姓名',
      '监护人电话',
      '是否符合条件',
      '不符合原因',
    ]);
  });

  it('writes a student with a masked ID, Chinese yes/no and the status code with its name', () => {
    expect(toStudentExportRow(student())).toEqual([
      7,
      '张小燕',
      '520524********002X',
      '女',
      '2004-03-15',
      '13800001234',
      '贵州省',
      '织金县',
      '是',
      420.5,
      'M01;M02',
      'M01',
      'ADMITTED 已录取',
      3,
      '张大山',
      '13900000001',
      '是',
      '',
    ]);
  });

  it('leaves absent values empty and joins the ineligibility reasons with a Chinese semicolon', () => {
    const row = toStudentExportRow(
      student({
        gender: 'MALE',
        povertyRegistered: false,
        majorCode: null,
        intendedEnterpriseId: null,
        guardianName: null,
        guardianPhone: null,
        status: 'APPLIED',
        eligible: false,
        ineligibleReasons: ['原因一', '原因二'],
      }),
    );
    expect(row[3]).toBe('男');
    expect(row[8]).toBe('否');
    expect(row.slice(11)).toEqual(['', 'APPLIED 已报名', '', '', '', '否', '原因一；原因二']);
  });

  it('never writes the full national ID', () => {
    expect(toStudentExportRow(student()).join('|')).not.toContain('52052420040315002X');
  });

  it('keeps text as stored (the CSV writer neutralises it, XLSX stores it as text) and numbers as numbers', () => {
    const row = toStudentExportRow(student({ fullName: '=HYPERLINK("x")', phone: '+86 138 0000 1234', guardianName: '@cmd' }));
    expect(row[1]).toBe('=HYPERLINK("x")');
    expect(row[5]).toBe('+86 138 0000 1234');
    expect(row[14]).toBe('@cmd');
    expect(typeof row[0]).toBe('number');
    expect(typeof row[9]).toBe('number');
  });
});
