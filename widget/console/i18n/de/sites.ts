import type { ConsoleDictionary } from '..';

export const sites: ConsoleDictionary['sites'] = {
  site: 'Website',
  option: (waiting, site) => (waiting > 0 ? `${site} (${waiting} wartend)` : site),
  waitingOn: (waiting, site) =>
    waiting === 1 ? `1 Chat wartet bei ${site}` : `${waiting} Chats warten bei ${site}`,
  waitingOnOthers: (waiting) =>
    waiting === 1
      ? '1 Chat wartet auf anderen Websites'
      : `${waiting} Chats warten auf anderen Websites`,
  switchTo: (site) => `Zu ${site} wechseln`,
  newChatOn: (site) => `Neuer Chat bei ${site}`,
  newChatsOn: (count, site) => `${count} neue Chats bei ${site}`,
};
