/**
 * Every string the visitor sees or hears, in one place so other languages can be added later
 * (same keys, same function signatures). Accessible names listed in the product brief are part
 * of the UI contract: browser tests and screen readers rely on them.
 */
import type { Dimension, Polarity } from '../../shared/facts';

export const en = {
  defaultTitle: 'Chat with us',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  replyTime: 'We usually reply within a few minutes',
  helping: (agent: string) => `${agent} is helping you`,
  welcome: 'Hi there! How can we help you today?',
  team: 'Support team',
  you: 'You',
  messages: 'Messages',
  typing: (agent: string) => `${agent} is typing…`,

  message: 'Message',
  placeholder: 'Write a message…',
  placeholderNew: 'Write to start a new chat…',
  send: 'Send',
  endChat: 'End chat',
  ended: 'Chat ended',

  promises: 'Promises',
  promiseBy: (agent: string, due: string) => `${agent} will get back to you by ${due}`,
  promiseKept: 'Kept',
  promiseLate: 'Running late',

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat isn’t available right now. Please try again later.',
  sendFailed: 'Your message couldn’t be sent. Please try again.',
  actionFailed: 'Something went wrong. Please try again.',
  tooLong: (max: number) => `Messages can be at most ${max} characters.`,

  endQuestion: 'How did this conversation end?',
  faces: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'] as const,
  peakQuestion: 'What stood out most?',
  nothing: 'Nothing in particular',
  skip: 'Skip',
  commentLabel: 'Anything else?',
  commentPlaceholder: 'Optional: tell us more',
  sendRating: 'Send rating',
  saveFailed: 'We couldn’t save that. Please try again.',
  thanksTitle: (end: number) => (end >= 4 ? 'Thank you!' : 'Thank you for telling us'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent ? `${agent} will be glad to hear it.` : 'We’re glad we could help.';
    }
    if (end === 3) {
      return agent
        ? `It helps ${agent} and the team do better next time.`
        : 'It helps us do better next time.';
    }
    return agent
      ? `We’re sorry this wasn’t better. ${agent}’s team will look into it.`
      : 'We’re sorry this wasn’t better. We’ll look into it.';
  },
  notSolved: "This isn't solved",

  peaks: {
    responsiveness: { positive: 'Quick replies', negative: 'Long waits' },
    reliability: { positive: 'Kept their word', negative: 'Broke a promise' },
    competence: { positive: 'Knew the answer', negative: 'Unsure answers' },
    empathy: { positive: 'Really listened', negative: "Didn't listen" },
  } satisfies Record<Dimension, Record<Polarity, string>>,
};

export type Dictionary = typeof en;

/** "Anna" from "Anna Jansen": friendlier in sentences ("Anna will get back to you…"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/** The active dictionary. Only English exists yet; a `language` option would pick here. */
export const t: Dictionary = en;
