/**
 * "Integrations": a helpdesk the team already runs feeds Peakend its conversations. For now
 * Chatwoot: enabling it makes a webhook URL to paste into Chatwoot, with the events to tick.
 * Peakend keeps only a fingerprint of the URL's token, so the URL is shown once; a new one
 * replaces it (the old one stops working at once). Chatwoot's own webhook secret may be stored
 * too, and then every delivery's signature is checked (docs/integrations/chatwoot.md).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { ChatwootIntegrationView } from '../../../../shared/integrations';
import type { SiteView } from '../../../../shared/sites';
import type { IntegrationApi } from '../../integrationApi';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: IntegrationApi;
  site: SiteView;
}

type Confirming = null | 'rotate' | 'disable';

export function Integrations({ api, site }: Props) {
  const [state, setState] = useState<ChatwootIntegrationView | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AckError | null>(null);
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const secretId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const mainButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);

  useEffect(() => {
    let current = true;
    void api.chatwoot(site.siteId).then((answer) => {
      if (!current) return;
      if (answer.ok) setState(answer.data);
      else setError(answer.error);
    });
    return () => {
      current = false;
    };
  }, [api, site.siteId]);

  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!refocus || !mainButton.current) return;
    mainButton.current.focus();
    setRefocus(false);
  }, [refocus, url, state]);

  /** Runs a call; its answer replaces the state shown. */
  const act = async <T extends ChatwootIntegrationView>(
    run: () => Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
    after?: (data: T) => void,
  ) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const answer = await run();
    setBusy(false);
    setConfirming(null);
    if (!answer.ok) return setError(answer.error);
    setState(answer.data);
    after?.(answer.data);
  };

  const enable = () =>
    act(
      () => api.enableChatwoot(site.siteId),
      (data) => setUrl(data.url),
    );
  const disable = () =>
    act(
      () => api.disableChatwoot(site.siteId),
      () => {
        setUrl(null);
        setRefocus(true);
      },
    );
  const saveSecret = (value: string | null) =>
    act(
      () => api.setChatwootSecret(site.siteId, value),
      () => {
        setSecret('');
        setSaved(
          value === null
            ? 'Secret forgotten: the URL alone lets deliveries in.'
            : 'Secret stored: every delivery’s signature is checked.',
        );
      },
    );

  const confirm = (what: Exclude<Confirming, null>) => (
    <div
      class="confirm"
      role="group"
      aria-label={what === 'rotate' ? 'Make a new URL' : 'Disable Chatwoot'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setConfirming(null);
      }}
    >
      <p class="confirm-text">
        {what === 'rotate'
          ? 'The current URL stops working at once: Chatwoot’s deliveries are refused until you paste the new one. Make a new URL?'
          : 'Chatwoot’s deliveries are refused from now on; what they brought stays. Disable it?'}
      </p>
      <div class="confirm-actions">
        <button
          ref={cancel}
          type="button"
          class="btn btn--quiet btn--small"
          onClick={() => setConfirming(null)}
        >
          Cancel
        </button>
        <button
          type="button"
          class="btn btn--danger btn--small"
          disabled={busy}
          onClick={() => void (what === 'rotate' ? enable() : disable())}
        >
          {what === 'rotate' ? 'Make new URL' : 'Disable'}
        </button>
      </div>
    </div>
  );

  return (
    <div class="admin-sections">
      <section class="admin-card" aria-labelledby="chatwoot-title">
        <header class="admin-card-head">
          <h2 id="chatwoot-title" class="admin-card-title">
            Chatwoot
          </h2>
          <p class="admin-card-intro">
            Score your agents from the conversations they already have in Chatwoot: its messages,
            assignments, resolves and CSAT answers become {site.name}’s conversations in Peakend.
            Paste the webhook URL into Chatwoot under Settings → Integrations → Webhooks.
          </p>
        </header>
        {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}
        {state === null ? (
          !error && (
            <p class="muted" role="status">
              Loading…
            </p>
          )
        ) : !state.enabled ? (
          <div>
            <button
              ref={mainButton}
              type="button"
              class="btn btn--primary"
              disabled={busy}
              onClick={() => void enable()}
            >
              Enable Chatwoot
            </button>
          </div>
        ) : (
          <>
            {url ? (
              <SecretOnce
                title="Chatwoot webhook URL"
                label="Webhook URL"
                value={url}
                copyLabel="Copy URL"
                onDone={() => {
                  setUrl(null);
                  setRefocus(true);
                }}
              >
                Paste it into Chatwoot as a new webhook, and tick the events below. Anyone who has
                it can send conversations to {site.name}: keep it out of tickets and chats.
              </SecretOnce>
            ) : (
              <p class="admin-card-intro" role="status">
                Enabled{state.urlCreatedAt && ` since ${formatDay(state.urlCreatedAt)}`}. Peakend
                keeps only a fingerprint of the URL, so it cannot show it again: if it is lost or
                may have leaked, make a new one.
              </p>
            )}
            <div>
              <h3 class="admin-subtitle" id="chatwoot-events">
                Events to tick in Chatwoot
              </h3>
              <ul class="integration-events" aria-labelledby="chatwoot-events">
                {state.events.map((event) => (
                  <li key={event}>
                    <code>{event}</code>
                  </li>
                ))}
              </ul>
            </div>
            {confirming ? (
              confirm(confirming)
            ) : (
              <div class="integration-actions">
                <button
                  ref={url ? undefined : mainButton}
                  type="button"
                  class="btn btn--secondary"
                  onClick={() => setConfirming('rotate')}
                >
                  Make a new URL
                </button>
                <button
                  type="button"
                  class="btn btn--quiet"
                  onClick={() => setConfirming('disable')}
                >
                  Disable Chatwoot
                </button>
              </div>
            )}
          </>
        )}
      </section>

      {state?.enabled && (
        <section class="admin-card" aria-labelledby="chatwoot-secret-title">
          <header class="admin-card-head">
            <h2 id="chatwoot-secret-title" class="admin-card-title">
              Chatwoot’s webhook secret
            </h2>
            <p class="admin-card-intro">
              Chatwoot 4.11.2 and later sign each delivery with the secret its webhook settings
              show. Store it here and Peakend refuses any delivery whose signature does not match,
              or that is more than five minutes old. Optional: the URL stays the first check.
            </p>
          </header>
          <p class="admin-card-intro" role="status">
            {state.secretSet
              ? 'A secret is stored: signatures are checked.'
              : 'No secret stored: signatures are not checked.'}
          </p>
          <form
            class="integration-secret"
            onSubmit={(event) => {
              event.preventDefault();
              if (secret.trim()) void saveSecret(secret.trim());
            }}
          >
            <div class="field">
              <label class="field-label" for={secretId}>
                Chatwoot webhook secret
              </label>
              <input
                id={secretId}
                type="password"
                autoComplete="off"
                spellcheck={false}
                value={secret}
                onInput={(event) => setSecret((event.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <div class="integration-actions">
              <button type="submit" class="btn btn--secondary" disabled={busy || !secret.trim()}>
                Save secret
              </button>
              {state.secretSet && (
                <button
                  type="button"
                  class="btn btn--quiet"
                  disabled={busy}
                  onClick={() => void saveSecret(null)}
                >
                  Forget secret
                </button>
              )}
            </div>
          </form>
          <p class="copy-field-status" role="status">
            {saved}
          </p>
        </section>
      )}
    </div>
  );
}

const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
