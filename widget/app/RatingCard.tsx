/**
 * The peak-end rating card, shown when a conversation closes. Three short steps, each saved the
 * moment it is answered (so an abandoned card still counts), each save re-sending what the
 * earlier steps answered, under a fresh idempotency key:
 *   1. "How did this conversation end?" five faces (required, one tap), a radio group: a face
 *      is saved on click, Enter or Space, when focus leaves the faces, or once the arrow keys
 *      stop (ARROW_SETTLE_MS), and saved once;
 *   2. "What stood out most?" one chip, or skip;
 *   3. an optional comment, then "Send rating" and a warm thank-you. After a bad ending, when the
 *      page did not say who the visitor is, it also asks "May we contact you about this?" with
 *      an email field: an address given is the visitor's consent, saved with the rating.
 *
 * `save` is injected (the outbox's delivery in the app, a stub in tests). A step kept in the
 * outbox because the server cannot be reached counts as answered: it will be sent, and the card
 * moves on rather than asking the visitor to try again.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Ack } from '../../shared/ack';
import type { Dimension, Peak, Polarity } from '../../shared/facts';
import { ratingNeedsFollowup } from '../../shared/bad-ending';
import { LIMITS } from '../../shared/limits';
import { looksLikeEmail } from './email';
import type { RatingSave, RatingView } from '../../shared/protocol';
import { newKey } from './id';
import { firstName, t } from './i18n';
import { Face, IconCheck } from './icons';

/** The server's answer, or null when the step is kept in the outbox to be sent later. */
export type SaveRating = (payload: RatingSave) => Promise<Ack<RatingView> | null>;

export interface RatingCardProps {
  conversationId: string;
  /** The agent's name, for a personal thank-you. */
  agentName: string | null;
  /**
   * A rating the server already has: the card thanks instead of asking again, unless the visitor
   * left it half-way (on another page, say) and may still change it: then it asks the rest.
   */
  existing: RatingView | null;
  save: SaveRating;
  /** After every successful save. */
  onSaved?: (rating: RatingView) => void;
  /** Once the thank-you shows (at once, if the server already had a rating). */
  onFinished?: () => void;
  /** Move focus to the card when it appears (the composer it replaces had focus). */
  autoFocus?: boolean;
  /** Ask for a way to reach the visitor after a bad ending: the page did not say who they are. */
  askContact?: boolean;
}

type Step = 'peak' | 'comment' | 'thanks';

/**
 * Arrow keys move through the faces (the ARIA radio-group pattern); the face they stop on is
 * saved this long after the last one, so going from Very bad to Very good is one save, not four.
 */
export const ARROW_SETTLE_MS = 600;

const CHIPS: [Dimension, Polarity][] = [
  ['responsiveness', 'positive'],
  ['responsiveness', 'negative'],
  ['reliability', 'positive'],
  ['reliability', 'negative'],
  ['competence', 'positive'],
  ['competence', 'negative'],
  ['empathy', 'positive'],
  ['empathy', 'negative'],
];

let cards = 0;

/** Where a card starts: after what the server already has, while it may still be changed. */
function resumeAt(existing: RatingView | null): Step {
  if (!existing) return 'peak';
  if (existing.finished || Date.parse(existing.amendableUntil) <= Date.now()) return 'thanks';
  return existing.peakAnswered ? 'comment' : 'peak';
}

export function RatingCard(props: RatingCardProps) {
  const { conversationId, agentName, existing, save, onSaved } = props;
  const [id] = useState(() => `pk-rate-${++cards}`);
  const [end, setEnd] = useState<number | null>(existing ? existing.end : null);
  // `undefined`: not answered yet; `null`: "Nothing in particular".
  const [peak, setPeak] = useState<Peak | null | undefined>(
    existing?.peakAnswered ? existing.peak : undefined,
  );
  const [step, setStep] = useState<Step>(() => resumeAt(existing));
  const [comment, setComment] = useState('');
  const [email, setEmail] = useState('');
  const [badEmail, setBadEmail] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const cardRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  /** The face last sent to the server: a choice is saved once. */
  const savedEnd = useRef<number | null>(existing ? existing.end : null);
  /** The next change of face came from an arrow key: wait for the keys to stop. */
  const arrowed = useRef(false);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The step moved on from the keyboard: the next field takes the focus, not the card. */
  const byKeyboard = useRef(false);
  const latest = useRef({ end, peak });
  latest.current = { end, peak };
  const firstRender = useRef(true);
  const shownStep = useRef(step);

  // Layout effects move focus in the same turn as the render, so no key pressed in between
  // lands on the page instead of the card.
  useLayoutEffect(() => {
    if (props.autoFocus) cardRef.current?.focus();
  }, []);

  useEffect(() => {
    if (step === 'thanks') props.onFinished?.();
  }, [step]);

  // Each answer reveals the next step below it: bring it into view.
  useEffect(() => {
    const card = cardRef.current;
    if (!firstRender.current && card && card.scrollIntoView) card.scrollIntoView({ block: 'end' });
    firstRender.current = false;
  }, [step, end === null]);

  // The chip or button just used is gone once the step moves on: keep keyboard and screen
  // reader users inside the card instead of dropping them at the top of the page.
  useLayoutEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    const card = cardRef.current;
    if (!card) return;
    const active = (card.getRootNode() as Document | ShadowRoot).activeElement;
    if (active && active !== document.body) return;
    // A chip chosen with Enter: the visitor goes on typing, into the comment, not into nothing.
    if (byKeyboard.current && commentRef.current) commentRef.current.focus();
    else card.focus();
  }, [step]);

  // A face still waiting for the arrow keys to stop is saved when the card goes away.
  useEffect(() => () => commitEnd(), []);

  async function send(payload: Omit<RatingSave, 'conversationId' | 'key'>): Promise<boolean> {
    setError(false);
    try {
      const ack = await save({ conversationId, key: newKey(), ...payload });
      if (ack && !ack.ok) throw new Error(ack.error.message);
      if (ack) onSaved?.(ack.data);
      return true;
    } catch {
      setError(true);
      return false;
    }
  }

  /** Saves the face shown, unless it is the one already saved. */
  function commitEnd() {
    clearTimeout(settle.current);
    settle.current = undefined;
    const { end: value, peak: chosen } = latest.current;
    if (value === null || value === savedEnd.current) return;
    savedEnd.current = value;
    // Re-send a peak already chosen, so changing the face keeps it.
    void send(chosen === undefined ? { end: value } : { end: value, peak: chosen });
  }

  function chooseEnd(value: number) {
    setEnd(value);
    latest.current = { ...latest.current, end: value };
    clearTimeout(settle.current);
    if (arrowed.current) settle.current = setTimeout(commitEnd, ARROW_SETTLE_MS);
    else commitEnd();
    arrowed.current = false;
  }

  function onFacesKeyDown(event: KeyboardEvent) {
    arrowed.current = event.key.startsWith('Arrow');
    // Enter or Space settles on the face that has the focus (Space on an unchecked face checks
    // it, and that change saves it).
    if (event.key === 'Enter' || event.key === ' ') {
      if (event.key === 'Enter') event.preventDefault();
      commitEnd();
    }
  }

  function onFacesFocusOut(event: FocusEvent) {
    const group = event.currentTarget as HTMLElement;
    const next = event.relatedTarget as Node | null;
    if (!next || !group.contains(next)) commitEnd();
  }

  function choosePeak(value: Peak | null, event: MouseEvent) {
    if (end === null) return;
    // The arrows' wait is over: this save carries the face.
    clearTimeout(settle.current);
    savedEnd.current = end;
    byKeyboard.current = event.detail === 0;
    setPeak(value);
    setStep('comment');
    void send({ end, peak: value });
  }

  function skipPeak(event: MouseEvent) {
    commitEnd();
    byKeyboard.current = event.detail === 0;
    setStep('comment');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (end === null || busy) return;
    clearTimeout(settle.current);
    savedEnd.current = end;
    const text = comment.trim();
    const address = asksContact ? email.trim() : '';
    if (address && !looksLikeEmail(address)) {
      setBadEmail(true);
      emailRef.current?.focus();
      return;
    }
    setBadEmail(false);
    setBusy(true);
    const ok = await send({
      end,
      ...(peak !== undefined && { peak }),
      ...(text && { comment: text }),
      ...(address && { contact: { email: address } }),
      finished: true,
    });
    setBusy(false);
    if (ok) setStep('thanks');
  }

  const asksContact = !!props.askContact && end !== null && ratingNeedsFollowup(end, peak);

  if (step === 'thanks') {
    const score = end ?? 5;
    return (
      <div class="pk-card pk-thanks" role="status" ref={cardRef} tabIndex={-1}>
        <div class={score >= 4 ? 'pk-thanks-icon' : 'pk-thanks-icon pk-thanks-icon-low'}>
          {score >= 4 ? <IconCheck /> : <Face score={score} />}
        </div>
        <p class="pk-thanks-title">{t.thanksTitle(score)}</p>
        <p class="pk-thanks-text">{t.thanks(score, agentName && firstName(agentName))}</p>
      </div>
    );
  }

  return (
    <div class="pk-card pk-rating" ref={cardRef} tabIndex={-1} aria-labelledby={`${id}-q1`}>
      <p class="pk-q" id={`${id}-q1`}>
        {t.endQuestion}
      </p>
      <div
        class="pk-faces"
        role="radiogroup"
        aria-labelledby={`${id}-q1`}
        onKeyDown={onFacesKeyDown}
        onKeyUp={() => (arrowed.current = false)}
        onFocusOut={onFacesFocusOut}
      >
        {t.faces.map((label, i) => {
          const value = i + 1;
          return (
            <label class="pk-face" key={value} data-score={value}>
              <input
                type="radio"
                name={`${id}-end`}
                value={value}
                checked={end === value}
                aria-label={label}
                onChange={() => chooseEnd(value)}
              />
              <span class="pk-face-icon" aria-hidden="true">
                <Face score={value} />
              </span>
              <span class="pk-face-label" aria-hidden="true">
                {label}
              </span>
            </label>
          );
        })}
      </div>

      {end !== null && step === 'peak' && (
        <div class="pk-step" role="group" aria-labelledby={`${id}-q2`}>
          <p class="pk-q" id={`${id}-q2`}>
            {t.peakQuestion}
          </p>
          <div class="pk-chips">
            {CHIPS.map(([dimension, polarity]) => (
              <button
                type="button"
                key={`${dimension}-${polarity}`}
                class={`pk-chip pk-chip-${polarity}`}
                onClick={(e) => choosePeak({ dimension, polarity }, e)}
              >
                {t.peaks[dimension][polarity]}
              </button>
            ))}
            <button type="button" class="pk-chip" onClick={(e) => choosePeak(null, e)}>
              {t.nothing}
            </button>
          </div>
          <button type="button" class="pk-link" onClick={skipPeak}>
            {t.skip}
          </button>
        </div>
      )}

      {end !== null && step === 'comment' && (
        <form class="pk-step" onSubmit={submit}>
          {peak && (
            <p class="pk-picked">
              <IconCheck /> {t.peaks[peak.dimension][peak.polarity]}
            </p>
          )}
          <label class="pk-q" for={`${id}-comment`}>
            {t.commentLabel}
          </label>
          <textarea
            id={`${id}-comment`}
            ref={commentRef}
            class="pk-input pk-comment"
            rows={3}
            maxLength={LIMITS.commentLength}
            placeholder={t.commentPlaceholder}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          {asksContact && (
            <>
              <label class="pk-q" for={`${id}-email`}>
                {t.contactQuestion}
              </label>
              <p class="pk-hint" id={`${id}-email-hint`}>
                {t.contactHint}
              </p>
              <input
                id={`${id}-email`}
                ref={emailRef}
                type="email"
                class="pk-input"
                autoComplete="email"
                maxLength={LIMITS.emailLength}
                value={email}
                aria-invalid={badEmail}
                aria-describedby={`${id}-email-hint${badEmail ? ` ${id}-email-error` : ''}`}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              {badEmail && (
                <p class="pk-error" id={`${id}-email-error`}>
                  {t.badEmail}
                </p>
              )}
            </>
          )}
          <button type="submit" class="pk-button pk-primary" disabled={busy}>
            {t.sendRating}
          </button>
        </form>
      )}

      {error && (
        <p class="pk-error" role="alert">
          {t.saveFailed}
        </p>
      )}
    </div>
  );
}
