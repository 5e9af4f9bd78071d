/** What an agreement template renders to: a few kinds of block, laid out by the PDF renderer. */
export interface Signer {
  /** The party, e.g. 甲方（培养学校）. */
  label: string;
  en?: string;
  /** Who signs for the party, printed under the label; absent when it is written in by hand. */
  name?: string;
  /** An organisation: space for its seal and its representative's signature. */
  seal?: boolean;
}

export type Block =
  | { type: 'title'; text: string; en?: string }
  | { type: 'heading'; text: string; en?: string }
  | { type: 'paragraph'; text: string; en?: string }
  | { type: 'fields'; rows: { label: string; en?: string; value: string }[] }
  | { type: 'table'; header: { text: string; en?: string }[]; rows: string[][] }
  | { type: 'signatures'; signers: Signer[] };

export interface AgreementDocument {
  blocks: Block[];
}

/** The languages an agreement is printed in: Chinese, or Chinese with an English line under each clause. */
export const AGREEMENT_LANGUAGES = ['zh', 'bilingual'] as const;
export type AgreementLanguage = (typeof AGREEMENT_LANGUAGES)[number];

/** The document without its English lines. */
export function chineseOnly(document: AgreementDocument): AgreementDocument {
  const strip = <T extends { en?: string }>({ en: _en, ...rest }: T): Omit<T, 'en'> => rest;
  return {
    blocks: document.blocks.map((block): Block => {
      switch (block.type) {
        case 'fields':
          return { ...block, rows: block.rows.map(strip) };
        case 'table':
          return { ...block, header: block.header.map(strip) };
        case 'signatures':
          return { ...block, signers: block.signers.map(strip) };
        default:
          return strip(block);
      }
    }),
  };
}
