import type { ConsoleDictionary } from '..';

export const sites: ConsoleDictionary['sites'] = {
  site: 'Site',
  option: (waiting, site) => (waiting > 0 ? `${site} (${waiting} wachtend)` : site),
  waitingOn: (waiting, site) =>
    waiting === 1 ? `1 chat wacht bij ${site}` : `${waiting} chats wachten bij ${site}`,
  waitingOnOthers: (waiting) =>
    waiting === 1 ? '1 chat wacht bij andere sites' : `${waiting} chats wachten bij andere sites`,
  switchTo: (site) => `Ga naar ${site}`,
  newChatOn: (site) => `Nieuwe chat bij ${site}`,
  newChatsOn: (count, site) => `${count} nieuwe chats bij ${site}`,
};
