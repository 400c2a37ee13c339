/** German: formal "Sie", the safe default for a widget on any company's site. */
import type { Dictionary } from '../i18n';
import { hours } from './hours';

export const de: Dictionary = {
  defaultTitle: 'Schreiben Sie uns',
  openChat: 'Chat öffnen',
  openChatUnread: (count: number) =>
    `Chat öffnen, ${count} ${count === 1 ? 'ungelesene Nachricht' : 'ungelesene Nachrichten'}`,
  closeChat: 'Chat schließen',
  rateTitle: 'Ihr Gespräch',
  close: 'Schließen',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'Wir antworten meist innerhalb weniger Minuten'
      : minutes < 60
        ? `Wir antworten meist innerhalb ${minutes === 1 ? 'einer Minute' : `von ${minutes} Minuten`}`
        : `Wir antworten meist innerhalb ${hours(minutes) === 1 ? 'einer Stunde' : `von ${hours(minutes)} Stunden`}`,
  helping: (agent: string) => `${agent} hilft Ihnen weiter`,
  awayNow: 'Wir sind gerade nicht da',
  closedUntil: (time: string) => `Wir haben geschlossen, zurück um ${time}`,
  awayAsk: 'Hinterlassen Sie Ihre E-Mail-Adresse und Ihre Nachricht: Wir antworten per E-Mail.',
  awayEmail: 'Ihre E-Mail-Adresse',
  awayLeft: (email: string) => `Danke! Wir antworten an ${email}.`,
  welcome: 'Hallo! Wie können wir Ihnen heute helfen?',
  team: 'Support-Team',
  you: 'Sie',
  messages: 'Nachrichten',
  typing: (agent: string) => `${agent} schreibt…`,

  message: 'Nachricht',
  placeholder: 'Nachricht schreiben…',
  placeholderNew: 'Schreiben Sie, um einen neuen Chat zu beginnen…',
  send: 'Senden',
  endChat: 'Chat beenden',
  endConfirm: 'Diesen Chat beenden?',
  keepChatting: 'Weiterchatten',
  endedUnanswered:
    'Dieser Chat wurde beendet, bevor unser Team antworten konnte. Schreiben Sie uns jederzeit wieder.',
  ended: 'Chat beendet',

  promises: 'Zusagen',
  promiseBy: (agent: string, due: string) => `${agent} meldet sich bis ${due} bei Ihnen`,
  promiseKept: 'Eingehalten',
  promiseKeptAt: (time: string) => `Eingehalten um ${time}`,
  promiseLate: 'Verzögert sich',
  dispute: 'Das ist nicht passiert',
  promiseDisputed: 'Sie haben gemeldet, dass das nicht passiert ist',

  connecting: 'Verbindung wird hergestellt…',
  reconnecting: 'Verbindung unterbrochen. Neuer Verbindungsversuch…',
  unavailable: 'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
  sendFailed: 'Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal.',
  actionFailed: 'Da ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.',
  tooLong: (max: number) => `Nachrichten dürfen höchstens ${max} Zeichen lang sein.`,

  endQuestion: 'Wie ist dieses Gespräch ausgegangen?',
  faces: ['Sehr schlecht', 'Schlecht', 'Okay', 'Gut', 'Sehr gut'],
  peakQuestion: 'Was ist Ihnen am meisten aufgefallen?',
  nothing: 'Nichts Besonderes',
  skip: 'Überspringen',
  commentLabel: 'Möchten Sie uns noch etwas sagen?',
  commentPlaceholder: 'Optional: Erzählen Sie uns mehr',
  contactQuestion: 'Dürfen wir Sie dazu kontaktieren?',
  contactHint: 'Hinterlassen Sie Ihre E-Mail-Adresse, dann melden wir uns. Freiwillig.',
  badEmail: 'Geben Sie eine gültige E-Mail-Adresse ein',
  sendRating: 'Bewertung senden',
  saveFailed: 'Das konnten wir leider nicht speichern. Bitte versuchen Sie es noch einmal.',
  thanksTitle: (end: number) => (end >= 4 ? 'Vielen Dank!' : 'Danke, dass Sie es uns sagen'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent ? `${agent} wird sich sehr darüber freuen.` : 'Schön, dass wir helfen konnten.';
    }
    if (end === 3) {
      return agent
        ? `Das hilft ${agent} und dem Team, es beim nächsten Mal besser zu machen.`
        : 'Das hilft uns, es beim nächsten Mal besser zu machen.';
    }
    return agent
      ? `Es tut uns leid, dass es nicht besser lief. Das Team von ${agent} kümmert sich darum.`
      : 'Es tut uns leid, dass es nicht besser lief. Wir kümmern uns darum.';
  },
  notSolved: 'Das ist noch nicht gelöst',

  peaks: {
    responsiveness: { positive: 'Schnelle Antworten', negative: 'Lange Wartezeiten' },
    reliability: { positive: 'Hat Wort gehalten', negative: 'Versprechen gebrochen' },
    competence: { positive: 'Wusste Bescheid', negative: 'Unsichere Antworten' },
    empathy: { positive: 'Hat gut zugehört', negative: 'Hat nicht zugehört' },
  },
};
