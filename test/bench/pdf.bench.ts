import PDFDocument from 'pdfkit';
import { AgreementTemplates } from '../../src/agreements/document/agreement-templates';
import { Block } from '../../src/agreements/document/document-model';
import { agreementFonts, AgreementFonts } from '../../src/agreements/document/fonts';
import { renderPdf } from '../../src/agreements/document/pdf-renderer';
import { buildAgreementContext } from '../../src/agreements/rules/agreement-context';
import { sampleAgreementInput } from '../../src/agreements/rules/sample-agreement';
import { BenchResult, pairedMedians, perSecond } from './bench-table';
import { benchConfig } from './bench-env';

const DOCUMENTS = 200;
const RUNS = 7;
const ISSUED_AT = new Date('2019-09-01T08:00:00.000Z');

const toBuffer = (doc: PDFKit.PDFDocument): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });

/** Baseline: the same text in the same fonts (bold where the renderer uses bold), drawn line after line with pdfkit, no layout. */
function drawPlain(blocks: Block[], fonts: AgreementFonts): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', font: fonts.regular as never });
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  const write = (font: 'regular' | 'bold', text: string | undefined) => {
    if (text) doc.font(font).fontSize(10.5).text(text);
  };
  for (const block of blocks) {
    if (block.type === 'fields') {
      for (const row of block.rows) (write('bold', row.label), write('regular', row.en), write('regular', row.value));
    } else if (block.type === 'table') {
      for (const cell of block.header) write('bold', cell.text);
      for (const cell of block.rows.flat()) write('regular', cell);
    } else if (block.type === 'signatures') {
      for (const signer of block.signers) (write('bold', signer.label), write('regular', signer.en), write('regular', signer.name));
    } else {
      write(block.type === 'paragraph' ? 'regular' : 'bold', block.text);
      write('regular', block.en);
    }
  }
  return toBuffer(doc);
}

/** 200 Chinese TRIPARTITE agreements through the service's renderer, against the same text drawn directly with pdfkit. */
export async function pdfBenchmark(): Promise<BenchResult[]> {
  const templates = new AgreementTemplates(benchConfig({ type: 'sqlite', path: ':memory:' }));
  await templates.onModuleInit();
  const fonts = await agreementFonts();
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({
    input: sampleAgreementInput('TRIPARTITE', i),
    blocks: templates.render('TRIPARTITE', buildAgreementContext(sampleAgreementInput('TRIPARTITE', i)), 'zh').blocks,
  }));
  const time = async (work: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const { system, baseline, rateRatio } = await pairedMedians(
    RUNS,
    () =>
      time(async () => {
        for (const { input } of documents) {
          const document = templates.render('TRIPARTITE', buildAgreementContext(input), 'zh');
          await renderPdf(document, fonts, {
            title: 'bench',
            createdAt: ISSUED_AT,
            bilingual: false,
            verificationCode: input.verificationCode,
            verificationUrl: `http://localhost:3000/api/agreements/verify/${input.verificationCode}`,
          });
        }
      }),
    () =>
      time(async () => {
        for (const { blocks } of documents) await drawPlain(blocks, fonts);
      }),
    'pdf',
  );
  const [systemRate, baselineRate] = [perSecond(DOCUMENTS, system), perSecond(DOCUMENTS, baseline)];
  return [
    {
      benchmark: 'pdf',
      figure: `${DOCUMENTS} TRIPARTITE agreements, documents/s`,
      unit: 'docs/s',
      system: systemRate.rate,
      baseline: baselineRate.rate,
      systemSpread: systemRate.spread,
      baselineSpread: baselineRate.spread,
      ratio: rateRatio,
      target: '≥ 1.0× the baseline rate',
      met: rateRatio >= 1,
    },
  ];
}
