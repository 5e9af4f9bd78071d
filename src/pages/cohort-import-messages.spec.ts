import { importMessage, ineligibleReason } from './cohort-import-messages';
import { translate } from './i18n';

describe('importMessage', () => {
  // Messages as the import writes them (src/students/rules/*.ts, src/students/import/*.ts).
  const known: [string | null, string, string][] = [
    ['fullName', 'is required', '必填，未填写'],
    ['phone', 'must be 7 to 20 digits, spaces, + or -', '应为 7 至 20 位数字（可含空格、+、-）'],
    ['nationalId', 'is not a valid national ID: the check digit should be 5', '身份证号无效（位数、出生日期或校验位不对）'],
    ['examScore', 'must be from 0 to 1000', '应在 0 至 1000 之间'],
    ['majorPreferences', 'not majors of cohort 7: M09, M10', '本届没有这些专业：M09, M10'],
    ['nationalId', 'the same national ID as row 4', '与第 4 行身份证号相同'],
    ['nationalId', 'a student with this national ID is already in cohort 3', '本届已有此身份证号的学生'],
    ['备注', 'unknown column; its values were not read', '未知的列，未读取其内容'],
    ['applicationDate', 'must not be after today, 2019-06-30', '不能晚于今天（2019-06-30）'],
    [
      '银行卡号',
      'is stored as a number, which loses digits; format the column as text and enter the account number again',
      '银行卡号被存成了数字，末尾几位已丢失：请把该列设为“文本”格式后重新填写',
    ],
    [
      '户名',
      'is required when the row gives a bank account: 开户行, 户名 and 银行卡号 go together',
      '必填：开户行、户名、银行卡号三项要么都填，要么都不填',
    ],
    ['银行卡号', 'must have 12 to 30 digits (has 11)', '应为 12–30 位数字（现为 11 位）'],
    ['银行卡号', 'must be digits only (spaces between groups are allowed)', '只能填写数字，数字之间可以有空格'],
    [
      '户名',
      "must be the student's name (张小燕) or the guardian's (张大山): banks transfer only to an account in the payee's own name",
      '户名须为学生本人（张小燕）或监护人（张大山）的姓名',
    ],
    [
      '户名',
      "must be the student's name (张小燕): banks transfer only to an account in the payee's own name",
      '户名须为学生本人的姓名（张小燕）',
    ],
  ];
  it.each(known)('words %s "%s" in Chinese', (column, message, expected) => {
    expect(importMessage('zh', { column, message })).toBe(expected);
  });

  it('falls back to a sentence naming the column, or the whole file, never the English', () => {
    expect(importMessage('zh', { column: '成绩', message: 'something new went wrong' })).toBe('“成绩”列的内容有误，请检查');
    expect(importMessage('zh', { column: null, message: 'The CSV file is malformed: x' })).toBe(
      translate('zh', 'cohort.import.fileProblem'),
    );
  });

  it('words the eligibility reasons', () => {
    expect(ineligibleReason('zh', "home county 纳雍县 is not one of the programme's counties (织金县)")).toBe(
      '户籍县 纳雍县 不在项目招生县之内',
    );
    expect(ineligibleReason('zh', 'a reason of another shape')).toBe('不符合资助条件');
  });
});
