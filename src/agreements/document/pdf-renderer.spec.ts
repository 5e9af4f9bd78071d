import { pdfPages, squeeze } from '../../../test/utils/pdf-text';
import { unbreakable } from '../rules/chinese-text';
import { Block, chineseOnly } from './document-model';
import { agreementFonts } from './fonts';
import { renderPdf } from './pdf-renderer';

const options = {
  title: '定向培养三方协议',
  createdAt: new Date('2019-09-01T08:00:00.000Z'),
  verificationCode: 'K7QM-2XPD-9RTA',
  verificationUrl: 'https://tec.example.edu.cn/api/agreements/verify/K7QM2XPD9RTA',
};
/** A Chinese copy, as the templates make it unless bilingual is asked for. */
const render = async (blocks: Block[], bilingual = false) =>
  renderPdf(bilingual ? { blocks } : chineseOnly({ blocks }), await agreementFonts(), { ...options, bilingual });
const SIGNATURES: Block = {
  type: 'signatures',
  signers: [
    { label: '甲方（培养学校）', en: 'Party A (college)', name: '长兴县职业技术教育中心', seal: true },
    { label: '乙方（定向企业）', en: 'Party B (enterprise)', name: '长兴示范精密机械有限公司', seal: true },
    { label: '丙方（学生）', en: 'Party C (student)', name: '张小燕' },
    { label: '丙方监护人', en: 'Guardian' },
  ],
};
/** What the footer prints, which every page has: left out when looking for English in the text. */
const withoutFooter = (page: string) =>
  squeeze(page)
    .replace(/核验(Verify)?：\S*?K7QM2XPD9RTA/, '')
    .replace('K7QM-2XPD-9RTA', '');

describe('renderPdf', () => {
  jest.setTimeout(60_000);

  it('prints Chinese text, fields and a signature block per party with its name, seal space and date, and embeds only a subset of the font', async () => {
    const pdf = await render([
      { type: 'title', text: '定向培养三方协议', en: 'Tripartite Agreement on Targeted Training' },
      { type: 'fields', rows: [{ label: '学生姓名', value: '张小燕' }] },
      { type: 'paragraph', text: '甲方每学年向学生发放教育资助金伍仟元整。' },
      SIGNATURES,
    ]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200 * 1024);
    const [page] = await pdfPages(pdf);
    for (const text of ['定向培养三方协议', '张小燕', '伍仟元整', '甲方（培养学校）长兴县职业技术教育中心（盖章）代表签字：日期：年月日']) {
      expect(squeeze(page)).toContain(text);
    }
    expect(squeeze(page)).toContain('丙方（学生）张小燕签字：日期：');
    expect(squeeze(page)).toContain('丙方监护人签字：日期：');
  });

  it('prints no English unless asked, and English lines, footers and signature words when bilingual', async () => {
    const blocks: Block[] = [
      { type: 'title', text: '协议', en: 'Agreement' },
      { type: 'table', header: [{ text: '学年', en: 'Year' }], rows: [['1']] },
      SIGNATURES,
    ];
    const [chinese] = await pdfPages(await render(blocks));
    expect(withoutFooter(chinese)).not.toMatch(/[A-Za-z]{2,}/);
    expect(squeeze(chinese)).toContain('第1页共1页');
    const [bilingual] = await pdfPages(await render(blocks, true));
    for (const text of ['Agreement', '学年Year', 'Signature', 'PartyA(college)', 'Page1of1', 'Verificationcode']) {
      expect(squeeze(bilingual)).toContain(text);
    }
  });

  it('numbers every page "第 N 页 共 M 页" and prints the verification code in each footer', async () => {
    const paragraphs: Block[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'paragraph',
      text: `第${i + 1}条 ${'本协议条款内容。'.repeat(20)}`,
    }));
    const pages = await pdfPages(await render(paragraphs));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
      expect(squeeze(page)).toContain('K7QM-2XPD-9RTA');
    });
  });

  it('never leaves the signatures alone on a page: the last clause goes with them, wherever the page would break', async () => {
    const lonely: number[] = [];
    // A filler paragraph of growing length moves the page break through the last clause and the signatures.
    for (let lines = 30; lines <= 46; lines++) {
      const blocks: Block[] = [
        { type: 'paragraph', text: '前文条款。'.repeat(9 * lines) },
        { type: 'heading', text: '第八条 其他' },
        { type: 'paragraph', text: '本协议一式四份，自各方签字（盖章）之日起生效。' },
        SIGNATURES,
      ];
      const pages = await pdfPages(await render(blocks));
      const last = squeeze(pages[pages.length - 1]);
      expect(last).toContain('丙方监护人签字');
      if (!last.includes('本协议一式四份')) lonely.push(lines);
      // The heading stays with its clause.
      expect(pages.findIndex((p) => squeeze(p).includes('第八条其他'))).toBe(pages.findIndex((p) => squeeze(p).includes('本协议一式四份')));
    }
    expect(lonely).toEqual([]);
  });

  it('never breaks a line inside a joined date or name, which plain text would', async () => {
    const date = '2026年9月1日';
    const brokenAt = async (text: (pad: number) => string) => {
      const broken: number[] = [];
      for (let pad = 30; pad < 48; pad++) {
        const [page] = await pdfPages(await render([{ type: 'paragraph', text: text(pad) }]));
        if (!page.split('\n').some((line) => line.includes(date))) broken.push(pad);
      }
      return broken;
    };
    // Text wraps somewhere inside a plain date for some lengths of what precedes it...
    expect((await brokenAt((pad) => `${'学'.repeat(pad)}${date}起`)).length).toBeGreaterThan(0);
    // ...and never inside a joined one, which prints the same characters.
    expect(await brokenAt((pad) => `${'学'.repeat(pad)}${unbreakable(date)}起`)).toEqual([]);
  });

  it('wraps long Chinese text inside the page instead of running off it', async () => {
    const long = '学'.repeat(400);
    const [page] = await pdfPages(await render([{ type: 'paragraph', text: long }]));
    expect(squeeze(page)).toContain(long);
    expect(page.split('\n').filter((line) => line.includes('学学学')).length).toBeGreaterThan(5);
  });

  it('repeats a long table header at the top of each page it runs onto', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), '生活补助', '¥500.00']);
    const header = [{ text: '期次' }, { text: '类别' }, { text: '金额' }];
    const pages = await pdfPages(await render([{ type: 'table', header, rows }]));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(squeeze(page)).toContain('期次类别金额');
    expect(squeeze(pages.join(''))).toContain('80生活补助¥500.00');
  });

  it('renders the same document to the same bytes', async () => {
    const blocks: Block[] = [{ type: 'title', text: '协议' }];
    expect((await render(blocks)).equals(await render(blocks))).toBe(true);
  });
});
