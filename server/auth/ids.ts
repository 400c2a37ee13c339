/**
 * Ids the server chooses for sites, accounts, agents and invites: random (so they tell nothing
 * about how many there are), letters and digits only, so each is a valid id everywhere (ZId).
 */
import { randomToken } from './tokens';

const part = (bytes: number) => randomToken(bytes).replace(/[^A-Za-z0-9]/g, 'x');

export const newSiteId = () => `site_${part(9)}`;
export const newAccountId = () => `acct_${part(12)}`;
export const newAgentId = () => `ag_${part(9)}`;
export const newInviteId = () => `inv_${part(9)}`;
