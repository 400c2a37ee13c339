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
import { wordedRefusal } from '../../adminRefusals';
import { useT } from '../../i18n';
import { ErrorNote } from '../ErrorNote';
import { CopyField } from './CopyField';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: AdminApi;
  site: SiteView;
}

type KeyState = 'idle' | 'confirming' | 'rotating';

export function EmbedAndKey({ api, site }: Props) {
  const t = useT();
  const words = t.admin.embed;
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
            {words.newKeyNote}
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
            class="confirm"
            role="group"
            aria-label={words.rotate}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setKeyState('idle');
            }}
          >
            <p class="confirm-text">{words.confirmKey}</p>
            {/* The signing secret is derived from the key (server/auth/signing.ts). */}
            <p class="confirm-text">{words.confirmSecret(<code>userHash</code>)}</p>
            <div class="confirm-actions">
              <button
                ref={cancel}
                type="button"
                class="btn btn--quiet btn--small"
                onClick={() => setKeyState('idle')}
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
