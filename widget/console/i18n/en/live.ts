/** The console's words: live. */
export const live = {};
