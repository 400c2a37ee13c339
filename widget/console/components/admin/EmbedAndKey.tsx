/**
 * "Embed and key": the snippet to paste into the site's pages, the signing secret its servers
 * sign with, and its key for the events and scores APIs. Peakend keeps only the key's hash, so it cannot show the key again: an admin who
 * lost it (or fears it leaked) rotates it. The old key stops working at once; the new one is
 * shown once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { RotatedKey, SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { ErrorNote } from '../ErrorNote';
import { CopyField } from './CopyField';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: AdminApi;
  site: SiteView;
}

type KeyState = 'idle' | 'confirming' | 'rotating';

export function EmbedAndKey({ api, site }: Props) {
  const [keyState, setKeyState] = useState<KeyState>('idle');
  const [rotated, setRotated] = useState<RotatedKey | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  /** Derived from the key: a rotation changes it, and the site's view is older than that. */
  const [signingSecret, setSigningSecret] = useState(site.signingSecret);
  useEffect(() => setSigningSecret(site.signingSecret), [site.siteId, site.signingSecret]);
  /** Where focus goes back to once the new key is put away. */
  const [refocus, setRefocus] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (keyState === 'confirming') cancel.current?.focus();
  }, [keyState]);

  useEffect(() => {
    if (!refocus || !rotateButton.current) return;
    rotateButton.current.focus();
    setRefocus(false);
  }, [refocus, rotated]);

  const rotate = async () => {
    setKeyState('rotating');
    setError(null);
    const answer = await api.rotateKey(site.siteId);
    setKeyState('idle');
    if (answer.ok) {
      setRotated(answer.data);
      setSigningSecret(answer.data.signingSecret);
    } else setError(answer.error);
  };

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
            The previous key has stopped working. Put this one wherever your servers keep it, and
            the new signing secret (above) wherever they sign users and host chats.
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
            class="confirm"
            role="group"
            aria-label="Rotate site key"
            onKeyDown={(event) => {
              if (event.key === 'Escape') setKeyState('idle');
            }}
          >
            <p class="confirm-text">
              The current key stops working at once: anything still using it is refused until it has
              the new key.
            </p>
            {/* The signing secret is derived from the key (server/auth/signing.ts). */}
            <p class="confirm-text">
              The signing secret changes too: signed-in users’ <code>userHash</code> values and
              host-chat signatures made with the old one are refused until your servers sign with
              the new secret, so those visitors can’t chat meanwhile. Rotate it?
            </p>
            <div class="confirm-actions">
              <button
                ref={cancel}
                type="button"
                class="btn btn--quiet btn--small"
                onClick={() => setKeyState('idle')}
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
