/** Spanish: "tú", the warm register most support chats use. */
import type { Dictionary } from '../i18n';
import { hours } from './hours';

export const es: Dictionary = {
  defaultTitle: 'Chatea con nosotros',
  openChat: 'Abrir chat',
  openChatUnread: (count: number) =>
    `Abrir chat, ${count} ${count === 1 ? 'mensaje sin leer' : 'mensajes sin leer'}`,
  closeChat: 'Cerrar chat',
  rateTitle: 'Tu conversación',
  close: 'Cerrar',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'Solemos responder en pocos minutos'
      : minutes < 60
        ? `Solemos responder en ${minutes === 1 ? 'un minuto' : `${minutes} minutos`}`
        : `Solemos responder en ${hours(minutes) === 1 ? 'una hora' : `${hours(minutes)} horas`}`,
  helping: (agent: string) => `${agent} te está ayudando`,
  awayNow: 'Ahora mismo no estamos',
  closedUntil: (time: string) => `Estamos cerrados, volvemos a las ${time}`,
  awayAsk: 'Déjanos tu correo y tu mensaje: te responderemos por correo.',
  awayEmail: 'Tu correo electrónico',
  awayLeft: (email: string) => `¡Gracias! Te responderemos en ${email}.`,
  welcome: '¡Hola! ¿En qué podemos ayudarte hoy?',
  team: 'Equipo de soporte',
  you: 'Tú',
  messages: 'Mensajes',
  typing: (agent: string) => `${agent} está escribiendo…`,

  message: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  placeholderNew: 'Escribe para empezar un chat nuevo…',
  send: 'Enviar',
  endChat: 'Terminar chat',
  endConfirm: '¿Terminar este chat?',
  keepChatting: 'Seguir chateando',
  endedUnanswered:
    'Este chat terminó antes de que nuestro equipo pudiera responder. Escríbenos de nuevo cuando quieras.',
  ended: 'Chat terminado',

  promises: 'Compromisos',
  // A time alone: "antes de las 15:30" ("de la 1:30"); with a day: "a más tardar el mié, 9:05".
  promiseBy: (agent: string, due: string) =>
    /^\d{1,2}[:.]\d{2}(\s?[ap]\.?\s?m\.?)?$/i.test(due)
      ? `${agent} te responderá antes de ${/^0?1\D/.test(due) ? 'la' : 'las'} ${due}`
      : `${agent} te responderá a más tardar el ${due}`,
  promiseKept: 'Cumplido',
  promiseKeptAt: (time: string) => `Cumplido a las ${time}`,
  promiseLate: 'Con retraso',
  dispute: 'Eso no pasó',
  promiseDisputed: 'Indicaste que esto no pasó',

  connecting: 'Conectando…',
  reconnecting: 'Se perdió la conexión. Reconectando…',
  unavailable: 'El chat no está disponible en este momento. Inténtalo de nuevo más tarde.',
  sendFailed: 'No se pudo enviar tu mensaje. Inténtalo de nuevo.',
  actionFailed: 'Algo salió mal. Inténtalo de nuevo.',
  tooLong: (max: number) => `Los mensajes pueden tener como máximo ${max} caracteres.`,

  endQuestion: '¿Cómo terminó esta conversación?',
  faces: ['Muy mal', 'Mal', 'Regular', 'Bien', 'Muy bien'],
  peakQuestion: '¿Qué es lo que más destacarías?',
  nothing: 'Nada en especial',
  skip: 'Omitir',
  commentLabel: '¿Algo más que quieras contarnos?',
  commentPlaceholder: 'Opcional: cuéntanos más',
  contactQuestion: '¿Podemos contactarte sobre esto?',
  contactHint: 'Déjanos tu correo y te responderemos. Opcional.',
  badEmail: 'Introduce un correo electrónico válido',
  sendRating: 'Enviar valoración',
  saveFailed: 'No pudimos guardarlo. Inténtalo de nuevo.',
  thanksTitle: (end: number) => (end >= 4 ? '¡Muchas gracias!' : 'Gracias por contárnoslo'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent ? `A ${agent} le alegrará mucho saberlo.` : 'Nos alegra haberte ayudado.';
    }
    if (end === 3) {
      return agent
        ? `Así ${agent} y el equipo podrán hacerlo mejor la próxima vez.`
        : 'Así podremos hacerlo mejor la próxima vez.';
    }
    return agent
      ? `Sentimos que no haya ido mejor. El equipo de ${agent} lo revisará.`
      : 'Sentimos que no haya ido mejor. Lo revisaremos.';
  },
  notSolved: 'Esto no está resuelto',

  peaks: {
    responsiveness: { positive: 'Respuestas rápidas', negative: 'Esperas largas' },
    reliability: { positive: 'Cumplió su palabra', negative: 'No cumplió lo prometido' },
    competence: { positive: 'Sabía la respuesta', negative: 'Respuestas inseguras' },
    empathy: { positive: 'Escuchó de verdad', negative: 'No escuchó' },
  },
};
