/** Spanish. */
import type { ConsoleDictionary } from '..';
import { admin } from './admin';
import { common } from './common';
import { insights } from './insights';
import { live } from './live';
import { shell } from './shell';
import { sites } from './sites';

export const es: ConsoleDictionary = { common, shell, live, insights, admin, sites };
