/** The console's words: shell. */
export const shell = {};
