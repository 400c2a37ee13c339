/**
 * Examples of the larger answers, shared by the routes that give them (scores appear in trends
 * too). Tests check each against its schema.
 */
const dimension = (score: number, n: number) => ({
  score,
  low: score - 9,
  high: Math.min(100, score + 7),
  n,
  own: { score: score + 2, weight: 18.4 },
  team: { score: 78, weight: 4 },
  tooLittleEvidence: false,
});

export const SITE_SCORES_EXAMPLE = {
  responsiveness: { score: 81, n: 212 },
  reliability: { score: 74, n: 38 },
  experience: { score: 79, n: 96 },
  csat: { value: 83, n: 96 },
};

export const AGENT_SCORES_EXAMPLE = {
  agentId: 'anna',
  name: 'Anna Jansen',
  responsiveness: dimension(84, 88),
  reliability: dimension(79, 14),
  experience: dimension(82, 41),
  csat: { value: 88, n: 41 },
};

export const SCORES_EXAMPLE = {
  at: '2026-11-23T10:00:00.000Z',
  site: SITE_SCORES_EXAMPLE,
  agents: [AGENT_SCORES_EXAMPLE],
};

export const TRENDS_EXAMPLE = {
  interval: 'week',
  timeZone: 'Europe/Amsterdam',
  from: '2026-11-15T23:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
  buckets: [
    {
      start: '2026-11-15T23:00:00.000Z',
      end: '2026-11-22T23:00:00.000Z',
      partial: false,
      site: SITE_SCORES_EXAMPLE,
      agents: [AGENT_SCORES_EXAMPLE],
    },
    {
      start: '2026-11-22T23:00:00.000Z',
      end: '2026-11-23T10:00:00.000Z',
      partial: true,
      site: SITE_SCORES_EXAMPLE,
      agents: [AGENT_SCORES_EXAMPLE],
    },
  ],
};

export const SEGMENTS_EXAMPLE = {
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
  minRatingsToRank: 20,
  segments: [
    {
      segment: 'business',
      ratings: 64,
      csat: { value: 81, n: 64 },
      scores: {
        responsiveness: { score: 78, n: 140 },
        reliability: { score: 70, n: 25 },
        experience: { score: 76, n: 64 },
      },
      drivers: [
        { peak: { dimension: 'reliability', polarity: 'negative' }, bad: 7, good: 2, lift: 6.4 },
      ],
    },
  ],
};

const replies = (n: number) => ({
  replies: n,
  withinTarget: Math.round(n * 0.8),
  withinShare: 80,
  medianSeconds: 48,
  p90Seconds: 150,
});

export const EXPECTATION_EXAMPLE = {
  timeZone: 'UTC',
  from: '2026-11-16T00:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
  stated: {
    targetReplySeconds: 120,
    keptSeconds: 131,
    keptReplies: 52,
    keptPercentile: 80,
    keptDays: 7,
    followsKept: false,
    widgetMinutes: null,
  },
  total: { site: replies(60), agents: [{ agentId: 'anna', name: 'Anna Jansen', ...replies(30) }] },
  weeks: [
    {
      start: '2026-11-16T00:00:00.000Z',
      end: '2026-11-23T00:00:00.000Z',
      partial: false,
      site: replies(55),
      agents: [{ agentId: 'anna', name: 'Anna Jansen', ...replies(27) }],
    },
    {
      start: '2026-11-23T00:00:00.000Z',
      end: '2026-11-23T10:00:00.000Z',
      partial: true,
      site: replies(5),
      agents: [{ agentId: 'anna', name: 'Anna Jansen', ...replies(3) }],
    },
  ],
};

const tally = (total: number) => ({
  total,
  byCause: { rating: total - 1, promise: 1, reopen: 0 },
  byStatus: { new: 1, contacted: 0, resolved: total - 1, dismissed: 0 },
});

export const REPORT_EXAMPLE = {
  week: '2026-W47',
  from: '2026-11-16T00:00:00.000Z',
  to: '2026-11-23T00:00:00.000Z',
  timeZone: 'UTC',
  previous: { week: '2026-W46', from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' },
  latest: '2026-W47',
  followups: { opened: tally(4), closed: tally(3) },
};
