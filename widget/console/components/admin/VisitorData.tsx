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
import { wordedRefusal, type Known } from '../../adminRefusals';
import { useT } from '../../i18n';
import type { VisitorDataApi } from '../../visitorDataApi';
import { ErrorNote } from '../ErrorNote';

interface Props {
  api: VisitorDataApi;
  site: SiteView;
}

type IdKind = 'visitor' | 'user' | 'conversation';

/** The ways to name the visitor (their words: `visitors.kinds`). */
const KINDS: readonly IdKind[] = ['visitor', 'user', 'conversation'];

/** The visitor found: their id, and (found by user id) how many conversations they have. */
interface Found {
  visitorId: string;
  conversations: number | null;
}

/** What was said once erased: how many conversations were redacted. */
type Said = { erased: number } | null;

/** A refusal shown, with what the action that met it knows of its codes. */
interface Refused {
  error: AckError;
  known: Known;
}

export function VisitorData({ api, site }: Props) {
  const t = useT();
  const words = t.admin.visitors;
  const [kind, setKind] = useState<IdKind>('visitor');
  const [id, setId] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refused | null>(null);
  const [said, setSaid] = useState<Said>(null);

  const find = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setSaid(null);
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
    if (!answer.ok) {
      const conversationGone = (server: string) => t.admin.errors.noSuchConversation(server);
      return setError({
        error: answer.error,
        known: { not_found: kind === 'user' ? t.admin.errors.noSuchVisitor : conversationGone },
      });
    }
    setFound({ visitorId: answer.data.visitorId, conversations: answer.data.conversations });
  };

  const erase = async () => {
    if (!found) return;
    setBusy(true);
    setError(null);
    const answer = await api.erase(site.siteId, found.visitorId);
    setBusy(false);
    setConfirming(false);
    if (!answer.ok) {
      return setError({
        error: answer.error,
        known: { not_found: (server) => t.admin.errors.noSuchVisitor(server) },
      });
    }
    setSaid({ erased: answer.data.conversations.length });
  };

  return (
    <div class="admin-sections">
      {error && (
        <ErrorNote
          worded
          error={wordedRefusal(error.error, t.admin, error.known, (path) =>
            path === 'userId'
              ? words.kinds.user.field
              : path === 'conversationId'
                ? words.kinds.conversation.field
                : null,
          )}
          onDismiss={() => setError(null)}
        />
      )}
      <section class="admin-card" aria-labelledby="visitor-data-title">
        <header class="admin-card-head">
          <h2 id="visitor-data-title" class="admin-card-title">
            {words.title}
          </h2>
          <p class="admin-card-intro">{words.intro}</p>
        </header>
        <form class="visitor-data-find" onSubmit={find}>
          <fieldset class="field">
            <legend class="field-label">{words.findBy}</legend>
            {KINDS.map((value) => (
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
                {words.kinds[value].choice}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label class="field-label" for="visitor-data-id">
              {words.kinds[kind].field}
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
            {words.find}
          </button>
        </form>

        {found && (
          <div class="visitor-data-found" role="group" aria-label={words.visitor(found.visitorId)}>
            <p>
              {words.found(<code>{found.visitorId}</code>)}
              {found.conversations !== null && ` · ${words.conversations(found.conversations)}`}
            </p>
            {confirming ? (
              <div class="confirm" role="group" aria-label={words.eraseLabel}>
                <p class="confirm-text">{words.confirmErase}</p>
                <div class="confirm-actions">
                  <button
                    type="button"
                    class="btn btn--quiet btn--small"
                    onClick={() => setConfirming(false)}
                  >
                    {t.common.cancel}
                  </button>
                  <button
                    type="button"
                    class="btn btn--danger btn--small"
                    disabled={busy}
                    onClick={() => void erase()}
                  >
                    {words.erase}
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
                  {words.download}
                </a>
                <button
                  type="button"
                  class="btn btn--danger btn--small"
                  onClick={() => {
                    setSaid(null);
                    setConfirming(true);
                  }}
                >
                  {words.eraseStart}
                </button>
              </div>
            )}
          </div>
        )}
        <p class="admin-save-status" role="status">
          {said && (said.erased === 0 ? words.nothingToErase : words.erased(said.erased))}
        </p>
      </section>
    </div>
  );
}
