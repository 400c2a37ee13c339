/**
 * Where and how the visitor writes from, for the agent who answers (shared/visit.ts): read from
 * the host page when a conversation starts. Nothing that tells one browser from another: the
 * device class comes from the pointer and the viewport's width, never the user agent or screen.
 * The page's address goes without its fragment; the server drops credentials and bounds it all.
 */
import type { Visit } from '../../shared/visit';

export function visitContext(): Visit {
  const { location: at, document: page, navigator: browser } = window;
  const touch = matchMedia('(pointer:coarse)').matches;
  return {
    pageUrl: at.origin + at.pathname + at.search,
    pageTitle: page.title,
    referrer: page.referrer,
    language: browser.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    device: touch ? (innerWidth < 768 ? 'mobile' : 'tablet') : 'desktop',
  };
}
