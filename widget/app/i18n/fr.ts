/**
 * French: "vous". French typography: a narrow no-break space (U+202F) before ? ! and a no-break
 * space (U+00A0) before a colon.
 */
import type { Dictionary } from '../i18n';
import { hours } from './hours';

export const fr: Dictionary = {
  defaultTitle: 'Discutez avec nous',
  openChat: 'Ouvrir le chat',
  openChatUnread: (count: number) =>
    `Ouvrir le chat, ${count} ${count === 1 ? 'message non lu' : 'messages non lus'}`,
  closeChat: 'Fermer le chat',
  rateTitle: 'Votre conversation',
  close: 'Fermer',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'Nous répondons généralement en quelques minutes'
      : minutes < 60
        ? `Nous répondons généralement en ${minutes === 1 ? 'une minute' : `${minutes} minutes`}`
        : `Nous répondons généralement en ${hours(minutes) === 1 ? 'une heure' : `${hours(minutes)} heures`}`,
  helping: (agent: string) => `${agent} s’occupe de vous`,
  awayNow: 'Nous sommes absents pour le moment',
  closedUntil: (time: string) => `Nous sommes fermés, de retour à ${time}`,
  awayAsk: 'Laissez votre adresse e-mail et votre message : nous vous répondrons par e-mail.',
  awayEmail: 'Votre adresse e-mail',
  awayLeft: (email: string) => `Merci ! Nous vous répondrons à ${email}.`,
  welcome: 'Bonjour\u202f! Comment pouvons-nous vous aider aujourd’hui\u202f?',
  team: 'Service client',
  you: 'Vous',
  messages: 'Messages',
  typing: (agent: string) => `${agent} est en train d’écrire…`,

  message: 'Message',
  placeholder: 'Écrivez un message…',
  placeholderNew: 'Écrivez pour démarrer une nouvelle discussion…',
  send: 'Envoyer',
  endChat: 'Terminer la discussion',
  endConfirm: 'Terminer cette discussion\u202f?',
  keepChatting: 'Continuer la discussion',
  endedUnanswered:
    'Cette discussion s’est terminée avant que notre équipe ait pu répondre. Écrivez-nous à nouveau quand vous voulez.',
  ended: 'Discussion terminée',

  promises: 'Engagements',
  promiseBy: (agent: string, due: string) => `${agent} revient vers vous d’ici ${due}`,
  promiseKept: 'Tenu',
  promiseKeptAt: (time: string) => `Tenu à ${time}`,
  promiseLate: 'En retard',
  dispute: 'Ça n’a pas eu lieu',
  promiseDisputed: 'Vous avez indiqué que cela n’a pas eu lieu',

  connecting: 'Connexion…',
  reconnecting: 'Connexion perdue. Reconnexion…',
  unavailable: 'Le chat n’est pas disponible pour le moment. Veuillez réessayer plus tard.',
  sendFailed: 'Votre message n’a pas pu être envoyé. Veuillez réessayer.',
  actionFailed: 'Un problème est survenu. Veuillez réessayer.',
  tooLong: (max: number) => `Un message peut contenir au maximum ${max} caractères.`,

  endQuestion: 'Comment s’est terminée cette conversation\u202f?',
  faces: ['Très mal', 'Mal', 'Correct', 'Bien', 'Très bien'],
  peakQuestion: 'Qu’est-ce qui vous a le plus marqué\u202f?',
  nothing: 'Rien de particulier',
  skip: 'Passer',
  commentLabel: 'Autre chose à ajouter\u202f?',
  commentPlaceholder: 'Facultatif\u00a0: dites-nous-en plus',
  contactQuestion: 'Pouvons-nous vous recontacter à ce sujet\u202f?',
  contactHint: 'Laissez votre adresse e-mail et nous reviendrons vers vous. Facultatif.',
  badEmail: 'Saisissez une adresse e-mail valide',
  sendRating: 'Envoyer mon avis',
  saveFailed: 'Nous n’avons pas pu enregistrer votre réponse. Veuillez réessayer.',
  thanksTitle: (end: number) => (end >= 4 ? 'Merci\u202f!' : 'Merci de nous l’avoir dit'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent
        ? `Cela fera très plaisir à ${agent}.`
        : 'Nous sommes ravis d’avoir pu vous aider.';
    }
    if (end === 3) {
      return agent
        ? `Cela aide ${agent} et l’équipe à faire mieux la prochaine fois.`
        : 'Cela nous aide à faire mieux la prochaine fois.';
    }
    return agent
      ? `Nous sommes désolés que cela ne se soit pas mieux passé. L’équipe de ${agent} va s’en occuper.`
      : 'Nous sommes désolés que cela ne se soit pas mieux passé. Nous allons nous en occuper.';
  },
  notSolved: 'Ce n’est pas résolu',

  peaks: {
    responsiveness: { positive: 'Réponses rapides', negative: 'Longue attente' },
    reliability: { positive: 'A tenu parole', negative: 'Promesse non tenue' },
    competence: { positive: 'Connaissait la réponse', negative: 'Réponses hésitantes' },
    empathy: { positive: 'Vraiment à l’écoute', negative: 'Pas à l’écoute' },
  },
};
