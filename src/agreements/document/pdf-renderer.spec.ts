import { pdfPages, squeeze } from '../../../test/utils/pdf-text';
import { Block } from './document-model';
import { agreementFonts } from './fonts';
import { renderPdf } from './pdf-renderer';

const options = {
  title: '定向培养三方协议',
  createdAt: new Date('2019-09-01T08:00:00.000Z'),
  verificationCode: 'K7QM-2XPD-9RTA',
  verificationUrl: 'https://tec.example.edu.cn/api/agreements/verify/K7QM2XPD9RTA',
};

const render = async (blocks: Block[]) => renderPdf({ blocks }, await agreementFonts(), options);

describe('renderPdf', () => {
  jest.setTimeout(30_000);

  it('prints Chinese text, English subtitles, fields and signatures, and embeds only a subset of the font', async () => {
    const pdf = await render([
      { type: 'title', text: '定向培养三方协议', en: 'Tripartite Agreement on Targeted Training' },
      { type: 'fields', rows: [{ label: '学生姓名', en: 'Student', value: '张小燕' }] },
      { type: 'paragraph', text: '甲方每学年向学生发放教育资助金伍仟元整。', en: 'Party A pays the student 5,000 CNY a year.' },
      {
        type: 'signatures',
        signers: [
          { label: '学生', en: 'Student' },
          { label: '监护人', en: 'Guardian' },
        ],
      },
    ]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200 * 1024);
    const [page] = await pdfPages(pdf);
    for (const text of ['定向培养三方协议', 'TripartiteAgreementonTargetedTraining', '张小燕', '伍仟元整', '监护人', '签字Signature']) {
      expect(squeeze(page)).toContain(text);
    }
  });

  it('numbers every page and prints the verification code in each footer', async () => {
    const paragraphs: Block[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'paragraph',
      text: `第${i + 1}条 ${'本协议条款内容。'.repeat(20)}`,
    }));
    const pages = await pdfPages(await render(paragraphs));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(squeeze(page)).toContain(`第${i + 1}页/共${pages.length}页`);
      expect(squeeze(page)).toContain('K7QM-2XPD-9RTA');
    });
  });

  it('wraps long Chinese text inside the page instead of running off it', async () => {
    const long = '学'.repeat(400);
    const [page] = await pdfPages(await render([{ type: 'paragraph', text: long }]));
    expect(squeeze(page)).toContain(long);
    expect(page.split('\n').filter((line) => line.includes('学学学')).length).toBeGreaterThan(5);
  });

  it('repeats a long table header at the top of each page it runs onto', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), '生活补助 Living allowance', '¥500.00']);
    const pages = await pdfPages(await render([{ type: 'table', header: ['期次 No.', '类别 Kind', '金额 Amount'], rows }]));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(squeeze(page)).toContain('期次No.类别Kind金额Amount');
    expect(squeeze(pages.join(''))).toContain('80生活补助Livingallowance¥500.00');
  });

  it('renders the same document to the same bytes', async () => {
    const blocks: Block[] = [{ type: 'title', text: '协议' }];
    expect((await render(blocks)).equals(await render(blocks))).toBe(true);
  });
});
