/**
 * The console's words: live work (the inbox, a conversation and what is done in it, promises,
 * the visitor's rating, live scores and an agent's score breakdown).
 *
 * The rating's faces and what stood out are the widget's own words (widget/app/i18n), so the
 * console says what the visitor saw; a test keeps them alike.
 */
export const live = {
  workspace: {
    /** Where the conversation has the screen to itself (a phone): back to the list. */
    backToInbox: 'Back to inbox',
    /** The level-one heading of the live view (read by screen readers only). */
    title: 'Live',
    /** Switch of the Conversations view: its history, or (supervisors) the comments feed. */
    show: 'Show',
    history: 'Conversations',
    comments: 'Comments',
    reconnecting:
      'Connection lost. Reconnecting… Conversations and scores refresh as soon as it is back.',
    conversationsFailed: (reason: string) => `Conversations could not be loaded: ${reason}`,
    scoresFailed: (reason: string) => `Scores could not be loaded: ${reason}`,
    choose: 'Choose a conversation on the left.',
    nothingYet: 'When a visitor starts a chat, it shows up here.',
  },

  /** A conversation's state, on a badge in the inbox and over the conversation. */
  status: {
    open: 'Open',
    unassigned: 'Unassigned',
    /** Open again after the visitor said it was not solved. */
    reopened: 'Reopened',
    closed: 'Closed',
  },

  inbox: {
    title: 'Conversations',
    open: (count: number) => `${count} open`,
    loading: 'Loading conversations…',
    empty: 'No conversations yet.',
    emptyHint: 'New chats from your site appear here as they start.',
    loadMore: 'Load more conversations',
    moreFailed: (reason: string) => `More conversations could not be loaded: ${reason}`,
    waiting: 'Waiting for a reply',
    reopenedWaiting: 'Reopened: waiting for a reply',
    typing: 'Typing…',
    /** Who the conversation is assigned to, when it is the signed-in person. */
    you: 'You',
    noOne: 'No one yet',
    noMessages: 'No messages yet',
    /** The last message, after who wrote it. */
    preview: (author: string, text: string) => `${author}: ${text}`,
    /** The last message's author when no name is known. */
    agent: 'Agent',
    /** The rating badge: "Rated 4 of 5" for screen readers, "4" on screen. */
    rated: 'Rated',
    ofFive: ' of 5',
    /** On screen after the rating of a conversation the visitor reopened since. */
    beforeReopening: 'before reopening',
    ratedTitle: (end: number, label: string) => `Rated ${end} of 5: ${label}`,
    ratedBeforeTitle: (end: number, label: string) =>
      `Rated ${end} of 5 before reopening: ${label}`,
  },

  conversation: {
    assignedTo: (name: string) => `Assigned to ${name}`,
    /** "Assigned to you". */
    assignedToYou: 'Assigned to you',
    notAssigned: 'Not assigned',
    started: (time: string) => `started ${time}`,
    closed: (time: string) => `closed ${time}`,
    claim: 'Claim',
    makePromise: 'Make a promise',
    close: 'Close conversation',
    closedFoot: "This conversation is closed. The visitor can reopen it by saying it isn't solved.",
    readOnly: 'This view is read-only.',
    /** The accessible name of the list of messages. */
    messages: 'Messages',
    noMessages: 'No messages yet.',
    typing: (visitor: string) => `${visitor} is typing…`,
    closedLine: 'Closed',
    closedAt: (time: string) => `Closed at ${time}`,
    waitingRating: "Waiting for the visitor's rating…",
    /** A message's author when no name is known. */
    agent: 'Agent',
    /** Read before a message that follows another of the same author's. */
    continuedBy: (author: string) => `${author}: `,
  },

  /** Who the visitor is, as the site's page said, and where and how they wrote from. */
  visitor: {
    about: 'About the visitor',
    email: 'Email',
    consented: '(agreed to be contacted, in the rating card)',
    segment: 'Segment',
    title: 'Visitor',
    page: 'Page',
    cameFrom: 'Came from',
    language: 'Language',
    timeZone: 'Time zone',
    /** `zone` ("Europe/Amsterdam") and the time it is there now. */
    timeThere: (zone: string, time: string) => `${zone} (${time} there)`,
    device: 'Device',
    devices: { mobile: 'Phone', tablet: 'Tablet', desktop: 'Computer' },
  },

  /**
   * What was done in a conversation, as a quiet line between its messages. `who` and `from`
   * name an agent; null is the signed-in person ("You claimed…", "…took over from You").
   * `what` is a promise's words, quoted by `quote`; null when they are no longer kept.
   */
  timeline: {
    quote: (text: string) => `“${text}”`,
    tookOver: (who: string | null, from: string | null) =>
      `${who ?? 'You'} took over from ${from ?? 'You'}`,
    claimed: (who: string | null) => `${who ?? 'You'} claimed the conversation`,
    /** `who` is undefined when the promise's agent is not known any more. */
    promised: (who: string | null | undefined, what: string | null) =>
      `${who === undefined ? 'An agent' : (who ?? 'You')} promised ${what ?? 'a promise'}`,
    markedKept: (who: string | null, what: string | null) =>
      `${who ?? 'You'} marked ${what ?? 'a promise'} kept`,
    wasMarkedKept: (what: string | null) => `${what ?? 'a promise'} was marked kept`,
    disputed: (what: string | null) => `The visitor said ${what ?? 'a promise'} didn't happen`,
    closedBy: (who: string | null) => `${who ?? 'You'} closed the conversation`,
    closed: 'Closed',
    reopened: 'Reopened',
    setAside: (end: number, because: string) =>
      `A rating of ${end}/5 counts for nobody: ${because}`,
    /** Why a rating counts for nobody. */
    setAsideBecause: {
      member: "it came from a team member's network or email",
      flood: 'its network sent more ratings than the visitor limits allow',
      unanswered: 'nobody had answered yet',
    },
  },

  composer: {
    reply: 'Reply',
    placeholder: (visitor: string) => `Reply to ${visitor}…`,
    /** Key names in the hint under the reply box, as on the keyboard. */
    enter: 'Enter',
    shift: 'Shift',
    toSend: 'to send',
    newLine: 'for a new line',
    send: 'Send',
    sending: 'Sending…',
  },

  promiseForm: {
    title: 'New promise',
    what: 'What will you do?',
    placeholder: 'e.g. Check the refund with billing and get back to you',
    byWhen: 'By when',
    /** The accessible name of the buttons "15 min", "1 hour"… that set the due time. */
    dueIn: 'Due in',
    confirm: 'Confirm promise',
    noText: 'Say what you will do.',
    noTime: 'Choose when it will be done.',
    past: 'Choose a time in the future.',
  },

  promises: {
    title: 'Promises',
    /** A promise whose words are no longer kept. */
    promise: 'Promise',
    kept: 'Kept',
    keptAt: (time: string, due: string) => ` at ${time} · was due ${due}`,
    broken: 'Broken',
    wasDue: (due: string) => ` · was due ${due}`,
    /** Marked kept, but the visitor said it didn’t happen. */
    disputed: 'Disputed',
    disputedSaid: ': the visitor says it didn’t happen',
    countsBroken: ', so it counts as broken',
    markedKept: (time: string) => ` · marked kept ${time}`,
    overdue: 'Overdue',
    due: 'Due',
    /** After "Due" or "Overdue": the due time, and how far it is ("in 25 min."). */
    dueAt: (time: string, distance: string) => `${time} (${distance})`,
    markKept: 'Mark promise kept',
    /** The site counts no promise kept this quickly after being made. */
    notCountingQuick: (within: string) => `Doesn’t count: kept within ${within} of being made`,
    /** The site counts only the first `max` promises of a conversation. */
    notCountingBeyond: (max: number) =>
      `Doesn’t count: beyond the first ${max === 1 ? 'promise' : `${max} promises`} of this conversation`,
    /** How long, in the sentence above: "a minute", "2 minutes", "30 seconds". */
    minutes: (count: number) => (count === 1 ? 'a minute' : `${count} minutes`),
    seconds: (count: number) => `${count} ${count === 1 ? 'second' : 'seconds'}`,
  },

  rating: {
    /** The widget's faces, end 1 to 5 (widget/app/i18n: faces). */
    faces: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'] as readonly [
      string,
      string,
      string,
      string,
      string,
    ],
    /** What stood out, as the widget offered it (widget/app/i18n: peaks, nothing). */
    peaks: {
      responsiveness: { positive: 'Quick replies', negative: 'Long waits' },
      reliability: { positive: 'Kept their word', negative: 'Broke a promise' },
      competence: { positive: 'Knew the answer', negative: 'Unsure answers' },
      empathy: { positive: 'Really listened', negative: "Didn't listen" },
    },
    nothing: 'Nothing in particular',
    /** The widget's button that reopens a chat (widget/app/i18n: notSolved). */
    notSolved: 'This isn’t solved',
    title: "Visitor's rating",
    titleBefore: "Visitor's rating before reopening",
    before: 'Before reopening: the visitor then said it wasn’t solved',
    outOf: '/5',
    stoodOut: 'What stood out',
    comment: 'Comment',
    noComment: 'No comment',
    /** A question of the rating card the visitor has not answered (yet). */
    notAnswered: 'Not answered',
    rated: (time: string) => `Rated ${time}`,
    countsFor: (name: string) => ` · counts for ${name}`,
    mayChange: (time: string) => ` · the visitor may change it until ${time}`,
    setAsideTitle: 'Rating set aside',
    howEnded: 'How it ended',
    countsForNobody: (time: string) => `Rated ${time} · counts for nobody`,
    /** Why a rating counts for nobody: a headline, and one plain sentence. */
    setAside: {
      member: {
        title: 'Excluded: a team member’s address',
        about:
          'Given from an address a team member signed in from in the last 24 hours, or with a team member’s email. Kept, but it counts for nobody.',
      },
      flood: {
        title: 'Excluded: too many ratings from one address',
        about: 'Over the limit of ratings from one address. Kept, but it counts for nobody.',
      },
      unanswered: {
        title: 'Unanswered: no agent had replied',
        about:
          'Given before any agent wrote in this conversation, so it rates nobody. The visitor’s wait still counts.',
      },
    },
  },

  /** The scores' names and what each means. */
  dimensions: {
    responsiveness: {
      name: 'Responsiveness',
      /** Where the live scores' panel is narrow. */
      short: 'Resp.',
      /** In a sentence: "helps responsiveness". */
      inSentence: 'responsiveness',
      description: 'Responsiveness: helping visitors within the reply time the site promises them.',
      /** In the score breakdown: what counts. */
      about: 'Waits against the reply time the site promises, and what visitors say stood out.',
    },
    reliability: {
      name: 'Reliability',
      short: 'Rel.',
      inSentence: 'reliability',
      description:
        'Reliability: keeping promises by their due time, and solutions that stick (no “This isn’t solved”).',
      about: 'Promises kept or broken, chats reopened as not solved, and what visitors say.',
    },
    experience: {
      name: 'Experience',
      short: 'Exp.',
      inSentence: 'experience',
      description:
        'Experience: how visitors say the conversation ended, and what stood out most to them.',
      about: 'How visitors say the conversation ended, and what stood out most.',
    },
    csat: {
      name: 'CSAT',
      short: 'CSAT',
      description: 'CSAT: the share of ratings of 4 or 5 out of 5 in the last 30 days.',
    },
  },

  scores: {
    title: 'Live scores',
    lastUpdate: 'Last update',
    paused: 'Not live: reconnecting',
    pausedLabel: 'Paused',
    team: 'Team',
    /** A colon, as the language writes it (read after "Team", before the team’s figures). */
    colon: ':',
    loading: 'Loading scores…',
    noAgents: 'No agents yet.',
    agent: 'Agent',
    you: 'You',
    noData: 'No data yet',
    openBreakdown: (name: string) => `Why these scores? Open ${name}’s score breakdown`,
    conversationsOf: (name: string) => `Conversations of ${name}`,
    conversations: 'Conversations',
    legend:
      'Scores 0–100 from recent work, the newest counting most. Bar: the range a score is 90% likely to be in; it narrows as evidence grows. Too little evidence: the agent’s own evidence still weighs less than the team average it starts from, so only the range is shown. —: no data yet. CSAT: ratings of 4–5 in the last 30 days.',
    observations: (count: number) => `${count} ${count === 1 ? 'observation' : 'observations'}`,
    ratings: (count: number) => `${count} ${count === 1 ? 'rating' : 'ratings'}`,
    /** In a cell, for an agent with nothing yet on a score. */
    noDataCell: 'no data yet',
    noDataTitle: (label: string, agent: string, team: string) =>
      `${label}: no data yet for ${agent}. Until there is some, it counts as the team’s ${team}.`,
    tooLittle: 'too little evidence',
    tooLittleTitle: (label: string, agent: string, low: string, high: string, from: string) =>
      `${label}: too little evidence yet for ${agent} to show a score. Likely between ${low} and ${high} (90%), from ${from}; the breakdown shows how it is made up.`,
    /** Read before the interval "63–93". */
    range: 'range',
    scoreTitle: (label: string, score: string, low: string, high: string, from: string) =>
      `${label} ${score}: likely between ${low} and ${high} (90%), from ${from}.`,
    csatNone: 'CSAT: no ratings in the last 30 days.',
    csatTitle: (percent: string, ratings: string) =>
      `CSAT ${percent}: ${ratings} in the last 30 days.`,
    siteNone: (label: string) => `${label}: no data yet.`,
    siteTitle: (label: string, score: string, from: string) =>
      `${label} of the whole team: ${score}, from ${from}.`,
    siteCsatTitle: (percent: string, ratings: string) =>
      `CSAT of the whole team: ${percent} of ${ratings} in the last 30 days.`,
  },

  breakdown: {
    title: (name: string) => `Score breakdown: ${name}`,
    eyebrow: 'Score breakdown',
    you: 'You',
    intro: (self: boolean) => `What moved ${self ? 'your' : 'these'} scores lately, newest first.`,
    helps: 'helps',
    hurts: 'hurts',
    /** For screen readers, in place of the "+ helps, − hurts" key. */
    keyRead: '(plus helps, minus hurts)',
    olderLess: '; older evidence counts less.',
    closeTitle: 'Close (Esc)',
    loading: 'Loading the breakdown…',
    failed: (reason: string) => `The breakdown could not be loaded: ${reason}`,
    foot: (time: string) =>
      `Counted up to ${time}. Weight: how much a piece of evidence counts next to the rest (a wait is ½ when the longest and the last wait of a chat differ; what a visitor says stood out counts 2). In a score’s own evidence a failure weighs more than a success: twice, unless the site set its negativity weight otherwise.`,
    empty: (self: boolean) =>
      `Nothing has moved ${self ? 'your' : 'these'} scores yet. Waits, promises and ratings show here as soon as they count.`,
    now: (label: string) => `${label} now`,
    /** Read before the score a group's heading shows. */
    nowRead: 'now',
    thinTitle: (label: string) => `${label} now: likely between these (90%)`,
    nothingLately: 'nothing lately',
    counts: (helped: number, hurt: number) => `${helped} helped · ${hurt} hurt`,
    noOwn: 'No own evidence yet',
    own: 'Own evidence',
    teamMean: 'Team mean',
    /** "(weight 1.0)" after each part of a score. */
    weighing: (weight: string) => `(weight ${weight})`,
    /** Read before the score the two parts make. */
    together: 'together',
    thinNote: (teamWeight: string, low: string, high: string) =>
      `Too little evidence: the agent’s own evidence weighs less than the team mean’s ${teamWeight}, so the score leans on the team and Live scores shows only its range, ${low}–${high}.`,
    effectTitle: (helps: boolean, value: string) =>
      `${helps ? 'Helps' : 'Hurts'}: value ${value} of 1`,
    /** Read after a piece of evidence: "helps responsiveness". */
    effectRead: (helps: boolean, dimension: string) => `${helps ? 'helps' : 'hurts'} ${dimension}`,
    justNow: 'just now',
    weightTitle: 'How much this counts next to other evidence, before it fades with age',
    weight: (weight: string) => `weight ${weight}`,
    /** Units of a wait: "5 min 30 s", "1 h 20 min". */
    units: { seconds: 's', minutes: 'min', hours: 'h' },
    answeredIn: (took: string, promised: string) => `Answered in ${took} (promised ${promised})`,
    waited: (took: string, promised: string) => `Waited ${took} (promised ${promised})`,
    keptPromise: (text: string | null) => (text ? `Kept promise ‘${text}’` : 'Kept a promise'),
    brokePromise: (text: string | null) => (text ? `Broke promise ‘${text}’` : 'Broke a promise'),
    dueSuffix: (time: string) => ` (due ${time})`,
    disputed: (text: string | null) =>
      text
        ? `Promise ‘${text}’ marked kept; the visitor said it didn’t happen`
        : 'A promise marked kept; the visitor said it didn’t happen',
    /** `words`: the widget's button the visitor pressed. */
    reopened: (words: string) => `Reopened: ‘${words}’`,
    /** `end` is null when the visitor has not said how it ended. */
    rated: (end: number | null) => (end === null ? 'Rated the conversation' : `Rated ${end} of 5`),
    ratedPeak: (rated: string, peak: string) => `${rated}, ‘${peak}’ stood out`,
    ratedNoAnswer: (rated: string) => `${rated}; what stood out: not answered`,
    ratedNothing: (rated: string) => `${rated}, nothing in particular stood out`,
    voice: (peak: string | null) =>
      peak ? `The visitor said ‘${peak}’ stood out` : 'What the visitor said stood out',
    longestWait: 'longest wait',
    lastWait: 'last wait',
    due: (time: string) => `due ${time}`,
    markedKept: (time: string) => `marked kept ${time}`,
  },
};
