import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  content: Buffer;
  /** What the headers claim the part inflates to: its real size unless a test makes them lie. */
  declaredSize?: number;
}

/** A zip archive of deflated parts, in the order given, written by hand so tests control every byte. */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = deflateRawSync(part.content);
    const size = part.declaredSize ?? part.content.length;
    const crc = crc32(part.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The parts of a one-sheet XLSX workbook whose text cells use the shared-string table, keyed by path,
 * so a test can put them in any order or swap one for a bomb.
 */
export function workbookParts(rows: string[][]): Record<'workbook' | 'rels' | 'sheet' | 'sharedStrings', ZipPart> {
  const strings: string[] = [];
  const column = (i: number): string => String.fromCharCode(65 + i);
  const sheetRows = rows.map(
    (row, r) =>
      `<row r="${r + 1}">${row.map((text, c) => `<c r="${column(c)}${r + 1}" t="s"><v>${strings.push(text) - 1}</v></c>`).join('')}</row>`,
  );
  const xml = (text: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
  return {
    workbook: {
      name: 'xl/workbook.xml',
      content: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    rels: {
      name: 'xl/_rels/workbook.xml.rels',
      content: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    sheet: {
      name: 'xl/worksheets/sheet1.xml',
      content: xml(`<worksheet xmlns="${MAIN}"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`),
    },
    sharedStrings: {
      name: 'xl/sharedStrings.xml',
      content: xml(`<sst xmlns="${MAIN}" count="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`),
    },
  };
}

/** A shared-string table that inflates to `bytes` (one long string), from a small deflated part. */
export function sharedStringsBomb(bytes: number): ZipPart {
  const head = Buffer.from(`<sst xmlns="${MAIN}"><si><t>`);
  const tail = Buffer.from('</t></si></sst>');
  return { name: 'xl/sharedStrings.xml', content: Buffer.concat([head, Buffer.alloc(bytes - head.length - tail.length, 'a'), tail]) };
}
