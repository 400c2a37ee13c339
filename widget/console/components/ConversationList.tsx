/**
 * The inbox: one entry per conversation, those waiting for a reply first, then the other open
 * ones, then closed ones, newest activity first; a page at a time, with "Load more".
 */
import { useState } from 'preact/hooks';
import type { AgentConversationView } from '../../../shared/protocol';
import { relativeTime } from '../format';
import {
  awaitsReply,
  inboxStatus,
  lastMessagePreview,
  ratedBeforeReopening,
  STATUS_LABEL,
} from '../inbox';
import { endLabel, endTone } from '../peaks';
import { Face, InboxIcon } from './icons';

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
  onLoadMore?: () => Promise<string | null>;
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
  const open = conversations?.filter((c) => c.status === 'open').length ?? 0;
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const loadMore = async () => {
    if (!onLoadMore) return;
    setLoadingMore(true);
    setMoreError(await onLoadMore());
    setLoadingMore(false);
  };
  return (
    <nav class="inbox" aria-label="Conversations">
      <div class="pane-head">
        <h2 class="pane-title">Conversations</h2>
        {conversations && <span class="count">{open} open</span>}
      </div>
      {conversations === null ? (
        <p class="inbox-empty muted">Loading conversations…</p>
      ) : conversations.length === 0 ? (
        <div class="inbox-empty">
          <InboxIcon size={28} />
          <p>No conversations yet.</p>
          <p class="muted">New chats from your site appear here as they start.</p>
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
            {loadingMore ? 'Loading…' : 'Load more conversations'}
          </button>
          {moreError && (
            <p class="inbox-more-error" role="alert">
              {moreError}
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
              title={
                status === 'reopened' ? 'Reopened: waiting for a reply' : 'Waiting for a reply'
              }
            />
          )}
          {conversation.visitorLabel}
        </span>
        <time class="inbox-time" dateTime={conversation.lastActivityAt}>
          {relativeTime(conversation.lastActivityAt, now)}
        </time>
      </span>
      <span class={`inbox-preview${typing ? ' is-typing' : ''}`}>
        {typing ? 'Typing…' : lastMessagePreview(conversation, selfId)}
      </span>
      <span class="inbox-row inbox-meta">
        <span class={`status status--${status}`}>{STATUS_LABEL[status]}</span>
        <span class="inbox-assignee">
          {assignee ? (assignee.id === selfId ? 'You' : assignee.name) : 'No one yet'}
        </span>
        {rating &&
          (before ? (
            <span
              class="rating-badge rating-badge--before"
              title={`Rated ${rating.end} of 5 before reopening: ${endLabel(rating.end)}`}
            >
              <span class="sr-only">Rated</span> {rating.end}
              <span class="sr-only"> of 5</span> before reopening
            </span>
          ) : (
            <span
              class={`rating-badge rating-badge--${endTone(rating.end)}`}
              title={`Rated ${rating.end} of 5: ${endLabel(rating.end)}`}
            >
              <Face end={rating.end} size={13} />
              <span class="sr-only">Rated</span> {rating.end}
              <span class="sr-only"> of 5</span>
            </span>
          ))}
      </span>
    </button>
  );
}
