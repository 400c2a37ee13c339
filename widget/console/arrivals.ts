/**
 * What a screen reader hears when work arrives: a chat that starts waiting for a reply, or new
 * follow-up items. Said through a polite live region (Header.tsx); focus never moves. What the
 * console shows when it opens is not news.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentConversationView } from '../../shared/protocol';
import { useT } from './i18n';
import { awaitsReply } from './inbox';
import { visitorName } from './visitorName';

export function useArrivals(
  conversations: readonly AgentConversationView[] | null,
  newFollowups: number,
): string {
  const t = useT();
  const words = useRef(t.shell.arrivals);
  words.current = t.shell.arrivals;
  const dictionary = useRef(t);
  dictionary.current = t;
  const [said, setSaid] = useState('');
  const waitingBefore = useRef<Set<string> | null>(null);
  const followupsBefore = useRef<number | null>(null);

  useEffect(() => {
    if (!conversations) return;
    const waiting = conversations.filter(awaitsReply);
    const known = waitingBefore.current;
    waitingBefore.current = new Set(waiting.map((c) => c.id));
    if (known === null) return;
    const [one, ...more] = waiting.filter((c) => !known.has(c.id));
    if (!one) return;
    setSaid(
      more.length === 0
        ? words.current.newChat(visitorName(one.visitorLabel, dictionary.current))
        : words.current.newChats(more.length + 1),
    );
  }, [conversations]);

  useEffect(() => {
    const before = followupsBefore.current;
    followupsBefore.current = newFollowups;
    if (before === null || newFollowups <= before) return;
    const added = newFollowups - before;
    setSaid(words.current.newFollowups(added));
  }, [newFollowups]);

  return said;
}
