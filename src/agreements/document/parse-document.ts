import { AgreementDocument, Block } from './document-model';

// Templates write a small XML vocabulary; Handlebars escapes every value it inserts (& < > " ' ` =), so
// data can never add or close a tag. The grammar:
//   <document> block* </document>
//   <title en="…">text</title>  <heading en="…">text</heading>  <p en="…">text</p>
//   <fields> <field label="…" en="…">value</field>* </fields>
//   <table> <header><cell en="…">…</cell>*</header> <row><cell>…</cell>*</row>* </table>
//   <signatures> <signature label="…" en="…" name="…" seal="seal"/>* </signatures>
// Every en="…" is an English line, printed only in a bilingual copy.
//   <!-- comments -->

export class DocumentSyntaxError extends Error {}

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  line: number;
}
type Node = Element | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return ENTITIES[entity] ?? whole;
    return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });

/** Whitespace inside a text is folded, as in HTML: templates may wrap long clauses over several lines. */
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

function parseXml(source: string): Element {
  const root: Element = { name: '#root', attributes: {}, children: [], line: 1 };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<(\/?)([a-z]+)((?:\s+[a-z]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  let match: RegExpExecArray | null;
  while ((match = token.exec(source))) {
    const line = source.slice(0, match.index).split('\n').length;
    const [whole, closing, name, attributeText, selfClosing, text, stray] = match;
    if (whole.startsWith('<!--')) continue;
    if (stray) throw new DocumentSyntaxError(`line ${line}: a "<" that does not start a tag`);
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      if (text.trim()) top.children.push(decode(text));
    } else if (closing) {
      if (top.name !== name) throw new DocumentSyntaxError(`line ${line}: </${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attributeText.matchAll(/([a-z]+)="([^"]*)"/g)) attributes[key] = decode(value);
      const element: Element = { name, attributes, children: [], line };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 1)
    throw new DocumentSyntaxError(`<${stack[stack.length - 1].name}> on line ${stack[stack.length - 1].line} is never closed`);
  return root;
}

const elements = (parent: Element, allowed: string): Element[] =>
  parent.children.map((child) => {
    if (typeof child === 'string')
      throw new DocumentSyntaxError(`line ${parent.line}: text "${fold(child).slice(0, 20)}" directly inside <${parent.name}>`);
    if (child.name !== allowed)
      throw new DocumentSyntaxError(`line ${child.line}: <${child.name}> inside <${parent.name}>; expected <${allowed}>`);
    return child;
  });

function textOf(element: Element): string {
  return fold(
    element.children
      .map((child) => {
        if (typeof child !== 'string')
          throw new DocumentSyntaxError(`line ${child.line}: <${child.name}> inside <${element.name}>, which holds text only`);
        return child;
      })
      .join(' '),
  );
}

const withEn = (element: Element): { en?: string } => (element.attributes.en ? { en: element.attributes.en } : {});

function toBlock(element: Element): Block {
  switch (element.name) {
    case 'title':
    case 'heading':
      return { type: element.name, text: textOf(element), ...withEn(element) };
    case 'p':
      return { type: 'paragraph', text: textOf(element), ...withEn(element) };
    case 'fields':
      return {
        type: 'fields',
        rows: elements(element, 'field').map((f) => ({ label: f.attributes.label ?? '', ...withEn(f), value: textOf(f) })),
      };
    case 'table': {
      const [header, ...rows] = element.children.filter((c): c is Element => typeof c !== 'string');
      if (!header || header.name !== 'header') throw new DocumentSyntaxError(`line ${element.line}: a <table> starts with a <header>`);
      const cells = (row: Element) => elements(row, 'cell').map(textOf);
      const width = cells(header).length;
      return {
        type: 'table',
        header: elements(header, 'cell').map((cell) => ({ text: textOf(cell), ...withEn(cell) })),
        rows: rows.map((row) => {
          if (row.name !== 'row') throw new DocumentSyntaxError(`line ${row.line}: <${row.name}> inside <table>; expected <row>`);
          const values = cells(row);
          if (values.length !== width)
            throw new DocumentSyntaxError(`line ${row.line}: a row of ${values.length} cells under a header of ${width}`);
          return values;
        }),
      };
    }
    case 'signatures':
      return {
        type: 'signatures',
        signers: elements(element, 'signature').map((s) => ({
          label: s.attributes.label ?? '',
          ...withEn(s),
          ...(s.attributes.name ? { name: fold(s.attributes.name) } : {}),
          ...(s.attributes.seal ? { seal: true } : {}),
        })),
      };
    default:
      throw new DocumentSyntaxError(`line ${element.line}: unknown element <${element.name}>`);
  }
}

export function parseDocument(source: string): AgreementDocument {
  const root = parseXml(source);
  const [document, ...extra] = elements(root, 'document');
  if (!document || extra.length) throw new DocumentSyntaxError('a template holds exactly one <document>');
  return {
    blocks: document.children.map((child) => {
      if (typeof child === 'string')
        throw new DocumentSyntaxError(`text "${fold(child).slice(0, 20)}" directly inside <document>: put it in a <p>`);
      return toBlock(child);
    }),
  };
}
