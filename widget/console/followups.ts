/**
 * The follow-up queue's count for the tab title, and the browser notification a member may ask
 * for (with a button, never an automatic prompt): read again whenever the queue may have changed
 * (a push, a reconnection), and when the next waiting item (a promise falling due) shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT, type ConsoleDictionary } from './i18n';
import type { LiveConsole } from './useLiveConsole';

/** The number of new items the member sees. */
export function useNewFollowups(live: Pick<LiveConsole, 'followups' | 'followupsSeen'>): number {
  const [count, setCount] = useState(0);
  const [due, setDue] = useState(0);
  const previous = useRef<number | null>(null);
  const { followups, followupsSeen } = live;
  // Read when a notification shows, so it speaks the language shown then.
  const notification = useT().insights.followUp.notification;
  const words = useRef(notification);
  words.current = notification;

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void followups({ limit: 1 }).then((answer) => {
      if (!current || !answer.ok) return;
      const { newCount, nextAt } = answer.data;
      if (previous.current !== null && newCount > previous.current) notify(newCount, words.current);
      previous.current = newCount;
      setCount(newCount);
      if (nextAt !== null) {
        // A promise falls due then: its item shows without anything else happening.
        const wait = Math.max(0, Date.parse(nextAt) - Date.now()) + 250;
        timer = setTimeout(() => setDue((n) => n + 1), Math.min(wait, 2 ** 31 - 1));
      }
    });
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [followups, followupsSeen, due]);

  return count;
}

/** Whether this browser can show notifications, and the member may still be asked. */
export const mayAskToNotify = (): boolean =>
  typeof Notification !== 'undefined' && Notification.permission === 'default';

/** Asks once, from the member's own click. */
export async function askToNotify(): Promise<NotificationPermission | null> {
  if (typeof Notification === 'undefined') return null;
  return Notification.requestPermission();
}

function notify(
  count: number,
  words: ConsoleDictionary['insights']['followUp']['notification'],
): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (typeof document !== 'undefined' && !document.hidden) return; // the tab title says it
  new Notification(words.title, {
    body: words.body(count),
    tag: 'peakend-followup',
  });
}
