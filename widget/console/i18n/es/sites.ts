import type { ConsoleDictionary } from '..';

export const sites: ConsoleDictionary['sites'] = {
  site: 'Sitio',
  option: (waiting, site) => (waiting > 0 ? `${site} (${waiting} en espera)` : site),
  waitingOn: (waiting, site) =>
    waiting === 1 ? `1 chat en espera en ${site}` : `${waiting} chats en espera en ${site}`,
  waitingOnOthers: (waiting) =>
    waiting === 1
      ? '1 chat en espera en otros sitios'
      : `${waiting} chats en espera en otros sitios`,
  switchTo: (site) => `Ir a ${site}`,
  newChatOn: (site) => `Nuevo chat en ${site}`,
  newChatsOn: (count, site) => `${count} chats nuevos en ${site}`,
};
