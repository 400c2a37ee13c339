/**
 * French ("vous", as the widget): live work. A narrow no-break space (\u202f) goes before ? ! : ;
 * and inside « ». Counts of 0 and 1 are singular in French.
 */
import type { ConsoleDictionary } from '..';

const quote = (text: string) => `«\u202f${text}\u202f»`;

/** "de" before a name or words, elided before a vowel: "de Lea", "d’Anna", "d’une minute". */
const of = (words: string) => (/^[aeiouyhàâéèêîôû]/i.test(words) ? `d’${words}` : `de ${words}`);

export const live: ConsoleDictionary['live'] = {
  workspace: {
    backToInbox: 'Retour à la boîte de réception',
    title: 'En direct',
    show: 'Afficher',
    history: 'Conversations',
    comments: 'Commentaires',
    reconnecting:
      'Connexion perdue. Reconnexion… Les conversations et les scores seront actualisés dès son rétablissement.',
    conversationsFailed: (reason: string) =>
      `Impossible de charger les conversations\u202f: ${reason}`,
    scoresFailed: (reason: string) => `Impossible de charger les scores\u202f: ${reason}`,
    choose: 'Choisissez une conversation à gauche.',
    nothingYet: 'Quand un visiteur commence un chat, il apparaît ici.',
  },

  status: {
    open: 'Ouverte',
    unassigned: 'Non attribuée',
    reopened: 'Rouverte',
    closed: 'Fermée',
  },

  inbox: {
    title: 'Conversations',
    open: (count: number) => `${count} ${count < 2 ? 'ouverte' : 'ouvertes'}`,
    loading: 'Chargement des conversations…',
    empty: 'Aucune conversation pour l’instant.',
    emptyHint: 'Les nouveaux chats de votre site apparaissent ici dès qu’ils commencent.',
    loadMore: 'Charger plus de conversations',
    moreFailed: (reason: string) => `Impossible de charger plus de conversations\u202f: ${reason}`,
    waiting: 'En attente de réponse',
    reopenedWaiting: 'Rouverte\u202f: en attente de réponse',
    typing: 'Écrit…',
    you: 'Vous',
    noOne: 'Personne pour l’instant',
    noMessages: 'Aucun message pour l’instant',
    preview: (author: string, text: string) => `${author}\u202f: ${text}`,
    agent: 'Agent',
    rated: 'Évaluation\u202f:',
    ofFive: ' sur 5',
    beforeReopening: 'avant réouverture',
    ratedTitle: (end: number, label: string) => `Évaluation\u202f: ${end} sur 5 (${label})`,
    ratedBeforeTitle: (end: number, label: string) =>
      `Évaluation avant réouverture\u202f: ${end} sur 5 (${label})`,
  },

  conversation: {
    assignedTo: (name: string) => `Attribuée à ${name}`,
    assignedToYou: 'Vous est attribuée',
    notAssigned: 'Non attribuée',
    started: (time: string) => `début ${time}`,
    closed: (time: string) => `fin ${time}`,
    claim: 'Prendre en charge',
    makePromise: 'Faire une promesse',
    close: 'Fermer la conversation',
    closedFoot:
      'Cette conversation est fermée. Le visiteur peut la rouvrir en indiquant que son problème n’est pas résolu.',
    readOnly: 'Cette vue est en lecture seule.',
    messages: 'Messages',
    noMessages: 'Aucun message pour l’instant.',
    typing: (visitor: string) => `${visitor} écrit…`,
    closedLine: 'Fermée',
    closedAt: (time: string) => `Fermée\u202f: ${time}`,
    waitingRating: 'En attente de l’évaluation du visiteur…',
    agent: 'Agent',
    continuedBy: (author: string) => `${author}\u202f: `,
  },

  visitor: {
    about: 'À propos du visiteur',
    email: 'E-mail',
    consented: '(accepte d’être contacté, via la carte d’évaluation)',
    segment: 'Segment',
    title: 'Visiteur',
    page: 'Page',
    cameFrom: 'Provenance',
    language: 'Langue',
    timeZone: 'Fuseau horaire',
    timeThere: (zone: string, time: string) => `${zone} (${time} sur place)`,
    device: 'Appareil',
    devices: { mobile: 'Téléphone', tablet: 'Tablette', desktop: 'Ordinateur' },
  },

  timeline: {
    quote,
    tookOver: (who: string | null, from: string | null) =>
      who === null
        ? `Vous avez pris le relais après ${from ?? 'vous'}`
        : `${who} a pris le relais après ${from ?? 'vous'}`,
    claimed: (who: string | null) =>
      who === null
        ? 'Vous avez pris en charge la conversation'
        : `${who} a pris en charge la conversation`,
    promised: (who: string | null | undefined, what: string | null) => {
      const promise = what ? `promis ${what}` : 'fait une promesse';
      if (who === undefined) return `Un agent a ${promise}`;
      return who === null ? `Vous avez ${promise}` : `${who} a ${promise}`;
    },
    markedKept: (who: string | null, what: string | null) =>
      `${who === null ? 'Vous avez' : `${who} a`} marqué ${what ?? 'une promesse'} comme tenue`,
    wasMarkedKept: (what: string | null) => `${what ?? 'Une promesse'} a été marquée comme tenue`,
    disputed: (what: string | null) =>
      what
        ? `Selon le visiteur, ${what} n’a pas eu lieu`
        : 'Selon le visiteur, une promesse n’a pas été tenue',
    closedBy: (who: string | null) =>
      who === null ? 'Vous avez fermé la conversation' : `${who} a fermé la conversation`,
    closed: 'Fermée',
    reopened: 'Rouverte',
    setAside: (end: number, because: string) =>
      `Une évaluation de ${end}/5 ne compte pour personne\u202f: ${because}`,
    setAsideBecause: {
      member: 'elle provient du réseau ou de l’adresse e-mail d’un membre de l’équipe',
      flood: 'son réseau a envoyé plus d’évaluations que les limites par visiteur ne le permettent',
      unanswered: 'personne n’avait encore répondu',
    },
  },

  composer: {
    reply: 'Réponse',
    placeholder: (visitor: string) => `Répondre à ${visitor}…`,
    enter: 'Entrée',
    shift: 'Maj',
    toSend: 'pour envoyer',
    newLine: 'pour aller à la ligne',
    send: 'Envoyer',
    sending: 'Envoi…',
  },

  promiseForm: {
    title: 'Nouvelle promesse',
    what: 'Qu’allez-vous faire\u202f?',
    placeholder: 'p. ex. Vérifier le remboursement avec la comptabilité et revenir vers vous',
    byWhen: 'Pour quand',
    dueIn: 'Échéance dans',
    confirm: 'Confirmer la promesse',
    noText: 'Indiquez ce que vous allez faire.',
    noTime: 'Choisissez quand ce sera fait.',
    past: 'Choisissez un moment dans le futur.',
  },

  promises: {
    title: 'Promesses',
    promise: 'Promesse',
    kept: 'Tenue',
    keptAt: (time: string, due: string) => ` ${time} · échéance ${due}`,
    broken: 'Non tenue',
    wasDue: (due: string) => ` · échéance ${due}`,
    disputed: 'Contestée',
    disputedSaid: '\u202f: selon le visiteur, elle n’a pas eu lieu',
    countsBroken: ', elle compte donc comme non tenue',
    markedKept: (time: string) => ` · marquée comme tenue ${time}`,
    overdue: 'En retard',
    due: 'Échéance',
    dueAt: (time: string, distance: string) => `${time} (${distance})`,
    markKept: 'Marquer la promesse comme tenue',
    notCountingQuick: (within: string) =>
      `Ne compte pas\u202f: tenue moins ${of(within)} après avoir été faite`,
    notCountingBeyond: (max: number) =>
      `Ne compte pas\u202f: au-delà ${max < 2 ? 'de la première promesse' : `des ${max} premières promesses`} de cette conversation`,
    minutes: (count: number) => (count < 2 ? 'une minute' : `${count} minutes`),
    seconds: (count: number) => (count < 2 ? 'une seconde' : `${count} secondes`),
  },

  rating: {
    faces: ['Très mal', 'Mal', 'Correct', 'Bien', 'Très bien'],
    peaks: {
      responsiveness: { positive: 'Réponses rapides', negative: 'Longue attente' },
      reliability: { positive: 'A tenu parole', negative: 'Promesse non tenue' },
      competence: { positive: 'Connaissait la réponse', negative: 'Réponses hésitantes' },
      empathy: { positive: 'Vraiment à l’écoute', negative: 'Pas à l’écoute' },
    },
    nothing: 'Rien de particulier',
    notSolved: 'Ce n’est pas résolu',
    title: 'Évaluation du visiteur',
    titleBefore: 'Évaluation du visiteur avant réouverture',
    before: 'Avant réouverture\u202f: le visiteur a ensuite indiqué que ce n’était pas résolu',
    outOf: '/5',
    stoodOut: 'Ce qui a marqué',
    comment: 'Commentaire',
    noComment: 'Aucun commentaire',
    notAnswered: 'Sans réponse',
    rated: (time: string) => `Évaluée ${time}`,
    countsFor: (name: string) => ` · compte pour ${name}`,
    mayChange: (time: string) => ` · le visiteur peut la modifier jusqu’à ${time}`,
    setAsideTitle: 'Évaluation écartée',
    howEnded: 'Issue de la conversation',
    countsForNobody: (time: string) => `Évaluée ${time} · ne compte pour personne`,
    setAside: {
      member: {
        title: 'Exclue\u202f: adresse d’un membre de l’équipe',
        about:
          'Donnée depuis une adresse à partir de laquelle un membre de l’équipe s’est connecté au cours des dernières 24 heures, ou avec l’adresse e-mail d’un membre de l’équipe. Conservée, mais ne compte pour personne.',
      },
      flood: {
        title: 'Exclue\u202f: trop d’évaluations depuis une même adresse',
        about:
          'Au-delà de la limite d’évaluations depuis une même adresse. Conservée, mais ne compte pour personne.',
      },
      unanswered: {
        title: 'Sans réponse\u202f: aucun agent n’avait répondu',
        about:
          'Donnée avant qu’un agent n’écrive dans cette conversation\u202f: elle n’évalue donc personne. L’attente du visiteur compte quand même.',
      },
    },
  },

  dimensions: {
    responsiveness: {
      name: 'Réactivité',
      short: 'Réact.',
      inSentence: 'la réactivité',
      description:
        'Réactivité\u202f: aider les visiteurs dans le délai de réponse que le site leur promet.',
      about:
        'Les attentes comparées au délai de réponse promis par le site, et ce qui a marqué les visiteurs.',
    },
    reliability: {
      name: 'Fiabilité',
      short: 'Fiab.',
      inSentence: 'la fiabilité',
      description: `Fiabilité\u202f: tenir ses promesses dans les délais, et des solutions qui tiennent (pas de ${quote('Ce n’est pas résolu')}).`,
      about:
        'Promesses tenues ou non, chats rouverts comme non résolus, et ce que disent les visiteurs.',
    },
    experience: {
      name: 'Expérience',
      short: 'Exp.',
      inSentence: 'l’expérience',
      description:
        'Expérience\u202f: comment la conversation s’est terminée selon les visiteurs, et ce qui les a le plus marqués.',
      about:
        'Comment la conversation s’est terminée selon les visiteurs, et ce qui a le plus marqué.',
    },
    csat: {
      name: 'CSAT',
      short: 'CSAT',
      description:
        'CSAT\u202f: la part des évaluations de 4 ou 5 sur 5 au cours des 30 derniers jours.',
    },
  },

  scores: {
    title: 'Scores en direct',
    lastUpdate: 'Dernière mise à jour',
    paused: 'Pas en direct\u202f: reconnexion',
    pausedLabel: 'En pause',
    team: 'Équipe',
    colon: '\u202f:',
    loading: 'Chargement des scores…',
    noAgents: 'Aucun agent pour l’instant.',
    agent: 'Agent',
    you: 'Vous',
    noData: 'Pas encore de données',
    openBreakdown: (name: string) =>
      `Pourquoi ces scores\u202f? Ouvrir le détail des scores ${of(name)}`,
    conversationsOf: (name: string) => `Conversations ${of(name)}`,
    conversations: 'Conversations',
    legend:
      'Scores de 0 à 100 tirés du travail récent, le plus récent comptant le plus. Barre\u202f: l’intervalle dans lequel un score se situe avec 90\u202f% de probabilité\u202f; il se resserre à mesure que les éléments s’accumulent. Trop peu d’éléments\u202f: les éléments propres à l’agent pèsent encore moins que la moyenne de l’équipe dont il part, seul l’intervalle est donc affiché. —\u202f: pas encore de données. CSAT\u202f: évaluations de 4 à 5 au cours des 30 derniers jours.',
    observations: (count: number) => `${count} ${count < 2 ? 'observation' : 'observations'}`,
    ratings: (count: number) => `${count} ${count < 2 ? 'évaluation' : 'évaluations'}`,
    noDataCell: 'pas encore de données',
    noDataTitle: (label: string, agent: string, team: string) =>
      `${label}\u202f: pas encore de données pour ${agent}. En attendant, c’est la valeur de l’équipe qui compte, ${team}.`,
    tooLittle: 'trop peu d’éléments',
    tooLittleTitle: (label: string, agent: string, low: string, high: string, from: string) =>
      `${label}\u202f: encore trop peu d’éléments pour afficher un score pour ${agent}. Probablement entre ${low} et ${high} (90\u202f%), sur ${from}\u202f; le détail montre comment il se compose.`,
    range: 'intervalle',
    scoreTitle: (label: string, score: string, low: string, high: string, from: string) =>
      `${label} ${score}\u202f: probablement entre ${low} et ${high} (90\u202f%), sur ${from}.`,
    csatNone: 'CSAT\u202f: aucune évaluation au cours des 30 derniers jours.',
    csatTitle: (percent: string, ratings: string) =>
      `CSAT ${percent}\u202f: ${ratings} au cours des 30 derniers jours.`,
    siteNone: (label: string) => `${label}\u202f: pas encore de données.`,
    siteTitle: (label: string, score: string, from: string) =>
      `${label} de toute l’équipe\u202f: ${score}, sur ${from}.`,
    siteCsatTitle: (percent: string, ratings: string) =>
      `CSAT de toute l’équipe\u202f: ${percent} sur ${ratings} au cours des 30 derniers jours.`,
  },

  breakdown: {
    title: (name: string) => `Détail des scores\u202f: ${name}`,
    eyebrow: 'Détail des scores',
    you: 'Vous',
    intro: (self: boolean) =>
      `Ce qui a fait bouger ${self ? 'vos' : 'ces'} scores récemment, du plus récent au plus ancien.`,
    helps: 'favorable',
    hurts: 'défavorable',
    keyRead: '(plus\u202f: favorable, moins\u202f: défavorable)',
    olderLess: '\u202f; les éléments plus anciens comptent moins.',
    closeTitle: 'Fermer (Échap)',
    loading: 'Chargement du détail…',
    failed: (reason: string) => `Impossible de charger le détail\u202f: ${reason}`,
    foot: (time: string) =>
      `Calculé jusqu’à ${time}. Poids\u202f: ce que compte un élément par rapport aux autres (une attente compte ½ quand l’attente la plus longue et la dernière attente d’un chat diffèrent\u202f; ce qui a le plus marqué un visiteur compte 2). Parmi les éléments propres à un score, un échec pèse plus qu’un succès\u202f: deux fois plus, sauf si le site a réglé autrement son poids de négativité.`,
    empty: (self: boolean) =>
      `Rien n’a encore fait bouger ${self ? 'vos' : 'ces'} scores. Les attentes, les promesses et les évaluations apparaissent ici dès qu’elles comptent.`,
    now: (label: string) => `${label} actuellement`,
    nowRead: 'actuellement',
    thinTitle: (label: string) =>
      `${label} actuellement\u202f: probablement dans cet intervalle (90\u202f%)`,
    nothingLately: 'rien récemment',
    counts: (helped: number, hurt: number) =>
      `${helped} ${helped < 2 ? 'favorable' : 'favorables'} · ${hurt} ${hurt < 2 ? 'défavorable' : 'défavorables'}`,
    noOwn: 'Pas encore d’éléments propres',
    own: 'Éléments propres',
    teamMean: 'Moyenne de l’équipe',
    weighing: (weight: string) => `(poids ${weight})`,
    together: 'ensemble',
    thinNote: (teamWeight: string, low: string, high: string) =>
      `Trop peu d’éléments\u202f: les éléments propres à l’agent pèsent moins que le poids ${teamWeight} de la moyenne de l’équipe\u202f; le score s’appuie donc sur l’équipe, et les scores en direct n’en affichent que l’intervalle, ${low}–${high}.`,
    effectTitle: (helps: boolean, value: string) =>
      `${helps ? 'Favorable' : 'Défavorable'}\u202f: valeur ${value} sur 1`,
    effectRead: (helps: boolean, dimension: string) =>
      `${helps ? 'favorable' : 'défavorable'} à ${dimension}`,
    justNow: 'à l’instant',
    weightTitle:
      'Ce que cela compte par rapport aux autres éléments, avant de s’atténuer avec le temps',
    weight: (weight: string) => `poids ${weight}`,
    units: { seconds: 's', minutes: 'min', hours: 'h' },
    answeredIn: (took: string, promised: string) =>
      `Réponse en ${took} (promis\u202f: ${promised})`,
    waited: (took: string, promised: string) => `Attente de ${took} (promis\u202f: ${promised})`,
    keptPromise: (text: string | null) =>
      text ? `Promesse ${quote(text)} tenue` : 'Une promesse tenue',
    brokePromise: (text: string | null) =>
      text ? `Promesse ${quote(text)} non tenue` : 'Une promesse non tenue',
    dueSuffix: (time: string) => ` (échéance ${time})`,
    disputed: (text: string | null) =>
      `${text ? `Promesse ${quote(text)}` : 'Une promesse'} marquée comme tenue\u202f; selon le visiteur, elle n’a pas eu lieu`,
    reopened: (words: string) => `Rouverte\u202f: ${quote(words)}`,
    rated: (end: number | null) => (end === null ? 'Conversation évaluée' : `Évaluée ${end} sur 5`),
    ratedPeak: (rated: string, peak: string) => `${rated}, ${quote(peak)} a marqué`,
    ratedNoAnswer: (rated: string) => `${rated}\u202f; ce qui a marqué\u202f: sans réponse`,
    ratedNothing: (rated: string) => `${rated}, rien de particulier n’a marqué`,
    voice: (peak: string | null) =>
      peak ? `Selon le visiteur, ${quote(peak)} a marqué` : 'Ce qui a marqué le visiteur',
    longestWait: 'attente la plus longue',
    lastWait: 'dernière attente',
    due: (time: string) => `échéance ${time}`,
    markedKept: (time: string) => `marquée comme tenue ${time}`,
  },
};
