/** The console's words: admin. */
export const admin = {};
