// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { RatingSave, RatingView } from '../../shared/protocol';
import { ARROW_SETTLE_MS, RatingCard } from '../../widget/app/RatingCard';

const KEY = /^[A-Za-z0-9-]+$/;

function ratingOf(payload: RatingSave): RatingView {
  return {
    end: payload.end,
    peak: payload.peak ?? null,
    comment: payload.comment ?? null,
    peakAnswered: payload.peak !== undefined,
    finished: payload.finished === true,
    at: '2026-03-02T10:00:00.000Z',
    amendableUntil: '2026-03-03T10:00:00.000Z',
  };
}

/** A server that accepts every save. */
function accepting() {
  return vi.fn(async (payload: RatingSave): Promise<Ack<RatingView>> => ({
    ok: true,
    data: ratingOf(payload),
  }));
}

function renderCard(save = accepting(), agentName: string | null = 'Anna', askContact = false) {
  const onSaved = vi.fn();
  render(
    <RatingCard
      conversationId="conv-1"
      agentName={agentName}
      existing={null}
      save={save}
      onSaved={onSaved}
      askContact={askContact}
    />,
  );
  return { save, onSaved };
}

function chooseFace(name: string) {
  const group = screen.getByRole('radiogroup', { name: 'How did this conversation end?' });
  fireEvent.click(within(group).getByRole('radio', { name }));
}

afterEach(cleanup);

describe('widget rating card', () => {
  it('asks how the conversation ended with five named faces', () => {
    renderCard();
    const group = screen.getByRole('radiogroup', { name: 'How did this conversation end?' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual([
      'Very bad',
      'Bad',
      'Okay',
      'Good',
      'Very good',
    ]);
    // Nothing else is asked before the required step is answered.
    expect(screen.queryByText('What stood out most?')).toBeNull();
  });

  it('saves the end score the moment a face is chosen', async () => {
    const { save, onSaved } = renderCard();
    chooseFace('Good');

    expect(save).toHaveBeenCalledTimes(1);
    const payload = save.mock.calls[0]![0];
    expect(payload).toEqual({ conversationId: 'conv-1', key: expect.stringMatching(KEY), end: 4 });
    expect(screen.getByRole('radio', { name: 'Good' })).toHaveProperty('checked', true);
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ end: 4 })));
    expect(screen.getByText('What stood out most?')).toBeTruthy();
  });

  describe('from the keyboard (the radio-group pattern, one save per choice)', () => {
    afterEach(() => vi.useRealTimers());

    function arrow(from: string, key: string, to: string) {
      fireEvent.keyDown(screen.getByRole('radio', { name: from }), { key });
      // What the browser does next: the neighbouring face is checked.
      fireEvent.click(screen.getByRole('radio', { name: to }));
      fireEvent.keyUp(screen.getByRole('radio', { name: to }), { key });
    }

    it('saves once, the face the arrow keys stop on, after they have stopped', () => {
      vi.useFakeTimers();
      const { save } = renderCard();
      arrow('Very bad', 'ArrowRight', 'Bad');
      arrow('Bad', 'ArrowRight', 'Okay');
      arrow('Okay', 'ArrowRight', 'Good');
      vi.advanceTimersByTime(ARROW_SETTLE_MS - 1);
      arrow('Good', 'ArrowRight', 'Very good');
      expect(save).not.toHaveBeenCalled();
      expect(screen.getByRole('radio', { name: 'Very good' })).toHaveProperty('checked', true);
      vi.advanceTimersByTime(ARROW_SETTLE_MS);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save.mock.calls[0]![0]).toMatchObject({ end: 5 });
      // Nothing more is sent later for the same choice.
      vi.advanceTimersByTime(ARROW_SETTLE_MS * 3);
      expect(save).toHaveBeenCalledTimes(1);
    });

    it('saves at once on Enter, and only once', () => {
      vi.useFakeTimers();
      const { save } = renderCard();
      arrow('Very bad', 'ArrowRight', 'Bad');
      fireEvent.keyDown(screen.getByRole('radio', { name: 'Bad' }), { key: 'Enter' });
      expect(save).toHaveBeenCalledTimes(1);
      expect(save.mock.calls[0]![0]).toMatchObject({ end: 2 });
      vi.advanceTimersByTime(ARROW_SETTLE_MS * 2);
      fireEvent.keyDown(screen.getByRole('radio', { name: 'Bad' }), { key: 'Enter' });
      expect(save).toHaveBeenCalledTimes(1);
    });

    it('saves when the focus leaves the faces', () => {
      vi.useFakeTimers();
      const { save } = renderCard();
      arrow('Okay', 'ArrowLeft', 'Bad');
      fireEvent.focusOut(screen.getByRole('radio', { name: 'Bad' }), {
        relatedTarget: screen.getByRole('button', { name: 'Quick replies' }),
      });
      expect(save).toHaveBeenCalledTimes(1);
      expect(save.mock.calls[0]![0]).toMatchObject({ end: 2 });
      vi.advanceTimersByTime(ARROW_SETTLE_MS * 2);
      expect(save).toHaveBeenCalledTimes(1);
    });

    it('a chip chosen with Enter takes the visitor to the comment, and what they type stays', async () => {
      const { save } = renderCard();
      chooseFace('Good');
      // A click from the keyboard (Enter or Space) has no pointer detail.
      fireEvent.click(screen.getByRole('button', { name: 'Knew the answer' }), { detail: 0 });
      const comment = screen.getByRole('textbox', { name: 'Anything else?' });
      expect(document.activeElement).toBe(comment);
      fireEvent.input(comment, { target: { value: 'Thanks a lot' } });
      await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
      expect(document.activeElement).toBe(comment);
      expect((comment as HTMLTextAreaElement).value).toBe('Thanks a lot');
    });
  });

  it('saves the end and the peak when a chip is chosen, under a fresh key', async () => {
    const { save } = renderCard();
    chooseFace('Very good');
    fireEvent.click(screen.getByRole('button', { name: 'Kept their word' }));

    expect(save).toHaveBeenCalledTimes(2);
    const [first, second] = save.mock.calls.map((call) => call[0]);
    expect(second).toEqual({
      conversationId: 'conv-1',
      key: expect.stringMatching(KEY),
      end: 5,
      peak: { dimension: 'reliability', polarity: 'positive' },
    });
    expect(second!.key).not.toBe(first!.key);
  });

  it('offers every chip with its dimension and polarity', async () => {
    const chips: [string, RatingSave['peak']][] = [
      ['Quick replies', { dimension: 'responsiveness', polarity: 'positive' }],
      ['Long waits', { dimension: 'responsiveness', polarity: 'negative' }],
      ['Kept their word', { dimension: 'reliability', polarity: 'positive' }],
      ['Broke a promise', { dimension: 'reliability', polarity: 'negative' }],
      ['Knew the answer', { dimension: 'competence', polarity: 'positive' }],
      ['Unsure answers', { dimension: 'competence', polarity: 'negative' }],
      ['Really listened', { dimension: 'empathy', polarity: 'positive' }],
      ["Didn't listen", { dimension: 'empathy', polarity: 'negative' }],
      ['Nothing in particular', null],
    ];
    for (const [name, peak] of chips) {
      const { save } = renderCard();
      chooseFace('Bad');
      fireEvent.click(screen.getByRole('button', { name }));
      expect(save.mock.calls[1]![0]).toMatchObject({ end: 2, peak });
      cleanup();
    }
  });

  it('saves a null peak for "Nothing in particular"', () => {
    const { save } = renderCard();
    chooseFace('Okay');
    fireEvent.click(screen.getByRole('button', { name: 'Nothing in particular' }));
    expect(save.mock.calls[1]![0]).toEqual({
      conversationId: 'conv-1',
      key: expect.stringMatching(KEY),
      end: 3,
      peak: null,
    });
  });

  it('sends end, peak and comment with "Send rating", then thanks the visitor by the agent\'s name', async () => {
    const { save } = renderCard();
    chooseFace('Very good');
    fireEvent.click(screen.getByRole('button', { name: 'Quick replies' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Anything else?' }), {
      target: { value: '  Sorted in two minutes, thanks!  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));

    expect(save).toHaveBeenCalledTimes(3);
    expect(save.mock.calls[2]![0]).toEqual({
      conversationId: 'conv-1',
      key: expect.stringMatching(KEY),
      end: 5,
      peak: { dimension: 'responsiveness', polarity: 'positive' },
      comment: 'Sorted in two minutes, thanks!',
      // The card is done: webhooks tell the rating at once.
      finished: true,
    });
    const keys = new Set(save.mock.calls.map((call) => call[0].key));
    expect(keys.size).toBe(3);

    await screen.findByText('Thank you!');
    expect(screen.getByText('Anna will be glad to hear it.')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('lets the visitor skip the chips and still send a comment', async () => {
    const { save } = renderCard();
    chooseFace('Good');
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]![0]).toEqual({
      conversationId: 'conv-1',
      key: expect.stringMatching(KEY),
      end: 4,
      finished: true,
    });
    await screen.findByText('Thank you!');
  });

  it('answers a low score with an apology', async () => {
    renderCard(accepting(), null);
    chooseFace('Very bad');
    fireEvent.click(screen.getByRole('button', { name: 'Long waits' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await screen.findByText('Thank you for telling us');
    expect(screen.getByText(/sorry/i)).toBeTruthy();
  });

  it('shows a calm error when a save fails, and keeps the answers for a retry', async () => {
    const save = vi.fn(async (): Promise<Ack<RatingView>> => ({
      ok: false,
      error: { code: 'conflict', message: 'not closed' },
    }));
    renderCard(save);
    chooseFace('Good');
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'We couldn’t save that. Please try again.',
    );
    expect(screen.getByRole('radio', { name: 'Good' })).toHaveProperty('checked', true);
  });

  it('thanks instead of asking again when the server already has a rating', () => {
    render(
      <RatingCard
        conversationId="conv-1"
        agentName="Anna"
        existing={ratingOf({ conversationId: 'conv-1', key: 'k', end: 5, finished: true })}
        save={accepting()}
      />,
    );
    expect(screen.getByText('Thank you!')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  describe('a card left half-way (on another page, say)', () => {
    const later = new Date(Date.now() + 10 * 60_000).toISOString();

    function resume(existing: RatingView) {
      const save = accepting();
      render(
        <RatingCard conversationId="conv-1" agentName="Anna" existing={existing} save={save} />,
      );
      return save;
    }

    it('comes back at "What stood out most?" with the face chosen', async () => {
      const save = resume({
        ...ratingOf({ conversationId: 'conv-1', key: 'k', end: 2 }),
        amendableUntil: later,
      });
      expect(screen.queryByText('Thank you!')).toBeNull();
      expect(screen.getByRole('radio', { name: 'Bad' })).toHaveProperty('checked', true);
      fireEvent.click(screen.getByRole('button', { name: 'Long waits' }));
      expect(save.mock.calls[0]![0]).toMatchObject({
        end: 2,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
      });
      expect(screen.getByRole('textbox', { name: 'Anything else?' })).toBeTruthy();
    });

    it('comes back at the comment when the moment was answered, "Nothing in particular" too', () => {
      const save = resume({
        ...ratingOf({ conversationId: 'conv-1', key: 'k', end: 4, peak: null }),
        amendableUntil: later,
      });
      expect(screen.queryByText('What stood out most?')).toBeNull();
      fireEvent.input(screen.getByRole('textbox', { name: 'Anything else?' }), {
        target: { value: 'Fine' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      expect(save.mock.calls[0]![0]).toMatchObject({
        end: 4,
        peak: null,
        comment: 'Fine',
        finished: true,
      });
    });

    it('thanks once the change window has closed', () => {
      resume(ratingOf({ conversationId: 'conv-1', key: 'k', end: 4 }));
      expect(screen.getByText('Thank you!')).toBeTruthy();
    });
  });

  describe('“May we contact you about this?”', () => {
    const question = 'May we contact you about this?';

    it('asks after a bad ending, and an address given is saved with the rating', async () => {
      const { save } = renderCard(accepting(), 'Anna', true);
      chooseFace('Very bad');
      fireEvent.click(screen.getByRole('button', { name: 'Long waits' }));
      const email = screen.getByRole('textbox', { name: question });
      expect(email.getAttribute('type')).toBe('email');
      expect(email.getAttribute('autocomplete')).toBe('email');
      fireEvent.input(email, { target: { value: ' sam@example.com ' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      await screen.findByRole('status');
      expect(save.mock.calls.at(-1)![0]).toMatchObject({
        end: 1,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
        contact: { email: 'sam@example.com' },
      });
    });

    it('asks after a good ending with a bad moment too, and never forces an answer', async () => {
      const { save } = renderCard(accepting(), 'Anna', true);
      chooseFace('Good');
      fireEvent.click(screen.getByRole('button', { name: 'Broke a promise' }));
      expect(screen.getByRole('textbox', { name: question })).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      await screen.findByRole('status');
      expect(save.mock.calls.at(-1)![0]).not.toHaveProperty('contact');
    });

    it('says what is wrong with a mistyped address, and saves nothing until it is fixed', async () => {
      const { save } = renderCard(accepting(), 'Anna', true);
      chooseFace('Bad');
      fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
      const email = screen.getByRole('textbox', { name: question });
      fireEvent.input(email, { target: { value: 'sam@example' } });
      const saves = save.mock.calls.length;
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      expect(save.mock.calls.length).toBe(saves);
      expect(email.getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(email);
      const error = screen.getByText('Enter a valid email address');
      expect(email.getAttribute('aria-describedby')).toContain(error.id);
      fireEvent.input(email, { target: { value: 'sam@example.com' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      await screen.findByRole('status');
      expect(save.mock.calls.at(-1)![0]).toMatchObject({ contact: { email: 'sam@example.com' } });
    });

    it('does not ask after a good ending, or when the page said who the visitor is', () => {
      renderCard(accepting(), 'Anna', true);
      chooseFace('Very good');
      fireEvent.click(screen.getByRole('button', { name: 'Quick replies' }));
      expect(screen.queryByText(question)).toBeNull();
      cleanup();
      renderCard(accepting(), 'Anna', false);
      chooseFace('Very bad');
      fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
      expect(screen.queryByText(question)).toBeNull();
    });
  });
});
