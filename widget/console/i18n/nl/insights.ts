import type { ConsoleDictionary } from '..';

export const insights: ConsoleDictionary['insights'] = {};
