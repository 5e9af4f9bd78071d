/** What an agreement template renders to: a few kinds of block, laid out by the PDF renderer. */
export type Block =
  | { type: 'title'; text: string; en?: string }
  | { type: 'heading'; text: string; en?: string }
  | { type: 'paragraph'; text: string; en?: string }
  | { type: 'fields'; rows: { label: string; en?: string; value: string }[] }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'signatures'; signers: { label: string; en?: string }[] };

export interface AgreementDocument {
  blocks: Block[];
}
