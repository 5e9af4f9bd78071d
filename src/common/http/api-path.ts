/** The HTTP API is under /api (RouterModule in app.module.ts); every other path is a page or a page's file. */
export const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
