/** French: "vous"; a narrow no-break space (U+202F) before ? ! : ; and inside « ». */
import type { ConsoleDictionary } from '..';
import { fr as widget } from '../../../app/i18n/fr';
import { amountOf } from '../../figures';

/** The server's refusals by code; other codes keep the server's own message. */
const REFUSALS: Record<string, string> = {
  invalid: 'La demande n’a pas été acceptée. Vérifiez ce que vous avez saisi.',
  unauthorized: 'Votre session a expiré. Veuillez vous reconnecter.',
  forbidden: 'Votre rôle ne permet pas de faire cela.',
  not_found: 'Introuvable\u202f; l’élément a peut-être été supprimé.',
  conflict: 'Cela a changé entre-temps. Rechargez la page et réessayez.',
  too_large: 'C’est plus que ce qui peut être envoyé en une fois.',
  rate_limited: 'Trop de requêtes. Patientez un instant, puis réessayez.',
  internal: 'Une erreur s’est produite sur le serveur ou en chemin. Veuillez réessayer.',
};

const lastDays = (count: number) =>
  count === 1 ? 'le dernier jour' : `les ${count} derniers jours`;

export const insights: ConsoleDictionary['insights'] = {
  refusal: (code, message) => REFUSALS[code] ?? message,

  labels: {
    agent: 'Agent',
    everyone: 'Tout le monde',
    period: 'Période',
    status: 'Statut',
    segment: 'Segment',
    noSegment: 'Aucun segment',
    ratings: 'Évaluations',
    change: 'Évolution',
    soFar: '(en cours)',
    tableView: 'Vue tableau',
    loadMore: 'Charger plus',
    unassigned: 'Non attribuée',
  },

  periods: {
    anyTime: 'Toute période',
    lastDays: (count) => `${count} derniers jours`,
  },

  measures: {
    responsiveness: 'Réactivité',
    reliability: 'Fiabilité',
    experience: 'Expérience',
    csat: 'CSAT',
  },

  followupStatus: {
    new: 'Nouveau',
    contacted: 'Contacté',
    resolved: 'Résolu',
    dismissed: 'Écarté',
  },

  duration: {
    seconds: (count) => amountOf(count, 'second'),
    minutes: (amount) => amountOf(amount, 'minute'),
    hours: (amount) => amountOf(amount, 'hour'),
  },

  followUp: {
    title: 'Suivi',
    allStatuses: 'Tous',
    notifyMe: 'M’avertir des nouveaux éléments',
    loadFailed: (message) => `La liste n’a pas pu être chargée\u202f: ${message}`,
    moreFailed: (message) => `La suite de la liste n’a pas pu être chargée\u202f: ${message}`,
    empty: 'Rien à suivre ici.',
    items: 'Éléments à suivre',
    loadMore: 'Charger plus d’éléments',
    rated: (end, peak, unanswered) =>
      `Évaluation «\u202f${end}\u202f»${unanswered ? ' avant toute réponse' : ''}${peak ? ` · ${peak}` : ''}`,
    promiseDisputed: (text) => `Promesse contestée par le visiteur${text ? `\u202f: ${text}` : ''}`,
    promiseMissed: (text) => `Promesse non tenue dans les délais${text ? `\u202f: ${text}` : ''}`,
    reopened: 'Rouverte peu après sa clôture\u202f: non résolue',
    byAgent: (name) => `Agent ${name}`,
    nobodyAnswered: 'Personne n’a répondu',
    conversation: (id) => `conversation ${id}`,
    ownedBy: (name) => `responsable\u202f: ${name}`,
    contact: 'Contact\u202f:',
    consented: 'accepte d’être recontacté à ce sujet',
    dismissedBecause: (reason) => `Écarté\u202f: ${reason}`,
    notes: 'Notes',
    noteBy: (who, when) => `${who}, ${when}\u202f:`,
    integration: 'Intégration',
    markContacted: 'Marquer comme contacté',
    resolve: 'Marquer comme résolu',
    take: 'Prendre en charge',
    owner: 'Responsable',
    nobody: 'Personne',
    dismiss: 'Écarter…',
    addNoteOpen: 'Ajouter une note…',
    reason: 'Motif de mise à l’écart',
    dismissItem: 'Écarter l’élément',
    note: 'Note',
    addNote: 'Ajouter la note',
  },

  history: {
    title: 'Conversations',
    exportCsv: 'Exporter en CSV',
    search: 'Rechercher dans les conversations',
    searchPlaceholder: 'Rechercher dans les messages et les commentaires',
    searchButton: 'Rechercher',
    any: 'Tous',
    open: 'Ouverte',
    closed: 'Fermée',
    anyone: 'Tout le monde',
    rating: 'Évaluation',
    ratings: {
      any: 'Toutes les évaluations',
      bad: 'Mauvaise (1–2)',
      okay: 'Correcte (3)',
      good: 'Bonne (4–5)',
      none: 'Non évaluée',
    },
    ratingEnds: (ends) => `Évaluations ${ends}`,
    comment: 'Commentaire',
    withComment: 'Avec commentaire',
    withoutComment: 'Sans',
    lastActive: 'Dernière activité',
    customPeriod: (from, to) => (to ? `Du ${from} au ${to}` : `Depuis le ${from}`),
    segmentFilter: (segment) => `Segment\u202f: ${segment ?? 'aucun'}`,
    removeSegment: 'Retirer le filtre de segment',
    moreFailed: (message) => `La suite n’a pas pu être chargée\u202f: ${message}`,
    choose: 'Choisissez une conversation pour la lire.',
    loading: 'Chargement des conversations…',
    loadFailed: (message) => `Les conversations n’ont pas pu être chargées\u202f: ${message}`,
    noMatchSearch:
      'Aucune conversation ne contient tous ces mots dans un même message ou commentaire.',
    noMatch: 'Aucune conversation ne correspond à ces filtres.',
    list: 'Conversations passées',
    notAssigned: 'Non attribuée',
    loadingOne: 'Chargement de la conversation…',
    showFailed: (message) => `Cette conversation ne peut pas être affichée\u202f: ${message}`,
    stillOpen: 'Cette conversation est toujours ouverte.',
    answerLive: 'Répondre en direct',
  },

  comments: {
    title: 'Commentaires',
    chip: 'Point marquant',
    tones: {
      any: 'Tous',
      positive: 'Bons moments',
      negative: 'Mauvais moments',
    },
    excluded: {
      member: 'non comptée\u202f: un membre de l’équipe',
      flood: 'non comptée\u202f: trop d’évaluations depuis une même adresse',
      unanswered: 'avant toute réponse',
    },
    loading: 'Chargement des commentaires…',
    loadFailed: (message) => `Les commentaires n’ont pas pu être chargés\u202f: ${message}`,
    empty: 'Aucun commentaire ni point marquant ne correspond.',
    list: 'Commentaires et points marquants',
    open: 'Ouvrir',
    whose: (visitor) => `la conversation de ${visitor}`,
  },

  trends: {
    title: 'Tendances',
    periods: 'Périodes',
    intervals: {
      day: 'Jours (30 derniers)',
      week: 'Semaines (13 dernières)',
      month: 'Mois (12 derniers)',
    },
    who: 'Qui',
    wholeSite: 'Tout le site',
    intro: (timeZone) =>
      `Chaque point est le score à la fin de sa période${timeZone ? ` (fuseau ${timeZone})` : ''}, tel que les scores en direct l’affichaient alors\u202f; la dernière période est en cours et se termine maintenant.`,
    bandAgent: 'La bande représente l’intervalle à 90\u202f% de l’agent.',
    bandSite: 'Les chiffres du site reposent sur les données propres à toute l’équipe, avec n.',
    loadFailed: (message) => `Les tendances n’ont pas pu être chargées\u202f: ${message}`,
    loading: 'Chargement des tendances…',
    overTime: (measure) => `${measure} au fil du temps`,
    day: 'Jour',
    weekTo: 'Semaine jusqu’au',
    monthTo: 'Mois jusqu’au',
    interval: 'Intervalle à 90\u202f%',
    chartFailed:
      'Le graphique n’a pas pu être chargé\u202f; le tableau ci-dessous contient tous les chiffres.',
  },

  segments: {
    title: 'Segments',
    introBefore: 'Qui sont vos visiteurs, tels que vos pages les décrivent avec ',
    introAfter:
      '. Les scores reposent sur les données de chaque groupe à ce jour\u202f; les évaluations et le CSAT sont ceux de la période.',
    loadFailed: (message) => `Les segments n’ont pas pu être chargés\u202f: ${message}`,
    loading: 'Chargement des segments…',
    empty:
      'Pas encore d’évaluations ni de données. Dès que des conversations se terminent, chaque groupe de visiteurs apparaît ici.',
    caption: 'Segments de visiteurs, du plus grand au plus petit',
    whatMatters: 'Ce qui compte le plus',
    itsConversations: 'Ses conversations',
    tooFew: (ratings, needed) =>
      `Trop peu d’évaluations pour établir un classement (${ratings} sur ${needed})`,
    noDriver: 'Aucun point marquant n’est plus fréquent dans les fins négatives',
    driverCounts: (bad, good) => `· ${bad} fins négatives, ${good} positives`,
  },

  expectation: {
    title: 'Écart avec les attentes',
    loadFailed: (message) => `Les temps de réponse n’ont pas pu être chargés\u202f: ${message}`,
    loading: 'Chargement des temps de réponse…',
    kept: (said, kept, share, count) =>
      `Vous annoncez ${said}\u202f; sur ${lastDays(count)}, vous avez tenu ${kept} pour ${share} des visiteurs.`,
    noneKept: (said, count) =>
      `Vous annoncez ${said}\u202f; aucun visiteur n’a reçu de première réponse sur ${lastDays(count)}.`,
    tooFewKept: (said, count) =>
      `Vous annoncez ${said}\u202f; trop peu de premières réponses sur ${lastDays(count)} pour dire quel délai vous tenez.`,
    widgetReplyTime: (minutes) => widget.replyTime(minutes),
    quote: (text) => `«\u202f${text}\u202f»`,
    widgetFollows: (says) =>
      `Le chat annonce aux visiteurs ${says}, d’après le délai que vous tenez.`,
    widgetFollowsNone: (says) =>
      `Le chat suit le délai que vous tenez\u202f; sans premières réponses sur lesquelles s’appuyer, il affiche ${says}.`,
    widgetStates: (says) =>
      `Le chat affiche ${says}\u202f; les réglages du site permettent de lui faire annoncer le délai que vous tenez.`,
    intro: (timeZone, forAgent) =>
      `La première attente de chaque visiteur, de son message à la première réponse, dans la semaine où la réponse a été envoyée (fuseau ${timeZone}), ${forAgent ? 'pour les réponses de cet agent' : 'pour tout le site'}. La médiane et le 90e centile sont les délais en deçà desquels la moitié et neuf visiteurs sur dix ont reçu une réponse.`,
    chart: 'Premières réponses dans le délai visé au fil du temps',
    caption: 'Premières réponses par semaine',
    firstReplies: 'Premières réponses',
    within: (target) => `En ${target} ou moins`,
    medianWait: 'Attente médiane',
    p90: '90e centile',
    allWeeks: (count) => (count === 1 ? 'La semaine' : `Les ${count} semaines`),
  },

  report: {
    title: 'Rapport hebdomadaire',
    period: (week, dates, timeZone) => `${week}\u202f: ${dates} (fuseau ${timeZone})`,
    week: 'Semaine',
    print: 'Imprimer',
    failed: {
      report: (message) => `Le rapport n’a pas pu être chargé\u202f: ${message}`,
      trends: (message) => `Les tendances n’ont pas pu être chargées\u202f: ${message}`,
      segments: (message) => `Les segments n’ont pas pu être chargés\u202f: ${message}`,
      moments: (message) => `Les meilleurs moments n’ont pas pu être chargés\u202f: ${message}`,
      replyTimes: (message) => `Les temps de réponse n’ont pas pu être chargés\u202f: ${message}`,
    },
    moreFailed: (message) => `La suite n’a pas pu être chargée\u202f: ${message}`,
    loading: 'Chargement du rapport…',
    noScores: 'Aucun score pour cette semaine.',
    lastWeeks: (count) => (count === 1 ? 'La dernière semaine' : `Les ${count} dernières semaines`),
    scores: {
      title: 'Scores de la semaine',
      caption: 'Les scores du site en fin de semaine, comparés à la semaine précédente',
      measure: 'Indicateur',
      thisWeek: 'Cette semaine',
      weekBefore: 'Semaine précédente',
      eachAgent: 'Par agent',
      noAgents: 'Aucun agent n’a encore de score.',
      agentsCaption:
        'Les scores de chaque agent en fin de semaine, avec l’évolution depuis la semaine précédente',
      up: 'en hausse',
      down: 'en baisse',
    },
    drivers: {
      title: 'Ce qui a mené aux fins négatives',
      empty: 'Aucune évaluation cette semaine.',
      caption: 'Principaux facteurs de fins négatives par segment cette semaine',
      top: 'Principaux facteurs de fins négatives',
    },
    followups: {
      title: 'Suivi',
      intro:
        'Ouverts\u202f: les éléments dont la cause (une fin négative, une promesse non tenue, une réouverture) tombe dans la semaine, selon leur statut actuel. Clos\u202f: les éléments résolus ou écartés, modifiés pour la dernière fois dans la semaine.',
      byCause: 'Par cause',
      cause: 'Cause',
      byStatus: 'Par statut actuel',
      causes: {
        rating: 'Fin négative',
        promise: 'Promesse non tenue',
        reopen: 'Rouverte',
      },
      all: 'Tous',
      opened: 'Ouverts',
      closed: 'Clos',
    },
    moments: {
      title: 'Meilleurs moments',
      empty: 'Aucune évaluation de la semaine n’a signalé de bon moment.',
      praisedEnd: (more) => (more ? ' (pour l’instant).' : '.'),
    },
    gap: {
      firstReplies: 'Premières réponses de la semaine',
      median: 'Délai médian de première réponse',
    },
  },
};
