/**
 * "Embed and key": the snippet to paste into the site's pages, the signing secret its servers
 * sign with, and its key for the events and scores APIs. Peakend keeps only the key's hash, so it
 * cannot show the key again: an admin who lost it (or fears it leaked) rotates it. The new key is
 * shown once. The old key stops working at once, or, for a routine rotation, keeps working
 * through a grace period while the site's servers switch; "Revoke now" ends that sooner.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import { MAX_KEY_GRACE_HOURS, type RotatedKey, type SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { wordedRefusal } from '../../adminRefusals';
import { dayAndTime } from '../../format';
import { useT } from '../../i18n';
import { useNow } from '../../useNow';
import { ErrorNote } from '../ErrorNote';
import { CopyField } from './CopyField';
import { SecretOnce } from './SecretOnce';

/** How long the old key may keep working, in hours: the choices of the rotation's confirm step. */
const GRACE_CHOICES: readonly number[] = [0, 1, 24, MAX_KEY_GRACE_HOURS];

interface Props {
  api: AdminApi;
  site: SiteView;
  /** The site changed here (its signing secret, its grace period): the admin screens keep it. */
  onChanged?: (site: SiteView) => void;
}

type KeyState = 'idle' | 'confirming' | 'rotating';
type RevokeState = 'idle' | 'confirming' | 'revoking' | 'revoked';

export function EmbedAndKey({ api, site, onChanged }: Props) {
  const t = useT();
  const words = t.admin.embed;
  const [keyState, setKeyState] = useState<KeyState>('idle');
  const [graceHours, setGraceHours] = useState(0);
  const [rotated, setRotated] = useState<RotatedKey | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  /** Derived from the key: a rotation changes it, and the site's view is older than that. */
  const [signingSecret, setSigningSecret] = useState(site.signingSecret);
  useEffect(() => setSigningSecret(site.signingSecret), [site.siteId, site.signingSecret]);
  /** Until when the old key still works (a grace period runs), as the server last said. */
  const [previousKeyUntil, setPreviousKeyUntil] = useState(site.previousKeyUntil);
  useEffect(() => setPreviousKeyUntil(site.previousKeyUntil), [site.siteId, site.previousKeyUntil]);
  const [revokeState, setRevokeState] = useState<RevokeState>('idle');
  /** A grace period ends by itself: the notice goes once its time has passed. */
  const now = useNow(30_000);
  const graceRuns = previousKeyUntil !== null && Date.parse(previousKeyUntil) > now;
  /** Where focus goes back to once the new key is put away. */
  const [refocus, setRefocus] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);
  const cancelRevoke = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const revokedNote = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (keyState === 'confirming') cancel.current?.focus();
  }, [keyState]);

  /** A cancelled revocation gives focus back to the button the confirmation replaced. */
  const backToRevoke = useRef(false);

  useEffect(() => {
    if (revokeState === 'confirming') cancelRevoke.current?.focus();
    if (revokeState === 'idle' && backToRevoke.current) revokeButton.current?.focus();
    backToRevoke.current = false;
    // The button it came from is gone: focus goes to the note that says it is done.
    if (revokeState === 'revoked') revokedNote.current?.focus();
  }, [revokeState]);

  useEffect(() => {
    if (!refocus || !rotateButton.current) return;
    rotateButton.current.focus();
    setRefocus(false);
  }, [refocus, rotated]);

  const changed = (secret: string, until: string | null) => {
    setSigningSecret(secret);
    setPreviousKeyUntil(until);
    onChanged?.({ ...site, signingSecret: secret, previousKeyUntil: until });
  };

  const rotate = async () => {
    setKeyState('rotating');
    setError(null);
    // No grace is the rotation of old: no body at all.
    const answer =
      graceHours > 0
        ? await api.rotateKey(site.siteId, { graceHours })
        : await api.rotateKey(site.siteId);
    setKeyState('idle');
    setGraceHours(0);
    if (answer.ok) {
      setRotated(answer.data);
      setRevokeState('idle');
      changed(answer.data.signingSecret, answer.data.previousKeyUntil ?? null);
    } else setError(answer.error);
  };

  const revoke = async () => {
    setRevokeState('revoking');
    setError(null);
    const answer = await api.revokePreviousKey(site.siteId);
    if (answer.ok) {
      setRevokeState('revoked');
      changed(answer.data.signingSecret, answer.data.previousKeyUntil);
    } else {
      setRevokeState('idle');
      setError(answer.error);
    }
  };

  return (
    <div class="admin-sections">
      <section class="admin-card" aria-labelledby="snippet-title">
        <header class="admin-card-head">
          <h2 id="snippet-title" class="admin-card-title">
            {words.snippetTitle}
          </h2>
          <p class="admin-card-intro">
            {words.snippetIntro(site.name, <code>&lt;/body&gt;</code>)}
          </p>
        </header>
        <CopyField
          label={words.snippetTitle}
          value={site.snippet}
          copyLabel={words.copySnippet}
          multiline
        />
      </section>

      <section class="admin-card" aria-labelledby="signing-title">
        <header class="admin-card-head">
          <h2 id="signing-title" class="admin-card-title">
            {words.signingTitle}
          </h2>
          <p class="admin-card-intro">{words.signingIntro(<code>peakend('rate', …)</code>)}</p>
        </header>
        <CopyField
          label={words.signingTitle}
          value={rotated?.signingSecret ?? signingSecret}
          copyLabel={words.copySecret}
        />
      </section>

      <section class="admin-card" aria-labelledby="key-title">
        <header class="admin-card-head">
          <h2 id="key-title" class="admin-card-title">
            {words.keyTitle}
          </h2>
          <p class="admin-card-intro">{words.keyIntro(<code>{site.siteId}</code>)}</p>
        </header>
        {error && (
          <ErrorNote
            worded
            error={wordedRefusal(error, t.admin)}
            onDismiss={() => setError(null)}
          />
        )}
        {graceRuns && previousKeyUntil !== null && (
          <div class="key-grace" role="group" aria-label={words.oldKey}>
            <p class="key-grace-text">
              {words.graceRuns(
                <time dateTime={previousKeyUntil}>{dayAndTime(previousKeyUntil)}</time>,
              )}
            </p>
            {revokeState === 'idle' ? (
              <button
                ref={revokeButton}
                type="button"
                class="btn btn--secondary btn--small"
                onClick={() => setRevokeState('confirming')}
              >
                {words.revokeNow}
              </button>
            ) : (
              <div
                class="confirm"
                role="group"
                aria-label={words.revokeQuestion}
                onKeyDown={(event) => {
                  if (event.key === 'Escape' && revokeState === 'confirming') {
                    backToRevoke.current = true;
                    setRevokeState('idle');
                  }
                }}
              >
                <p class="confirm-text">{words.confirmRevoke}</p>
                <div class="confirm-actions">
                  <button
                    ref={cancelRevoke}
                    type="button"
                    class="btn btn--quiet btn--small"
                    onClick={() => {
                      backToRevoke.current = true;
                      setRevokeState('idle');
                    }}
                  >
                    {t.common.cancel}
                  </button>
                  <button
                    type="button"
                    class="btn btn--danger btn--small"
                    disabled={revokeState === 'revoking'}
                    onClick={() => void revoke()}
                  >
                    {words.revokeOld}
                  </button>
                </div>
              </div>
            )}
          </div>
        )}
        {revokeState === 'revoked' && !graceRuns && (
          <p ref={revokedNote} class="note note--info" role="status" tabIndex={-1}>
            {words.revoked}
          </p>
        )}
        {rotated ? (
          <SecretOnce
            title={words.newKey}
            label={words.newKey}
            value={rotated.key}
            copyLabel={words.copyKey}
            onDone={() => {
              setRotated(null);
              setRefocus(true);
            }}
          >
            {rotated.previousKeyUntil
              ? words.newKeyNoteGrace(
                  <time dateTime={rotated.previousKeyUntil}>
                    {dayAndTime(rotated.previousKeyUntil)}
                  </time>,
                )
              : words.newKeyNote}
          </SecretOnce>
        ) : keyState === 'idle' ? (
          <div>
            <button
              ref={rotateButton}
              type="button"
              class="btn btn--secondary"
              onClick={() => setKeyState('confirming')}
            >
              {words.rotate}
            </button>
          </div>
        ) : (
          <div
            class="confirm confirm--stacked"
            role="group"
            aria-label={words.rotate}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && keyState === 'confirming') setKeyState('idle');
            }}
          >
            <fieldset class="confirm-choice">
              <legend class="confirm-choice-label">{words.graceLegend}</legend>
              {GRACE_CHOICES.map((hours) => (
                <label key={hours} class="confirm-option">
                  <input
                    type="radio"
                    name={`key-grace-${site.siteId}`}
                    value={hours}
                    checked={graceHours === hours}
                    disabled={keyState === 'rotating'}
                    onChange={() => setGraceHours(hours)}
                  />
                  {words.graceChoice(hours)}
                </label>
              ))}
            </fieldset>
            <p class="confirm-text" aria-live="polite">
              {graceHours === 0
                ? words.confirmKey
                : words.confirmGrace(words.graceChoice(graceHours))}
              {graceRuns && words.confirmEndsGrace}
            </p>
            {/* The signing secret is derived from the key (server/auth/signing.ts). */}
            <p class="confirm-text">
              {graceHours === 0
                ? words.confirmSecret(<code>userHash</code>)
                : words.confirmSecretGrace(<code>userHash</code>)}
            </p>
            <div class="confirm-actions">
              <button
                ref={cancel}
                type="button"
                class="btn btn--quiet btn--small"
                onClick={() => {
                  setKeyState('idle');
                  setGraceHours(0);
                }}
              >
                {t.common.cancel}
              </button>
              <button
                type="button"
                class="btn btn--danger btn--small"
                disabled={keyState === 'rotating'}
                onClick={() => void rotate()}
              >
                {words.rotateKey}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
