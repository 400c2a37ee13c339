/** Dutch: informal "je", as Dutch web shops and support desks usually write. */
import type { Dictionary } from '../i18n';
import { hours } from './hours';

export const nl: Dictionary = {
  defaultTitle: 'Chat met ons',
  openChat: 'Chat openen',
  openChatUnread: (count: number) =>
    `Chat openen, ${count} ${count === 1 ? 'ongelezen bericht' : 'ongelezen berichten'}`,
  closeChat: 'Chat sluiten',
  rateTitle: 'Je gesprek',
  close: 'Sluiten',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'We reageren meestal binnen een paar minuten'
      : minutes < 60
        ? `We reageren meestal binnen ${minutes === 1 ? 'een minuut' : `${minutes} minuten`}`
        : `We reageren meestal binnen ${hours(minutes) === 1 ? 'een uur' : `${hours(minutes)} uur`}`,
  helping: (agent: string) => `${agent} helpt je`,
  awayNow: 'We zijn er nu niet',
  closedUntil: (time: string) => `We zijn gesloten, terug om ${time}`,
  awayAsk: 'Laat je e-mailadres en je bericht achter: we antwoorden per e-mail.',
  awayEmail: 'Je e-mailadres',
  awayLeft: (email: string) => `Bedankt! We antwoorden op ${email}.`,
  welcome: 'Hoi! Waarmee kunnen we je vandaag helpen?',
  team: 'Klantenservice',
  you: 'Jij',
  messages: 'Berichten',
  typing: (agent: string) => `${agent} is aan het typen…`,

  message: 'Bericht',
  placeholder: 'Schrijf een bericht…',
  placeholderNew: 'Schrijf iets om een nieuwe chat te beginnen…',
  send: 'Versturen',
  endChat: 'Chat beëindigen',
  endConfirm: 'Deze chat beëindigen?',
  keepChatting: 'Verder chatten',
  endedUnanswered:
    'Deze chat is beëindigd voordat ons team kon antwoorden. Schrijf ons gerust opnieuw.',
  ended: 'Chat beëindigd',

  promises: 'Afspraken',
  promiseBy: (agent: string, due: string) => `${agent} laat uiterlijk ${due} van zich horen`,
  promiseKept: 'Nagekomen',
  promiseKeptAt: (time: string) => `Nagekomen om ${time}`,
  promiseLate: 'Loopt uit',
  dispute: 'Dat is niet gebeurd',
  promiseDisputed: 'Je hebt laten weten dat dit niet is gebeurd',

  connecting: 'Verbinden…',
  reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
  unavailable: 'De chat is nu niet beschikbaar. Probeer het later nog eens.',
  sendFailed: 'Je bericht kon niet worden verstuurd. Probeer het nog eens.',
  actionFailed: 'Er ging iets mis. Probeer het nog eens.',
  tooLong: (max: number) => `Een bericht mag hoogstens ${max} tekens lang zijn.`,

  endQuestion: 'Hoe is dit gesprek afgelopen?',
  faces: ['Heel slecht', 'Slecht', 'Gaat wel', 'Goed', 'Heel goed'],
  peakQuestion: 'Wat viel je het meest op?',
  nothing: 'Niets in het bijzonder',
  skip: 'Overslaan',
  commentLabel: 'Wil je nog iets kwijt?',
  commentPlaceholder: 'Optioneel: vertel ons meer',
  contactQuestion: 'Mogen we hierover contact met je opnemen?',
  contactHint: 'Laat je e-mailadres achter, dan nemen we contact met je op. Niet verplicht.',
  badEmail: 'Vul een geldig e-mailadres in',
  sendRating: 'Beoordeling versturen',
  saveFailed: 'Dat konden we niet opslaan. Probeer het nog eens.',
  thanksTitle: (end: number) => (end >= 4 ? 'Dank je wel!' : 'Bedankt dat je het laat weten'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent ? `Daar zal ${agent} blij mee zijn.` : 'Fijn dat we je konden helpen.';
    }
    if (end === 3) {
      return agent
        ? `Zo kunnen ${agent} en het team het de volgende keer beter doen.`
        : 'Zo kunnen we het de volgende keer beter doen.';
    }
    return agent
      ? `Het spijt ons dat het niet beter ging. Het team van ${agent} gaat ermee aan de slag.`
      : 'Het spijt ons dat het niet beter ging. We gaan ermee aan de slag.';
  },
  notSolved: 'Dit is niet opgelost',

  peaks: {
    responsiveness: { positive: 'Snelle antwoorden', negative: 'Lang wachten' },
    reliability: { positive: 'Hield woord', negative: 'Belofte gebroken' },
    competence: { positive: 'Wist het antwoord', negative: 'Onzekere antwoorden' },
    empathy: { positive: 'Luisterde echt', negative: 'Luisterde niet' },
  },
};
