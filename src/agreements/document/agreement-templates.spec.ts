import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { TEMPLATE_FILES } from '../agreement-kind';
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
  it('reads the templates from the configured folder and renders them with the money and date helpers', async () => {
    const templates = await templatesIn(
      folderWith('<document><p en="{{yuan amount}}">{{capital amount}} {{date day}} {{maskId id}}</p></document>'),
    );
    const document = templates.render('TRIPARTITE', { amount: 500000, day: '2019-09-01', id: '520524200403150019' });
    expect(document.blocks).toEqual([{ type: 'paragraph', text: '伍仟元整 2019年9月1日 520524********0019', en: '¥5,000.00' }]);
  });

  it('refuses to render a template whose variable the data lacks, rather than leave a blank in a contract', async () => {
    const templates = await templatesIn(folderWith('<document><p>{{student.fullName}}</p></document>'));
    expect(() => templates.render('TRIPARTITE', { student: {} })).toThrow(TemplateError);
    expect(() => templates.render('TRIPARTITE', { student: {} })).toThrow(/tripartite\.hbs.*fullName/);
  });

  it('stops start-up on a template that does not parse, naming the file', async () => {
    await expect(templatesIn(folderWith('<document>{{#if x}}</document>'))).rejects.toThrow(/tripartite\.hbs/);
  });

  it('stops start-up when a template is missing', async () => {
    await expect(templatesIn(mkdtempSync(join(tmpdir(), 'tec-empty-')))).rejects.toThrow(/cannot be read/);
  });

  it('ships a template for every kind that parses', async () => {
    await expect(templatesIn(join(__dirname, '..', '..', '..', 'templates', 'agreements'))).resolves.toBeInstanceOf(AgreementTemplates);
  });
});
