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
import { wordedRefusal } from '../../adminRefusals';
import { useT } from '../../i18n';
import { consoleLocale } from '../../i18n/locale';
import type { IntegrationApi } from '../../integrationApi';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: IntegrationApi;
  site: SiteView;
}

type Confirming = null | 'rotate' | 'disable';

export function Integrations({ api, site }: Props) {
  const t = useT();
  const words = t.admin.integrations;
  const [state, setState] = useState<ChatwootIntegrationView | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AckError | null>(null);
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState<'stored' | 'forgotten' | null>(null);
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
        setSaved(value === null ? 'forgotten' : 'stored');
      },
    );

  const confirm = (what: Exclude<Confirming, null>) => (
    <div
      class="confirm"
      role="group"
      aria-label={what === 'rotate' ? words.newUrl : words.disable}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setConfirming(null);
      }}
    >
      <p class="confirm-text">{what === 'rotate' ? words.confirmNewUrl : words.confirmDisable}</p>
      <div class="confirm-actions">
        <button
          ref={cancel}
          type="button"
          class="btn btn--quiet btn--small"
          onClick={() => setConfirming(null)}
        >
          {t.common.cancel}
        </button>
        <button
          type="button"
          class="btn btn--danger btn--small"
          disabled={busy}
          onClick={() => void (what === 'rotate' ? enable() : disable())}
        >
          {what === 'rotate' ? words.makeNewUrl : words.disableConfirmed}
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
          <p class="admin-card-intro">{words.intro(site.name)}</p>
        </header>
        {error && (
          <ErrorNote
            worded
            error={wordedRefusal(error, t.admin, {
              not_found: (server) => t.admin.errors.chatwootOff(server),
            })}
            onDismiss={() => setError(null)}
          />
        )}
        {state === null ? (
          !error && (
            <p class="muted" role="status">
              {t.common.loading}
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
              {words.enable}
            </button>
          </div>
        ) : (
          <>
            {url ? (
              <SecretOnce
                title={words.urlTitle}
                label={words.urlLabel}
                value={url}
                copyLabel={words.copyUrl}
                onDone={() => {
                  setUrl(null);
                  setRefocus(true);
                }}
              >
                {words.urlNote(site.name)}
              </SecretOnce>
            ) : (
              <p class="admin-card-intro" role="status">
                {words.enabled(state.urlCreatedAt && formatDay(state.urlCreatedAt))}
              </p>
            )}
            <div>
              <h3 class="admin-subtitle" id="chatwoot-events">
                {words.eventsTitle}
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
                  {words.newUrl}
                </button>
                <button
                  type="button"
                  class="btn btn--quiet"
                  onClick={() => setConfirming('disable')}
                >
                  {words.disable}
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
              {words.secretTitle}
            </h2>
            <p class="admin-card-intro">{words.secretIntro}</p>
          </header>
          <p class="admin-card-intro" role="status">
            {state.secretSet ? words.secretSet : words.secretUnset}
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
                {words.secretLabel}
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
                {words.saveSecret}
              </button>
              {state.secretSet && (
                <button
                  type="button"
                  class="btn btn--quiet"
                  disabled={busy}
                  onClick={() => void saveSecret(null)}
                >
                  {words.forgetSecret}
                </button>
              )}
            </div>
          </form>
          <p class="copy-field-status" role="status">
            {saved === 'stored' && words.secretStored}
            {saved === 'forgotten' && words.secretForgotten}
          </p>
        </section>
      )}
    </div>
  );
}

const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString(consoleLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
