/**
 * "Visitor data": one visitor's data on their request (docs/operations.md). The admin names the
 * visitor by their visitor id (as the ratings export lists it), by the user id the site's pages
 * sign, or by one of their conversations; then downloads everything stored of them as JSON, or erases it after saying so.
 * Erasing redacts what was written and who they are, and keeps times and ratings: scores do not
 * change.
 */
import { useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { SiteView } from '../../../../shared/sites';
import type { VisitorDataApi } from '../../visitorDataApi';
import { ErrorNote } from '../ErrorNote';

interface Props {
  api: VisitorDataApi;
  site: SiteView;
}

type IdKind = 'visitor' | 'user' | 'conversation';

const KINDS: readonly (readonly [IdKind, string, string])[] = [
  ['visitor', 'Visitor id', 'Visitor id'],
  ['user', 'User id from your site (signed-in users)', 'User id'],
  [
    'conversation',
    'One of their conversations (its id, as the ratings export lists it)',
    'Conversation id',
  ],
];

/** The visitor found: their id, and (found by user id) how many conversations they have. */
interface Found {
  visitorId: string;
  conversations: number | null;
}

export function VisitorData({ api, site }: Props) {
  const [kind, setKind] = useState<IdKind>('visitor');
  const [id, setId] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AckError | null>(null);
  const [said, setSaid] = useState('');

  const find = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setSaid('');
    setConfirming(false);
    const given = id.trim();
    if (given === '') return;
    if (kind === 'visitor') return setFound({ visitorId: given, conversations: null });
    setBusy(true);
    const answer = await api.find(
      site.siteId,
      kind === 'user' ? { userId: given } : { conversationId: given },
    );
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setFound({ visitorId: answer.data.visitorId, conversations: answer.data.conversations });
  };

  const erase = async () => {
    if (!found) return;
    setBusy(true);
    setError(null);
    const answer = await api.erase(site.siteId, found.visitorId);
    setBusy(false);
    setConfirming(false);
    if (!answer.ok) return setError(answer.error);
    const n = answer.data.conversations.length;
    setSaid(
      n === 0
        ? 'This site has no conversations of that visitor: nothing to erase.'
        : `Erased: ${n} conversation${n === 1 ? '' : 's'} redacted. Scores are unchanged.`,
    );
  };

  return (
    <div class="admin-sections">
      {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}
      <section class="admin-card" aria-labelledby="visitor-data-title">
        <header class="admin-card-head">
          <h2 id="visitor-data-title" class="admin-card-title">
            Visitor data
          </h2>
          <p class="admin-card-intro">
            Export or erase everything stored of one visitor, when they ask. Erasing removes what
            they and your team wrote, their contact details and the pages they visited; times and
            ratings stay, so scores do not change. It cannot be undone.
          </p>
        </header>
        <form class="visitor-data-find" onSubmit={find}>
          <fieldset class="field">
            <legend class="field-label">Find the visitor by</legend>
            {KINDS.map(([value, label]) => (
              <label key={value} class="admin-switch-row">
                <input
                  type="radio"
                  name="visitor-id-kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setFound(null);
                  }}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label class="field-label" for="visitor-data-id">
              {KINDS.find(([value]) => value === kind)?.[2]}
            </label>
            <input
              id="visitor-data-id"
              value={id}
              required
              autoComplete="off"
              spellcheck={false}
              onInput={(e) => {
                setId(e.currentTarget.value);
                setFound(null);
                setConfirming(false);
              }}
            />
          </div>
          <button type="submit" class="btn btn--secondary" disabled={busy}>
            Find
          </button>
        </form>

        {found && (
          <div class="visitor-data-found" role="group" aria-label={`Visitor ${found.visitorId}`}>
            <p>
              Visitor <code>{found.visitorId}</code>
              {found.conversations !== null &&
                ` · ${found.conversations} conversation${found.conversations === 1 ? '' : 's'}`}
            </p>
            {confirming ? (
              <div class="confirm" role="group" aria-label="Erase this visitor's data">
                <p class="confirm-text">
                  Erase this visitor's data? What was written in their conversations, their contact
                  details and the pages they visited are removed for good.
                </p>
                <div class="confirm-actions">
                  <button
                    type="button"
                    class="btn btn--quiet btn--small"
                    onClick={() => setConfirming(false)}
                  >
                    Cancel
                  </button>
                  <button
                    type="button"
                    class="btn btn--danger btn--small"
                    disabled={busy}
                    onClick={() => void erase()}
                  >
                    Erase
                  </button>
                </div>
              </div>
            ) : (
              <div class="confirm-actions">
                <a
                  class="btn btn--secondary btn--small"
                  href={api.exportUrl(site.siteId, found.visitorId)}
                  download={`visitor-${found.visitorId}.json`}
                >
                  Download their data (JSON)
                </a>
                <button
                  type="button"
                  class="btn btn--danger btn--small"
                  onClick={() => {
                    setSaid('');
                    setConfirming(true);
                  }}
                >
                  Erase their data…
                </button>
              </div>
            )}
          </div>
        )}
        <p class="admin-save-status" role="status">
          {said}
        </p>
      </section>
    </div>
  );
}
