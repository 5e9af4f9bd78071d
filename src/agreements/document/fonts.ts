import * as fontkit from 'fontkit';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A parsed OpenType font, as fontkit gives it and pdfkit accepts it. */
export type ParsedFont = ReturnType<typeof fontkit.create>;

export interface AgreementFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

let loading: Promise<AgreementFonts> | undefined;

/**
 * Noto Sans SC (Hans), embedded and subset into every PDF so Chinese names print on any reader.
 * Parsing an 8 MB OpenType file takes a while: it is done once per process and shared.
 */
export function agreementFonts(): Promise<AgreementFonts> {
  loading ??= (async () => {
    // The package exports only its index; the font files sit in fonts/ beside dist/.
    const folder = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    const load = async (file: string) => fontkit.create(await readFile(join(folder, file))) as ParsedFont;
    const [regular, bold] = await Promise.all([load('NotoSansHans-Regular.otf'), load('NotoSansHans-Bold.otf')]);
    return { regular, bold };
  })();
  return loading;
}
