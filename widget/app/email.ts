import { LIMITS } from '../../shared/limits';

/** Enough to catch a typo; the server checks the address properly. */
export const looksLikeEmail = (address: string) =>
  address.length <= LIMITS.emailLength && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
