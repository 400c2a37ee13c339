/** Dutch (informal "je", as the widget): live work. */
import type { ConsoleDictionary } from '..';

export const live: ConsoleDictionary['live'] = {
  workspace: {
    backToInbox: 'Terug naar inbox',
    title: 'Live',
    show: 'Tonen',
    history: 'Gesprekken',
    comments: 'Opmerkingen',
    reconnecting:
      'Verbinding verbroken. Opnieuw verbinden… Gesprekken en scores worden bijgewerkt zodra de verbinding terug is.',
    conversationsFailed: (reason: string) => `De gesprekken konden niet worden geladen: ${reason}`,
    scoresFailed: (reason: string) => `De scores konden niet worden geladen: ${reason}`,
    choose: 'Kies links een gesprek.',
    nothingYet: 'Zodra een bezoeker een chat begint, verschijnt die hier.',
  },

  status: {
    open: 'Open',
    unassigned: 'Niet toegewezen',
    reopened: 'Heropend',
    closed: 'Gesloten',
  },

  inbox: {
    title: 'Gesprekken',
    open: (count: number) => `${count} open`,
    loading: 'Gesprekken laden…',
    empty: 'Nog geen gesprekken.',
    emptyHint: 'Nieuwe chats van je site verschijnen hier zodra ze beginnen.',
    loadMore: 'Meer gesprekken laden',
    moreFailed: (reason: string) => `Meer gesprekken konden niet worden geladen: ${reason}`,
    waiting: 'Wacht op antwoord',
    reopenedWaiting: 'Heropend: wacht op antwoord',
    typing: 'Typt…',
    you: 'Jij',
    noOne: 'Nog niemand',
    noMessages: 'Nog geen berichten',
    preview: (author: string, text: string) => `${author}: ${text}`,
    agent: 'Agent',
    rated: 'Beoordeeld met',
    ofFive: ' van 5',
    beforeReopening: 'vóór heropenen',
    ratedTitle: (end: number, label: string) => `Beoordeeld met ${end} van 5: ${label}`,
    ratedBeforeTitle: (end: number, label: string) =>
      `Vóór heropenen beoordeeld met ${end} van 5: ${label}`,
  },

  conversation: {
    assignedTo: (name: string) => `Toegewezen aan ${name}`,
    assignedToYou: 'Aan jou toegewezen',
    notAssigned: 'Niet toegewezen',
    started: (time: string) => `begonnen ${time}`,
    closed: (time: string) => `gesloten ${time}`,
    claim: 'Oppakken',
    makePromise: 'Belofte doen',
    close: 'Gesprek sluiten',
    closedFoot:
      'Dit gesprek is gesloten. De bezoeker kan het heropenen door aan te geven dat het niet is opgelost.',
    readOnly: 'Deze weergave is alleen-lezen.',
    messages: 'Berichten',
    noMessages: 'Nog geen berichten.',
    typing: (visitor: string) => `${visitor} typt…`,
    closedLine: 'Gesloten',
    closedAt: (time: string) => `Gesloten: ${time}`,
    waitingRating: 'Wachten op de beoordeling van de bezoeker…',
    agent: 'Agent',
    continuedBy: (author: string) => `${author}: `,
  },

  visitor: {
    about: 'Over de bezoeker',
    email: 'E-mail',
    consented: '(gaf in de beoordelingskaart toestemming voor contact)',
    segment: 'Segment',
    title: 'Bezoeker',
    page: 'Pagina',
    cameFrom: 'Kwam van',
    language: 'Taal',
    timeZone: 'Tijdzone',
    timeThere: (zone: string, time: string) => `${zone} (daar ${time})`,
    device: 'Apparaat',
    devices: { mobile: 'Telefoon', tablet: 'Tablet', desktop: 'Computer' },
  },

  timeline: {
    quote: (text: string) => `“${text}”`,
    tookOver: (who: string | null, from: string | null) =>
      who === null
        ? `Je hebt het gesprek overgenomen van ${from ?? 'jezelf'}`
        : `${who} heeft het gesprek overgenomen van ${from ?? 'jou'}`,
    claimed: (who: string | null) =>
      who === null ? 'Je hebt het gesprek opgepakt' : `${who} heeft het gesprek opgepakt`,
    promised: (who: string | null | undefined, what: string | null) => {
      const promise = what ? `${what} beloofd` : 'een belofte gedaan';
      if (who === undefined) return `Een agent heeft ${promise}`;
      return who === null ? `Je hebt ${promise}` : `${who} heeft ${promise}`;
    },
    markedKept: (who: string | null, what: string | null) =>
      `${who === null ? 'Je hebt' : `${who} heeft`} ${what ?? 'een belofte'} als nagekomen gemarkeerd`,
    wasMarkedKept: (what: string | null) => `${what ?? 'Een belofte'} is als nagekomen gemarkeerd`,
    disputed: (what: string | null) =>
      what
        ? `Volgens de bezoeker is ${what} niet gebeurd`
        : 'Volgens de bezoeker is een belofte niet nagekomen',
    closedBy: (who: string | null) =>
      who === null ? 'Je hebt het gesprek gesloten' : `${who} heeft het gesprek gesloten`,
    closed: 'Gesloten',
    reopened: 'Heropend',
    setAside: (end: number, because: string) =>
      `Een beoordeling van ${end}/5 telt voor niemand: ${because}`,
    setAsideBecause: {
      member: 'hij kwam van het netwerk of het e-mailadres van een teamlid',
      flood: 'het netwerk stuurde meer beoordelingen dan de limieten per bezoeker toestaan',
      unanswered: 'er had nog niemand geantwoord',
    },
  },

  composer: {
    reply: 'Antwoord',
    placeholder: (visitor: string) => `Antwoord aan ${visitor}…`,
    enter: 'Enter',
    shift: 'Shift',
    toSend: 'om te versturen',
    newLine: 'voor een nieuwe regel',
    send: 'Versturen',
    sending: 'Versturen…',
  },

  promiseForm: {
    title: 'Nieuwe belofte',
    what: 'Wat ga je doen?',
    placeholder: 'bijv. De terugbetaling nagaan bij de boekhouding en laten weten hoe het zit',
    byWhen: 'Uiterlijk',
    dueIn: 'Over',
    confirm: 'Belofte bevestigen',
    noText: 'Vul in wat je gaat doen.',
    noTime: 'Kies wanneer het klaar is.',
    past: 'Kies een tijdstip in de toekomst.',
  },

  promises: {
    title: 'Beloftes',
    promise: 'Belofte',
    kept: 'Nagekomen',
    keptAt: (time: string, due: string) => ` ${time} · was uiterlijk ${due}`,
    broken: 'Gebroken',
    wasDue: (due: string) => ` · was uiterlijk ${due}`,
    disputed: 'Betwist',
    disputedSaid: ': volgens de bezoeker is het niet gebeurd',
    countsBroken: ', dus telt als gebroken',
    markedKept: (time: string) => ` · als nagekomen gemarkeerd ${time}`,
    overdue: 'Te laat',
    due: 'Uiterlijk',
    dueAt: (time: string, distance: string) => `${time} (${distance})`,
    markKept: 'Markeer als nagekomen',
    notCountingQuick: (within: string) =>
      `Telt niet mee: nagekomen binnen ${within} nadat de belofte werd gedaan`,
    notCountingBeyond: (max: number) =>
      `Telt niet mee: na de eerste ${max === 1 ? 'belofte' : `${max} beloftes`} van dit gesprek`,
    minutes: (count: number) => (count === 1 ? 'een minuut' : `${count} minuten`),
    seconds: (count: number) => (count === 1 ? 'een seconde' : `${count} seconden`),
  },

  rating: {
    faces: ['Heel slecht', 'Slecht', 'Gaat wel', 'Goed', 'Heel goed'],
    peaks: {
      responsiveness: { positive: 'Snelle antwoorden', negative: 'Lang wachten' },
      reliability: { positive: 'Hield woord', negative: 'Belofte gebroken' },
      competence: { positive: 'Wist het antwoord', negative: 'Onzekere antwoorden' },
      empathy: { positive: 'Luisterde echt', negative: 'Luisterde niet' },
    },
    nothing: 'Niets in het bijzonder',
    notSolved: 'Dit is niet opgelost',
    title: 'Beoordeling van de bezoeker',
    titleBefore: 'Beoordeling van de bezoeker vóór heropenen',
    before: 'Vóór heropenen: de bezoeker gaf daarna aan dat het niet was opgelost',
    outOf: '/5',
    stoodOut: 'Wat opviel',
    comment: 'Opmerking',
    noComment: 'Geen opmerking',
    notAnswered: 'Niet beantwoord',
    rated: (time: string) => `Beoordeeld ${time}`,
    countsFor: (name: string) => ` · telt voor ${name}`,
    mayChange: (time: string) => ` · de bezoeker kan hem wijzigen tot ${time}`,
    setAsideTitle: 'Beoordeling buiten beschouwing',
    howEnded: 'Hoe het afliep',
    countsForNobody: (time: string) => `Beoordeeld ${time} · telt voor niemand`,
    setAside: {
      member: {
        title: 'Uitgesloten: adres van een teamlid',
        about:
          'Gegeven vanaf een adres waarvandaan een teamlid de afgelopen 24 uur heeft ingelogd, of met het e-mailadres van een teamlid. Bewaard, maar telt voor niemand.',
      },
      flood: {
        title: 'Uitgesloten: te veel beoordelingen vanaf één adres',
        about:
          'Boven de limiet voor beoordelingen vanaf één adres. Bewaard, maar telt voor niemand.',
      },
      unanswered: {
        title: 'Onbeantwoord: er had nog geen agent gereageerd',
        about:
          'Gegeven voordat een agent in dit gesprek had geschreven, dus beoordeelt niemand. Het wachten van de bezoeker telt wel.',
      },
    },
  },

  dimensions: {
    responsiveness: {
      name: 'Reactiesnelheid',
      short: 'Reactie',
      inSentence: 'reactiesnelheid',
      description:
        'Reactiesnelheid: bezoekers helpen binnen de reactietijd die de site hun belooft.',
      about: 'Wachttijden tegenover de reactietijd die de site belooft, en wat bezoekers opviel.',
    },
    reliability: {
      name: 'Betrouwbaarheid',
      short: 'Betr.',
      inSentence: 'betrouwbaarheid',
      description:
        'Betrouwbaarheid: beloftes op tijd nakomen, en oplossingen die blijven werken (geen “Dit is niet opgelost”).',
      about:
        'Nagekomen of gebroken beloftes, chats die als niet opgelost zijn heropend, en wat bezoekers zeggen.',
    },
    experience: {
      name: 'Ervaring',
      short: 'Erv.',
      inSentence: 'ervaring',
      description:
        'Ervaring: hoe het gesprek volgens bezoekers afliep, en wat hun het meest opviel.',
      about: 'Hoe het gesprek volgens bezoekers afliep, en wat het meest opviel.',
    },
    csat: {
      name: 'CSAT',
      short: 'CSAT',
      description: 'CSAT: het aandeel beoordelingen van 4 of 5 uit 5 in de afgelopen 30 dagen.',
    },
  },

  scores: {
    title: 'Live scores',
    lastUpdate: 'Laatst bijgewerkt',
    paused: 'Niet live: opnieuw verbinden',
    pausedLabel: 'Gepauzeerd',
    team: 'Team',
    colon: ':',
    loading: 'Scores laden…',
    noAgents: 'Nog geen agents.',
    agent: 'Agent',
    you: 'Jij',
    noData: 'Nog geen gegevens',
    openBreakdown: (name: string) => `Waarom deze scores? Open de uitsplitsing van ${name}`,
    conversationsOf: (name: string) => `Gesprekken van ${name}`,
    conversations: 'Gesprekken',
    legend:
      'Scores van 0–100 uit recent werk, het nieuwste telt het zwaarst. Balk: het bereik waarin een score met 90% waarschijnlijkheid ligt; het wordt smaller naarmate er meer bewijs is. Te weinig bewijs: het eigen bewijs van de agent weegt nog minder dan het teamgemiddelde waar het van uitgaat, dus alleen het bereik wordt getoond. —: nog geen gegevens. CSAT: beoordelingen van 4–5 in de afgelopen 30 dagen.',
    observations: (count: number) => (count === 1 ? '1 waarneming' : `${count} waarnemingen`),
    ratings: (count: number) => (count === 1 ? '1 beoordeling' : `${count} beoordelingen`),
    noDataCell: 'nog geen gegevens',
    noDataTitle: (label: string, agent: string, team: string) =>
      `${label}: nog geen gegevens voor ${agent}. Tot die er zijn, telt de score van het team, ${team}.`,
    tooLittle: 'te weinig bewijs',
    tooLittleTitle: (label: string, agent: string, low: string, high: string, from: string) =>
      `${label}: nog te weinig bewijs voor ${agent} om een score te tonen. Waarschijnlijk tussen ${low} en ${high} (90%), uit ${from}; de uitsplitsing laat zien hoe die is opgebouwd.`,
    range: 'bereik',
    scoreTitle: (label: string, score: string, low: string, high: string, from: string) =>
      `${label} ${score}: waarschijnlijk tussen ${low} en ${high} (90%), uit ${from}.`,
    csatNone: 'CSAT: geen beoordelingen in de afgelopen 30 dagen.',
    csatTitle: (percent: string, ratings: string) =>
      `CSAT ${percent}: ${ratings} in de afgelopen 30 dagen.`,
    siteNone: (label: string) => `${label}: nog geen gegevens.`,
    siteTitle: (label: string, score: string, from: string) =>
      `${label} van het hele team: ${score}, uit ${from}.`,
    siteCsatTitle: (percent: string, ratings: string) =>
      `CSAT van het hele team: ${percent} van ${ratings} in de afgelopen 30 dagen.`,
  },

  breakdown: {
    title: (name: string) => `Uitsplitsing van de scores: ${name}`,
    eyebrow: 'Uitsplitsing van de scores',
    you: 'Jij',
    intro: (self: boolean) =>
      `Wat ${self ? 'je' : 'deze'} scores de laatste tijd heeft bewogen, het nieuwste eerst.`,
    helps: 'helpt',
    hurts: 'schaadt',
    keyRead: '(plus helpt, min schaadt)',
    olderLess: '; ouder bewijs telt minder.',
    closeTitle: 'Sluiten (Esc)',
    loading: 'De uitsplitsing wordt geladen…',
    failed: (reason: string) => `De uitsplitsing kon niet worden geladen: ${reason}`,
    foot: (time: string) =>
      `Berekend tot ${time}. Gewicht: hoeveel een stuk bewijs telt naast de rest (een wachttijd telt ½ als de langste en de laatste wachttijd van een chat verschillen; wat een bezoeker zegt dat opviel, telt 2). In het eigen bewijs van een score weegt een mislukking zwaarder dan een succes: twee keer, tenzij de site het gewicht voor negatief bewijs anders heeft ingesteld.`,
    empty: (self: boolean) =>
      `Nog niets heeft ${self ? 'je' : 'deze'} scores bewogen. Wachttijden, beloftes en beoordelingen verschijnen hier zodra ze meetellen.`,
    now: (label: string) => `${label} nu`,
    nowRead: 'nu',
    thinTitle: (label: string) => `${label} nu: waarschijnlijk hiertussen (90%)`,
    nothingLately: 'de laatste tijd niets',
    counts: (helped: number, hurt: number) => `${helped} positief · ${hurt} negatief`,
    noOwn: 'Nog geen eigen bewijs',
    own: 'Eigen bewijs',
    teamMean: 'Teamgemiddelde',
    weighing: (weight: string) => `(gewicht ${weight})`,
    together: 'samen',
    thinNote: (teamWeight: string, low: string, high: string) =>
      `Te weinig bewijs: het eigen bewijs van de agent weegt minder dan het gewicht ${teamWeight} van het teamgemiddelde, dus de score leunt op het team en Live scores toont alleen het bereik, ${low}–${high}.`,
    effectTitle: (helps: boolean, value: string) =>
      `${helps ? 'Helpt' : 'Schaadt'}: waarde ${value} van 1`,
    effectRead: (helps: boolean, dimension: string) =>
      `${helps ? 'positief' : 'negatief'} voor ${dimension}`,
    justNow: 'zojuist',
    weightTitle: 'Hoeveel dit telt naast ander bewijs, voordat het met de tijd minder zwaar weegt',
    weight: (weight: string) => `gewicht ${weight}`,
    units: { seconds: 's', minutes: 'min', hours: 'u' },
    answeredIn: (took: string, promised: string) => `Beantwoord in ${took} (beloofd: ${promised})`,
    waited: (took: string, promised: string) => `${took} gewacht (beloofd: ${promised})`,
    keptPromise: (text: string | null) =>
      text ? `Belofte “${text}” nagekomen` : 'Een belofte nagekomen',
    brokePromise: (text: string | null) =>
      text ? `Belofte “${text}” gebroken` : 'Een belofte gebroken',
    dueSuffix: (time: string) => ` (uiterlijk ${time})`,
    disputed: (text: string | null) =>
      `${text ? `Belofte “${text}”` : 'Een belofte'} als nagekomen gemarkeerd; volgens de bezoeker is het niet gebeurd`,
    reopened: (words: string) => `Heropend: “${words}”`,
    rated: (end: number | null) =>
      end === null ? 'Gesprek beoordeeld' : `Beoordeeld met ${end} van 5`,
    ratedPeak: (rated: string, peak: string) => `${rated}, “${peak}” viel op`,
    ratedNoAnswer: (rated: string) => `${rated}; wat opviel: niet beantwoord`,
    ratedNothing: (rated: string) => `${rated}, niets in het bijzonder viel op`,
    voice: (peak: string | null) =>
      peak ? `Volgens de bezoeker viel “${peak}” op` : 'Wat de bezoeker zei dat opviel',
    longestWait: 'langste wachttijd',
    lastWait: 'laatste wachttijd',
    due: (time: string) => `uiterlijk ${time}`,
    markedKept: (time: string) => `als nagekomen gemarkeerd ${time}`,
  },
};
