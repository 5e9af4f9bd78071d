// A payment batch: OPEN when made, EXPORTED once its bank file was downloaded (the file may be downloaded
// again), RECONCILED when the bank has answered for every line.
export const BATCH_STATUSES = ['OPEN', 'EXPORTED', 'RECONCILED'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The bank's answer for one transfer. */
export const TRANSFER_RESULTS = ['PAID', 'FAILED'] as const;
export type TransferResult = (typeof TRANSFER_RESULTS)[number];

/** Where a line of a batch stands: the bank's answer, or PENDING while it has none. */
export const LINE_RESULTS = [...TRANSFER_RESULTS, 'PENDING'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];
