/** The console's words: insights. */
export const insights = {};
