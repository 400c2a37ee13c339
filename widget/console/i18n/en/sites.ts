/** The console's words: sites (the site switcher, and chats waiting on one's other sites). */
export const sites = {
  /** The site switcher's name. */
  site: 'Site',
  /** A site in the switcher, with the chats waiting there (none: its name alone). */
  option: (waiting: number, site: string) => (waiting > 0 ? `${site} (${waiting} waiting)` : site),
  /** The badge beside the switcher: chats waiting on the one other site that has some. */
  waitingOn: (waiting: number, site: string) => `${waiting} waiting on ${site}`,
  /** The same, when several other sites have chats waiting. */
  waitingOnOthers: (waiting: number) => `${waiting} waiting on other sites`,
  /** What the badge does (its description). */
  switchTo: (site: string) => `Switch to ${site}`,
  /** Said to screen readers when a chat starts waiting on another site. */
  newChatOn: (site: string) => `New chat on ${site}`,
  /** The same, for several at once. */
  newChatsOn: (count: number, site: string) => `${count} new chats on ${site}`,
};
