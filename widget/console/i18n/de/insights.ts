import type { ConsoleDictionary } from '..';
import { de as widget } from '../../../app/i18n/de';
import { amountOf } from '../../figures';

/** The server's refusals by code; other codes keep the server's own message. */
const REFUSALS: Record<string, string> = {
  invalid: 'Die Anfrage wurde nicht angenommen. Bitte prüfen Sie Ihre Angaben.',
  unauthorized: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  forbidden: 'Das ist mit Ihrer Rolle nicht erlaubt.',
  not_found: 'Nicht gefunden; möglicherweise wurde es entfernt.',
  conflict:
    'Das wurde inzwischen geändert. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  too_large: 'Das ist mehr, als auf einmal gesendet werden kann.',
  rate_limited: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  internal:
    'Auf dem Server oder auf dem Weg dorthin ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
};

/** "in den letzten 7 Tagen", at the start of a clause. */
const lastDays = (count: number) =>
  count === 1 ? 'Am letzten Tag' : `In den letzten ${count} Tagen`;

export const insights: ConsoleDictionary['insights'] = {
  refusal: (code, message) => REFUSALS[code] ?? message,

  labels: {
    agent: 'Agent',
    everyone: 'Alle',
    period: 'Zeitraum',
    status: 'Status',
    segment: 'Segment',
    noSegment: 'Kein Segment',
    ratings: 'Bewertungen',
    change: 'Änderung',
    soFar: '(bisher)',
    tableView: 'Tabellenansicht',
    loadMore: 'Mehr laden',
    unassigned: 'Nicht zugewiesen',
  },

  periods: {
    anyTime: 'Gesamter Zeitraum',
    lastDays: (count) => `Letzte ${count} Tage`,
  },

  measures: {
    responsiveness: 'Reaktionsschnelligkeit',
    reliability: 'Zuverlässigkeit',
    experience: 'Erlebnis',
    csat: 'CSAT',
  },

  followupStatus: {
    new: 'Neu',
    contacted: 'Kontaktiert',
    resolved: 'Gelöst',
    dismissed: 'Verworfen',
  },

  duration: {
    seconds: (count) => amountOf(count, 'second'),
    minutes: (amount) => amountOf(amount, 'minute'),
    hours: (amount) => amountOf(amount, 'hour'),
  },

  followUp: {
    title: 'Nachverfolgung',
    allStatuses: 'Alle',
    notifyMe: 'Bei neuen Einträgen benachrichtigen',
    loadFailed: (message) => `Die Liste konnte nicht geladen werden: ${message}`,
    moreFailed: (message) => `Weitere Einträge konnten nicht geladen werden: ${message}`,
    empty: 'Hier gibt es nichts nachzuverfolgen.',
    items: 'Einträge zur Nachverfolgung',
    loadMore: 'Weitere Einträge laden',
    rated: (end, peak, unanswered) =>
      `Bewertet mit „${end}“${unanswered ? ', bevor jemand geantwortet hat' : ''}${peak ? ` · ${peak}` : ''}`,
    promiseDisputed: (text) => `Zusage vom Besucher bestritten${text ? `: ${text}` : ''}`,
    promiseMissed: (text) => `Zusage nicht fristgerecht eingehalten${text ? `: ${text}` : ''}`,
    reopened: 'Kurz nach dem Schließen wieder geöffnet: nicht gelöst',
    byAgent: (name) => `Agent ${name}`,
    nobodyAnswered: 'Niemand hat geantwortet',
    conversation: (id) => `Unterhaltung ${id}`,
    ownedBy: (name) => `zuständig: ${name}`,
    contact: 'Kontakt:',
    consented: 'ist mit einer Kontaktaufnahme dazu einverstanden',
    dismissedBecause: (reason) => `Verworfen: ${reason}`,
    notes: 'Notizen',
    noteBy: (who, when) => `${who}, ${when}:`,
    integration: 'Integration',
    markContacted: 'Als kontaktiert markieren',
    resolve: 'Als gelöst markieren',
    take: 'Übernehmen',
    owner: 'Zuständig',
    nobody: 'Niemand',
    dismiss: 'Verwerfen…',
    addNoteOpen: 'Notiz hinzufügen…',
    reason: 'Grund für das Verwerfen',
    dismissItem: 'Eintrag verwerfen',
    note: 'Notiz',
    addNote: 'Notiz hinzufügen',
  },

  history: {
    title: 'Unterhaltungen',
    exportCsv: 'Als CSV exportieren',
    search: 'Unterhaltungen durchsuchen',
    searchPlaceholder: 'Nachrichten und Kommentare durchsuchen',
    searchButton: 'Suchen',
    any: 'Alle',
    open: 'Offen',
    closed: 'Geschlossen',
    anyone: 'Alle',
    rating: 'Bewertung',
    ratings: {
      any: 'Alle Bewertungen',
      bad: 'Schlecht (1–2)',
      okay: 'Okay (3)',
      good: 'Gut (4–5)',
      none: 'Nicht bewertet',
    },
    ratingEnds: (ends) => `Bewertung ${ends}`,
    comment: 'Kommentar',
    withComment: 'Mit Kommentar',
    withoutComment: 'Ohne',
    lastActive: 'Zuletzt aktiv',
    customPeriod: (from, to) => (to ? `${from} bis ${to}` : `ab ${from}`),
    segmentFilter: (segment) => `Segment: ${segment ?? 'keines'}`,
    removeSegment: 'Segmentfilter entfernen',
    moreFailed: (message) => `Weitere konnten nicht geladen werden: ${message}`,
    choose: 'Wählen Sie eine Unterhaltung aus, um sie zu lesen.',
    loading: 'Unterhaltungen werden geladen…',
    loadFailed: (message) => `Die Unterhaltungen konnten nicht geladen werden: ${message}`,
    noMatchSearch:
      'Keine Unterhaltung enthält alle diese Wörter in einer Nachricht oder einem Kommentar.',
    noMatch: 'Keine Unterhaltungen entsprechen diesen Filtern.',
    list: 'Frühere Unterhaltungen',
    notAssigned: 'Nicht zugewiesen',
    loadingOne: 'Die Unterhaltung wird geladen…',
    showFailed: (message) => `Diese Unterhaltung kann nicht angezeigt werden: ${message}`,
    stillOpen: 'Diese Unterhaltung ist noch offen.',
    answerLive: 'Live beantworten',
  },

  comments: {
    title: 'Kommentare',
    chip: 'Was auffiel',
    tones: {
      any: 'Alles',
      positive: 'Gute Momente',
      negative: 'Schlechte Momente',
    },
    excluded: {
      member: 'nicht gewertet: ein Teammitglied',
      flood: 'nicht gewertet: zu viele von einer Adresse',
      unanswered: 'vor jeder Antwort',
    },
    loading: 'Kommentare werden geladen…',
    loadFailed: (message) => `Die Kommentare konnten nicht geladen werden: ${message}`,
    empty: 'Keine passenden Kommentare oder Momente.',
    list: 'Kommentare und Momente',
    open: 'Öffnen',
    whose: (visitor) => `Unterhaltung mit ${visitor}`,
  },

  trends: {
    title: 'Trends',
    periods: 'Zeiträume',
    intervals: {
      day: 'Tage (letzte 30)',
      week: 'Wochen (letzte 13)',
      month: 'Monate (letzte 12)',
    },
    who: 'Wer',
    wholeSite: 'Gesamte Website',
    intro: (timeZone) =>
      `Jeder Punkt ist der Score am Ende seines Zeitraums${timeZone ? ` (Zeitzone ${timeZone})` : ''}, wie ihn die Live-Scores damals zeigten; der letzte Zeitraum läuft noch und endet jetzt.`,
    bandAgent: 'Das Band zeigt das 90-%-Intervall des Agenten.',
    bandSite:
      'Die Werte der Website beruhen auf der eigenen Datengrundlage des ganzen Teams, mit n.',
    loadFailed: (message) => `Die Trends konnten nicht geladen werden: ${message}`,
    loading: 'Trends werden geladen…',
    overTime: (measure) => `${measure} im Zeitverlauf`,
    day: 'Tag',
    weekTo: 'Woche bis',
    monthTo: 'Monat bis',
    interval: '90-%-Intervall',
    chartFailed:
      'Das Diagramm konnte nicht geladen werden; die Tabelle darunter enthält alle Werte.',
  },

  segments: {
    title: 'Segmente',
    introBefore: 'Wer Ihre Besucher sind, wie Ihre Seiten es mit ',
    introAfter:
      ' angeben. Die Scores beruhen auf der heutigen Datengrundlage jeder Gruppe; Bewertungen und CSAT stammen aus dem gewählten Zeitraum.',
    loadFailed: (message) => `Die Segmente konnten nicht geladen werden: ${message}`,
    loading: 'Segmente werden geladen…',
    empty:
      'Noch keine Bewertungen oder Daten. Sobald Unterhaltungen enden, erscheint hier jede Besuchergruppe.',
    caption: 'Besuchersegmente, größte zuerst',
    whatMatters: 'Was am meisten zählt',
    itsConversations: 'Unterhaltungen dieses Segments',
    tooFew: (ratings, needed) =>
      `Zu wenige Bewertungen für eine Rangfolge (${ratings} von ${needed})`,
    noDriver: 'Kein Moment kennzeichnet schlechte Ausgänge häufiger',
    driverCounts: (bad, good) => `· bei ${bad} schlechten, ${good} guten Ausgängen`,
  },

  expectation: {
    title: 'Erwartungslücke',
    loadFailed: (message) => `Die Antwortzeiten konnten nicht geladen werden: ${message}`,
    loading: 'Antwortzeiten werden geladen…',
    kept: (said, kept, share, count) =>
      `Sie geben ${said} an. ${lastDays(count)} haben Sie ${kept} für ${share} der Besucher eingehalten.`,
    noneKept: (said, count) =>
      `Sie geben ${said} an. ${lastDays(count)} hat kein Besucher eine erste Antwort erhalten.`,
    tooFewKept: (said, count) =>
      `Sie geben ${said} an. ${lastDays(count)} gab es zu wenige erste Antworten, um zu sagen, welche Zeit Sie einhalten.`,
    widgetReplyTime: (minutes) => widget.replyTime(minutes),
    quote: (text) => `„${text}“`,
    widgetFollows: (says) =>
      `Der Chat sagt Besuchern ${says} und richtet sich dabei nach der Zeit, die Sie einhalten.`,
    widgetFollowsNone: (says) =>
      `Der Chat richtet sich nach der Zeit, die Sie einhalten; ohne erste Antworten als Grundlage sagt er ${says}.`,
    widgetStates: (says) =>
      `Der Chat sagt ${says}; in den Website-Einstellungen können Sie ihn die Zeit nennen lassen, die Sie einhalten.`,
    intro: (timeZone, forAgent) =>
      `Die erste Wartezeit jedes Besuchers, von der Nachricht bis zur ersten Antwort, in der Woche, in der die Antwort gesendet wurde (Zeitzone ${timeZone}), ${forAgent ? 'für die Antworten dieses Agenten' : 'für die gesamte Website'}. Median und 90. Perzentil sind die Wartezeiten, innerhalb derer die Hälfte bzw. neun von zehn Besuchern eine Antwort erhielten.`,
    chart: 'Erste Antworten innerhalb der Zielzeit im Zeitverlauf',
    caption: 'Erste Antworten pro Woche',
    firstReplies: 'Erste Antworten',
    within: (target) => `Innerhalb von ${target}`,
    medianWait: 'Median der Wartezeit',
    p90: '90. Perzentil',
    allWeeks: (count) => (count === 1 ? 'Die Woche' : `Alle ${count} Wochen`),
  },

  report: {
    title: 'Wochenbericht',
    period: (week, dates, timeZone) => `${week}: ${dates} (Zeitzone ${timeZone})`,
    week: 'Woche',
    print: 'Drucken',
    failed: {
      report: (message) => `Der Bericht konnte nicht geladen werden: ${message}`,
      trends: (message) => `Die Trends konnten nicht geladen werden: ${message}`,
      segments: (message) => `Die Segmente konnten nicht geladen werden: ${message}`,
      moments: (message) => `Die besten Momente konnten nicht geladen werden: ${message}`,
      replyTimes: (message) => `Die Antwortzeiten konnten nicht geladen werden: ${message}`,
    },
    moreFailed: (message) => `Weitere konnten nicht geladen werden: ${message}`,
    loading: 'Der Bericht wird geladen…',
    noScores: 'Keine Scores für diese Woche.',
    lastWeeks: (count) => (count === 1 ? 'Die letzte Woche' : `Die letzten ${count} Wochen`),
    scores: {
      title: 'Scores dieser Woche',
      caption: 'Die Scores der Website am Ende der Woche im Vergleich zur Vorwoche',
      measure: 'Kennzahl',
      thisWeek: 'Diese Woche',
      weekBefore: 'Vorwoche',
      eachAgent: 'Pro Agent',
      noAgents: 'Noch kein Agent hat Scores.',
      agentsCaption: 'Die Scores jedes Agenten am Ende der Woche, mit der Änderung zur Vorwoche',
      up: 'gestiegen',
      down: 'gesunken',
    },
    drivers: {
      title: 'Was zu schlechten Ausgängen führte',
      empty: 'Keine Bewertungen in dieser Woche.',
      caption: 'Wichtigste Ursachen schlechter Ausgänge je Segment in dieser Woche',
      top: 'Wichtigste Ursachen schlechter Ausgänge',
    },
    followups: {
      title: 'Nachverfolgung',
      intro:
        'Eröffnet: Einträge, deren Anlass (ein schlechter Ausgang, eine gebrochene Zusage, eine Wiedereröffnung) in die Woche fiel, nach ihrem heutigen Stand. Abgeschlossen: gelöste oder verworfene Einträge, zuletzt in der Woche geändert.',
      byCause: 'Nach Anlass',
      cause: 'Anlass',
      byStatus: 'Nach aktuellem Status',
      causes: {
        rating: 'Schlechter Ausgang',
        promise: 'Gebrochene Zusage',
        reopen: 'Wieder geöffnet',
      },
      all: 'Alle',
      opened: 'Eröffnet',
      closed: 'Abgeschlossen',
    },
    moments: {
      title: 'Beste Momente',
      empty: 'Keine Bewertung dieser Woche nannte einen guten Moment.',
      praisedEnd: (more) => (more ? ' (bisher).' : '.'),
    },
    gap: {
      firstReplies: 'Erste Antworten dieser Woche',
      median: 'Median bis zur ersten Antwort',
    },
  },
};
