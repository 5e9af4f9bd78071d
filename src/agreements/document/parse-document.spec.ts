import Handlebars from 'handlebars';
import { DocumentSyntaxError, parseDocument } from './parse-document';

describe('parseDocument', () => {
  it('reads every kind of block, folding whitespace and decoding entities', () => {
    const doc = parseDocument(`
      <document>
        <!-- a comment for template authors -->
        <title en="Tripartite Agreement">定向培养
          三方协议</title>
        <heading en="Article 1">第一条</heading>
        <p en="Party A trains.">甲方负责培养 &amp; 管理。</p>
        <fields>
          <field label="学生" en="Student">张小燕</field>
          <field label="专业">机械加工技术</field>
        </fields>
        <table>
          <header><cell en="Year">学年</cell><cell>金额</cell></header>
          <row><cell>1</cell><cell>¥5,000.00</cell></row>
        </table>
        <signatures><signature label="甲方" name="长兴县 职业技术教育中心" seal="seal"/><signature label="学生" en="Student"/></signatures>
      </document>`);
    expect(doc.blocks).toEqual([
      { type: 'title', text: '定向培养 三方协议', en: 'Tripartite Agreement' },
      { type: 'heading', text: '第一条', en: 'Article 1' },
      { type: 'paragraph', text: '甲方负责培养 & 管理。', en: 'Party A trains.' },
      {
        type: 'fields',
        rows: [
          { label: '学生', en: 'Student', value: '张小燕' },
          { label: '专业', value: '机械加工技术' },
        ],
      },
      { type: 'table', header: [{ text: '学年', en: 'Year' }, { text: '金额' }], rows: [['1', '¥5,000.00']] },
      {
        type: 'signatures',
        signers: [
          { label: '甲方', name: '长兴县 职业技术教育中心', seal: true },
          { label: '学生', en: 'Student' },
        ],
      },
    ]);
  });

  it('keeps data inserted by Handlebars as text, whatever characters it holds', () => {
    const template = Handlebars.compile('<document><p>{{name}}</p><fields><field label="x">{{name}}</field></fields></document>');
    const name = `</p><title>forged</title> & "quoted" 'single' \`tick\` =`;
    const doc = parseDocument(template({ name }));
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: name },
      { type: 'fields', rows: [{ label: 'x', value: name }] },
    ]);
  });

  it.each([
    ['<document><p>open</document>', /<\/document> closes <p>/],
    ['<document><p>never closed</p>', /<document> on line 1 is never closed/],
    ['<document><tabel></tabel></document>', /unknown element <tabel>/],
    ['<document>loose text</document>', /directly inside <document>/],
    ['<document><table><row><cell>1</cell></row></table></document>', /starts with a <header>/],
    [
      '<document><table><header><cell>a</cell><cell>b</cell></header><row><cell>1</cell></row></table></document>',
      /a row of 1 cells under a header of 2/,
    ],
    ['<document><p>a <b>bold</b></p></document>', /<b> inside <p>, which holds text only/],
    ['<document><p>1 < 2</p></document>', /"<" that does not start a tag/],
    ['<p>x</p>', /expected <document>/],
    ['<document></document><document></document>', /exactly one <document>/],
  ])('refuses %s with a message a template author can act on', (source, message) => {
    expect(() => parseDocument(source)).toThrow(DocumentSyntaxError);
    expect(() => parseDocument(source)).toThrow(message);
  });

  it('names the line of a mistake', () => {
    expect(() => parseDocument('<document>\n<p>ok</p>\n\n<pp>x</pp>\n</document>')).toThrow(/line 4/);
  });
});
