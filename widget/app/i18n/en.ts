/** English: the widget's first language, and the one it falls back to. */
import type { Dictionary } from '../i18n';
import { hours } from './hours';

export const en: Dictionary = {
  defaultTitle: 'Chat with us',
  openChat: 'Open chat',
  openChatUnread: (count: number) =>
    `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  closeChat: 'Close chat',
  rateTitle: 'Your conversation',
  close: 'Close',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'We usually reply within a few minutes'
      : minutes < 60
        ? `We usually reply within ${minutes === 1 ? 'a minute' : `${minutes} minutes`}`
        : `We usually reply within ${hours(minutes) === 1 ? 'an hour' : `${hours(minutes)} hours`}`,
  helping: (agent: string) => `${agent} is helping you`,
  awayNow: 'We’re away right now',
  closedUntil: (time: string) => `We’re closed, back at ${time}`,
  awayAsk: 'Leave your email and your message: we’ll answer by email.',
  awayEmail: 'Your email',
  awayLeft: (email: string) => `Thanks! We’ll answer at ${email}.`,
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
  endConfirm: 'End this chat?',
  keepChatting: 'Keep chatting',
  endedUnanswered: 'This chat ended before our team could reply. Write to us again any time.',
  ended: 'Chat ended',

  promises: 'Promises',
  promiseBy: (agent: string, due: string) => `${agent} will get back to you by ${due}`,
  promiseKept: 'Kept',
  promiseKeptAt: (time: string) => `Kept at ${time}`,
  promiseLate: 'Running late',
  dispute: "That didn't happen",
  promiseDisputed: "You said this didn't happen",

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat isn’t available right now. Please try again later.',
  sendFailed: 'Your message couldn’t be sent. Please try again.',
  actionFailed: 'Something went wrong. Please try again.',
  tooLong: (max: number) => `Messages can be at most ${max} characters.`,

  endQuestion: 'How did this conversation end?',
  faces: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'],
  peakQuestion: 'What stood out most?',
  nothing: 'Nothing in particular',
  skip: 'Skip',
  commentLabel: 'Anything else?',
  commentPlaceholder: 'Optional: tell us more',
  contactQuestion: 'May we contact you about this?',
  contactHint: 'Leave your email and we’ll get back to you. Optional.',
  badEmail: 'Enter a valid email address',
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
  },
};
