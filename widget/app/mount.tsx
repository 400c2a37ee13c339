/**
 * Mounts the app into the loader's shadow root: adopts the stylesheet, adds a container, and
 * decides what runs before the visitor touches anything:
 *   - rating steps left in the outbox by an earlier page are sent (over HTTP: no socket needed);
 *   - if a conversation is going on or its rating is due (due.ts), the socket reconnects, and a
 *     rating card that becomes due opens the panel once.
 * Otherwise the socket opens only when the visitor opens the chat.
 */
import { render } from 'preact';
import { HEX_SIGNATURE, ID_CHARACTERS, LIMITS } from '../../shared/limits';
import { mergeProfile, type VisitorProfile } from '../../shared/profile';
import type { RatingSave } from '../../shared/protocol';
import type { AppHandle, HostEventName, Mount, RateRequest, WidgetOptions } from './bridge';
import { connect, type Chat, type Identity } from './connection';
import { createRatingDelivery } from './delivery';
import { ratingDue } from './due';
import { App } from './App';
import { MissedReplies } from './Missed';
import { applyLanguage, setDictionary } from './i18n';
import { loadDictionary } from './languages';
import { RatingPanel } from './RatingPanel';
import { readStored, writeStored } from './persist';
import css from './styles.css?inline';

function adoptStyles(root: ShadowRoot, nonce: string | undefined): void {
  // Constructable stylesheets need no nonce under a strict CSP; <style nonce> is the fallback.
  if (root.adoptedStyleSheets && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.appendChild(style);
}

/** Web and inline images only: any other URL from a misconfigured page shows no avatar. */
function imageUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return /^https?:$/.test(url.protocol) || /^data:image\//.test(url.href) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= LIMITS.idLength && ID_CHARACTERS.test(value);

/** `userId` and `userHash` (and `email`) from the options, when there and well formed. */
function identityOf(options: WidgetOptions): Identity | undefined {
  const { userId, userHash, email } = options;
  if (userId === undefined && userHash === undefined) return undefined;
  if (isId(userId) && typeof userHash === 'string' && HEX_SIGNATURE.test(userHash)) {
    const wellFormed =
      typeof email === 'string' &&
      email.length <= LIMITS.emailLength &&
      /^[^\s@]+@[^\s@]+$/.test(email);
    if (email !== undefined && !wellFormed)
      console.error('peakend: email is not an email address.');
    return { userId, userHash, ...(wellFormed && { email }) };
  }
  console.error(
    'peakend: userId and userHash go together; userHash is the hex HMAC-SHA256 of "user:" + userId with the site\'s signing secret.',
  );
  return undefined;
}

/** The host page's `rate` arguments, checked: a mistake is reported to the page's developer. */
function rateRequest(value: unknown): RateRequest | null {
  const r = (value || {}) as Partial<RateRequest>;
  if (!isId(r.conversationId)) {
    console.error('peakend("rate"): conversationId must be the helpdesk conversation id.');
    return null;
  }
  if (typeof r.signature !== 'string' || !HEX_SIGNATURE.test(r.signature)) {
    console.error(
      'peakend("rate"): signature must be the hex HMAC-SHA256 of "conversation:" + its id with the site\'s signing secret.',
    );
    return null;
  }
  const agentName = typeof r.agentName === 'string' ? r.agentName.slice(0, 80) : undefined;
  return { conversationId: r.conversationId, signature: r.signature, agentName };
}

type HostListener = (detail?: unknown) => void;

export const mount: Mount = ({ root, launcher, src, options }): AppHandle => {
  const { site } = options;
  const server = new URL(src).origin;
  adoptStyles(root, options.nonce);
  const container = document.createElement('div');
  container.className = 'pk-root';
  container.lang = 'en';
  root.appendChild(container);
  /**
   * Nothing is drawn until the visitor's language has arrived (or, failing that, English); with
   * neither, the launcher simply stays, as when the app chunk cannot load.
   */
  let speaking = false;
  let drawWhenSpeaking = false;
  void loadDictionary(applyLanguage(options.lang).lang, src, options.nonce).then((loaded) => {
    if (!loaded) {
      console.warn('Peakend: the widget could not load its words; check that /widget/ is served.');
      return;
    }
    setDictionary(loaded.dictionary);
    // Screen readers pronounce the widget in its own language, whatever the host page's is.
    container.lang = loaded.lang;
    speaking = true;
    if (drawWhenSpeaking) draw();
  });

  const listeners: Record<string, HostListener[]> = {};
  let chat: Chat | undefined;
  let view: { kind: 'chat' } | { kind: 'rate'; request: RateRequest } = { kind: 'chat' };
  let isOpen = false;
  let takeFocus = true;
  let returnFocus: HTMLElement | null = null;
  /** The host page hears of a rating once, and again only if the face changes. */
  let lastRated = '';
  /** Who the visitor is (`data-segment`, `peakend('set', …)`), sent when a conversation starts. */
  let profile: VisitorProfile = {};
  setProfile(options.segment === undefined ? {} : { segment: options.segment });

  function setProfile(given: Record<string, unknown>): void {
    const merged = mergeProfile(profile, given);
    profile = merged.profile;
    if (merged.rejected.length > 0) {
      console.error(
        `peakend("set"): left out ${merged.rejected.join(', ')} (see docs/embedding.md).`,
      );
    }
  }

  function emit(name: HostEventName, detail?: unknown): void {
    for (const listener of listeners[name] || []) {
      try {
        listener(detail);
      } catch (error) {
        // A broken listener of the host page must not break the widget.
        console.error(error);
      }
    }
  }

  const delivery = createRatingDelivery({
    server,
    site,
    token: () => chat?.token() ?? (readStored(site, 'visitor') || undefined),
    socket: () => chat?.ratingSocket() ?? null,
    onAccepted(save, rating) {
      const key = `${save.conversationId}:${rating.end}`;
      if (key === lastRated) return;
      lastRated = key;
      emit('rated', { conversationId: save.conversationId, end: rating.end });
    },
  });

  function startChat(): Chat {
    if (chat) return chat;
    const started = connect(server, site, delivery, identityOf(options), () => profile);
    chat = started;
    started.subscribe(() => {
      const conversation = started.state().conversation;
      if (!conversation || conversation.status !== 'closed' || conversation.rating) return;
      if (isOpen && view.kind === 'chat') {
        // The card is on screen: it has been asked, it will not pop up again.
        writeStored(site, 'asked', conversation.id);
      } else if (ratingDue(conversation, readStored(site, 'asked'), Date.now())) {
        show({ kind: 'chat' }, false);
      }
    });
    return started;
  }

  function draw(): void {
    if (!speaking) {
      drawWhenSpeaking = true;
      return;
    }
    launcher.hidden = isOpen || String(options.launcher) === 'false';
    // A signed-in user's email reaches the console already: the card need not ask for one.
    const askContact = !(options.userId && options.userHash && options.email);
    const avatar = imageUrl(options.avatar);
    if (view.kind === 'rate') {
      const { request } = view;
      const save = (payload: RatingSave) =>
        delivery.save({ ...payload, signature: request.signature });
      render(
        <RatingPanel
          open={isOpen}
          conversationId={request.conversationId}
          agentName={request.agentName ?? null}
          avatar={avatar}
          save={save}
          askContact={askContact}
          onClose={() => hide(true)}
        />,
        container,
      );
      return;
    }
    const started = startChat();
    render(
      <>
        <App
          chat={started}
          open={isOpen}
          title={options.title}
          avatar={avatar}
          takeFocus={takeFocus}
          askContact={askContact}
          onClose={() => hide(true)}
        />
        <MissedReplies
          site={site}
          chat={started}
          open={isOpen}
          launcher={launcher}
          sound={String(options.sound) === 'true'}
          onOpen={() => show({ kind: 'chat' })}
        />
      </>,
      container,
    );
  }

  /** `byVisitor`: opened by the visitor or the page, so focus moves into the panel. */
  function show(next: typeof view, byVisitor = true): void {
    view = next;
    const opening = !isOpen;
    // Where focus goes back to when it closes, if not to the launcher: the page's own button
    // that asked for the rating, say.
    if (opening && byVisitor) returnFocus = document.activeElement as HTMLElement | null;
    isOpen = true;
    takeFocus = byVisitor;
    draw();
    if (next.kind === 'chat') {
      // Opened on a closed, unrated conversation: its card is now shown, and asked.
      const conversation = chat?.state().conversation;
      if (conversation?.status === 'closed' && !conversation.rating) {
        writeStored(site, 'asked', conversation.id);
      }
    }
    if (opening) emit('open');
  }

  /** `refocus`: the visitor closed it from inside, so focus goes back to the launcher. */
  function hide(refocus: boolean): void {
    if (!isOpen) return;
    isOpen = false;
    draw();
    if (refocus) {
      if (!launcher.hidden) launcher.focus();
      else if (returnFocus?.isConnected) returnFocus.focus();
    }
    returnFocus = null;
    emit('close');
  }

  // What an earlier page view left behind: undelivered rating steps, a conversation going on.
  if (readStored(site, 'outbox')) void delivery.flush();
  if (Number(readStored(site, 'due')) > Date.now()) draw();

  return ([command, arg, fn]) => {
    if (command === 'set' && arg && typeof arg === 'object')
      setProfile(arg as Record<string, unknown>);
    else if (command === 'open') show({ kind: 'chat' });
    else if (command === 'close') hide(false);
    else if (command === 'rate') {
      const request = rateRequest(arg);
      if (request) show({ kind: 'rate', request });
    } else if (command === 'on' && typeof arg === 'string' && typeof fn === 'function') {
      (listeners[arg] ||= []).push(fn as HostListener);
    } else if (command === 'init' && (chat || isOpen)) {
      // Title, avatar or launcher changed after the start.
      draw();
    }
  };
};
