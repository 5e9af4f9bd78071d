import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { TEMPLATE_FILES } from '../agreement-kind';
import { unbreakable, WORD_JOINER } from '../rules/chinese-text';
import { AgreementTemplates, TemplateError } from './agreement-templates';

function folderWith(tripartite: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'tec-templates-'));
  for (const file of Object.values(TEMPLATE_FILES)) writeFileSync(join(folder, file), '<document><p>x</p></document>');
  writeFileSync(join(folder, TEMPLATE_FILES.TRIPARTITE), tripartite);
  return folder;
}

const templatesIn = async (folder: string) => {
  const templates = new AgreementTemplates({ agreementTemplatesDir: folder } as AppConfig);
  await templates.onModuleInit();
  return templates;
};

describe('AgreementTemplates', () => {
  const plain = (text: string) => text.replaceAll(WORD_JOINER, '');

  it('reads the templates from the configured folder and renders them with the money and date helpers', async () => {
    const templates = await templatesIn(
      folderWith(
        '<document><p en="{{yuan program.winterFareFen}}">{{capital program.winterFareFen}} {{date cohort.startDate}} {{maskId student.nationalId}}</p></document>',
      ),
    );
    const data = { program: { winterFareFen: 500000 }, cohort: { startDate: '2019-09-01' }, student: { nationalId: '520524200403150019' } };
    const [block] = templates.render('TRIPARTITE', data, 'bilingual').blocks;
    expect(block).toEqual({ type: 'paragraph', text: expect.any(String), en: expect.any(String) });
    expect(block.type === 'paragraph' && [plain(block.text), plain(block.en!)]).toEqual([
      '伍仟元整 2019年9月1日 520524********0019',
      '¥5,000.00',
    ]);
  });

  it('joins the characters of every amount, date and kept value so that no line breaks inside one', async () => {
    const templates = await templatesIn(
      folderWith(
        '<document><p>{{date cohort.startDate}}|{{capital program.winterFareFen}}|{{keep major.name}}|{{major.name}}</p></document>',
      ),
    );
    const data = { cohort: { startDate: '2026-09-01' }, program: { winterFareFen: 150000 }, major: { name: '欧阳晓红' } };
    const [block] = templates.render('TRIPARTITE', data, 'zh').blocks;
    expect(block.type === 'paragraph' && block.text.split('|')).toEqual([
      unbreakable('2026年9月1日'),
      unbreakable('壹仟伍佰元整'),
      unbreakable('欧阳晓红'),
      '欧阳晓红',
    ]);
  });

  it('leaves out the English lines unless the copy is bilingual', async () => {
    const templates = await templatesIn(
      folderWith(
        '<document><title en="Agreement">协议</title><fields><field label="甲方" en="Party A">学校</field></fields>' +
          '<table><header><cell en="Year">学年</cell></header><row><cell>1</cell></row></table>' +
          '<signatures><signature label="甲方" en="Party A" seal="seal"/></signatures></document>',
      ),
    );
    expect(JSON.stringify(templates.render('TRIPARTITE', {}, 'zh'))).not.toMatch(/Agreement|Party|Year|"en"/);
    expect(templates.render('TRIPARTITE', {}, 'bilingual').blocks).toEqual([
      { type: 'title', text: '协议', en: 'Agreement' },
      { type: 'fields', rows: [{ label: '甲方', en: 'Party A', value: '学校' }] },
      { type: 'table', header: [{ text: '学年', en: 'Year' }], rows: [['1']] },
      { type: 'signatures', signers: [{ label: '甲方', en: 'Party A', seal: true }] },
    ]);
  });

  it('refuses to render a template whose variable the data lacks, rather than leave a blank in a contract', async () => {
    const templates = await templatesIn(folderWith('<document><p>{{student.fullName}}</p></document>'));
    expect(() => templates.render('TRIPARTITE', { student: {} }, 'zh')).toThrow(TemplateError);
    expect(() => templates.render('TRIPARTITE', { student: {} }, 'zh')).toThrow(/tripartite\.hbs.*fullName/);
  });

  it('stops start-up on a template that does not parse, naming the file', async () => {
    await expect(templatesIn(folderWith('<document>{{#if x}}</document>'))).rejects.toThrow(/tripartite\.hbs/);
  });

  it.each([
    ['a variable the data never has', '<document><p>{{student.fullNme}}</p></document>', /tripartite\.hbs.*"fullNme" not defined/],
    ['a misplaced tag', '<document>\n<heading>第一条</p>\n</document>', /tripartite\.hbs: line 2: <\/p> closes <heading>/],
  ])('stops start-up on %s, naming the file and the mistake', async (_, template, message) => {
    await expect(templatesIn(folderWith(template))).rejects.toThrow(message);
  });

  it('stops start-up when a template is missing', async () => {
    await expect(templatesIn(mkdtempSync(join(tmpdir(), 'tec-empty-')))).rejects.toThrow(/cannot be read/);
  });

  it('ships a template for every kind that parses', async () => {
    await expect(templatesIn(join(__dirname, '..', '..', '..', 'templates', 'agreements'))).resolves.toBeInstanceOf(AgreementTemplates);
  });
});
