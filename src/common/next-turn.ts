/** Resolves after the event loop has had a turn: long work awaits it between chunks so requests keep being served. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
