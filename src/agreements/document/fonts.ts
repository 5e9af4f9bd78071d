import * as fontkit from 'fontkit';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WORD_JOINER } from '../rules/chinese-text';

/** A parsed OpenType font, as fontkit gives it and pdfkit accepts it. */
export type ParsedFont = fontkit.Font;

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
    const load = async (file: string) => withoutJoiners(fontkit.create(await readFile(join(folder, file))) as ParsedFont);
    const [regular, bold] = await Promise.all([load('NotoSansHans-Regular.otf'), load('NotoSansHans-Bold.otf')]);
    return { regular, bold };
  })();
  return loading;
}

const JOINERS = new RegExp(WORD_JOINER, 'g');

/**
 * pdfkit wraps lines where Unicode allows a break, so a word joiner keeps a date or a name on one line; but
 * it would also print the joiner (fontkit draws a space for it, which a reader copies out). The font lays
 * text out without joiners, after the line breaks are chosen.
 */
function withoutJoiners(font: ParsedFont): ParsedFont {
  const wrapped = Object.create(font) as ParsedFont;
  wrapped.layout = (text, ...rest) => font.layout(text.replace(JOINERS, ''), ...rest);
  return wrapped;
}
