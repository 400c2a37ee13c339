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
import { dayAndTime } from '../../format';
import { useNow } from '../../useNow';
import { ErrorNote } from '../ErrorNote';
import { CopyField } from './CopyField';
import { SecretOnce } from './SecretOnce';

/** How long the old key may keep working: the choices of the rotation's confirm step. */
const GRACE_CHOICES: readonly (readonly [hours: number, label: string])[] = [
  [0, 'No grace (stop at once)'],
  [1, '1 hour'],
  [24, '24 hours'],
  [MAX_KEY_GRACE_HOURS, '7 days'],
];

interface Props {
  api: AdminApi;
  site: SiteView;
  /** The site changed here (its signing secret, its grace period): the admin screens keep it. */
  onChanged?: (site: SiteView) => void;
}

type KeyState = 'idle' | 'confirming' | 'rotating';
type RevokeState = 'idle' | 'confirming' | 'revoking' | 'revoked';

export function EmbedAndKey({ api, site, onChanged }: Props) {
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

  const graceLabel = GRACE_CHOICES.find(([hours]) => hours === graceHours)?.[1] ?? '';

  return (
    <div class="admin-sections">
      <section class="admin-card" aria-labelledby="snippet-title">
        <header class="admin-card-head">
          <h2 id="snippet-title" class="admin-card-title">
            Embed snippet
          </h2>
          <p class="admin-card-intro">
            Paste it into every page of {site.name} where the chat should appear, just before{' '}
            <code>&lt;/body&gt;</code>. Pages must be on an allowed origin.
          </p>
        </header>
        <CopyField label="Embed snippet" value={site.snippet} copyLabel="Copy snippet" multiline />
      </section>

      <section class="admin-card" aria-labelledby="signing-title">
        <header class="admin-card-head">
          <h2 id="signing-title" class="admin-card-title">
            Signing secret
          </h2>
          <p class="admin-card-intro">
            For your servers only, never a web page: they sign with it (HMAC-SHA256) the
            conversations of your own helpdesk that visitors may rate with{' '}
            <code>peakend('rate', …)</code>, and the ids of your signed-in users. It changes when
            the site key is rotated.
          </p>
        </header>
        <CopyField
          label="Signing secret"
          value={rotated?.signingSecret ?? signingSecret}
          copyLabel="Copy secret"
        />
      </section>

      <section class="admin-card" aria-labelledby="key-title">
        <header class="admin-card-head">
          <h2 id="key-title" class="admin-card-title">
            Site key
          </h2>
          <p class="admin-card-intro">
            Your servers send it to post conversation events and read scores (site id{' '}
            <code>{site.siteId}</code>). Peakend keeps only a fingerprint of it, so it cannot show
            it again: if it is lost or may have leaked, rotate it.
          </p>
        </header>
        {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}
        {graceRuns && previousKeyUntil !== null && (
          <div class="key-grace" role="group" aria-label="Old site key">
            <p class="key-grace-text">
              The old key works until{' '}
              <time dateTime={previousKeyUntil}>{dayAndTime(previousKeyUntil)}</time>, and so do
              signatures made with the old signing secret and the visitor tokens issued under it.
              Revoke it once your servers use the new key and secret.
            </p>
            {revokeState === 'idle' ? (
              <button
                ref={revokeButton}
                type="button"
                class="btn btn--secondary btn--small"
                onClick={() => setRevokeState('confirming')}
              >
                Revoke now
              </button>
            ) : (
              <div
                class="confirm"
                role="group"
                aria-label="Revoke the old site key"
                onKeyDown={(event) => {
                  if (event.key === 'Escape' && revokeState === 'confirming') {
                    backToRevoke.current = true;
                    setRevokeState('idle');
                  }
                }}
              >
                <p class="confirm-text">
                  The old key, signatures made with the old signing secret and the visitor tokens
                  issued under it stop working at once, and visitors still connected with it are
                  disconnected. Revoke it now?
                </p>
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
                    Cancel
                  </button>
                  <button
                    type="button"
                    class="btn btn--danger btn--small"
                    disabled={revokeState === 'revoking'}
                    onClick={() => void revoke()}
                  >
                    Revoke old key
                  </button>
                </div>
              </div>
            )}
          </div>
        )}
        {revokeState === 'revoked' && !graceRuns && (
          <p ref={revokedNote} class="note note--info" role="status" tabIndex={-1}>
            The old key was revoked: only the current key works now.
          </p>
        )}
        {rotated ? (
          <SecretOnce
            title="New site key"
            label="New site key"
            value={rotated.key}
            copyLabel="Copy key"
            onDone={() => {
              setRotated(null);
              setRefocus(true);
            }}
          >
            {rotated.previousKeyUntil ? (
              <>
                The previous key keeps working until{' '}
                <time dateTime={rotated.previousKeyUntil}>
                  {dayAndTime(rotated.previousKeyUntil)}
                </time>
                . Put this one wherever your servers keep it, and the new signing secret (above)
                wherever they sign users and host chats; then revoke the old key.
              </>
            ) : (
              <>
                The previous key has stopped working. Put this one wherever your servers keep it,
                and the new signing secret (above) wherever they sign users and host chats.
              </>
            )}
          </SecretOnce>
        ) : keyState === 'idle' ? (
          <div>
            <button
              ref={rotateButton}
              type="button"
              class="btn btn--secondary"
              onClick={() => setKeyState('confirming')}
            >
              Rotate site key
            </button>
          </div>
        ) : (
          <div
            class="confirm confirm--stacked"
            role="group"
            aria-label="Rotate site key"
            onKeyDown={(event) => {
              if (event.key === 'Escape' && keyState === 'confirming') setKeyState('idle');
            }}
          >
            <fieldset class="confirm-choice">
              <legend class="confirm-choice-label">Old key keeps working for</legend>
              {GRACE_CHOICES.map(([hours, label]) => (
                <label key={hours} class="confirm-option">
                  <input
                    type="radio"
                    name={`key-grace-${site.siteId}`}
                    value={hours}
                    checked={graceHours === hours}
                    disabled={keyState === 'rotating'}
                    onChange={() => setGraceHours(hours)}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            <p class="confirm-text" aria-live="polite">
              {graceHours === 0
                ? 'The current key stops working at once: anything still using it is refused until it has the new key.'
                : `The current key keeps working for ${graceLabel}, then stops: put the new one in place meanwhile. You can revoke the old key sooner.`}
              {graceRuns &&
                ' The old key kept by the last rotation stops at once: only the key replaced now is kept.'}
            </p>
            {/* The signing secret is derived from the key (server/auth/signing.ts). */}
            <p class="confirm-text">
              The signing secret changes too: signed-in users’ <code>userHash</code> values and
              host-chat signatures made with the old one are refused{' '}
              {graceHours === 0
                ? 'until your servers sign with the new secret, so those visitors can’t chat meanwhile'
                : 'once the old key stops, so have your servers sign with the new secret before then'}
              . Rotate it?
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
                Cancel
              </button>
              <button
                type="button"
                class="btn btn--danger btn--small"
                disabled={keyState === 'rotating'}
                onClick={() => void rotate()}
              >
                Rotate key
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
