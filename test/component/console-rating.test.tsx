// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentConversationView, BreakdownItem } from '../../shared/protocol';
import {
  RatingSummary,
  SetAsideRatingSummary,
} from '../../widget/console/components/RatingSummary';
import { describeItem } from '../../widget/console/breakdown';

type Rating = NonNullable<AgentConversationView['rating']>;

const now = Date.parse('2026-11-23T10:00:00.000Z');

function rating(over: Partial<Rating>): Rating {
  return {
    end: 2,
    peak: null,
    comment: null,
    peakAnswered: true,
    finished: true,
    at: '2026-11-23T09:58:00.000Z',
    amendableUntil: '2026-11-23T10:08:00.000Z',
    agent: { id: 'anna', name: 'Anna Berg' },
    ...over,
  };
}

function stoodOut(region: HTMLElement): string {
  const term = within(region).getByText('What stood out');
  return term.nextElementSibling?.textContent ?? '';
}

afterEach(cleanup);

describe('console rating summary, for a card the visitor left half-way', () => {
  it('says "Not answered" for the questions the visitor has not answered yet', () => {
    render(<RatingSummary rating={rating({ peakAnswered: false, finished: false })} now={now} />);
    const region = screen.getByRole('region', { name: "Visitor's rating" });
    expect(stoodOut(region)).toBe('Not answered');
    expect(region.textContent).not.toMatch(/Nothing in particular/);
    expect(within(region).getByText('Comment').nextElementSibling?.textContent).toBe(
      'Not answered',
    );
  });

  it('says "Nothing in particular" only when the visitor chose it', () => {
    render(<RatingSummary rating={rating({ finished: false })} now={now} />);
    const region = screen.getByRole('region', { name: "Visitor's rating" });
    expect(stoodOut(region)).toBe('Nothing in particular');
  });

  it('says "No comment" once the visitor sent the card without one', () => {
    render(<RatingSummary rating={rating({})} now={now} />);
    const region = screen.getByRole('region', { name: "Visitor's rating" });
    expect(within(region).getByText('Comment').nextElementSibling?.textContent).toBe('No comment');
  });

  it('says the same of a rating set aside', () => {
    const { end, peak, comment, at } = rating({});
    render(
      <SetAsideRatingSummary
        rating={{ end, peak, comment, at, peakAnswered: false, finished: false, reason: 'flood' }}
        now={now}
      />,
    );
    const region = screen.getByRole('region', { name: 'Rating set aside' });
    expect(stoodOut(region)).toBe('Not answered');
  });
});

describe('console score breakdown, for a rating left half-way', () => {
  const item = (detail: { peakAnswered?: boolean }) =>
    ({
      kind: 'rating',
      dimension: 'experience',
      value: 0.25,
      weight: 1,
      at: '2026-11-23T09:58:00.000Z',
      conversationId: 'c1',
      visitorLabel: 'Visitor 3F2A',
      detail: { end: 2, peak: null, ...detail },
    }) as unknown as BreakdownItem;

  it('tells "not answered" from "nothing in particular"', () => {
    expect(describeItem(item({ peakAnswered: false }), now)).toBe(
      'Rated 2 of 5; what stood out: not answered',
    );
    expect(describeItem(item({ peakAnswered: true }), now)).toBe(
      'Rated 2 of 5, nothing in particular stood out',
    );
  });
});
