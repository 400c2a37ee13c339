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
  type DeliveryView,
  type NewWebhookView,
  type WebhookEvent,
  type WebhookKind,
  type WebhookView,
} from '../../../../shared/webhooks';
import type { SiteView } from '../../../../shared/sites';
import { calendarDate } from '../../format';
import type { WebhookApi } from '../../webhookApi';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: WebhookApi;
  site: SiteView;
}

/** What each event means, as the admin chooses them. */
const EVENT_HINT: Record<WebhookEvent, string> = {
  'rating.saved': 'A visitor rated a conversation, or amended their rating',
  'followup.created': 'A bad experience needs following up',
  'followup.updated': 'A follow-up item changed',
  'promise.broken': 'A promise was not kept by its due time',
  'conversation.reopened': 'A closed conversation was opened again',
};

const STATUS_LABEL: Record<DeliveryView['status'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Nothing to send',
};

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; webhooks: WebhookView[] };

export function WebhooksAdmin({ api, site }: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<AckError | null>(null);
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
        : { state: 'error', message: answer.error.message },
    );
  };

  useEffect(() => {
    void load();
  }, [site.siteId]);

  const act = async <T,>(
    run: () => Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
  ): Promise<T | null> => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return null;
    }
    await load();
    return answer.data;
  };

  const offered = kind === 'slack' ? SLACK_EVENTS : WEBHOOK_EVENTS;
  const chosen = events.filter((event) => offered.includes(event));

  const add = async (event: Event) => {
    event.preventDefault();
    const made = await act(() =>
      api.createWebhook(site.siteId, { url: url.trim(), events: chosen, kind }),
    );
    if (!made) return;
    setUrl('');
    if (made.kind === 'standard') setCreated(made);
    else setSaid(`Slack destination added.`);
  };

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((list) => (on ? [...list, event] : list.filter((e) => e !== event)));

  if (loaded.state === 'loading') {
    return (
      <p class="admin-empty muted" role="status">
        Loading the webhooks…
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <p class="note note--error" role="alert">
        The webhooks could not be loaded: {loaded.message}
      </p>
    );
  }

  return (
    <div class="admin-sections">
      {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}
      <p class="sr-only" role="status">
        {said}
      </p>

      <section class="admin-card" aria-labelledby="webhook-new-title">
        <header class="admin-card-head">
          <h2 id="webhook-new-title" class="admin-card-title">
            Add a webhook
          </h2>
          <p class="admin-card-intro">
            Peakend posts each event to your URL, signed as the Standard Webhooks spec says. A Slack
            destination gets a message for each bad ending and broken promise instead.
          </p>
        </header>
        {created ? (
          <SecretOnce
            title="Signing secret"
            label="Signing secret"
            value={created.secret}
            copyLabel="Copy secret"
            onDone={() => setCreated(null)}
          >
            Verify each delivery to <strong>{created.url}</strong> with this secret (see the
            webhooks guide).
          </SecretOnce>
        ) : (
          <form class="admin-form" onSubmit={add}>
            <div class="field">
              <label class="field-label" for="webhook-kind">
                Destination
              </label>
              <select
                id="webhook-kind"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as WebhookKind)}
              >
                <option value="standard">Your endpoint (signed JSON)</option>
                <option value="slack">Slack (incoming webhook)</option>
              </select>
            </div>
            <label class="field field--grow">
              <span class="field-label">URL</span>
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
              <legend class="field-label">Events</legend>
              {offered.map((event) => (
                <label key={event} class="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(event)}
                    onChange={(e) => toggle(event, e.currentTarget.checked)}
                  />
                  <span>
                    <code>{event}</code> <span class="muted">{EVENT_HINT[event]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="submit" class="btn btn--primary" disabled={busy || chosen.length === 0}>
              Add webhook
            </button>
          </form>
        )}
      </section>

      <section class="admin-card" aria-labelledby="webhooks-title">
        <header class="admin-card-head">
          <h2 id="webhooks-title" class="admin-card-title">
            Webhooks <span class="count">{loaded.webhooks.length}</span>
          </h2>
        </header>
        {loaded.webhooks.length === 0 ? (
          <p class="muted">No webhooks yet.</p>
        ) : (
          <ul class="admin-list">
            {loaded.webhooks.map((hook) => (
              <li key={hook.id} class="admin-list-item webhook">
                <span class="admin-list-main">
                  <strong class="webhook-url">{hook.url}</strong>
                  <span class="muted">
                    {hook.kind === 'slack' ? 'Slack · ' : ''}
                    {hook.events.join(', ')} · {hook.enabled ? 'On' : 'Off'} · added{' '}
                    {calendarDate(hook.createdAt)}
                  </span>
                  {hook.disabledReason && (
                    <span class="note note--error note--inline">{hook.disabledReason}</span>
                  )}
                </span>
                {deleting === hook.id ? (
                  <div class="confirm" role="group" aria-label={`Delete webhook ${hook.url}`}>
                    <p class="confirm-text">
                      Delete this webhook and its delivery log? Nothing more is sent to it.
                    </p>
                    <div class="confirm-actions">
                      <button
                        type="button"
                        class="btn btn--quiet btn--small"
                        onClick={() => setDeleting(null)}
                      >
                        Cancel
                      </button>
                      <button
                        type="button"
                        class="btn btn--danger btn--small"
                        disabled={busy}
                        onClick={async () => {
                          if ((await act(() => api.deleteWebhook(site.siteId, hook.id))) !== null) {
                            setDeleting(null);
                            setSaid('Webhook deleted.');
                          }
                        }}
                      >
                        Delete
                      </button>
                    </div>
                  </div>
                ) : (
                  <span class="webhook-actions">
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-pressed={hook.enabled}
                      aria-label={`${hook.enabled ? 'Turn off' : 'Turn on'} webhook ${hook.url}`}
                      disabled={busy}
                      onClick={() =>
                        void act(() =>
                          api.updateWebhook(site.siteId, hook.id, { enabled: !hook.enabled }),
                        )
                      }
                    >
                      {hook.enabled ? 'Turn off' : 'Turn on'}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={`Send a test ping to ${hook.url}`}
                      disabled={busy || !hook.enabled}
                      onClick={async () => {
                        if ((await act(() => api.pingWebhook(site.siteId, hook.id))) !== null) {
                          setSaid('Test ping queued.');
                          setLogOf(hook.id);
                        }
                      }}
                    >
                      Ping
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-expanded={logOf === hook.id}
                      aria-controls={`webhook-log-${hook.id}`}
                      onClick={() => setLogOf(logOf === hook.id ? null : hook.id)}
                    >
                      Delivery log
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={`Delete webhook ${hook.url}`}
                      onClick={() => setDeleting(hook.id)}
                    >
                      Delete
                    </button>
                  </span>
                )}
                {logOf === hook.id && (
                  <DeliveryLog
                    id={`webhook-log-${hook.id}`}
                    api={api}
                    siteId={site.siteId}
                    hook={hook}
                    onError={setError}
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
  onError: (error: AckError) => void;
}

/** An endpoint's latest deliveries, with their status and a "Resend" for each. */
function DeliveryLog({ id, api, siteId, hook, onError }: LogProps) {
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [said, setSaid] = useState('');

  const load = async () => {
    const answer = await api.listDeliveries(siteId, hook.id);
    if (answer.ok) setDeliveries(answer.data);
    else onError(answer.error);
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
          setSaid('Delivery log refreshed.');
        }}
      >
        Refresh the log
      </button>
      {deliveries === null ? (
        <p class="muted">Loading the deliveries…</p>
      ) : deliveries.length === 0 ? (
        <p class="muted">Nothing sent yet.</p>
      ) : (
        <table class="admin-table">
          <caption class="sr-only">Latest deliveries to {hook.url}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">
                <span class="sr-only">Resend</span>
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
                <td>{STATUS_LABEL[delivery.status]}</td>
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
                    aria-label={`Resend ${delivery.event} ${delivery.id}`}
                    onClick={async () => {
                      const answer = await api.resendDelivery(siteId, hook.id, delivery.id);
                      if (!answer.ok) return onError(answer.error);
                      setSaid(`Resending ${delivery.event}.`);
                      await load();
                    }}
                  >
                    Resend
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
