/** English: the console's first language, the shape every other fills in, and the fallback. */
import { admin } from './admin';
import { common } from './common';
import { insights } from './insights';
import { live } from './live';
import { shell } from './shell';
import { sites } from './sites';

export const en = { common, shell, live, insights, admin, sites };
