/** Spanish (informal "tú", as the widget): live work. */
import type { ConsoleDictionary } from '..';

export const live: ConsoleDictionary['live'] = {
  workspace: {
    backToInbox: 'Volver a la bandeja de entrada',
    title: 'En vivo',
    show: 'Mostrar',
    history: 'Conversaciones',
    comments: 'Comentarios',
    reconnecting:
      'Se perdió la conexión. Reconectando… Las conversaciones y las puntuaciones se actualizarán en cuanto vuelva.',
    conversationsFailed: (reason: string) => `No se pudieron cargar las conversaciones: ${reason}`,
    scoresFailed: (reason: string) => `No se pudieron cargar las puntuaciones: ${reason}`,
    choose: 'Elige una conversación a la izquierda.',
    nothingYet: 'Cuando un visitante empiece un chat, aparecerá aquí.',
  },

  status: {
    open: 'Abierta',
    unassigned: 'Sin asignar',
    reopened: 'Reabierta',
    closed: 'Cerrada',
  },

  inbox: {
    title: 'Conversaciones',
    open: (count: number) => `${count} ${count === 1 ? 'abierta' : 'abiertas'}`,
    loading: 'Cargando conversaciones…',
    empty: 'Aún no hay conversaciones.',
    emptyHint: 'Los chats nuevos de tu sitio aparecen aquí en cuanto empiezan.',
    loadMore: 'Cargar más conversaciones',
    moreFailed: (reason: string) => `No se pudieron cargar más conversaciones: ${reason}`,
    waiting: 'Esperando respuesta',
    reopenedWaiting: 'Reabierta: esperando respuesta',
    typing: 'Escribiendo…',
    you: 'Tú',
    noOne: 'Nadie aún',
    noMessages: 'Aún no hay mensajes',
    preview: (author: string, text: string) => `${author}: ${text}`,
    agent: 'Agente',
    rated: 'Valoración:',
    ofFive: ' de 5',
    beforeReopening: 'antes de reabrir',
    ratedTitle: (end: number, label: string) => `Valoración: ${end} de 5 (${label})`,
    ratedBeforeTitle: (end: number, label: string) =>
      `Valoración antes de reabrir: ${end} de 5 (${label})`,
  },

  conversation: {
    assignedTo: (name: string) => `Asignada a ${name}`,
    assignedToYou: 'Asignada a ti',
    notAssigned: 'Sin asignar',
    started: (time: string) => `inicio ${time}`,
    closed: (time: string) => `cierre ${time}`,
    claim: 'Tomar',
    makePromise: 'Hacer una promesa',
    close: 'Cerrar conversación',
    closedFoot:
      'Esta conversación está cerrada. El visitante puede reabrirla indicando que no está resuelta.',
    readOnly: 'Esta vista es de solo lectura.',
    messages: 'Mensajes',
    noMessages: 'Aún no hay mensajes.',
    typing: (visitor: string) => `${visitor} está escribiendo…`,
    closedLine: 'Cerrada',
    closedAt: (time: string) => `Cerrada: ${time}`,
    waitingRating: 'Esperando la valoración del visitante…',
    agent: 'Agente',
    continuedBy: (author: string) => `${author}: `,
  },

  visitor: {
    about: 'Sobre el visitante',
    email: 'Correo',
    consented: '(aceptó que lo contacten, en la tarjeta de valoración)',
    segment: 'Segmento',
    title: 'Visitante',
    page: 'Página',
    cameFrom: 'Llegó desde',
    language: 'Idioma',
    timeZone: 'Zona horaria',
    timeThere: (zone: string, time: string) => `${zone} (allí, ${time})`,
    device: 'Dispositivo',
    devices: { mobile: 'Teléfono', tablet: 'Tableta', desktop: 'Ordenador' },
  },

  timeline: {
    quote: (text: string) => `«${text}»`,
    tookOver: (who: string | null, from: string | null) =>
      who === null
        ? `Relevaste a ${from ?? 'ti mismo'} en la conversación`
        : from === null
          ? `${who} te relevó en la conversación`
          : `${who} relevó a ${from} en la conversación`,
    claimed: (who: string | null) =>
      who === null ? 'Tomaste la conversación' : `${who} tomó la conversación`,
    promised: (who: string | null | undefined, what: string | null) => {
      if (who === null) return what ? `Prometiste ${what}` : 'Hiciste una promesa';
      const subject = who ?? 'Un agente';
      return what ? `${subject} prometió ${what}` : `${subject} hizo una promesa`;
    },
    markedKept: (who: string | null, what: string | null) =>
      `${who === null ? 'Marcaste' : `${who} marcó`} ${what ?? 'una promesa'} como cumplida`,
    wasMarkedKept: (what: string | null) => `${what ?? 'Una promesa'} se marcó como cumplida`,
    disputed: (what: string | null) =>
      what
        ? `El visitante dijo que ${what} no pasó`
        : 'El visitante dijo que una promesa no se cumplió',
    closedBy: (who: string | null) =>
      who === null ? 'Cerraste la conversación' : `${who} cerró la conversación`,
    closed: 'Cerrada',
    reopened: 'Reabierta',
    setAside: (end: number, because: string) =>
      `Una valoración de ${end}/5 no cuenta para nadie: ${because}`,
    setAsideBecause: {
      member: 'vino de la red o del correo de un miembro del equipo',
      flood: 'su red envió más valoraciones de las que permiten los límites por visitante',
      unanswered: 'nadie había respondido aún',
    },
  },

  composer: {
    reply: 'Respuesta',
    placeholder: (visitor: string) => `Responder a ${visitor}…`,
    enter: 'Intro',
    shift: 'Mayús',
    toSend: 'para enviar',
    newLine: 'para una línea nueva',
    send: 'Enviar',
    sending: 'Enviando…',
  },

  promiseForm: {
    title: 'Nueva promesa',
    what: '¿Qué vas a hacer?',
    placeholder: 'p. ej., Revisar el reembolso con facturación y volver a escribirte',
    byWhen: 'Para cuándo',
    dueIn: 'Vence en',
    confirm: 'Confirmar promesa',
    noText: 'Di qué vas a hacer.',
    noTime: 'Elige cuándo estará hecho.',
    past: 'Elige un momento futuro.',
  },

  promises: {
    title: 'Promesas',
    promise: 'Promesa',
    kept: 'Cumplida',
    keptAt: (time: string, due: string) => ` ${time} · vencía ${due}`,
    broken: 'Incumplida',
    wasDue: (due: string) => ` · vencía ${due}`,
    disputed: 'Cuestionada',
    disputedSaid: ': el visitante dice que no pasó',
    countsBroken: ', así que cuenta como incumplida',
    markedKept: (time: string) => ` · marcada como cumplida ${time}`,
    overdue: 'Vencida',
    due: 'Vence',
    dueAt: (time: string, distance: string) => `${time} (${distance})`,
    markKept: 'Marcar promesa como cumplida',
    notCountingQuick: (within: string) =>
      `No cuenta: cumplida menos de ${within} después de hacerla`,
    notCountingBeyond: (max: number) =>
      `No cuenta: ${max === 1 ? 'va después de la primera promesa' : `va después de las primeras ${max} promesas`} de esta conversación`,
    minutes: (count: number) => (count === 1 ? 'un minuto' : `${count} minutos`),
    seconds: (count: number) => (count === 1 ? 'un segundo' : `${count} segundos`),
  },

  rating: {
    faces: ['Muy mal', 'Mal', 'Regular', 'Bien', 'Muy bien'],
    peaks: {
      responsiveness: { positive: 'Respuestas rápidas', negative: 'Esperas largas' },
      reliability: { positive: 'Cumplió su palabra', negative: 'No cumplió lo prometido' },
      competence: { positive: 'Sabía la respuesta', negative: 'Respuestas inseguras' },
      empathy: { positive: 'Escuchó de verdad', negative: 'No escuchó' },
    },
    nothing: 'Nada en especial',
    notSolved: 'Esto no está resuelto',
    title: 'Valoración del visitante',
    titleBefore: 'Valoración del visitante antes de reabrir',
    before: 'Antes de reabrir: después, el visitante dijo que no estaba resuelto',
    outOf: '/5',
    stoodOut: 'Lo que destacó',
    comment: 'Comentario',
    noComment: 'Sin comentario',
    notAnswered: 'Sin responder',
    rated: (time: string) => `Valorada ${time}`,
    countsFor: (name: string) => ` · cuenta para ${name}`,
    mayChange: (time: string) => ` · el visitante puede cambiarla hasta ${time}`,
    setAsideTitle: 'Valoración apartada',
    howEnded: 'Cómo terminó',
    countsForNobody: (time: string) => `Valorada ${time} · no cuenta para nadie`,
    setAside: {
      member: {
        title: 'Excluida: dirección de un miembro del equipo',
        about:
          'Enviada desde una dirección desde la que un miembro del equipo inició sesión en las últimas 24 horas, o con el correo de un miembro del equipo. Se guarda, pero no cuenta para nadie.',
      },
      flood: {
        title: 'Excluida: demasiadas valoraciones desde una dirección',
        about:
          'Supera el límite de valoraciones desde una misma dirección. Se guarda, pero no cuenta para nadie.',
      },
      unanswered: {
        title: 'Sin respuesta: ningún agente había respondido',
        about:
          'Enviada antes de que un agente escribiera en esta conversación, así que no valora a nadie. La espera del visitante sí cuenta.',
      },
    },
  },

  dimensions: {
    responsiveness: {
      name: 'Rapidez de respuesta',
      short: 'Rapidez',
      inSentence: 'la rapidez de respuesta',
      description:
        'Rapidez de respuesta: ayudar a los visitantes dentro del tiempo de respuesta que el sitio les promete.',
      about:
        'Esperas frente al tiempo de respuesta que promete el sitio, y lo que destacaron los visitantes.',
    },
    reliability: {
      name: 'Fiabilidad',
      short: 'Fiab.',
      inSentence: 'la fiabilidad',
      description:
        'Fiabilidad: cumplir las promesas a tiempo, y soluciones que se mantienen (sin «Esto no está resuelto»).',
      about:
        'Promesas cumplidas o incumplidas, chats reabiertos por no estar resueltos, y lo que dicen los visitantes.',
    },
    experience: {
      name: 'Experiencia',
      short: 'Exp.',
      inSentence: 'la experiencia',
      description:
        'Experiencia: cómo terminó la conversación según los visitantes, y lo que más destacaron.',
      about: 'Cómo terminó la conversación según los visitantes, y lo que más destacó.',
    },
    csat: {
      name: 'CSAT',
      short: 'CSAT',
      description: 'CSAT: la proporción de valoraciones de 4 o 5 sobre 5 en los últimos 30 días.',
    },
  },

  scores: {
    title: 'Puntuaciones en vivo',
    lastUpdate: 'Última actualización',
    paused: 'No en vivo: reconectando',
    pausedLabel: 'En pausa',
    team: 'Equipo',
    colon: ':',
    loading: 'Cargando puntuaciones…',
    noAgents: 'Aún no hay agentes.',
    agent: 'Agente',
    you: 'Tú',
    noData: 'Aún sin datos',
    openBreakdown: (name: string) => `¿Por qué estas puntuaciones? Abrir el desglose de ${name}`,
    conversationsOf: (name: string) => `Conversaciones de ${name}`,
    conversations: 'Conversaciones',
    legend:
      'Puntuaciones de 0 a 100 a partir del trabajo reciente; lo más reciente cuenta más. Barra: el intervalo en el que está una puntuación con un 90\u00a0% de probabilidad; se estrecha a medida que crece la evidencia. Poca evidencia: la evidencia propia del agente aún pesa menos que la media del equipo de la que parte, así que solo se muestra el intervalo. —: aún sin datos. CSAT: valoraciones de 4–5 en los últimos 30 días.',
    observations: (count: number) => (count === 1 ? '1 observación' : `${count} observaciones`),
    ratings: (count: number) => (count === 1 ? '1 valoración' : `${count} valoraciones`),
    noDataCell: 'aún sin datos',
    noDataTitle: (label: string, agent: string, team: string) =>
      `${label}: aún no hay datos de ${agent}. Mientras tanto, cuenta el valor del equipo, ${team}.`,
    tooLittle: 'poca evidencia',
    tooLittleTitle: (label: string, agent: string, low: string, high: string, from: string) =>
      `${label}: aún hay poca evidencia de ${agent} para mostrar una puntuación. Probablemente entre ${low} y ${high} (90\u00a0%), a partir de ${from}; el desglose muestra cómo se compone.`,
    range: 'intervalo',
    scoreTitle: (label: string, score: string, low: string, high: string, from: string) =>
      `${label} ${score}: probablemente entre ${low} y ${high} (90\u00a0%), a partir de ${from}.`,
    csatNone: 'CSAT: ninguna valoración en los últimos 30 días.',
    csatTitle: (percent: string, ratings: string) =>
      `CSAT ${percent}: ${ratings} en los últimos 30 días.`,
    siteNone: (label: string) => `${label}: aún sin datos.`,
    siteTitle: (label: string, score: string, from: string) =>
      `${label} de todo el equipo: ${score}, a partir de ${from}.`,
    siteCsatTitle: (percent: string, ratings: string) =>
      `CSAT de todo el equipo: ${percent} de ${ratings} en los últimos 30 días.`,
  },

  breakdown: {
    title: (name: string) => `Desglose de puntuaciones: ${name}`,
    eyebrow: 'Desglose de puntuaciones',
    you: 'Tú',
    intro: (self: boolean) =>
      `Lo que movió ${self ? 'tus' : 'estas'} puntuaciones últimamente, lo más reciente primero.`,
    helps: 'ayuda',
    hurts: 'perjudica',
    keyRead: '(más: ayuda, menos: perjudica)',
    olderLess: '; la evidencia más antigua cuenta menos.',
    closeTitle: 'Cerrar (Esc)',
    loading: 'Cargando el desglose…',
    failed: (reason: string) => `No se pudo cargar el desglose: ${reason}`,
    foot: (time: string) =>
      `Calculado hasta ${time}. Peso: cuánto cuenta una evidencia frente al resto (una espera cuenta ½ cuando la más larga y la última espera de un chat son distintas; lo que un visitante dice que destacó cuenta 2). En la evidencia propia de una puntuación, un fallo pesa más que un acierto: el doble, salvo que el sitio haya ajustado su peso de negatividad.`,
    empty: (self: boolean) =>
      `Aún nada ha movido ${self ? 'tus' : 'estas'} puntuaciones. Las esperas, promesas y valoraciones aparecen aquí en cuanto cuentan.`,
    now: (label: string) => `${label} ahora`,
    nowRead: 'ahora',
    thinTitle: (label: string) => `${label} ahora: probablemente entre estos valores (90\u00a0%)`,
    nothingLately: 'nada últimamente',
    counts: (helped: number, hurt: number) =>
      `${helped} ${helped === 1 ? 'ayudó' : 'ayudaron'} · ${hurt} ${hurt === 1 ? 'perjudicó' : 'perjudicaron'}`,
    noOwn: 'Aún sin evidencia propia',
    own: 'Evidencia propia',
    teamMean: 'Media del equipo',
    weighing: (weight: string) => `(peso ${weight})`,
    together: 'en total',
    thinNote: (teamWeight: string, low: string, high: string) =>
      `Poca evidencia: la evidencia propia del agente pesa menos que el peso ${teamWeight} de la media del equipo, así que la puntuación se apoya en el equipo y Puntuaciones en vivo solo muestra su intervalo, ${low}–${high}.`,
    effectTitle: (helps: boolean, value: string) =>
      `${helps ? 'Ayuda' : 'Perjudica'}: valor ${value} de 1`,
    effectRead: (helps: boolean, dimension: string) =>
      `${helps ? 'ayuda a' : 'perjudica a'} ${dimension}`,
    justNow: 'justo ahora',
    weightTitle: 'Cuánto cuenta esto frente a otra evidencia, antes de perder peso con el tiempo',
    weight: (weight: string) => `peso ${weight}`,
    units: { seconds: 's', minutes: 'min', hours: 'h' },
    answeredIn: (took: string, promised: string) =>
      `Respondido en ${took} (prometido: ${promised})`,
    waited: (took: string, promised: string) => `Esperó ${took} (prometido: ${promised})`,
    keptPromise: (text: string | null) =>
      text ? `Cumplió la promesa «${text}»` : 'Cumplió una promesa',
    brokePromise: (text: string | null) =>
      text ? `Incumplió la promesa «${text}»` : 'Incumplió una promesa',
    dueSuffix: (time: string) => ` (vencía ${time})`,
    disputed: (text: string | null) =>
      `${text ? `Promesa «${text}»` : 'Una promesa'} marcada como cumplida; el visitante dijo que no pasó`,
    reopened: (words: string) => `Reabierta: «${words}»`,
    rated: (end: number | null) =>
      end === null ? 'Conversación valorada' : `Valorada con ${end} de 5`,
    ratedPeak: (rated: string, peak: string) => `${rated}; destacó «${peak}»`,
    ratedNoAnswer: (rated: string) => `${rated}; lo que destacó: sin responder`,
    ratedNothing: (rated: string) => `${rated}; nada en especial destacó`,
    voice: (peak: string | null) =>
      peak ? `El visitante dijo que destacó «${peak}»` : 'Lo que el visitante dijo que destacó',
    longestWait: 'espera más larga',
    lastWait: 'última espera',
    due: (time: string) => `vencía ${time}`,
    markedKept: (time: string) => `marcada como cumplida ${time}`,
  },
};
