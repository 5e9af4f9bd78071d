/** What the log says of something thrown: an Error's stack (or message), anything else as text. */
export const errorTrace = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));
