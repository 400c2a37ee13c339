/**
 * The console's address names the view it shows (`#trends`, `#followup`, `#report`), so a reload,
 * a bookmark or a shared link opens the same view. `#comments` is the comments feed of the
 * "Conversations" view; the history's own addresses carry its filter (historyLink.ts).
 */
import type { ConsoleView } from './components/Header';
import { historyTarget } from './historyLink';

const VIEWS: readonly ConsoleView[] = [
  'live',
  'followup',
  'conversations',
  'trends',
  'segments',
  'report',
  'admin',
];

export interface AddressedView {
  view: ConsoleView;
  /** The Conversations view shows the comments feed rather than the history. */
  comments: boolean;
}

/** The view an address asks for; null when it names none. */
export function addressedView(hash: string): AddressedView | null {
  if (historyTarget(hash)) return { view: 'conversations', comments: false };
  if (hash === '#comments') return { view: 'conversations', comments: true };
  const name = hash.replace(/^#/, '');
  const view = VIEWS.find((known) => known === name);
  return view ? { view, comments: false } : null;
}
