/**
 * The inbox: one entry per conversation, those waiting for a reply first, then the other open
 * ones, then closed ones, newest activity first; a page at a time, with "Load more".
 */
import { useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { AgentConversationView } from '../../../shared/protocol';
import { errorText } from '../errors';
import { relativeTime } from '../format';
import { useT } from '../i18n';
import { awaitsReply, inboxStatus, lastMessagePreview, ratedBeforeReopening } from '../inbox';
import { endLabel, endTone } from '../peaks';
import { Face, InboxIcon } from './icons';
import { visitorName } from '../visitorName';

interface Props {
  conversations: AgentConversationView[] | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  typing: ReadonlySet<string>;
  now: number;
  selfId: string;
  /** Whether the server has more conversations than those shown. */
  hasMore?: boolean;
  /** Loads the next page; resolves with why it could not, or null. */
  onLoadMore?: () => Promise<AckError | null>;
}

export function ConversationList({
  conversations,
  selectedId,
  onSelect,
  typing,
  now,
  selfId,
  hasMore = false,
  onLoadMore,
}: Props) {
  const t = useT();
  const words = t.live.inbox;
  const open = conversations?.filter((c) => c.status === 'open').length ?? 0;
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<AckError | null>(null);
  const loadMore = async () => {
    if (!onLoadMore) return;
    setLoadingMore(true);
    setMoreError(await onLoadMore());
    setLoadingMore(false);
  };
  return (
    <nav class="inbox" aria-label={words.title}>
      <div class="pane-head">
        <h2 class="pane-title">{words.title}</h2>
        {conversations && <span class="count">{words.open(open)}</span>}
      </div>
      {conversations === null ? (
        <p class="inbox-empty muted">{words.loading}</p>
      ) : conversations.length === 0 ? (
        <div class="inbox-empty">
          <InboxIcon size={28} />
          <p>{words.empty}</p>
          <p class="muted">{words.emptyHint}</p>
        </div>
      ) : (
        <ul class="inbox-list" role="list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <ConversationItem
                conversation={conversation}
                selected={conversation.id === selectedId}
                typing={typing.has(conversation.id)}
                onSelect={onSelect}
                now={now}
                selfId={selfId}
              />
            </li>
          ))}
        </ul>
      )}
      {conversations && hasMore && onLoadMore && (
        <div class="inbox-more">
          <button
            type="button"
            class="btn btn--secondary btn--small"
            disabled={loadingMore}
            aria-busy={loadingMore}
            onClick={() => void loadMore()}
          >
            {loadingMore ? t.common.loading : words.loadMore}
          </button>
          {moreError && (
            <p class="inbox-more-error" role="alert">
              {words.moreFailed(errorText(moreError, t))}
            </p>
          )}
        </div>
      )}
    </nav>
  );
}

interface ItemProps {
  conversation: AgentConversationView;
  selected: boolean;
  typing: boolean;
  onSelect: (id: string) => void;
  now: number;
  selfId: string;
}

function ConversationItem({ conversation, selected, typing, onSelect, now, selfId }: ItemProps) {
  const t = useT();
  const words = t.live.inbox;
  const status = inboxStatus(conversation);
  const assignee = conversation.assignedAgent;
  const waiting = awaitsReply(conversation);
  const rating = conversation.rating;
  const before = ratedBeforeReopening(conversation);
  return (
    <button
      type="button"
      class={`inbox-item inbox-item--${status}${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(conversation.id)}
    >
      <span class="inbox-row">
        <span class="inbox-visitor">
          {waiting && (
            <span
              class="unread-dot"
              title={status === 'reopened' ? words.reopenedWaiting : words.waiting}
            />
          )}
          {visitorName(conversation.visitorLabel, t)}
        </span>
        <time class="inbox-time" dateTime={conversation.lastActivityAt}>
          {relativeTime(conversation.lastActivityAt, now)}
        </time>
      </span>
      <span class={`inbox-preview${typing ? ' is-typing' : ''}`}>
        {typing ? words.typing : lastMessagePreview(conversation, selfId, t)}
      </span>
      <span class="inbox-row inbox-meta">
        <span class={`status status--${status}`}>{t.live.status[status]}</span>
        <span class="inbox-assignee">
          {assignee ? (assignee.id === selfId ? words.you : assignee.name) : words.noOne}
        </span>
        {rating &&
          (before ? (
            <span
              class="rating-badge rating-badge--before"
              title={words.ratedBeforeTitle(rating.end, endLabel(rating.end, t))}
            >
              <span class="sr-only">{words.rated}</span> {rating.end}
              <span class="sr-only">{words.ofFive}</span> {words.beforeReopening}
            </span>
          ) : (
            <span
              class={`rating-badge rating-badge--${endTone(rating.end)}`}
              title={words.ratedTitle(rating.end, endLabel(rating.end, t))}
            >
              <Face end={rating.end} size={13} />
              <span class="sr-only">{words.rated}</span> {rating.end}
              <span class="sr-only">{words.ofFive}</span>
            </span>
          ))}
      </span>
    </button>
  );
}
