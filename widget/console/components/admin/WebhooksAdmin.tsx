/**
 * "Webhooks": where this site's ratings, follow-ups, broken promises and reopens are sent
 * (docs/webhooks.md). Add an endpoint (its signing secret shown once) or a Slack channel's
 * incoming webhook; turn one off and on again (which clears why Peakend turned it off); send a
 * test ping; read its delivery log and resend a delivery.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import {
  SLACK_EVENTS,
  WEBHOOK_EVENTS,
  WEBHOOKS_PER_SITE,
  type DeliveryView,
  type NewWebhookView,
  type WebhookEvent,
  type WebhookKind,
  type WebhookView,
} from '../../../../shared/webhooks';
import type { SiteView } from '../../../../shared/sites';
import { refusalMessage, wordedRefusal, type Known } from '../../adminRefusals';
import { calendarDate } from '../../format';
import { useT, type ConsoleDictionary } from '../../i18n';
import type { WebhookApi } from '../../webhookApi';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: WebhookApi;
  site: SiteView;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; error: AckError }
  | { state: 'ready'; webhooks: WebhookView[] };

/** A refusal shown, with what the action that met it knows of its codes. */
interface Refused {
  error: AckError;
  known: Known;
}

type Words = ConsoleDictionary['admin'];

/**
 * Why Peakend turned a webhook off, in the console's words: the server's reason says when and
 * what failed last ("Disabled on 2026-11-03T…: every delivery failed for 24 hours (last: HTTP
 * 503)."); a reason worded otherwise is shown as it is.
 */
function disabledReason(reason: string, words: Words['webhooks']): string {
  const [, at = '', last = ''] =
    /^Disabled on (\S+): every delivery failed for 24 hours \(last: (.*)\)\.$/s.exec(reason) ?? [];
  const day = calendarDate(at);
  return day ? words.disabledReason(day, last) : reason;
}

/** Names of the webhook form's fields, for problems said at its top. */
const fieldOf = (words: Words['webhooks']) => (path: string) =>
  path === 'url' ? words.url : path === 'events' ? words.events : null;

/** What any change to one webhook may meet: it was deleted meanwhile. */
const aboutWebhook = (words: Words['errors']): Known => ({
  not_found: (server) => words.webhookGone(server),
});

export function WebhooksAdmin({ api, site }: Props) {
  const t = useT();
  const words = t.admin.webhooks;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<Refused | null>(null);
  const [created, setCreated] = useState<NewWebhookView | null>(null);
  const [busy, setBusy] = useState(false);
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<WebhookKind>('standard');
  const [events, setEvents] = useState<WebhookEvent[]>(['rating.saved']);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [said, setSaid] = useState('');

  const load = async () => {
    const answer = await api.listWebhooks(site.siteId);
    setLoaded(
      answer.ok
        ? { state: 'ready', webhooks: answer.data }
        : { state: 'error', error: answer.error },
    );
  };

  useEffect(() => {
    void load();
  }, [site.siteId]);

  /** Runs an action; on refusal shows why (`known`: what the action knows its refusals to mean). */
  const act = async <T,>(
    run: () => Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
    known: Known = aboutWebhook(t.admin.errors),
  ): Promise<T | null> => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      setError({ error: answer.error, known });
      return null;
    }
    await load();
    return answer.data;
  };

  const offered = kind === 'slack' ? SLACK_EVENTS : WEBHOOK_EVENTS;
  const chosen = events.filter((event) => offered.includes(event));

  const add = async (event: Event) => {
    event.preventDefault();
    const made = await act(
      () => api.createWebhook(site.siteId, { url: url.trim(), events: chosen, kind }),
      { conflict: (server) => t.admin.errors.tooManyWebhooks(server, WEBHOOKS_PER_SITE) },
    );
    if (!made) return;
    setUrl('');
    if (made.kind === 'standard') setCreated(made);
    else setSaid(words.slackAdded);
  };

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((list) => (on ? [...list, event] : list.filter((e) => e !== event)));

  if (loaded.state === 'loading') {
    return (
      <p class="admin-empty muted" role="status">
        {words.loading}
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <p class="note note--error" role="alert">
        {words.loadFailed(refusalMessage(loaded.error, t.admin.errors))}
      </p>
    );
  }

  return (
    <div class="admin-sections">
      {error && (
        <ErrorNote
          worded
          error={wordedRefusal(error.error, t.admin, error.known, fieldOf(words))}
          onDismiss={() => setError(null)}
        />
      )}
      <p class="sr-only" role="status">
        {said}
      </p>

      <section class="admin-card" aria-labelledby="webhook-new-title">
        <header class="admin-card-head">
          <h2 id="webhook-new-title" class="admin-card-title">
            {words.addTitle}
          </h2>
          <p class="admin-card-intro">{words.addIntro}</p>
        </header>
        {created ? (
          <SecretOnce
            title={words.secretTitle}
            label={words.secretTitle}
            value={created.secret}
            copyLabel={words.copySecret}
            onDone={() => setCreated(null)}
          >
            {words.verifyNote(<strong>{created.url}</strong>)}
          </SecretOnce>
        ) : (
          <form class="admin-form" onSubmit={add}>
            <div class="field">
              <label class="field-label" for="webhook-kind">
                {words.destination}
              </label>
              <select
                id="webhook-kind"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as WebhookKind)}
              >
                <option value="standard">{words.standard}</option>
                <option value="slack">{words.slack}</option>
              </select>
            </div>
            <label class="field field--grow">
              <span class="field-label">{words.url}</span>
              <input
                type="url"
                required
                autoComplete="off"
                maxLength={2000}
                placeholder={
                  kind === 'slack'
                    ? 'https://hooks.slack.com/services/…'
                    : 'https://example.com/peakend'
                }
                value={url}
                onInput={(e) => setUrl(e.currentTarget.value)}
              />
            </label>
            <fieldset class="webhook-events">
              <legend class="field-label">{words.events}</legend>
              {offered.map((event) => (
                <label key={event} class="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(event)}
                    onChange={(e) => toggle(event, e.currentTarget.checked)}
                  />
                  <span>
                    <code>{event}</code> <span class="muted">{words.eventHints[event]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="submit" class="btn btn--primary" disabled={busy || chosen.length === 0}>
              {words.add}
            </button>
          </form>
        )}
      </section>

      <section class="admin-card" aria-labelledby="webhooks-title">
        <header class="admin-card-head">
          <h2 id="webhooks-title" class="admin-card-title">
            {words.listTitle} <span class="count">{loaded.webhooks.length}</span>
          </h2>
        </header>
        {loaded.webhooks.length === 0 ? (
          <p class="muted">{words.none}</p>
        ) : (
          <ul class="admin-list">
            {loaded.webhooks.map((hook) => (
              <li key={hook.id} class="admin-list-item webhook">
                <span class="admin-list-main">
                  <strong class="webhook-url">{hook.url}</strong>
                  <span class="muted">
                    {words.summary(
                      hook.kind === 'slack',
                      hook.events.join(', '),
                      hook.enabled,
                      calendarDate(hook.createdAt),
                    )}
                  </span>
                  {hook.disabledReason && (
                    <span class="note note--error note--inline">
                      {disabledReason(hook.disabledReason, words)}
                    </span>
                  )}
                </span>
                {deleting === hook.id ? (
                  <div class="confirm" role="group" aria-label={words.deleteLabel(hook.url)}>
                    <p class="confirm-text">{words.confirmDelete}</p>
                    <div class="confirm-actions">
                      <button
                        type="button"
                        class="btn btn--quiet btn--small"
                        onClick={() => setDeleting(null)}
                      >
                        {t.common.cancel}
                      </button>
                      <button
                        type="button"
                        class="btn btn--danger btn--small"
                        disabled={busy}
                        onClick={async () => {
                          if ((await act(() => api.deleteWebhook(site.siteId, hook.id))) !== null) {
                            setDeleting(null);
                            setSaid(words.deleted);
                          }
                        }}
                      >
                        {words.delete}
                      </button>
                    </div>
                  </div>
                ) : (
                  <span class="webhook-actions">
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-pressed={hook.enabled}
                      aria-label={
                        hook.enabled ? words.turnOffLabel(hook.url) : words.turnOnLabel(hook.url)
                      }
                      disabled={busy}
                      onClick={() =>
                        void act(() =>
                          api.updateWebhook(site.siteId, hook.id, { enabled: !hook.enabled }),
                        )
                      }
                    >
                      {hook.enabled ? words.turnOff : words.turnOn}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={words.pingLabel(hook.url)}
                      disabled={busy || !hook.enabled}
                      onClick={async () => {
                        if ((await act(() => api.pingWebhook(site.siteId, hook.id))) !== null) {
                          setSaid(words.pinged);
                          setLogOf(hook.id);
                        }
                      }}
                    >
                      {words.ping}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-expanded={logOf === hook.id}
                      aria-controls={`webhook-log-${hook.id}`}
                      onClick={() => setLogOf(logOf === hook.id ? null : hook.id)}
                    >
                      {words.log}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={words.deleteLabel(hook.url)}
                      onClick={() => setDeleting(hook.id)}
                    >
                      {words.delete}
                    </button>
                  </span>
                )}
                {logOf === hook.id && (
                  <DeliveryLog
                    id={`webhook-log-${hook.id}`}
                    api={api}
                    siteId={site.siteId}
                    hook={hook}
                    onError={(refused, known) => setError({ error: refused, known })}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface LogProps {
  id: string;
  api: WebhookApi;
  siteId: string;
  hook: WebhookView;
  /** A refusal to show, with what the call knows of its codes. */
  onError: (error: AckError, known: Known) => void;
}

/** An endpoint's latest deliveries, with their status and a "Resend" for each. */
function DeliveryLog({ id, api, siteId, hook, onError }: LogProps) {
  const t = useT();
  const words = t.admin.webhooks;
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [said, setSaid] = useState('');

  const load = async () => {
    const answer = await api.listDeliveries(siteId, hook.id);
    if (answer.ok) setDeliveries(answer.data);
    else onError(answer.error, aboutWebhook(t.admin.errors));
  };

  useEffect(() => {
    void load();
  }, [hook.id]);

  return (
    <div id={id} class="webhook-log">
      <p class="sr-only" role="status">
        {said}
      </p>
      <button
        type="button"
        class="btn btn--quiet btn--small"
        onClick={async () => {
          await load();
          setSaid(words.refreshed);
        }}
      >
        {words.refresh}
      </button>
      {deliveries === null ? (
        <p class="muted">{words.loadingLog}</p>
      ) : deliveries.length === 0 ? (
        <p class="muted">{words.nothingSent}</p>
      ) : (
        <table class="admin-table">
          <caption class="sr-only">{words.logCaption(hook.url)}</caption>
          <thead>
            <tr>
              <th scope="col">{words.columns.event}</th>
              <th scope="col">{words.columns.status}</th>
              <th scope="col">{words.columns.attempts}</th>
              <th scope="col">{words.columns.lastAnswer}</th>
              <th scope="col">
                <span class="sr-only">{words.columns.resend}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <th scope="row">
                  <code>{delivery.event}</code>
                  <span class="muted webhook-id">{delivery.id}</span>
                </th>
                <td>{words.status[delivery.status]}</td>
                <td>{delivery.attempts}</td>
                <td>
                  {delivery.lastStatus !== null
                    ? `HTTP ${delivery.lastStatus}`
                    : (delivery.lastError ?? '—')}
                </td>
                <td class="admin-table-action">
                  <button
                    type="button"
                    class="btn btn--quiet btn--small"
                    aria-label={words.resendLabel(delivery.event, delivery.id)}
                    onClick={async () => {
                      const answer = await api.resendDelivery(siteId, hook.id, delivery.id);
                      if (!answer.ok) {
                        return onError(answer.error, {
                          not_found: (server) => t.admin.errors.deliveryGone(server),
                        });
                      }
                      setSaid(words.resending(delivery.event));
                      await load();
                    }}
                  >
                    {words.resend}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
