import PDFDocument from 'pdfkit';
import { AgreementTemplates } from '../../src/agreements/document/agreement-templates';
import { Block } from '../../src/agreements/document/document-model';
import { agreementFonts, AgreementFonts } from '../../src/agreements/document/fonts';
import { renderPdf } from '../../src/agreements/document/pdf-renderer';
import { buildAgreementContext, ContextInput } from '../../src/agreements/rules/agreement-context';
import { nationalId } from '../factories/ids';
import { BenchResult, medianMs } from './bench-table';
import { benchConfig } from './bench-env';

const DOCUMENTS = 200;
const RUNS = 3;
const ISSUED_AT = new Date('2019-09-01T08:00:00.000Z');

function sampleInput(i: number): ContextInput {
  return {
    kind: 'TRIPARTITE',
    version: 1,
    issuedOn: '2019-09-01',
    verificationCode: `K7QM-2XPD-${String(1000 + i).slice(-4)}`,
    student: {
      fullName: ['张小燕', '龙晓明', '王芳', '欧阳晓红'][i % 4],
      nationalId: nationalId(i % 1000, '20040315'),
      gender: i % 2 ? 'MALE' : 'FEMALE',
      birthDate: '2004-03-15',
      phone: '13800001234',
      homeProvince: '贵州省',
      homeCounty: '织金县',
      guardianName: '张大山',
      guardianPhone: '13900002222',
    },
    program: {
      code: 'YG2019',
      name: '云贵班 Yunnan–Guizhou Class',
      funder: 'ENTERPRISE',
      studyYears: 3,
      educationFundFen: 500000,
      livingAllowanceFen: 500000,
      winterFareFen: 150000,
      educationFundInstallments: 1,
      livingAllowanceInstallments: 1,
    },
    cohort: { name: '2019级云贵班', intakeYear: 2019, startDate: '2019-09-01' },
    major: { code: 'M01', name: '机械加工技术 Mechanical processing', institution: '长兴县职业技术教育中心' },
    enterprise: { name: '长兴示范精密机械有限公司', creditCode: '91330522MA2D000017', contactName: '沈国强', contactPhone: '0572-6000101' },
    schedule: [],
    internship: null,
  };
}

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
      for (const cell of block.header) write('bold', cell);
      for (const cell of block.rows.flat()) write('regular', cell);
    } else if (block.type === 'signatures') {
      for (const signer of block.signers) (write('bold', signer.label), write('regular', signer.en));
    } else {
      write(block.type === 'paragraph' ? 'regular' : 'bold', block.text);
      write('regular', block.en);
    }
  }
  return toBuffer(doc);
}

/** 200 TRIPARTITE agreements through the service's renderer, against the same text drawn directly with pdfkit. */
export async function pdfBenchmark(): Promise<BenchResult[]> {
  const templates = new AgreementTemplates(benchConfig({ type: 'sqlite', path: ':memory:' }));
  await templates.onModuleInit();
  const fonts = await agreementFonts();
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({
    input: sampleInput(i),
    blocks: templates.render('TRIPARTITE', buildAgreementContext(sampleInput(i))).blocks,
  }));
  const time = async (work: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const systemMs = await medianMs(RUNS, () =>
    time(async () => {
      for (const { input } of documents) {
        const document = templates.render('TRIPARTITE', buildAgreementContext(input));
        await renderPdf(document, fonts, {
          title: 'bench',
          createdAt: ISSUED_AT,
          verificationCode: input.verificationCode,
          verificationUrl: `http://localhost:3000/api/agreements/verify/${input.verificationCode}`,
        });
      }
    }),
  );
  const baselineMs = await medianMs(RUNS, () =>
    time(async () => {
      for (const { blocks } of documents) await drawPlain(blocks, fonts);
    }),
  );
  const system = (DOCUMENTS / systemMs) * 1000;
  const baseline = (DOCUMENTS / baselineMs) * 1000;
  return [
    {
      benchmark: 'pdf',
      figure: `${DOCUMENTS} TRIPARTITE agreements, documents/s`,
      unit: 'docs/s',
      system,
      baseline,
      ratio: system / baseline,
      target: '≥ 0.70× the baseline rate',
      met: system / baseline >= 0.7,
    },
  ];
}
