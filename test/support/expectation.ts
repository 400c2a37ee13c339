/** An expectation gap answer for component tests: two weeks, Anna and Ben, and the stated time. */
import type { Ack } from '../../shared/ack';
import type { ExpectationBody, ReplyFigures } from '../../shared/insights';

export const replyFigures = (
  replies: number,
  withinTarget: number,
  medianSeconds: number | null,
  p90Seconds: number | null,
): ReplyFigures => ({
  replies,
  withinTarget,
  withinShare: replies ? (100 * withinTarget) / replies : null,
  medianSeconds,
  p90Seconds,
});

export function expectationBody(stated: Partial<ExpectationBody['stated']> = {}): ExpectationBody {
  return {
    timeZone: 'Asia/Kolkata',
    from: '2026-08-13T12:00:00.000Z',
    to: '2026-11-12T12:00:00.000Z',
    stated: {
      targetReplySeconds: 120,
      keptSeconds: 210,
      keptReplies: 9,
      keptPercentile: 80,
      keptDays: 7,
      followsKept: false,
      widgetMinutes: null,
      ...stated,
    },
    total: {
      site: replyFigures(11, 7, 90, 400),
      agents: [
        { agentId: 'anna', name: 'Anna', ...replyFigures(6, 4, 90, 2100) },
        { agentId: 'ben', name: 'Ben', ...replyFigures(5, 3, 60, 400) },
      ],
    },
    weeks: [
      {
        start: '2026-11-01T18:30:00.000Z',
        end: '2026-11-08T18:30:00.000Z',
        partial: false,
        site: replyFigures(6, 3, 90, 400),
        agents: [
          { agentId: 'anna', name: 'Anna', ...replyFigures(3, 2, 90, 200) },
          { agentId: 'ben', name: 'Ben', ...replyFigures(3, 1, 150, 400) },
        ],
      },
      {
        start: '2026-11-08T18:30:00.000Z',
        end: '2026-11-12T12:00:00.000Z',
        partial: true,
        site: replyFigures(5, 4, 50, 2100),
        agents: [
          { agentId: 'anna', name: 'Anna', ...replyFigures(3, 2, 120, 2100) },
          { agentId: 'ben', name: 'Ben', ...replyFigures(2, 2, 10, 50) },
        ],
      },
    ],
  };
}

/** The insights API's answer with `expectationBody()`. */
export const noReplies = async (): Promise<Ack<ExpectationBody>> => ({
  ok: true,
  data: expectationBody({ keptSeconds: null, keptReplies: 0 }),
});
