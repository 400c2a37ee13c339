import type { ConsoleDictionary } from '..';

export const shell: ConsoleDictionary['shell'] = {};
