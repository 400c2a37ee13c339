/** The console's words: sites. */
export const sites = {};
