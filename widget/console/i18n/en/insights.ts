/**
 * The console's words: insights. The follow-up queue, the history of conversations and the
 * comments feed, trends and the expectation gap, segments, and the weekly report.
 */

import { en as widget } from '../../../app/i18n/en';

/** "1½": an amount to the nearest half, as people say waits. */
const halves = (amount: number) => {
  const whole = Math.floor(amount);
  if (amount === whole) return `${whole}`;
  return whole ? `${whole}½` : '½';
};

export const insights = {
  /**
   * A server's refusal (a read or a change it did not do), by its code. English shows the
   * server's own message, which is English and names the cause; other languages word the codes
   * they know and fall back to that message.
   */
  refusal: (_code: string, message: string) => message,

  /** Labels several of these screens share. */
  labels: {
    agent: 'Agent',
    /** Any agent: the filter not narrowed to one. */
    everyone: 'Everyone',
    period: 'Period',
    status: 'Status',
    segment: 'Segment',
    /** Visitors without a segment (the host page set none). */
    noSegment: 'No segment',
    ratings: 'Ratings',
    /** The change from the period (or week) before. */
    change: 'Change',
    /** A period still running, after its date. */
    soFar: '(so far)',
    /** A chart's figures as a table, folded under it. */
    tableView: 'Table view',
    loadMore: 'Load more',
    /** Nobody has the conversation. */
    unassigned: 'Unassigned',
  },

  /** The periods the history, comments and segments filter by, up to now. */
  periods: {
    anyTime: 'Any time',
    lastDays: (days: number) => `Last ${days} days`,
  },

  /** The scores and figures the screens chart and compare. */
  measures: {
    responsiveness: 'Responsiveness',
    reliability: 'Reliability',
    experience: 'Experience',
    /** Customer satisfaction: the share of good ratings. An acronym kept in most languages. */
    csat: 'CSAT',
  },

  /** Where a follow-up item stands. */
  followupStatus: {
    new: 'New',
    contacted: 'Contacted',
    resolved: 'Resolved',
    dismissed: 'Dismissed',
  },

  /** Waits in words: seconds under a minute, then minutes and hours to the nearest half. */
  duration: {
    seconds: (count: number) => `${count} second${count === 1 ? '' : 's'}`,
    minutes: (amount: number) => `${halves(amount)} minute${amount === 1 ? '' : 's'}`,
    hours: (amount: number) => `${halves(amount)} hour${amount === 1 ? '' : 's'}`,
  },

  /** The follow-up queue (FollowUp.tsx). */
  followUp: {
    title: 'Follow-up',
    /** The status filter's choice of every status. */
    allStatuses: 'All',
    notifyMe: 'Notify me of new items',
    loadFailed: (message: string) => `The queue could not be loaded: ${message}`,
    moreFailed: (message: string) => `More items could not be loaded: ${message}`,
    empty: 'Nothing to follow up here.',
    /** The list's accessible name. */
    items: 'Follow-up items',
    loadMore: 'Load more items',
    /**
     * Why a rating put the conversation in the queue: `end` is how it ended in the visitor's
     * words ("Very bad"), `peak` the bad moment that stood out, if any.
     */
    rated: (end: string, peak: string | null, unanswered: boolean) =>
      `Rated “${end}”${peak ? ` · ${peak}` : ''}${unanswered ? ' before anyone answered' : ''}`,
    /** A promise the visitor said was not kept; `text` is what was promised. */
    promiseDisputed: (text: string | null) =>
      `Promise disputed by the visitor${text ? `: ${text}` : ''}`,
    promiseMissed: (text: string | null) =>
      `Promise not kept by its due time${text ? `: ${text}` : ''}`,
    reopened: 'Reopened soon after it was closed: not solved',
    /** The agent who had the conversation. */
    byAgent: (name: string) => `Agent ${name}`,
    nobodyAnswered: 'Nobody answered',
    /** A link to the conversation, by its id. */
    conversation: (id: string) => `conversation ${id}`,
    /** Who follows the item up. */
    ownedBy: (name: string) => `owner ${name}`,
    /** Before the visitor's name and email address. */
    contact: 'Contact:',
    consented: 'agreed to be contacted about this',
    dismissedBecause: (reason: string) => `Dismissed: ${reason}`,
    notes: 'Notes',
    /** Before a note: who wrote it (a member, or an integration through the API) and when. */
    noteBy: (who: string, when: string) => `${who}, ${when}:`,
    integration: 'Integration',
    markContacted: 'Mark contacted',
    resolve: 'Resolve',
    /** An agent makes the item theirs. */
    take: 'Take',
    owner: 'Owner',
    /** The item has no owner. */
    nobody: 'Nobody',
    /** Opens the form asking why. */
    dismiss: 'Dismiss…',
    /** Opens the note field. */
    addNoteOpen: 'Add a note…',
    reason: 'Reason for dismissing',
    dismissItem: 'Dismiss item',
    note: 'Note',
    addNote: 'Add note',
  },

  /** The history of conversations (History.tsx). */
  history: {
    title: 'Conversations',
    exportCsv: 'Export CSV',
    /** The search field's accessible name. */
    search: 'Search conversations',
    searchPlaceholder: 'Search messages and comments',
    searchButton: 'Search',
    /** Any status, comment or rating. */
    any: 'Any',
    open: 'Open',
    closed: 'Closed',
    /** Any agent (the agent filter). */
    anyone: 'Anyone',
    rating: 'Rating',
    ratings: {
      any: 'Any rating',
      bad: 'Bad (1–2)',
      okay: 'Okay (3)',
      good: 'Good (4–5)',
      none: 'Not rated',
    },
    /** A rating filter from a link that no choice covers: the endings, as listed ("1,3"). */
    ratingEnds: (ends: string) => `Ends ${ends}`,
    comment: 'Comment',
    withComment: 'With a comment',
    withoutComment: 'Without',
    lastActive: 'Last active',
    /** A period from a link: between two days, or from a day on. */
    customPeriod: (from: string, to: string | null) => (to ? `${from} to ${to}` : `${from} on`),
    /** The segment filter from a link; null: conversations without a segment. */
    segmentFilter: (segment: string | null) => `Segment: ${segment ?? 'none'}`,
    removeSegment: 'Remove the segment filter',
    moreFailed: (message: string) => `More could not be loaded: ${message}`,
    choose: 'Choose a conversation to read it.',
    loading: 'Loading conversations…',
    loadFailed: (message: string) => `Conversations could not be loaded: ${message}`,
    noMatchSearch: 'No conversation has all of these words in one message or comment.',
    noMatch: 'No conversations match these filters.',
    /** The list's accessible name. */
    list: 'Past conversations',
    notAssigned: 'Not assigned',
    loadingOne: 'Loading the conversation…',
    showFailed: (message: string) => `This conversation could not be shown: ${message}`,
    stillOpen: 'This conversation is still open.',
    /** Takes the open conversation to the live view, to reply. */
    answerLive: 'Answer in Live',
  },

  /** The comments feed (Comments.tsx). */
  comments: {
    title: 'Comments',
    /** The filter by the "what stood out" chip the visitor chose. */
    chip: 'Chip',
    tones: {
      any: 'Any chip',
      positive: 'Good moments',
      negative: 'Bad moments',
    },
    /** Why a rating does not count in the scores. */
    excluded: {
      member: 'set aside: a team member',
      flood: 'set aside: too many from one address',
      unanswered: 'before any reply',
    } as Record<string, string>,
    loading: 'Loading comments…',
    loadFailed: (message: string) => `Comments could not be loaded: ${message}`,
    empty: 'No comments or chips match.',
    /** The list's accessible name. */
    list: 'Comments and chips',
    /** A link opening the conversation; screen readers hear `whose` after it. */
    open: 'Open',
    whose: (visitor: string) => `${visitor}'s conversation`,
  },

  /** Trends (Trends.tsx, TrendChart.tsx), also drawn in the weekly report. */
  trends: {
    title: 'Trends',
    /** The filter of how long each point's period is. */
    periods: 'Periods',
    intervals: {
      day: 'Days (last 30)',
      week: 'Weeks (last 13)',
      month: 'Months (last 12)',
    },
    /** The filter of whose scores: the whole site's or one agent's. */
    who: 'Who',
    wholeSite: 'Whole site',
    /** `timeZone` is the site's (an IANA name, "Europe/Amsterdam"), once known. */
    intro: (timeZone: string | null) =>
      `Each point is the score at the end of its period${timeZone ? ` (${timeZone} time)` : ''}, as the live scores showed it then; the last period is still running and ends now.`,
    bandAgent: 'The band is the agent’s 90% interval.',
    bandSite: 'Site figures are the whole team’s own evidence, with n.',
    loadFailed: (message: string) => `Trends could not be loaded: ${message}`,
    loading: 'Loading trends…',
    /** A chart's (and its table's) name. */
    overTime: (measure: string) => `${measure} over time`,
    /** The first column: the period, by its last day. */
    day: 'Day',
    weekTo: 'Week to',
    monthTo: 'Month to',
    /** The range an agent's score lies in with 90% confidence. */
    interval: '90% interval',
    chartFailed: 'The chart could not be loaded; the table below has every figure.',
  },

  /** Segments (Segments.tsx). */
  segments: {
    title: 'Segments',
    /** Around the code `peakend('set', …)` (left as it is): how pages name a visitor's segment. */
    introBefore: 'Who your visitors are, as your pages say with ',
    introAfter:
      ". Scores are each group's evidence today; ratings and CSAT are those given in the period.",
    loadFailed: (message: string) => `Segments could not be loaded: ${message}`,
    loading: 'Loading segments…',
    empty: 'No ratings or evidence yet. Once conversations end, each group of visitors shows here.',
    caption: 'Segments of visitors, biggest first',
    /** The chips that mark a segment's bad endings far more often than its good ones. */
    whatMatters: 'What matters most',
    /** A link's title: the segment's conversations in the history. */
    itsConversations: 'Its conversations',
    tooFew: (ratings: number, needed: number) =>
      `Too few ratings to rank (${ratings} of ${needed})`,
    noDriver: 'No chip marks bad endings more',
    /** After a chip: in how many bad and good endings it was chosen. */
    driverCounts: (bad: number, good: number) => `· in ${bad} bad, ${good} good`,
  },

  /** The expectation gap (ExpectationGap.tsx), also in the weekly report. */
  expectation: {
    title: 'Expectation gap',
    loadFailed: (message: string) => `Reply times could not be loaded: ${message}`,
    loading: 'Loading reply times…',
    /** `said` and `kept` are waits in words ("2 minutes"); `share` a written percentage. */
    kept: (said: string, kept: string, share: string, days: number) =>
      `You say ${said}; you kept ${kept} for ${share} of visitors in the last ${days === 1 ? 'day' : `${days} days`}.`,
    noneKept: (said: string, days: number) =>
      `You say ${said}; no visitor got a first reply in the last ${days === 1 ? 'day' : `${days} days`}.`,
    tooFewKept: (said: string, days: number) =>
      `You say ${said}; too few first replies in the last ${days === 1 ? 'day' : `${days} days`} to say what you keep.`,
    /** What the chat tells visitors: the widget's own words in this language (`says`, quoted). */
    widgetReplyTime: (minutes: number | null) => widget.replyTime(minutes),
    quote: (text: string) => `“${text}”`,
    widgetFollows: (says: string) =>
      `The chat tells visitors ${says}, following the time you keep.`,
    widgetFollowsNone: (says: string) =>
      `The chat follows the time you keep; with no first replies to follow, it says ${says}.`,
    widgetStates: (says: string) =>
      `The chat says ${says}; the site settings can let it state the time you keep.`,
    /** `timeZone` is the site's (an IANA name). */
    intro: (timeZone: string, forAgent: boolean) =>
      `Each visitor’s first wait, from their message to the first reply, in the week the reply was sent (${timeZone} time), ${forAgent ? 'for the replies this agent sent' : 'for the whole site'}. Median and 90th percentile are the waits half and nine in ten visitors got a reply within.`,
    chart: 'First replies within the target over time',
    caption: 'First replies per week',
    firstReplies: 'First replies',
    /** The share of first replies within the stated time (`target`, in words). */
    within: (target: string) => `Within ${target}`,
    medianWait: 'Median wait',
    p90: '90th percentile',
    /** The table's last row: every week shown together. */
    allWeeks: (count: number) => (count === 1 ? 'The week' : `All ${count} weeks`),
  },

  /** The weekly report (Report.tsx, ReportSections.tsx). */
  report: {
    title: 'Weekly report',
    /** Under the title: the ISO week ("2026-W47"), its days, and the site's time zone. */
    period: (week: string, days: string, timeZone: string) => `${week}: ${days} (${timeZone} time)`,
    week: 'Week',
    print: 'Print',
    /** A read the report needs failed. */
    failed: {
      report: (message: string) => `The report could not be loaded: ${message}`,
      trends: (message: string) => `The trends could not be loaded: ${message}`,
      segments: (message: string) => `The segments could not be loaded: ${message}`,
      moments: (message: string) => `The best moments could not be loaded: ${message}`,
      replyTimes: (message: string) => `The reply times could not be loaded: ${message}`,
    },
    moreFailed: (message: string) => `More could not be loaded: ${message}`,
    loading: 'Loading the report…',
    noScores: 'No scores for this week.',
    lastWeeks: (count: number) => (count === 1 ? 'The last week' : `The last ${count} weeks`),
    scores: {
      title: 'Scores this week',
      caption: "The site's scores at the week's end, against the week before",
      measure: 'Measure',
      thisWeek: 'This week',
      weekBefore: 'Week before',
      eachAgent: 'Each agent',
      noAgents: 'No agent has scores yet.',
      agentsCaption: "Each agent's scores at the week's end, with the change from the week before",
      /** For screen readers, before the change ("up +4"). */
      up: 'up',
      down: 'down',
    },
    drivers: {
      title: 'What drove bad endings',
      empty: 'No ratings this week.',
      caption: 'Top drivers of bad endings in each segment this week',
      top: 'Top drivers of bad endings',
    },
    followups: {
      title: 'Follow-ups',
      intro:
        'Opened: items whose cause (a bad ending, a broken promise, a reopen) fell in the week, by where they stand now. Closed: items resolved or dismissed, last changed in the week.',
      byCause: 'By cause',
      cause: 'Cause',
      byStatus: 'By status now',
      causes: {
        rating: 'Bad ending',
        promise: 'Broken promise',
        reopen: 'Reopened',
      },
      /** Every cause together. */
      all: 'All',
      opened: 'Opened',
      closed: 'Closed',
    },
    moments: {
      title: 'Best moments',
      empty: 'No rating this week named a good moment.',
      /** After the agents praised and how often ("Anna 2, Ben 1"); `more`: more pages to load. */
      praisedEnd: (more: boolean): string => (more ? ' so far.' : '.'),
    },
    gap: {
      firstReplies: 'First replies this week',
      median: 'Median first reply',
    },
  },
};
