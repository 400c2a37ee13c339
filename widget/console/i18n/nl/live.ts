import type { ConsoleDictionary } from '..';

export const live: ConsoleDictionary['live'] = {};
