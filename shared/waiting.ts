/**
 * Chats waiting on a person's other sites: a console shows one site at a time, and hears, for each
 * other site its person belongs to, only how many chats wait for a reply there (as the inbox's
 * first rank counts them). Never a conversation, a name or a site the person is not on.
 *
 * The server parses the request with these schemas; the console parses what it is sent, too.
 */
import { z } from 'zod';
import { ZId } from './facts';

/** How many chats wait for a reply on one of the person's other sites. */
export const ZSiteWaiting = z.strictObject({
  siteId: ZId,
  waiting: z.int().nonnegative(),
  /**
   * The number of the site's last change the count had heard of: a count that arrives with a
   * lower one than the console already holds is older, and is dropped.
   */
  seq: z.int().nonnegative(),
});
export type SiteWaiting = z.infer<typeof ZSiteWaiting>;

/** The answer to `sites:waiting`: every other site of the person's, once each. */
export const ZSitesWaiting = z.strictObject({ sites: z.array(ZSiteWaiting) });
export type SitesWaiting = z.infer<typeof ZSitesWaiting>;

/**
 * `sites:waiting` takes nothing: the sites are those the person belongs to, known from their
 * session. A payload naming anything (a site id) is refused, the same whether it exists or not.
 */
export const ZSitesWaitingRequest = z.strictObject({}).optional();
