import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import { AgreementDocument, Block, Signer } from './document-model';
import { AgreementFonts } from './fonts';

export type RenderOptions = {
  title: string;
  /** Written into the PDF's metadata, so the same agreement renders to the same bytes. */
  createdAt: Date;
  /** English beside the Chinese in what the renderer itself prints: footers and signature lines. */
  bilingual: boolean;
} & (
  | { verificationCode: string; verificationUrl: string }
  /** A sheet nobody verifies (e.g. sign-in slips): the footer names it by a reference, without a QR code. */
  | { reference: string }
);

const MARGIN = 56;
const FOOTER_HEIGHT = 64;
const GRAY = '#555555';
const RULE = '#999999';
const SIZE = { title: 18, heading: 12.5, body: 10.5, small: 9.5, english: 8.5, footer: 7.5 };
/** Vertical space after each kind of block, in points. */
const GAP = { title: 16, beforeHeading: 8, heading: 4, paragraph: 7, fields: 9, table: 11 };
const SIGNER_HEIGHT = 122;
const SIGNERS_PER_ROW = 2;

/**
 * Lays an agreement out on A4: clauses kept with their headings, the signatures kept with the last clause,
 * repeated table headers, page numbers, and a verification footer with a QR code.
 */
export function renderPdf(document: AgreementDocument, fonts: AgreementFonts, options: RenderOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Start in the embedded font: the default would parse Helvetica's metrics for nothing on every document.
    font: fonts.regular as never,
    info: {
      Title: options.title,
      Creator: 'Targeted Employment Class system',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  const layout = new Layout(doc, options.bilingual);
  const { blocks } = document;
  blocks.forEach((block, i) => {
    const end = endOfGroup(blocks, i);
    if (end > i && !keptWithPrevious(blocks, i)) layout.keepTogether(blocks.slice(i, end + 1));
    layout.block(block);
  });
  drawFooters(doc, options);
  doc.end();
  return done;
}

/** A heading stays with the block under it, and the signatures with the clause before them. */
const keptWithNext = (blocks: Block[], i: number): boolean =>
  i + 1 < blocks.length && (blocks[i].type === 'heading' || blocks[i + 1].type === 'signatures');
const keptWithPrevious = (blocks: Block[], i: number): boolean => i > 0 && keptWithNext(blocks, i - 1);
function endOfGroup(blocks: Block[], start: number): number {
  let end = start;
  while (keptWithNext(blocks, end)) end++;
  return end;
}

type Font = 'regular' | 'bold';

class Layout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly bilingual: boolean,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  /** Starts a new page unless the blocks fit on this one; a group taller than a page keeps only its heading with a few lines. */
  keepTogether(group: Block[]): void {
    // Laying text out twice is what measuring costs: skipped when the most the group could take still fits.
    if (this.fits(group.reduce((sum, block) => sum + this.atMost(block), 0))) return;
    const height = group.reduce((sum, block) => sum + this.measure(block), 0);
    if (height <= this.pageHeight()) this.ensure(height);
    else if (group[0].type === 'heading') this.ensure(this.measure(group[0]) + 3 * this.lineHeight(SIZE.body, 3));
  }

  block(block: Block): void {
    switch (block.type) {
      case 'title':
        this.text('bold', SIZE.title, block.text, { align: 'center' });
        if (block.en) this.english(block.en, 'center');
        this.doc.y += GAP.title;
        return;
      case 'heading':
        this.doc.y += GAP.beforeHeading;
        this.text('bold', SIZE.heading, block.text);
        if (block.en) this.english(block.en);
        this.doc.y += GAP.heading;
        return;
      case 'paragraph':
        this.text('regular', SIZE.body, block.text, { lineGap: 3 });
        if (block.en) this.english(block.en);
        this.doc.y += GAP.paragraph;
        return;
      case 'fields':
        return this.fields(block.rows);
      case 'table':
        return this.table(block.header, block.rows);
      case 'signatures':
        return this.signatures(block.signers);
    }
  }

  /** The height block() takes for the block, without drawing it. */
  private measure(block: Block): number {
    const english = (en?: string, width = this.width) => (en ? this.heightOf('regular', SIZE.english, en, width, 1) : 0);
    switch (block.type) {
      case 'title':
        return this.heightOf('bold', SIZE.title, block.text) + english(block.en) + GAP.title;
      case 'heading':
        return GAP.beforeHeading + this.heightOf('bold', SIZE.heading, block.text) + english(block.en) + GAP.heading;
      case 'paragraph':
        return this.heightOf('regular', SIZE.body, block.text, this.width, 3) + english(block.en) + GAP.paragraph;
      case 'fields':
        return block.rows.reduce((sum, row) => sum + this.fieldHeight(row), GAP.fields);
      case 'table': {
        const widths = this.columnWidths(this.headerTexts(block.header), block.rows);
        const rows = [this.headerTexts(block.header), ...block.rows];
        return rows.reduce((sum, row) => sum + this.rowHeight(row, widths), GAP.table);
      }
      case 'signatures':
        return Math.ceil(block.signers.length / SIGNERS_PER_ROW) * SIGNER_HEIGHT;
    }
  }

  /** An upper bound of measure(), without laying text out: for a quick "it surely fits". */
  private atMost(block: Block): number {
    const english = (en?: string, width = this.width) => (en ? this.linesAtMost(SIZE.english, en, width, 1) : 0);
    switch (block.type) {
      case 'title':
        return this.linesAtMost(SIZE.title, block.text, this.width, 2) + english(block.en) + GAP.title;
      case 'heading':
        return GAP.beforeHeading + this.linesAtMost(SIZE.heading, block.text, this.width, 2) + english(block.en) + GAP.heading;
      case 'paragraph':
        return this.linesAtMost(SIZE.body, block.text, this.width, 3) + english(block.en) + GAP.paragraph;
      case 'fields':
        return block.rows.reduce((sum, row) => sum + this.fieldAtMost(row), GAP.fields);
      case 'table':
      case 'signatures':
        return this.measure(block);
    }
  }

  /**
   * The height of text if every character were a full em wide and lines were only half filled: CJK glyphs are
   * one em, others narrower, and no unbreakable run (a name, a date) takes half a line.
   */
  private linesAtMost(size: number, text: string, width: number, lineGap: number): number {
    const lines = Math.ceil(([...text].length * size) / (width / 2)) + 1;
    return lines * this.lineHeight(size, lineGap);
  }

  private fits(height: number): boolean {
    return this.doc.y + height <= this.doc.page.height - this.doc.page.margins.bottom;
  }

  private text(font: Font, size: number, text: string, options: PDFKit.Mixins.TextOptions = {}): void {
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor('black')
      .text(text, this.left, this.doc.y, { width: this.width, ...options });
  }

  private english(text: string, align: 'left' | 'center' = 'left'): void {
    this.doc
      .font('regular')
      .fontSize(SIZE.english)
      .fillColor(GRAY)
      .text(text, this.left, this.doc.y, { width: this.width, align, lineGap: 1 });
    this.doc.fillColor('black');
  }

  private pageHeight(): number {
    return this.doc.page.height - this.doc.page.margins.top - this.doc.page.margins.bottom;
  }

  private ensure(height: number): void {
    const atTop = this.doc.y <= this.doc.page.margins.top;
    if (!atTop && this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  private lineHeight(size: number, lineGap: number): number {
    return this.doc.font('regular').fontSize(size).currentLineHeight(true) + lineGap;
  }

  private heightOf(font: Font, size: number, text: string, width = this.width, lineGap = 2): number {
    return this.doc
      .font(font)
      .fontSize(size)
      .heightOfString(text || ' ', { width, lineGap });
  }

  private fieldWidths(): { label: number; value: number } {
    const label = Math.min(170, this.width * 0.38);
    return { label, value: this.width - label - 8 };
  }

  private fieldHeight(row: { label: string; en?: string; value: string }): number {
    const widths = this.fieldWidths();
    const label =
      this.heightOf('bold', SIZE.body, row.label, widths.label) +
      (row.en ? this.heightOf('regular', SIZE.english, row.en, widths.label) : 0);
    return Math.max(label, this.heightOf('regular', SIZE.body, row.value, widths.value)) + 8;
  }

  private fieldAtMost(row: { label: string; en?: string; value: string }): number {
    const widths = this.fieldWidths();
    const label =
      this.linesAtMost(SIZE.body, row.label, widths.label, 2) + (row.en ? this.linesAtMost(SIZE.english, row.en, widths.label, 2) : 0);
    return Math.max(label, this.linesAtMost(SIZE.body, row.value, widths.value, 2)) + 8;
  }

  /** A row of label and value, ruled under; its height is where its text ended. */
  private fields(rows: { label: string; en?: string; value: string }[]): void {
    const widths = this.fieldWidths();
    for (const row of rows) {
      if (!this.fits(this.fieldAtMost(row))) this.ensure(this.fieldHeight(row));
      const top = this.doc.y;
      this.doc
        .font('bold')
        .fontSize(SIZE.body)
        .fillColor('black')
        .text(row.label, this.left, top + 4, { width: widths.label, lineGap: 2 });
      if (row.en)
        this.doc
          .font('regular')
          .fontSize(SIZE.english)
          .fillColor(GRAY)
          .text(row.en, this.left, this.doc.y, { width: widths.label, lineGap: 2 });
      const labelEnd = this.doc.y;
      this.doc
        .font('regular')
        .fontSize(SIZE.body)
        .fillColor('black')
        .text(row.value, this.left + widths.label + 8, top + 4, { width: widths.value, lineGap: 2 });
      const bottom = Math.max(labelEnd, this.doc.y) + 4;
      this.rule(bottom);
      this.doc.y = bottom;
    }
    this.doc.x = this.left;
    this.doc.y += GAP.fields;
  }

  private headerTexts(header: { text: string; en?: string }[]): string[] {
    return header.map((cell) => (this.bilingual && cell.en ? `${cell.text} ${cell.en}` : cell.text));
  }

  private columnWidths(header: string[], rows: string[][]): number[] {
    return columnWidths(header, rows, this.width, (text) => this.doc.font('bold').fontSize(SIZE.small).widthOfString(text));
  }

  private rowHeight(cells: string[], widths: number[], font: Font = 'regular'): number {
    return Math.max(...cells.map((cell, i) => this.heightOf(font, SIZE.small, cell, widths[i] - 8))) + 8;
  }

  private table(headerCells: { text: string; en?: string }[], rows: string[][]): void {
    const header = this.headerTexts(headerCells);
    const widths = this.columnWidths(header, rows);
    const drawRow = (cells: string[], font: Font): void => {
      const height = this.rowHeight(cells, widths, font);
      const top = this.doc.y;
      if (font === 'bold') this.doc.rect(this.left, top, this.width, height).fill('#eeeeee');
      let x = this.left;
      cells.forEach((cell, i) => {
        this.doc
          .font(font)
          .fontSize(SIZE.small)
          .fillColor('black')
          .text(cell, x + 4, top + 4, { width: widths[i] - 8, lineGap: 2 });
        x += widths[i];
      });
      this.rule(top + height);
      this.doc.y = top + height;
    };
    this.ensure(this.rowHeight(header, widths, 'bold') * 2 + 8);
    drawRow(header, 'bold');
    for (const row of rows) {
      if (this.doc.y + this.rowHeight(row, widths) > this.doc.page.height - this.doc.page.margins.bottom) {
        this.doc.addPage();
        drawRow(header, 'bold');
      }
      drawRow(row, 'regular');
    }
    this.doc.x = this.left;
    this.doc.y += GAP.table;
  }

  /** Two parties a row: each with its name, room for a seal where it is an organisation, a signature and a date. */
  private signatures(signers: Signer[]): void {
    const width = this.width / SIGNERS_PER_ROW;
    const words = this.bilingual
      ? { sign: '签字 Signature：', representative: '代表签字 Representative：', seal: '（盖章 Seal）', date: '日期 Date：' }
      : { sign: '签字：', representative: '代表签字：', seal: '（盖章）', date: '日期：' };
    for (let start = 0; start < signers.length; start += SIGNERS_PER_ROW) {
      this.ensure(SIGNER_HEIGHT);
      const top = this.doc.y + 10;
      signers.slice(start, start + SIGNERS_PER_ROW).forEach((signer, i) => {
        const x = this.left + i * width;
        const cell = { width: width - 16 };
        // The printed words are short and fixed: drawn as one line, without the line breaker.
        const word = { lineBreak: false };
        this.doc.font('bold').fontSize(SIZE.body).fillColor('black').text(signer.label, x, top, cell);
        if (signer.en) this.doc.font('regular').fontSize(SIZE.english).fillColor(GRAY).text(signer.en, x, this.doc.y, cell);
        this.doc.font('regular').fontSize(SIZE.small).fillColor('black');
        if (signer.name) this.doc.text(signer.name, x, top + 30, cell);
        if (signer.seal)
          this.doc
            .fillColor(GRAY)
            .text(words.seal, x, top + 50, word)
            .fillColor('black');
        const signWord = signer.seal ? words.representative : words.sign;
        this.doc.text(signWord, x, top + 74, word);
        const lineStart = x + this.doc.widthOfString(signWord) + 2;
        this.doc
          .moveTo(lineStart, top + 86)
          .lineTo(x + width - 16, top + 86)
          .strokeColor(RULE)
          .lineWidth(0.5)
          .stroke();
        this.doc.text(`${words.date}      年      月      日`, x, top + 96, word);
      });
      this.doc.y = top + SIGNER_HEIGHT - 10;
    }
    this.doc.x = this.left;
  }

  private rule(y: number): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .strokeColor(RULE)
      .lineWidth(0.4)
      .stroke();
  }
}

/**
 * Each column as wide as its widest cell when they all fit (the room left shared in proportion); else in
 * proportion to those widths, but never narrower than a third of an even share.
 */
function columnWidths(header: string[], rows: string[][], total: number, widthOf: (text: string) => number): number[] {
  const PADDING = 10;
  const natural = header.map((cell, i) => Math.max(widthOf(cell), ...rows.map((row) => widthOf(row[i]))) + PADDING);
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return natural.map((width) => width + ((total - sum) * width) / sum);
  const floor = total / header.length / 3;
  const spare = total - floor * header.length;
  return natural.map((width) => floor + (spare * width) / sum);
}

function drawFooters(doc: PDFKit.PDFDocument, options: RenderOptions): void {
  const { start, count } = doc.bufferedPageRange();
  const qr = 'verificationUrl' in options ? QRCode.create(options.verificationUrl, { errorCorrectionLevel: 'M' }).modules : null;
  const label = (zh: string, en: string) => (options.bilingual ? `${zh} ${en}：` : `${zh}：`);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would start a new page: the margin is lifted while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 16;
    const qrSize = FOOTER_HEIGHT - 8;
    const textWidth = doc.page.width - 2 * MARGIN - qrSize - 12;
    const line = { width: textWidth, lineBreak: false };
    doc
      .moveTo(MARGIN, top - 6)
      .lineTo(doc.page.width - MARGIN, top - 6)
      .strokeColor(RULE)
      .lineWidth(0.4)
      .stroke();
    doc.font('regular').fontSize(SIZE.footer).fillColor(GRAY);
    if ('verificationUrl' in options) {
      doc.text(`${label('验证码', 'Verification code')}${options.verificationCode}`, MARGIN, top, line);
      doc.text(`${label('核验', 'Verify')}${options.verificationUrl}`, MARGIN, top + 12, line);
    } else {
      doc.text(`${label('编号', 'Reference')}${options.reference}`, MARGIN, top, line);
    }
    const n = i - start + 1;
    doc.text(`第 ${n} 页 共 ${count} 页${options.bilingual ? `  Page ${n} of ${count}` : ''}`, MARGIN, top + 24, line);
    if (qr) drawQr(doc, qr, doc.page.width - MARGIN - qrSize, top - 2, qrSize);
    doc.page.margins.bottom = bottom;
  }
}

/** The QR code as vector shapes, one rectangle per run of dark modules in a row: sharp at any zoom, cheaper than a bitmap. */
function drawQr(doc: PDFKit.PDFDocument, modules: QRCode.BitMatrix, x: number, y: number, size: number): void {
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('black');
}
