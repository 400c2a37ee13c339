import type { ConsoleDictionary } from '..';

export const admin: ConsoleDictionary['admin'] = {};
