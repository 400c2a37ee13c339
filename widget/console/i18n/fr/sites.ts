import type { ConsoleDictionary } from '..';

export const sites: ConsoleDictionary['sites'] = {
  site: 'Site',
  option: (waiting, site) => (waiting > 0 ? `${site} (${waiting} en attente)` : site),
  waitingOn: (waiting, site) =>
    waiting === 1 ? `1 chat en attente sur ${site}` : `${waiting} chats en attente sur ${site}`,
  waitingOnOthers: (waiting) =>
    waiting === 1
      ? '1 chat en attente sur d’autres sites'
      : `${waiting} chats en attente sur d’autres sites`,
  switchTo: (site) => `Passer à ${site}`,
  newChatOn: (site) => `Nouveau chat sur ${site}`,
  newChatsOn: (count, site) => `${count} nouveaux chats sur ${site}`,
};
