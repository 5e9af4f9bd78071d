import { accountSheetDocument, accountSheetReference, accountSheetRow, CHANGE_PASSWORD_NOTICE, IssuedAccount } from './account-sheet';

const account: IssuedAccount = { studentId: 12, fullName: '张小燕', username: 'stu12', oneTimePassword: 'abcdefhjkmnp' };
const input = {
  cohortId: 3,
  cohortName: '2019级云贵班',
  issuedOn: '2019-09-02',
  signInUrl: 'https://tec.example.edu.cn',
  accounts: [account, { ...account, studentId: 13, fullName: '李明', username: 'stu13', oneTimePassword: 'qrtwxy347834' }],
};

describe('account sheet', () => {
  it('lists each account with its name, username and one-time password, and tells the student to change it', () => {
    const { blocks } = accountSheetDocument(input);
    const table = blocks.find((b) => b.type === 'table');
    expect(table).toEqual({
      type: 'table',
      header: [
        { text: '姓名', en: 'Name' },
        { text: '用户名', en: 'Username' },
        { text: '一次性密码', en: 'One-time password' },
      ],
      rows: [
        ['张小燕', 'stu12', 'abcdefhjkmnp'],
        ['李明', 'stu13', 'qrtwxy347834'],
      ],
    });
    expect(blocks).toContainEqual(expect.objectContaining({ type: 'paragraph', text: CHANGE_PASSWORD_NOTICE }));
    expect(JSON.stringify(blocks)).toContain('2019级云贵班（3）');
  });

  it('lists id, name, username and one-time password', () => {
    expect(accountSheetRow(account)).toEqual(['12', '张小燕', 'stu12', 'abcdefhjkmnp']);
  });

  it('names the sheet by cohort and date', () => {
    expect(accountSheetReference(input)).toBe('cohort-3-accounts-2019-09-02');
  });
});
