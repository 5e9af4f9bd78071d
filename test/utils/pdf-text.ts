// Reads a PDF back the way a person would: the text of each page, in reading order.
// pdfjs-dist 3 is used because its legacy build is CommonJS, which jest on Node 20 can load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as {
  getDocument: (source: { data: Uint8Array; verbosity: number; useSystemFonts: boolean }) => { promise: Promise<PdfDocument> };
};

interface PdfDocument {
  numPages: number;
  getPage: (n: number) => Promise<{ getTextContent: () => Promise<{ items: { str: string; hasEOL?: boolean }[] }> }>;
  destroy: () => Promise<void>;
}

export async function pdfPages(bytes: Buffer): Promise<string[]> {
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** All text with line breaks and spaces removed, so assertions do not depend on where lines wrapped. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');
