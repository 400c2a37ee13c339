/**
 * One conversation: its messages, promises and rating, and what the agent can do in it; or,
 * read-only (the history), only what happened in it.
 */
import { Fragment, type ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { AgentConversationView, MessageView, SignedInAgent } from '../../../shared/protocol';
import type { Visit } from '../../../shared/visit';
import { clockTime, timeOfDay } from '../format';
import { useT } from '../i18n';
import { consoleLocale } from '../i18n/locale';
import { en } from '../i18n/en';
import { inboxStatus, ratedBeforeReopening } from '../inbox';
import { describeAction, weave } from '../timeline';
import type { LiveConsole } from '../useLiveConsole';
import { Composer } from './Composer';
import { ErrorNote } from './ErrorNote';
import { CloseIcon, HandIcon, PromiseIcon } from './icons';
import { PromiseForm } from './PromiseForm';
import { PromiseList } from './PromiseList';
import { RatingSummary, SetAsideRatingSummary } from './RatingSummary';
import { visitorName } from '../visitorName';

type Props = {
  conversation: AgentConversationView;
  agent: SignedInAgent;
  now: number;
} & (
  | {
      readOnly?: false;
      visitorTyping: boolean;
      act: LiveConsole['act'];
      sendTyping: LiveConsole['sendTyping'];
    }
  | { readOnly: true; visitorTyping?: undefined; act?: undefined; sendTyping?: undefined }
);

/** Refused where nothing may be done: the read-only pane offers no action that would call it. */
const READ_ONLY: LiveConsole['act'] = async () => ({
  ok: false,
  error: { code: 'forbidden', message: en.live.conversation.readOnly },
});

export function ConversationPane(props: Props) {
  const { conversation, agent, now, readOnly = false } = props;
  const t = useT();
  const words = t.live.conversation;
  const visitorTyping = props.visitorTyping ?? false;
  const act = props.act ?? READ_ONLY;
  const sendTyping = props.sendTyping;
  const [error, setError] = useState<AckError | null>(null);
  const [promising, setPromising] = useState(false);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const promiseToggle = useRef<HTMLButtonElement>(null);
  const status = inboxStatus(conversation);
  const isOpen = conversation.status === 'open';
  const conversationId = conversation.id;

  useEffect(() => {
    if (!isOpen) setPromising(false);
  }, [isOpen]);

  /** Runs an action, marking `key` busy meanwhile; true when the server accepted it. */
  const run = async (key: string, action: () => ReturnType<LiveConsole['act']>) => {
    setPending((current) => new Set(current).add(key));
    const answer = await action();
    setPending((current) => {
      const next = new Set(current);
      next.delete(key);
      return next;
    });
    setError(answer.ok ? null : answer.error);
    return answer.ok;
  };

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div class="conversation-title-block">
          <h2 id="conversation-title" class="conversation-title">
            {visitorName(conversation.visitorLabel, t)}
          </h2>
          <div class="conversation-sub">
            <span class={`status status--${status}`}>{t.live.status[status]}</span>
            <span class="muted">
              {conversation.assignedAgent
                ? conversation.assignedAgent.id === agent.id
                  ? words.assignedToYou
                  : words.assignedTo(conversation.assignedAgent.name)
                : words.notAssigned}
              {' · '}
              {words.started(clockTime(conversation.openedAt, now))}
              {conversation.closedAt
                ? ` · ${words.closed(clockTime(conversation.closedAt, now))}`
                : ''}
            </span>
          </div>
          <VisitorProfile conversation={conversation} />
          {conversation.visit && <VisitDetails visit={conversation.visit} now={now} />}
        </div>
        {isOpen && !readOnly && (
          <div class="conversation-actions">
            {!conversation.assignedAgent && (
              <button
                type="button"
                class="btn btn--primary"
                disabled={pending.has('claim')}
                onClick={() =>
                  void run('claim', () => act('conversation:claim', { conversationId }))
                }
              >
                <HandIcon />
                {words.claim}
              </button>
            )}
            <button
              type="button"
              ref={promiseToggle}
              class={`btn btn--secondary${promising ? ' is-active' : ''}`}
              aria-expanded={promising}
              onClick={() => setPromising((shown) => !shown)}
            >
              <PromiseIcon />
              {words.makePromise}
            </button>
            <button
              type="button"
              class="btn btn--secondary"
              disabled={pending.has('close')}
              onClick={() => void run('close', () => act('conversation:close', { conversationId }))}
            >
              <CloseIcon />
              {words.close}
            </button>
          </div>
        )}
      </header>

      {promising && isOpen && (
        <PromiseForm
          conversationId={conversationId}
          onCancel={() => {
            // Closed (Escape, Cancel, or made): the focus goes back to what opened it.
            setPromising(false);
            promiseToggle.current?.focus();
          }}
          onMake={(text, dueAt) =>
            run('promise', () => act('promise:make', { conversationId, text, dueAt }))
          }
        />
      )}

      <PromiseList
        promises={conversation.promises}
        now={now}
        keeping={pending}
        onKeep={
          readOnly
            ? undefined
            : (promiseId) =>
                void run(promiseId, () => act('promise:keep', { conversationId, promiseId }))
        }
      />

      <Timeline
        conversation={conversation}
        now={now}
        visitorTyping={visitorTyping && isOpen}
        selfId={agent.id}
      />

      {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}

      {isOpen && readOnly ? null : isOpen && sendTyping ? (
        <Composer
          conversationId={conversationId}
          visitorLabel={visitorName(conversation.visitorLabel, t)}
          onTyping={sendTyping}
          onSend={(text) => run('send', () => act('message:send', { conversationId, text }))}
        />
      ) : (
        <div class="closed-foot muted">{words.closedFoot}</div>
      )}
    </section>
  );
}

function Timeline({
  conversation,
  now,
  visitorTyping,
  selfId,
}: {
  conversation: AgentConversationView;
  now: number;
  visitorTyping: boolean;
  selfId: string;
}) {
  const t = useT();
  const words = t.live.conversation;
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const count = conversation.messages.length + conversation.timeline.length;
  const items = weave(conversation.messages, conversation.timeline);
  const closeShown = conversation.timeline.some((entry) => entry.kind === 'closed');
  const before = ratedBeforeReopening(conversation);
  const reopenedOpen = conversation.status === 'open' && before;
  // The reopen may have left the view's timeline (a long chat): the old rating then leads it.
  const reopenShown = conversation.timeline.some(
    (entry) => entry.kind === 'reopened' && entry.at === conversation.reopenedAt,
  );

  // Follow new messages unless the agent scrolled up to read.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, visitorTyping, conversation.rating, conversation.status]);

  return (
    <div
      class="timeline"
      ref={scroller}
      tabIndex={0}
      aria-label={words.messages}
      role="log"
      onScroll={(event) => {
        const el = event.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {conversation.messages.length === 0 && <p class="timeline-empty muted">{words.noMessages}</p>}
      {reopenedOpen && !reopenShown && conversation.rating && (
        <RatingSummary rating={conversation.rating} now={now} beforeReopening />
      )}
      {items.map((item, index) => {
        if (item.kind === 'action') {
          // Who claimed, promised, kept, closed: a quiet line between the messages.
          const line = (
            <p key={item.entry.id} class="timeline-event timeline-action">
              <span>
                {describeAction(item.entry, selfId, t)}
                {' · '}
                <time dateTime={item.entry.at}>{clockTime(item.entry.at, now)}</time>
              </span>
            </p>
          );
          // While a reopened chat is open, its old rating shows where it stood: before the reopen.
          if (reopenedOpen && conversation.rating && item.entry.at === conversation.reopenedAt) {
            return (
              <Fragment key={item.entry.id}>
                <RatingSummary rating={conversation.rating} now={now} beforeReopening />
                {line}
              </Fragment>
            );
          }
          return line;
        }
        const previous = items[index - 1];
        return (
          <Message
            key={item.message.id}
            message={item.message}
            continued={previous?.kind === 'message' && sameAuthor(previous.message, item.message)}
            visitorLabel={visitorName(conversation.visitorLabel, t)}
            now={now}
          />
        );
      })}
      {visitorTyping && (
        <div class="typing" role="status">
          <span class="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {words.typing(visitorName(conversation.visitorLabel, t))}
        </div>
      )}
      {conversation.status === 'closed' && (
        <>
          {!closeShown && (
            <div class="timeline-event">
              <span>
                {conversation.closedAt
                  ? words.closedAt(clockTime(conversation.closedAt, now))
                  : words.closedLine}
              </span>
            </div>
          )}
          {conversation.rating ? (
            <RatingSummary rating={conversation.rating} now={now} beforeReopening={before} />
          ) : (
            !conversation.setAsideRating && (
              <p class="rating-waiting muted">{words.waitingRating}</p>
            )
          )}
          {conversation.setAsideRating && (
            <SetAsideRatingSummary rating={conversation.setAsideRating} now={now} />
          )}
        </>
      )}
    </div>
  );
}

function sameAuthor(previous: MessageView | undefined, message: MessageView): boolean {
  if (!previous || previous.from !== message.from) return false;
  if (message.from === 'agent' && previous.agent?.id !== message.agent?.id) return false;
  return Date.parse(message.at) - Date.parse(previous.at) < 5 * 60_000;
}

function Message({
  message,
  continued,
  visitorLabel,
  now,
}: {
  message: MessageView;
  continued: boolean;
  visitorLabel: string;
  now: number;
}) {
  const t = useT();
  const author =
    message.from === 'visitor' ? visitorLabel : (message.agent?.name ?? t.live.conversation.agent);
  return (
    <div class={`message message--${message.from}${continued ? ' is-continued' : ''}`}>
      {!continued && (
        <div class="message-meta">
          <span class="message-author">{author}</span>
          <time dateTime={message.at}>{clockTime(message.at, now)}</time>
        </div>
      )}
      <div class="message-bubble" title={continued ? clockTime(message.at, now) : undefined}>
        {continued && <span class="sr-only">{t.live.conversation.continuedBy(author)}</span>}
        {message.text}
      </div>
    </div>
  );
}

/** Who the visitor is, as the host page said when the conversation started (its segment first). */
function VisitorProfile({ conversation }: { conversation: AgentConversationView }) {
  const words = useT().live.visitor;
  const { segment, attributes, contact } = conversation;
  const entries = Object.entries(attributes);
  if (segment === null && entries.length === 0 && contact === null) return null;
  return (
    <ul class="visitor-profile" aria-label={words.about}>
      {contact?.email && (
        <li class="profile-tag profile-tag--contact">
          <span class="profile-key">{words.email}</span>{' '}
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
          {contact.consentedAt && <> {words.consented}</>}
        </li>
      )}
      {segment !== null && (
        <li class="profile-tag profile-tag--segment">
          <span class="profile-key">{words.segment}</span> {segment}
        </li>
      )}
      {entries.map(([key, value]) => (
        <li class="profile-tag" key={key}>
          <span class="profile-key">{key}</span> {value}
        </li>
      ))}
    </ul>
  );
}

/**
 * A language tag in the console's language ("Dutch (Netherlands)", "Niederländisch
 * (Niederlande)"), or the tag when the browser cannot say.
 */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([consoleLocale() ?? 'en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The time of day in the visitor's zone ("14:05"), or null for a zone the browser lacks. */
function timeThere(timeZone: string, now: number): string | null {
  try {
    return timeOfDay(now, timeZone);
  } catch {
    return null;
  }
}

/** A page as people say it: its path and query, without the site's origin. */
function pageOf(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return url;
  }
}

/**
 * Where and how the visitor wrote from when the conversation started (issue 12, §5): the page
 * (a link that opens apart, telling that page nothing of the console), where they came from,
 * their language, the time it is for them, and their kind of device.
 */
function VisitDetails({ visit, now }: { visit: Visit; now: number }) {
  const words = useT().live.visitor;
  const rows: [string, ComponentChild][] = [];
  if (visit.pageUrl) {
    rows.push([
      words.page,
      <a href={visit.pageUrl} target="_blank" rel="noopener noreferrer" title={visit.pageUrl}>
        {visit.pageTitle || pageOf(visit.pageUrl)}
      </a>,
    ]);
  } else if (visit.pageTitle) rows.push([words.page, visit.pageTitle]);
  if (visit.referrer) rows.push([words.cameFrom, visit.referrer]);
  if (visit.language) rows.push([words.language, languageName(visit.language)]);
  if (visit.timeZone) {
    const time = timeThere(visit.timeZone, now);
    rows.push([words.timeZone, time ? words.timeThere(visit.timeZone, time) : visit.timeZone]);
  }
  if (visit.device) rows.push([words.device, words.devices[visit.device]]);
  if (rows.length === 0) return null;
  return (
    <section class="visit" aria-labelledby="visit-title">
      <h3 id="visit-title" class="visit-title">
        {words.title}
      </h3>
      <dl class="visit-list">
        {rows.map(([term, detail]) => (
          <div class="visit-item" key={term}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
