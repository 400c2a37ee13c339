/** German (formal "Sie", as the widget): live work. */
import type { ConsoleDictionary } from '..';

export const live: ConsoleDictionary['live'] = {
  workspace: {
    backToInbox: 'Zurück zum Posteingang',
    title: 'Live',
    show: 'Anzeigen',
    history: 'Unterhaltungen',
    comments: 'Kommentare',
    reconnecting:
      'Verbindung unterbrochen. Neuer Verbindungsversuch… Unterhaltungen und Scores werden aktualisiert, sobald sie wieder steht.',
    conversationsFailed: (reason: string) =>
      `Die Unterhaltungen konnten nicht geladen werden: ${reason}`,
    scoresFailed: (reason: string) => `Die Scores konnten nicht geladen werden: ${reason}`,
    choose: 'Wählen Sie links eine Unterhaltung aus.',
    nothingYet: 'Sobald ein Besucher einen Chat beginnt, erscheint er hier.',
  },

  status: {
    open: 'Offen',
    unassigned: 'Nicht zugewiesen',
    reopened: 'Wieder geöffnet',
    closed: 'Geschlossen',
  },

  inbox: {
    title: 'Unterhaltungen',
    open: (count: number) => `${count} offen`,
    loading: 'Unterhaltungen werden geladen…',
    empty: 'Noch keine Unterhaltungen.',
    emptyHint: 'Neue Chats Ihrer Website erscheinen hier, sobald sie beginnen.',
    loadMore: 'Weitere Unterhaltungen laden',
    moreFailed: (reason: string) =>
      `Weitere Unterhaltungen konnten nicht geladen werden: ${reason}`,
    waiting: 'Wartet auf Antwort',
    reopenedWaiting: 'Wieder geöffnet: wartet auf Antwort',
    typing: 'Schreibt…',
    you: 'Sie',
    noOne: 'Noch niemand',
    noMessages: 'Noch keine Nachrichten',
    preview: (author: string, text: string) => `${author}: ${text}`,
    agent: 'Agent',
    rated: 'Bewertet mit',
    ofFive: ' von 5',
    beforeReopening: 'vor dem Wiederöffnen',
    ratedTitle: (end: number, label: string) => `Bewertet mit ${end} von 5: ${label}`,
    ratedBeforeTitle: (end: number, label: string) =>
      `Vor dem Wiederöffnen mit ${end} von 5 bewertet: ${label}`,
  },

  conversation: {
    assignedTo: (name: string) => `Zugewiesen an ${name}`,
    assignedToYou: 'Ihnen zugewiesen',
    notAssigned: 'Nicht zugewiesen',
    started: (time: string) => `Beginn ${time}`,
    closed: (time: string) => `Ende ${time}`,
    claim: 'Übernehmen',
    makePromise: 'Zusage geben',
    close: 'Unterhaltung schließen',
    closedFoot:
      'Diese Unterhaltung ist geschlossen. Der Besucher kann sie wieder öffnen, indem er angibt, dass sein Anliegen nicht gelöst ist.',
    readOnly: 'Diese Ansicht ist schreibgeschützt.',
    messages: 'Nachrichten',
    noMessages: 'Noch keine Nachrichten.',
    typing: (visitor: string) => `${visitor} schreibt…`,
    closedLine: 'Geschlossen',
    closedAt: (time: string) => `Geschlossen: ${time}`,
    waitingRating: 'Warten auf die Bewertung des Besuchers…',
    agent: 'Agent',
    continuedBy: (author: string) => `${author}: `,
  },

  visitor: {
    about: 'Über den Besucher',
    email: 'E-Mail',
    consented: '(hat in der Bewertungskarte einer Kontaktaufnahme zugestimmt)',
    segment: 'Segment',
    title: 'Besucher',
    page: 'Seite',
    cameFrom: 'Kam von',
    language: 'Sprache',
    timeZone: 'Zeitzone',
    timeThere: (zone: string, time: string) => `${zone} (dort ${time})`,
    device: 'Gerät',
    devices: { mobile: 'Smartphone', tablet: 'Tablet', desktop: 'Computer' },
  },

  timeline: {
    quote: (text: string) => `„${text}“`,
    tookOver: (who: string | null, from: string | null) =>
      who === null
        ? `Sie haben die Unterhaltung von ${from ?? 'Ihnen'} übernommen`
        : `${who} hat die Unterhaltung von ${from ?? 'Ihnen'} übernommen`,
    claimed: (who: string | null) =>
      who === null
        ? 'Sie haben die Unterhaltung übernommen'
        : `${who} hat die Unterhaltung übernommen`,
    promised: (who: string | null | undefined, what: string | null) => {
      const promise = what ? `${what} zugesagt` : 'eine Zusage gegeben';
      if (who === undefined) return `Ein Agent hat ${promise}`;
      return who === null ? `Sie haben ${promise}` : `${who} hat ${promise}`;
    },
    markedKept: (who: string | null, what: string | null) =>
      `${who === null ? 'Sie haben' : `${who} hat`} ${what ?? 'eine Zusage'} als eingehalten markiert`,
    wasMarkedKept: (what: string | null) =>
      `${what ?? 'Eine Zusage'} wurde als eingehalten markiert`,
    disputed: (what: string | null) =>
      what
        ? `Laut Besucher ist ${what} nicht passiert`
        : 'Laut Besucher ist eine Zusage nicht eingehalten worden',
    closedBy: (who: string | null) =>
      who === null
        ? 'Sie haben die Unterhaltung geschlossen'
        : `${who} hat die Unterhaltung geschlossen`,
    closed: 'Geschlossen',
    reopened: 'Wieder geöffnet',
    setAside: (end: number, because: string) =>
      `Eine Bewertung von ${end}/5 zählt für niemanden: ${because}`,
    setAsideBecause: {
      member: 'Abgegeben aus dem Netzwerk oder mit der E-Mail-Adresse eines Teammitglieds',
      flood: 'Aus ihrem Netzwerk kamen mehr Bewertungen, als die Besucherlimits erlauben',
      unanswered: 'Es hatte noch niemand geantwortet',
    },
  },

  composer: {
    reply: 'Antwort',
    placeholder: (visitor: string) => `Antwort an ${visitor}…`,
    enter: 'Eingabe',
    shift: 'Umschalt',
    toSend: 'zum Senden',
    newLine: 'für eine neue Zeile',
    send: 'Senden',
    sending: 'Wird gesendet…',
  },

  promiseForm: {
    title: 'Neue Zusage',
    what: 'Was werden Sie tun?',
    placeholder: 'z. B. Die Erstattung mit der Buchhaltung klären und mich wieder melden',
    byWhen: 'Bis wann',
    dueIn: 'Fällig in',
    confirm: 'Zusage bestätigen',
    noText: 'Geben Sie an, was Sie tun werden.',
    noTime: 'Wählen Sie, bis wann es erledigt ist.',
    past: 'Wählen Sie einen Zeitpunkt in der Zukunft.',
  },

  promises: {
    title: 'Zusagen',
    promise: 'Zusage',
    kept: 'Eingehalten',
    keptAt: (time: string, due: string) => ` ${time} · fällig war ${due}`,
    broken: 'Nicht eingehalten',
    wasDue: (due: string) => ` · fällig war ${due}`,
    disputed: 'Bestritten',
    disputedSaid: ': Laut Besucher ist das nicht passiert',
    countsBroken: ', zählt daher als nicht eingehalten',
    markedKept: (time: string) => ` · als eingehalten markiert ${time}`,
    overdue: 'Überfällig',
    due: 'Fällig',
    dueAt: (time: string, distance: string) => `${time} (${distance})`,
    markKept: 'Als eingehalten markieren',
    notCountingQuick: (within: string) =>
      `Zählt nicht: innerhalb von ${within} nach der Zusage eingehalten`,
    notCountingBeyond: (max: number) =>
      `Zählt nicht: ${max === 1 ? 'nach der ersten Zusage' : `nach den ersten ${max} Zusagen`} dieser Unterhaltung`,
    minutes: (count: number) => (count === 1 ? 'einer Minute' : `${count} Minuten`),
    seconds: (count: number) => (count === 1 ? 'einer Sekunde' : `${count} Sekunden`),
  },

  rating: {
    faces: ['Sehr schlecht', 'Schlecht', 'Okay', 'Gut', 'Sehr gut'],
    peaks: {
      responsiveness: { positive: 'Schnelle Antworten', negative: 'Lange Wartezeiten' },
      reliability: { positive: 'Hat Wort gehalten', negative: 'Versprechen gebrochen' },
      competence: { positive: 'Wusste Bescheid', negative: 'Unsichere Antworten' },
      empathy: { positive: 'Hat gut zugehört', negative: 'Hat nicht zugehört' },
    },
    nothing: 'Nichts Besonderes',
    notSolved: 'Das ist noch nicht gelöst',
    title: 'Bewertung des Besuchers',
    titleBefore: 'Bewertung des Besuchers vor dem Wiederöffnen',
    before: 'Vor dem Wiederöffnen: Danach meldete der Besucher, dass es nicht gelöst ist',
    outOf: '/5',
    stoodOut: 'Was auffiel',
    comment: 'Kommentar',
    noComment: 'Kein Kommentar',
    notAnswered: 'Nicht beantwortet',
    rated: (time: string) => `Bewertet ${time}`,
    countsFor: (name: string) => ` · zählt für ${name}`,
    mayChange: (time: string) => ` · der Besucher kann sie bis ${time} ändern`,
    setAsideTitle: 'Nicht gewertete Bewertung',
    howEnded: 'Wie es ausging',
    countsForNobody: (time: string) => `Bewertet ${time} · zählt für niemanden`,
    setAside: {
      member: {
        title: 'Ausgeschlossen: Adresse eines Teammitglieds',
        about:
          'Abgegeben von einer Adresse, von der sich in den letzten 24 Stunden ein Teammitglied angemeldet hat, oder mit der E-Mail-Adresse eines Teammitglieds. Gespeichert, zählt aber für niemanden.',
      },
      flood: {
        title: 'Ausgeschlossen: zu viele Bewertungen von einer Adresse',
        about:
          'Über dem Limit für Bewertungen von einer Adresse. Gespeichert, zählt aber für niemanden.',
      },
      unanswered: {
        title: 'Unbeantwortet: Kein Agent hatte geantwortet',
        about:
          'Abgegeben, bevor ein Agent in dieser Unterhaltung geschrieben hat, daher bewertet sie niemanden. Die Wartezeit des Besuchers zählt trotzdem.',
      },
    },
  },

  dimensions: {
    responsiveness: {
      name: 'Reaktionsschnelligkeit',
      short: 'Reakt.',
      inSentence: 'Reaktionsschnelligkeit',
      description:
        'Reaktionsschnelligkeit: Besuchern innerhalb der Antwortzeit helfen, die die Website ihnen verspricht.',
      about:
        'Wartezeiten gemessen an der Antwortzeit, die die Website verspricht, und was Besuchern auffiel.',
    },
    reliability: {
      name: 'Zuverlässigkeit',
      short: 'Zuverl.',
      inSentence: 'Zuverlässigkeit',
      description:
        'Zuverlässigkeit: Zusagen fristgerecht einhalten, und Lösungen, die halten (kein „Das ist noch nicht gelöst“).',
      about:
        'Eingehaltene oder gebrochene Zusagen, als ungelöst wieder geöffnete Chats, und was Besucher sagen.',
    },
    experience: {
      name: 'Erlebnis',
      short: 'Erl.',
      inSentence: 'Erlebnis',
      description:
        'Erlebnis: wie die Unterhaltung laut Besuchern ausging und was ihnen am meisten auffiel.',
      about: 'Wie die Unterhaltung laut Besuchern ausging, und was am meisten auffiel.',
    },
    csat: {
      name: 'CSAT',
      short: 'CSAT',
      description: 'CSAT: der Anteil der Bewertungen mit 4 oder 5 von 5 in den letzten 30 Tagen.',
    },
  },

  scores: {
    title: 'Live-Scores',
    lastUpdate: 'Letzte Aktualisierung',
    paused: 'Nicht live: Verbindung wird wiederhergestellt',
    pausedLabel: 'Pausiert',
    team: 'Team',
    colon: ':',
    loading: 'Scores werden geladen…',
    noAgents: 'Noch keine Agenten.',
    agent: 'Agent',
    you: 'Sie',
    noData: 'Noch keine Daten',
    openBreakdown: (name: string) => `Warum diese Scores? Aufschlüsselung von ${name} öffnen`,
    conversationsOf: (name: string) => `Unterhaltungen von ${name}`,
    conversations: 'Unterhaltungen',
    legend:
      'Scores von 0–100 aus der jüngsten Arbeit, das Neueste zählt am meisten. Balken: der Bereich, in dem ein Score mit 90\u00a0% Wahrscheinlichkeit liegt; er wird schmaler, je mehr Belege es gibt. Zu wenig Belege: Die eigenen Belege des Agenten wiegen noch weniger als der Team-Durchschnitt, von dem er ausgeht, daher wird nur der Bereich gezeigt. —: noch keine Daten. CSAT: Bewertungen mit 4–5 in den letzten 30 Tagen.',
    observations: (count: number) => (count === 1 ? '1 Beobachtung' : `${count} Beobachtungen`),
    ratings: (count: number) => (count === 1 ? '1 Bewertung' : `${count} Bewertungen`),
    noDataCell: 'noch keine Daten',
    noDataTitle: (label: string, agent: string, team: string) =>
      `${label}: noch keine Daten für ${agent}. Bis es welche gibt, zählt der Wert des Teams, ${team}.`,
    tooLittle: 'zu wenig Belege',
    tooLittleTitle: (label: string, agent: string, low: string, high: string, from: string) =>
      `${label}: noch zu wenig Belege für ${agent}, um einen Score zu zeigen. Wahrscheinlich zwischen ${low} und ${high} (90\u00a0%), aus ${from}; die Aufschlüsselung zeigt, wie er sich zusammensetzt.`,
    range: 'Bereich',
    scoreTitle: (label: string, score: string, low: string, high: string, from: string) =>
      `${label} ${score}: wahrscheinlich zwischen ${low} und ${high} (90\u00a0%), aus ${from}.`,
    csatNone: 'CSAT: keine Bewertungen in den letzten 30 Tagen.',
    csatTitle: (percent: string, ratings: string) =>
      `CSAT ${percent}: ${ratings} in den letzten 30 Tagen.`,
    siteNone: (label: string) => `${label}: noch keine Daten.`,
    siteTitle: (label: string, score: string, from: string) =>
      `${label} des ganzen Teams: ${score}, aus ${from}.`,
    siteCsatTitle: (percent: string, ratings: string) =>
      `CSAT des ganzen Teams: ${percent} von ${ratings} in den letzten 30 Tagen.`,
  },

  breakdown: {
    title: (name: string) => `Score-Aufschlüsselung: ${name}`,
    eyebrow: 'Score-Aufschlüsselung',
    you: 'Sie',
    intro: (self: boolean) =>
      `Was ${self ? 'Ihre' : 'diese'} Scores zuletzt bewegt hat, das Neueste zuerst.`,
    helps: 'hilft',
    hurts: 'schadet',
    keyRead: '(Plus hilft, Minus schadet)',
    olderLess: '; ältere Belege zählen weniger.',
    closeTitle: 'Schließen (Esc)',
    loading: 'Die Aufschlüsselung wird geladen…',
    failed: (reason: string) => `Die Aufschlüsselung konnte nicht geladen werden: ${reason}`,
    foot: (time: string) =>
      `Berechnet bis ${time}. Gewicht: wie viel ein Beleg neben den anderen zählt (eine Wartezeit zählt ½, wenn sich die längste und die letzte Wartezeit eines Chats unterscheiden; was einem Besucher am meisten auffiel, zählt 2). In den eigenen Belegen eines Scores wiegt ein Misserfolg mehr als ein Erfolg: doppelt, sofern die Website ihr Negativitätsgewicht nicht anders eingestellt hat.`,
    empty: (self: boolean) =>
      `Noch hat nichts ${self ? 'Ihre' : 'diese'} Scores bewegt. Wartezeiten, Zusagen und Bewertungen erscheinen hier, sobald sie zählen.`,
    now: (label: string) => `${label} jetzt`,
    nowRead: 'jetzt',
    thinTitle: (label: string) => `${label} jetzt: wahrscheinlich dazwischen (90\u00a0%)`,
    nothingLately: 'zuletzt nichts',
    counts: (helped: number, hurt: number) => `${helped} geholfen · ${hurt} geschadet`,
    noOwn: 'Noch keine eigenen Belege',
    own: 'Eigene Belege',
    teamMean: 'Team-Durchschnitt',
    weighing: (weight: string) => `(Gewicht ${weight})`,
    together: 'zusammen',
    thinNote: (teamWeight: string, low: string, high: string) =>
      `Zu wenig Belege: Die eigenen Belege des Agenten wiegen weniger als das Gewicht ${teamWeight} des Team-Durchschnitts, daher stützt sich der Score auf das Team, und die Live-Scores zeigen nur seinen Bereich, ${low}–${high}.`,
    effectTitle: (helps: boolean, value: string) =>
      `${helps ? 'Hilft' : 'Schadet'}: Wert ${value} von 1`,
    effectRead: (helps: boolean, dimension: string) =>
      `${helps ? 'positiv' : 'negativ'} für ${dimension}`,
    justNow: 'gerade eben',
    weightTitle: 'Wie viel dies neben anderen Belegen zählt, bevor es mit dem Alter nachlässt',
    weight: (weight: string) => `Gewicht ${weight}`,
    units: { seconds: 'Sek.', minutes: 'Min.', hours: 'Std.' },
    answeredIn: (took: string, promised: string) =>
      `Antwort nach ${took} (versprochen: ${promised})`,
    waited: (took: string, promised: string) => `${took} gewartet (versprochen: ${promised})`,
    keptPromise: (text: string | null) =>
      text ? `Zusage „${text}“ eingehalten` : 'Eine Zusage eingehalten',
    brokePromise: (text: string | null) =>
      text ? `Zusage „${text}“ nicht eingehalten` : 'Eine Zusage nicht eingehalten',
    dueSuffix: (time: string) => ` (fällig ${time})`,
    disputed: (text: string | null) =>
      `${text ? `Zusage „${text}“` : 'Eine Zusage'} als eingehalten markiert; laut Besucher ist das nicht passiert`,
    reopened: (words: string) => `Wieder geöffnet: „${words}“`,
    rated: (end: number | null) =>
      end === null ? 'Unterhaltung bewertet' : `Mit ${end} von 5 bewertet`,
    ratedPeak: (rated: string, peak: string) => `${rated}, „${peak}“ fiel auf`,
    ratedNoAnswer: (rated: string) => `${rated}; was auffiel: nicht beantwortet`,
    ratedNothing: (rated: string) => `${rated}, nichts Besonderes fiel auf`,
    voice: (peak: string | null) =>
      peak ? `Laut Besucher fiel „${peak}“ auf` : 'Was dem Besucher auffiel',
    longestWait: 'längste Wartezeit',
    lastWait: 'letzte Wartezeit',
    due: (time: string) => `fällig ${time}`,
    markedKept: (time: string) => `als eingehalten markiert ${time}`,
  },
};
