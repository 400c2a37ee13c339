/**
 * Where and how the visitor writes from, for the agent who answers (shared/visit.ts): read from
 * the host page when a conversation starts. Nothing that tells one browser from another: the
 * device class comes from the pointer and the viewport's width, never the user agent or screen.
 * The page's address goes without its fragment; the server drops credentials and bounds it all.
 * Written for size: every byte here is one each visitor downloads.
 */
import type { Visit } from '../../shared/visit';

export const visitContext = (): Visit => ({
  pageUrl: location.href.split('#')[0],
  pageTitle: document.title,
  referrer: document.referrer,
  language: navigator.language,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  device: matchMedia('(pointer:coarse)').matches
    ? innerWidth < 768
      ? 'mobile'
      : 'tablet'
    : 'desktop',
});
