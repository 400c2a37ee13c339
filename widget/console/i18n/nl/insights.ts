import type { ConsoleDictionary } from '..';
import { nl as widget } from '../../../app/i18n/nl';
import { amountOf } from '../../figures';

/** The server's refusals by code; other codes keep the server's own message. */
const REFUSALS: Record<string, string> = {
  invalid: 'Het verzoek is niet aangenomen. Controleer wat je hebt ingevuld.',
  unauthorized: 'Je sessie is verlopen. Log opnieuw in.',
  forbidden: 'Dit mag je met jouw rol niet doen.',
  not_found: 'Dit is niet gevonden; misschien is het verwijderd.',
  conflict: 'Dit is intussen veranderd. Laad de pagina opnieuw en probeer het nog eens.',
  too_large: 'Dat is meer dan in één keer kan worden verstuurd.',
  rate_limited: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
  internal: 'Er ging iets mis op de server of onderweg. Probeer het opnieuw.',
};

const days = (count: number) => (count === 1 ? 'de afgelopen dag' : `de afgelopen ${count} dagen`);

export const insights: ConsoleDictionary['insights'] = {
  refusal: (code, message) => REFUSALS[code] ?? message,

  labels: {
    agent: 'Agent',
    everyone: 'Iedereen',
    period: 'Periode',
    status: 'Status',
    segment: 'Segment',
    noSegment: 'Geen segment',
    ratings: 'Beoordelingen',
    change: 'Verschil',
    soFar: '(tot nu toe)',
    tableView: 'Tabelweergave',
    loadMore: 'Meer laden',
    unassigned: 'Niet toegewezen',
  },

  periods: {
    anyTime: 'Altijd',
    lastDays: (count) => `Afgelopen ${count} dagen`,
  },

  measures: {
    responsiveness: 'Reactiesnelheid',
    reliability: 'Betrouwbaarheid',
    experience: 'Ervaring',
    csat: 'CSAT',
  },

  followupStatus: {
    new: 'Nieuw',
    contacted: 'Benaderd',
    resolved: 'Opgelost',
    dismissed: 'Afgewezen',
  },

  duration: {
    seconds: (count) => amountOf(count, 'second'),
    minutes: (amount) => amountOf(amount, 'minute'),
    hours: (amount) => amountOf(amount, 'hour'),
  },

  followUp: {
    title: 'Opvolging',
    allStatuses: 'Alle',
    notifyMe: 'Stuur me een melding bij nieuwe items',
    loadFailed: (message) => `De lijst kon niet worden geladen: ${message}`,
    moreFailed: (message) => `Meer items konden niet worden geladen: ${message}`,
    empty: 'Hier valt niets op te volgen.',
    items: 'Items voor opvolging',
    loadMore: 'Meer items laden',
    rated: (end, peak, unanswered) =>
      `Beoordeeld als ‘${end}’${unanswered ? ' voordat iemand antwoordde' : ''}${peak ? ` · ${peak}` : ''}`,
    promiseDisputed: (text) => `Belofte betwist door de bezoeker${text ? `: ${text}` : ''}`,
    promiseMissed: (text) => `Belofte niet op tijd nagekomen${text ? `: ${text}` : ''}`,
    reopened: 'Kort na het sluiten heropend: niet opgelost',
    byAgent: (name) => `Agent ${name}`,
    nobodyAnswered: 'Niemand antwoordde',
    conversation: (id) => `gesprek ${id}`,
    ownedBy: (name) => `eigenaar ${name}`,
    contact: 'Contact:',
    consented: 'gaf toestemming om hierover benaderd te worden',
    dismissedBecause: (reason) => `Afgewezen: ${reason}`,
    notes: 'Notities',
    noteBy: (who, when) => `${who}, ${when}:`,
    integration: 'Integratie',
    markContacted: 'Markeren als benaderd',
    resolve: 'Markeren als opgelost',
    take: 'Oppakken',
    owner: 'Eigenaar',
    nobody: 'Niemand',
    dismiss: 'Afwijzen…',
    addNoteOpen: 'Notitie toevoegen…',
    reason: 'Reden van afwijzen',
    dismissItem: 'Item afwijzen',
    note: 'Notitie',
    addNote: 'Notitie toevoegen',
  },

  history: {
    title: 'Gesprekken',
    exportCsv: 'CSV exporteren',
    search: 'Gesprekken doorzoeken',
    searchPlaceholder: 'Zoek in berichten en opmerkingen',
    searchButton: 'Zoeken',
    any: 'Alle',
    open: 'Open',
    closed: 'Gesloten',
    anyone: 'Iedereen',
    rating: 'Beoordeling',
    ratings: {
      any: 'Elke beoordeling',
      bad: 'Slecht (1–2)',
      okay: 'Gaat wel (3)',
      good: 'Goed (4–5)',
      none: 'Niet beoordeeld',
    },
    ratingEnds: (ends) => `Beoordeling ${ends}`,
    comment: 'Opmerking',
    withComment: 'Met opmerking',
    withoutComment: 'Zonder',
    lastActive: 'Laatst actief',
    customPeriod: (from, to) => (to ? `${from} tot ${to}` : `vanaf ${from}`),
    segmentFilter: (segment) => `Segment: ${segment ?? 'geen'}`,
    removeSegment: 'Segmentfilter verwijderen',
    moreFailed: (message) => `Meer kon niet worden geladen: ${message}`,
    choose: 'Kies een gesprek om het te lezen.',
    loading: 'Gesprekken laden…',
    loadFailed: (message) => `Gesprekken konden niet worden geladen: ${message}`,
    noMatchSearch: 'Geen enkel gesprek bevat al deze woorden in één bericht of opmerking.',
    noMatch: 'Geen gesprekken die aan deze filters voldoen.',
    list: 'Eerdere gesprekken',
    notAssigned: 'Niet toegewezen',
    loadingOne: 'Gesprek laden…',
    showFailed: (message) => `Dit gesprek kan niet worden getoond: ${message}`,
    stillOpen: 'Dit gesprek is nog open.',
    answerLive: 'Live beantwoorden',
  },

  comments: {
    title: 'Opmerkingen',
    chip: 'Wat opviel',
    tones: {
      any: 'Alles',
      positive: 'Goede momenten',
      negative: 'Slechte momenten',
    },
    excluded: {
      member: 'niet meegeteld: een teamlid',
      flood: 'niet meegeteld: te veel vanaf één adres',
      unanswered: 'vóór een antwoord',
    },
    loading: 'Opmerkingen laden…',
    loadFailed: (message) => `Opmerkingen konden niet worden geladen: ${message}`,
    empty: 'Geen opmerkingen of momenten die hieraan voldoen.',
    list: 'Opmerkingen en momenten',
    open: 'Openen',
    whose: (visitor) => `gesprek van ${visitor}`,
  },

  trends: {
    title: 'Trends',
    periods: 'Periodes',
    intervals: {
      day: 'Dagen (laatste 30)',
      week: 'Weken (laatste 13)',
      month: 'Maanden (laatste 12)',
    },
    who: 'Wie',
    wholeSite: 'Hele site',
    intro: (timeZone) =>
      `Elk punt is de score aan het einde van zijn periode${timeZone ? ` (tijdzone ${timeZone})` : ''}, zoals de live scores die toen lieten zien; de laatste periode loopt nog en eindigt nu.`,
    bandAgent: 'De band is het 90%-interval van de agent.',
    bandSite: 'Sitecijfers zijn gebaseerd op het eigen bewijs van het hele team, met n.',
    loadFailed: (message) => `Trends konden niet worden geladen: ${message}`,
    loading: 'Trends laden…',
    overTime: (measure) => `${measure} door de tijd`,
    day: 'Dag',
    weekTo: 'Week tot',
    monthTo: 'Maand tot',
    interval: '90%-interval',
    chartFailed: 'De grafiek kon niet worden geladen; de tabel eronder bevat alle cijfers.',
  },

  segments: {
    title: 'Segmenten',
    introBefore: 'Wie je bezoekers zijn, zoals je pagina’s dat aangeven met ',
    introAfter:
      '. Scores zijn het bewijs van elke groep tot vandaag; beoordelingen en CSAT zijn die uit de gekozen periode.',
    loadFailed: (message) => `Segmenten konden niet worden geladen: ${message}`,
    loading: 'Segmenten laden…',
    empty:
      'Nog geen beoordelingen of bewijs. Zodra gesprekken zijn afgelopen, verschijnt hier elke groep bezoekers.',
    caption: 'Segmenten van bezoekers, grootste eerst',
    whatMatters: 'Wat het zwaarst weegt',
    itsConversations: 'Gesprekken van dit segment',
    tooFew: (ratings, needed) =>
      `Te weinig beoordelingen om te rangschikken (${ratings} van ${needed})`,
    noDriver: 'Geen moment komt vaker voor bij slechte afloop',
    driverCounts: (bad, good) => `· ${bad} keer bij slechte afloop, ${good} keer bij goede`,
  },

  expectation: {
    title: 'Verwachtingskloof',
    loadFailed: (message) => `Reactietijden konden niet worden geladen: ${message}`,
    loading: 'Reactietijden laden…',
    kept: (said, kept, share, count) =>
      `Je zegt ${said}; je haalde ${kept} voor ${share} van de bezoekers in ${days(count)}.`,
    noneKept: (said, count) =>
      `Je zegt ${said}; geen enkele bezoeker kreeg een eerste antwoord in ${days(count)}.`,
    tooFewKept: (said, count) =>
      `Je zegt ${said}; te weinig eerste antwoorden in ${days(count)} om te zeggen wat je haalt.`,
    widgetReplyTime: (minutes) => widget.replyTime(minutes),
    quote: (text) => `‘${text}’`,
    widgetFollows: (says) => `De chat zegt tegen bezoekers ${says}, volgens de tijd die je haalt.`,
    widgetFollowsNone: (says) =>
      `De chat volgt de tijd die je haalt; zonder eerste antwoorden om te volgen zegt hij ${says}.`,
    widgetStates: (says) =>
      `De chat zegt ${says}; in de site-instellingen kun je hem de tijd laten noemen die je haalt.`,
    intro: (timeZone, forAgent) =>
      `De eerste wachttijd van elke bezoeker, van het bericht tot het eerste antwoord, in de week waarin het antwoord is verstuurd (tijdzone ${timeZone}), ${forAgent ? 'voor de antwoorden van deze agent' : 'voor de hele site'}. Mediaan en 90e percentiel zijn de wachttijden waarbinnen de helft en negen op de tien bezoekers antwoord kregen.`,
    chart: 'Eerste antwoorden binnen de doeltijd door de tijd',
    caption: 'Eerste antwoorden per week',
    firstReplies: 'Eerste antwoorden',
    within: (target) => `Binnen ${target}`,
    medianWait: 'Mediane wachttijd',
    p90: '90e percentiel',
    allWeeks: (count) => (count === 1 ? 'De week' : `Alle ${count} weken`),
  },

  report: {
    title: 'Weekrapport',
    period: (week, dates, timeZone) => `${week}: ${dates} (tijdzone ${timeZone})`,
    week: 'Week',
    print: 'Afdrukken',
    failed: {
      report: (message) => `Het rapport kon niet worden geladen: ${message}`,
      trends: (message) => `De trends konden niet worden geladen: ${message}`,
      segments: (message) => `De segmenten konden niet worden geladen: ${message}`,
      moments: (message) => `De beste momenten konden niet worden geladen: ${message}`,
      replyTimes: (message) => `De reactietijden konden niet worden geladen: ${message}`,
    },
    moreFailed: (message) => `Meer kon niet worden geladen: ${message}`,
    loading: 'Rapport laden…',
    noScores: 'Geen scores voor deze week.',
    lastWeeks: (count) => (count === 1 ? 'De afgelopen week' : `De afgelopen ${count} weken`),
    scores: {
      title: 'Scores deze week',
      caption: 'De scores van de site aan het einde van de week, vergeleken met de week ervoor',
      measure: 'Maatstaf',
      thisWeek: 'Deze week',
      weekBefore: 'Week ervoor',
      eachAgent: 'Per agent',
      noAgents: 'Nog geen agent heeft scores.',
      agentsCaption:
        'De scores van elke agent aan het einde van de week, met het verschil met de week ervoor',
      up: 'omhoog',
      down: 'omlaag',
    },
    drivers: {
      title: 'Oorzaken van slechte afloop',
      empty: 'Geen beoordelingen deze week.',
      caption: 'Belangrijkste oorzaken van slechte afloop per segment deze week',
      top: 'Belangrijkste oorzaken van slechte afloop',
    },
    followups: {
      title: 'Opvolging',
      intro:
        'Geopend: items waarvan de aanleiding (een slechte afloop, een gebroken belofte, een heropening) in de week viel, naar hun huidige status. Gesloten: items die zijn opgelost of afgewezen en in de week voor het laatst zijn gewijzigd.',
      byCause: 'Per aanleiding',
      cause: 'Aanleiding',
      byStatus: 'Per huidige status',
      causes: {
        rating: 'Slechte afloop',
        promise: 'Gebroken belofte',
        reopen: 'Heropend',
      },
      all: 'Alle',
      opened: 'Geopend',
      closed: 'Gesloten',
    },
    moments: {
      title: 'Beste momenten',
      empty: 'Geen beoordeling noemde deze week een goed moment.',
      praisedEnd: (more) => (more ? ' tot nu toe.' : '.'),
    },
    gap: {
      firstReplies: 'Eerste antwoorden deze week',
      median: 'Mediane eerste reactietijd',
    },
  },
};
