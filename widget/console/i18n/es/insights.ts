import type { ConsoleDictionary } from '..';
import { es as widget } from '../../../app/i18n/es';
import { amountOf } from '../../figures';

/** The server's refusals by code; other codes keep the server's own message. */
const REFUSALS: Record<string, string> = {
  invalid: 'No se ha aceptado la solicitud. Revisa los datos que has introducido.',
  unauthorized: 'Tu sesión ha caducado. Vuelve a iniciar sesión.',
  forbidden: 'Tu rol no permite hacer esto.',
  not_found: 'No se ha encontrado; puede que se haya eliminado.',
  conflict: 'Esto ha cambiado mientras tanto. Recarga la página y vuelve a intentarlo.',
  too_large: 'Es más de lo que se puede enviar de una vez.',
  rate_limited: 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
  internal: 'Algo ha fallado en el servidor o por el camino. Vuelve a intentarlo.',
};

const lastDays = (count: number) => (count === 1 ? 'el último día' : `los últimos ${count} días`);

export const insights: ConsoleDictionary['insights'] = {
  refusal: (code, message) => REFUSALS[code] ?? message,

  labels: {
    agent: 'Agente',
    everyone: 'Todos',
    period: 'Periodo',
    status: 'Estado',
    segment: 'Segmento',
    noSegment: 'Sin segmento',
    ratings: 'Valoraciones',
    change: 'Cambio',
    soFar: '(hasta ahora)',
    tableView: 'Vista de tabla',
    loadMore: 'Cargar más',
    unassigned: 'Sin asignar',
  },

  periods: {
    anyTime: 'Cualquier fecha',
    lastDays: (count) => `Últimos ${count} días`,
  },

  measures: {
    responsiveness: 'Rapidez de respuesta',
    reliability: 'Fiabilidad',
    experience: 'Experiencia',
    csat: 'CSAT',
  },

  followupStatus: {
    new: 'Nuevo',
    contacted: 'Contactado',
    resolved: 'Resuelto',
    dismissed: 'Descartado',
  },

  duration: {
    seconds: (count) => amountOf(count, 'second'),
    minutes: (amount) => amountOf(amount, 'minute'),
    hours: (amount) => amountOf(amount, 'hour'),
  },

  followUp: {
    title: 'Seguimiento',
    allStatuses: 'Todos',
    notifyMe: 'Avisarme de elementos nuevos',
    loadFailed: (message) => `No se ha podido cargar la lista: ${message}`,
    moreFailed: (message) => `No se han podido cargar más elementos: ${message}`,
    empty: 'No hay nada pendiente de seguimiento aquí.',
    items: 'Elementos de seguimiento',
    loadMore: 'Cargar más elementos',
    rated: (end, peak, unanswered) =>
      `Valoración «${end}»${unanswered ? ' antes de que nadie respondiera' : ''}${peak ? ` · ${peak}` : ''}`,
    promiseDisputed: (text) => `Promesa cuestionada por el visitante${text ? `: ${text}` : ''}`,
    promiseMissed: (text) => `Promesa no cumplida a tiempo${text ? `: ${text}` : ''}`,
    reopened: 'Reabierta poco después de cerrarse: no resuelta',
    byAgent: (name) => `Agente ${name}`,
    nobodyAnswered: 'Nadie respondió',
    conversation: (id) => `conversación ${id}`,
    ownedBy: (name) => `responsable: ${name}`,
    contact: 'Contacto:',
    consented: 'acepta que le contacten sobre esto',
    dismissedBecause: (reason) => `Descartado: ${reason}`,
    notes: 'Notas',
    noteBy: (who, when) => `${who}, ${when}:`,
    integration: 'Integración',
    markContacted: 'Marcar como contactado',
    resolve: 'Marcar como resuelto',
    take: 'Hacerme cargo',
    owner: 'Responsable',
    nobody: 'Nadie',
    dismiss: 'Descartar…',
    addNoteOpen: 'Añadir una nota…',
    reason: 'Motivo del descarte',
    dismissItem: 'Descartar elemento',
    note: 'Nota',
    addNote: 'Añadir nota',
  },

  history: {
    title: 'Conversaciones',
    exportCsv: 'Exportar CSV',
    search: 'Buscar conversaciones',
    searchPlaceholder: 'Buscar en mensajes y comentarios',
    searchButton: 'Buscar',
    any: 'Todos',
    open: 'Abierta',
    closed: 'Cerrada',
    anyone: 'Cualquiera',
    rating: 'Valoración',
    ratings: {
      any: 'Cualquier valoración',
      bad: 'Mala (1–2)',
      okay: 'Regular (3)',
      good: 'Buena (4–5)',
      none: 'Sin valorar',
    },
    ratingEnds: (ends) => `Valoraciones ${ends}`,
    comment: 'Comentario',
    withComment: 'Con comentario',
    withoutComment: 'Sin comentario',
    lastActive: 'Última actividad',
    customPeriod: (from, to) => (to ? `Del ${from} al ${to}` : `Desde el ${from}`),
    segmentFilter: (segment) => `Segmento: ${segment ?? 'ninguno'}`,
    removeSegment: 'Quitar el filtro de segmento',
    moreFailed: (message) => `No se ha podido cargar más: ${message}`,
    choose: 'Elige una conversación para leerla.',
    loading: 'Cargando conversaciones…',
    loadFailed: (message) => `No se han podido cargar las conversaciones: ${message}`,
    noMatchSearch:
      'Ninguna conversación tiene todas estas palabras en un mismo mensaje o comentario.',
    noMatch: 'Ninguna conversación coincide con estos filtros.',
    list: 'Conversaciones anteriores',
    notAssigned: 'Sin asignar',
    loadingOne: 'Cargando la conversación…',
    showFailed: (message) => `No se puede mostrar esta conversación: ${message}`,
    stillOpen: 'Esta conversación sigue abierta.',
    answerLive: 'Responder en vivo',
  },

  comments: {
    title: 'Comentarios',
    chip: 'Lo destacado',
    tones: {
      any: 'Todo',
      positive: 'Buenos momentos',
      negative: 'Malos momentos',
    },
    excluded: {
      member: 'no cuenta: un miembro del equipo',
      flood: 'no cuenta: demasiadas desde una misma dirección',
      unanswered: 'antes de cualquier respuesta',
    },
    loading: 'Cargando comentarios…',
    loadFailed: (message) => `No se han podido cargar los comentarios: ${message}`,
    empty: 'Ningún comentario ni momento coincide.',
    list: 'Comentarios y momentos',
    open: 'Abrir',
    whose: (visitor) => `la conversación de ${visitor}`,
  },

  trends: {
    title: 'Tendencias',
    periods: 'Periodos',
    intervals: {
      day: 'Días (últimos 30)',
      week: 'Semanas (últimas 13)',
      month: 'Meses (últimos 12)',
    },
    who: 'Quién',
    wholeSite: 'Todo el sitio',
    intro: (timeZone) =>
      `Cada punto es la puntuación al final de su periodo${timeZone ? ` (hora de ${timeZone})` : ''}, tal como la mostraban entonces las puntuaciones en directo; el último periodo sigue en curso y termina ahora.`,
    bandAgent: 'La banda es el intervalo del 90\u00a0% del agente.',
    bandSite: 'Las cifras del sitio se basan en los datos propios de todo el equipo, con n.',
    loadFailed: (message) => `No se han podido cargar las tendencias: ${message}`,
    loading: 'Cargando tendencias…',
    overTime: (measure) => `${measure} a lo largo del tiempo`,
    day: 'Día',
    weekTo: 'Semana hasta',
    monthTo: 'Mes hasta',
    interval: 'Intervalo del 90\u00a0%',
    chartFailed: 'No se ha podido cargar el gráfico; la tabla de abajo tiene todas las cifras.',
  },

  segments: {
    title: 'Segmentos',
    introBefore: 'Quiénes son tus visitantes, según lo indican tus páginas con ',
    introAfter:
      '. Las puntuaciones se basan en los datos de cada grupo hasta hoy; las valoraciones y el CSAT son los del periodo.',
    loadFailed: (message) => `No se han podido cargar los segmentos: ${message}`,
    loading: 'Cargando segmentos…',
    empty:
      'Aún no hay valoraciones ni datos. Cuando terminen las conversaciones, aquí aparecerá cada grupo de visitantes.',
    caption: 'Segmentos de visitantes, de mayor a menor',
    whatMatters: 'Lo que más pesa',
    itsConversations: 'Sus conversaciones',
    tooFew: (ratings, needed) => `Muy pocas valoraciones para clasificar (${ratings} de ${needed})`,
    noDriver: 'Ningún momento destaca más en los finales negativos',
    driverCounts: (bad, good) => `· en ${bad} finales negativos, ${good} positivos`,
  },

  expectation: {
    title: 'Brecha de expectativas',
    loadFailed: (message) => `No se han podido cargar los tiempos de respuesta: ${message}`,
    loading: 'Cargando tiempos de respuesta…',
    kept: (said, kept, share, count) =>
      `Indicas ${said}; en ${lastDays(count)} has cumplido ${kept} para el ${share} de los visitantes.`,
    noneKept: (said, count) =>
      `Indicas ${said}; ningún visitante recibió una primera respuesta en ${lastDays(count)}.`,
    tooFewKept: (said, count) =>
      `Indicas ${said}; hay muy pocas primeras respuestas en ${lastDays(count)} para saber qué tiempo cumples.`,
    widgetReplyTime: (minutes) => widget.replyTime(minutes),
    quote: (text) => `«${text}»`,
    widgetFollows: (says) => `El chat dice a los visitantes ${says}, según el tiempo que cumples.`,
    widgetFollowsNone: (says) =>
      `El chat sigue el tiempo que cumples; sin primeras respuestas en las que basarse, dice ${says}.`,
    widgetStates: (says) =>
      `El chat dice ${says}; en los ajustes del sitio puedes hacer que indique el tiempo que cumples.`,
    intro: (timeZone, forAgent) =>
      `La primera espera de cada visitante, desde su mensaje hasta la primera respuesta, en la semana en que se envió la respuesta (hora de ${timeZone}), ${forAgent ? 'para las respuestas de este agente' : 'para todo el sitio'}. La mediana y el percentil 90 son las esperas dentro de las cuales la mitad y nueve de cada diez visitantes recibieron respuesta.`,
    chart: 'Primeras respuestas dentro del objetivo a lo largo del tiempo',
    caption: 'Primeras respuestas por semana',
    firstReplies: 'Primeras respuestas',
    within: (target) => `En ${target} o menos`,
    medianWait: 'Espera mediana',
    p90: 'Percentil 90',
    allWeeks: (count) => (count === 1 ? 'La semana' : `Las ${count} semanas`),
  },

  report: {
    title: 'Informe semanal',
    period: (week, dates, timeZone) => `${week}: ${dates} (hora de ${timeZone})`,
    week: 'Semana',
    print: 'Imprimir',
    failed: {
      report: (message) => `No se ha podido cargar el informe: ${message}`,
      trends: (message) => `No se han podido cargar las tendencias: ${message}`,
      segments: (message) => `No se han podido cargar los segmentos: ${message}`,
      moments: (message) => `No se han podido cargar los mejores momentos: ${message}`,
      replyTimes: (message) => `No se han podido cargar los tiempos de respuesta: ${message}`,
    },
    moreFailed: (message) => `No se ha podido cargar más: ${message}`,
    loading: 'Cargando el informe…',
    noScores: 'No hay puntuaciones para esta semana.',
    lastWeeks: (count) => (count === 1 ? 'La última semana' : `Las últimas ${count} semanas`),
    scores: {
      title: 'Puntuaciones de esta semana',
      caption: 'Las puntuaciones del sitio al final de la semana, frente a la semana anterior',
      measure: 'Indicador',
      thisWeek: 'Esta semana',
      weekBefore: 'Semana anterior',
      eachAgent: 'Por agente',
      noAgents: 'Ningún agente tiene puntuaciones todavía.',
      agentsCaption:
        'Las puntuaciones de cada agente al final de la semana, con el cambio respecto a la semana anterior',
      up: 'sube',
      down: 'baja',
    },
    drivers: {
      title: 'Qué provocó los finales negativos',
      empty: 'No hay valoraciones esta semana.',
      caption: 'Principales causas de finales negativos por segmento esta semana',
      top: 'Principales causas de finales negativos',
    },
    followups: {
      title: 'Seguimiento',
      intro:
        'Abiertos: elementos cuyo motivo (un final negativo, una promesa incumplida, una reapertura) cayó en la semana, según su estado actual. Cerrados: elementos resueltos o descartados, modificados por última vez en la semana.',
      byCause: 'Por motivo',
      cause: 'Motivo',
      byStatus: 'Por estado actual',
      causes: {
        rating: 'Final negativo',
        promise: 'Promesa incumplida',
        reopen: 'Reabierta',
      },
      all: 'Todos',
      opened: 'Abiertos',
      closed: 'Cerrados',
    },
    moments: {
      title: 'Mejores momentos',
      empty: 'Ninguna valoración de esta semana destacó un buen momento.',
      praisedEnd: (more) => (more ? ' (por ahora).' : '.'),
    },
    gap: {
      firstReplies: 'Primeras respuestas de esta semana',
      median: 'Mediana de primera respuesta',
    },
  },
};
