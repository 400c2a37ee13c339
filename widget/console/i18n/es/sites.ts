import type { ConsoleDictionary } from '..';

export const sites: ConsoleDictionary['sites'] = {};
