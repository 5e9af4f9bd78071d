import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import { AgreementDocument, Block } from './document-model';
import { AgreementFonts } from './fonts';

export type RenderOptions = {
  title: string;
  /** Written into the PDF's metadata, so the same agreement renders to the same bytes. */
  createdAt: Date;
} & (
  | { verificationCode: string; verificationUrl: string }
  /** A sheet nobody verifies (e.g. sign-in slips): the footer names it by a reference, without a QR code. */
  | { reference: string }
);

const MARGIN = 56;
const FOOTER_HEIGHT = 64;
const GRAY = '#555555';
const RULE = '#999999';
const SIZE = { title: 18, heading: 12.5, body: 10.5, english: 8.5, footer: 7.5 };

/** Lays an agreement out on A4: page numbers, repeated table headers, and a verification footer with a QR code. */
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
  const layout = new Layout(doc);
  for (const block of document.blocks) layout.block(block);
  drawFooters(doc, options);
  doc.end();
  return done;
}

class Layout {
  private readonly left: number;
  private readonly width: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  block(block: Block): void {
    switch (block.type) {
      case 'title':
        this.text('bold', SIZE.title, block.text, { align: 'center' });
        if (block.en) this.english(block.en, 'center');
        this.doc.moveDown(1);
        return;
      case 'heading':
        // Keep a heading with the first lines under it.
        this.ensure(3 * SIZE.heading + 2 * SIZE.body);
        this.doc.moveDown(0.6);
        this.text('bold', SIZE.heading, block.text);
        if (block.en) this.english(block.en);
        this.doc.moveDown(0.3);
        return;
      case 'paragraph':
        this.text('regular', SIZE.body, block.text, { lineGap: 3 });
        if (block.en) this.english(block.en);
        this.doc.moveDown(0.5);
        return;
      case 'fields':
        return this.fields(block.rows);
      case 'table':
        return this.table(block.header, block.rows);
      case 'signatures':
        return this.signatures(block.signers);
    }
  }

  private text(font: 'regular' | 'bold', size: number, text: string, options: PDFKit.Mixins.TextOptions = {}): void {
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

  private ensure(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  private heightOf(font: 'regular' | 'bold', size: number, text: string, width: number): number {
    return this.doc
      .font(font)
      .fontSize(size)
      .heightOfString(text || ' ', { width, lineGap: 2 });
  }

  private fields(rows: { label: string; en?: string; value: string }[]): void {
    const labelWidth = Math.min(170, this.width * 0.38);
    const valueWidth = this.width - labelWidth - 8;
    for (const row of rows) {
      const labelHeight =
        this.heightOf('bold', SIZE.body, row.label, labelWidth) + (row.en ? this.heightOf('regular', SIZE.english, row.en, labelWidth) : 0);
      const height = Math.max(labelHeight, this.heightOf('regular', SIZE.body, row.value, valueWidth)) + 8;
      this.ensure(height);
      const top = this.doc.y;
      this.doc
        .font('bold')
        .fontSize(SIZE.body)
        .fillColor('black')
        .text(row.label, this.left, top + 4, { width: labelWidth, lineGap: 2 });
      if (row.en)
        this.doc.font('regular').fontSize(SIZE.english).fillColor(GRAY).text(row.en, this.left, this.doc.y, { width: labelWidth });
      this.doc
        .font('regular')
        .fontSize(SIZE.body)
        .fillColor('black')
        .text(row.value, this.left + labelWidth + 8, top + 4, { width: valueWidth, lineGap: 2 });
      this.rule(top + height);
      this.doc.y = top + height;
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
  }

  private table(header: string[], rows: string[][]): void {
    const widths = columnWidths(header, rows, this.width);
    const drawRow = (cells: string[], bold: boolean): void => {
      const height = Math.max(...cells.map((cell, i) => this.heightOf(bold ? 'bold' : 'regular', SIZE.body - 1, cell, widths[i] - 8))) + 8;
      const top = this.doc.y;
      if (bold) this.doc.rect(this.left, top, this.width, height).fill('#eeeeee');
      let x = this.left;
      cells.forEach((cell, i) => {
        this.doc
          .font(bold ? 'bold' : 'regular')
          .fontSize(SIZE.body - 1)
          .fillColor('black')
          .text(cell, x + 4, top + 4, { width: widths[i] - 8, lineGap: 2 });
        x += widths[i];
      });
      this.rule(top + height);
      this.doc.y = top + height;
    };
    const rowHeight = (cells: string[]) =>
      Math.max(...cells.map((cell, i) => this.heightOf('regular', SIZE.body - 1, cell, widths[i] - 8))) + 8;
    this.ensure(rowHeight(header) * 2 + 8);
    drawRow(header, true);
    for (const row of rows) {
      if (this.doc.y + rowHeight(row) > this.doc.page.height - this.doc.page.margins.bottom) {
        this.doc.addPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.8);
  }

  private signatures(signers: { label: string; en?: string }[]): void {
    // At most three side by side, spread evenly: four signers sit two by two.
    const perRow = Math.ceil(signers.length / Math.ceil(signers.length / 3)) || 1;
    const width = this.width / perRow;
    for (let start = 0; start < signers.length; start += perRow) {
      this.ensure(110);
      const top = this.doc.y + 12;
      signers.slice(start, start + perRow).forEach((signer, i) => {
        const x = this.left + i * width;
        this.doc
          .font('bold')
          .fontSize(SIZE.body)
          .fillColor('black')
          .text(signer.label, x, top, { width: width - 12 });
        if (signer.en)
          this.doc
            .font('regular')
            .fontSize(SIZE.english)
            .fillColor(GRAY)
            .text(signer.en, x, this.doc.y, { width: width - 12 });
        this.doc
          .font('regular')
          .fontSize(SIZE.body - 1)
          .fillColor('black');
        this.doc.text('签字 Signature：', x, top + 44, { width: width - 12 });
        this.doc
          .moveTo(x + 82, top + 56)
          .lineTo(x + width - 14, top + 56)
          .strokeColor(RULE)
          .lineWidth(0.5)
          .stroke();
        this.doc.text('日期 Date：     年     月     日', x, top + 70, { width: width - 12 });
      });
      this.doc.y = top + 96;
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

/** Wider columns for longer text, but never narrower than a third of an even share. */
function columnWidths(header: string[], rows: string[][], total: number): number[] {
  const longest = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length), 1));
  const floor = total / header.length / 3;
  const spare = total - floor * header.length;
  const sum = longest.reduce((a, b) => a + b, 0);
  return longest.map((n) => floor + (spare * n) / sum);
}

function drawFooters(doc: PDFKit.PDFDocument, options: RenderOptions): void {
  const { start, count } = doc.bufferedPageRange();
  const qr = 'verificationUrl' in options ? QRCode.create(options.verificationUrl, { errorCorrectionLevel: 'M' }).modules : null;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would start a new page: the margin is lifted while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 16;
    const qrSize = FOOTER_HEIGHT - 8;
    const textWidth = doc.page.width - 2 * MARGIN - qrSize - 12;
    doc
      .moveTo(MARGIN, top - 6)
      .lineTo(doc.page.width - MARGIN, top - 6)
      .strokeColor(RULE)
      .lineWidth(0.4)
      .stroke();
    doc.font('regular').fontSize(SIZE.footer).fillColor(GRAY);
    if ('verificationUrl' in options) {
      doc.text(`验证码 Verification code：${options.verificationCode}`, MARGIN, top, { width: textWidth, lineBreak: false });
      doc.text(`核验 Verify：${options.verificationUrl}`, MARGIN, top + 12, { width: textWidth, lineBreak: false });
    } else {
      doc.text(`编号 Reference：${options.reference}`, MARGIN, top, { width: textWidth, lineBreak: false });
    }
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页  Page ${i - start + 1} of ${count}`, MARGIN, top + 24, {
      width: textWidth,
      lineBreak: false,
    });
    if (qr) drawQr(doc, qr, doc.page.width - MARGIN - qrSize, top - 2, qrSize);
    doc.page.margins.bottom = bottom;
  }
}

/** The QR code as vector squares: sharp at any zoom and cheaper than a bitmap. */
function drawQr(doc: PDFKit.PDFDocument, modules: QRCode.BitMatrix, x: number, y: number, size: number): void {
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('black');
}
