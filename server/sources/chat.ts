/**
 * The built-in chat as a source of facts. Each action of a visitor or an agent is checked against
 * the conversation's current state, stamped with the server's time, and recorded through the same
 * pipeline as facts from the events API.
 */
import { createHash } from 'node:crypto';
import type { ConversationState } from '../../shared/conversation';
import type { Fact, FactDraft, Peak } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import { DAY, MINUTE } from '../../shared/time';
import { siteSigningSecret, verifySignedValue } from '../auth/signing';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { IdSource } from '../pipeline/ids';
import type { Pipeline } from '../pipeline/pipeline';
import type { Agent, Site, Store } from '../storage/store';

export interface RatingInput {
  conversationId: string;
  key: string;
  end: number;
  peak?: Peak | null;
  comment?: string;
  /** Host-chat mode: the host's HMAC of the conversation id (see auth/signing.ts). */
  signature?: string;
}

export class BuiltInChat {
  constructor(
    private readonly store: Store,
    private readonly pipeline: Pipeline,
    private readonly clock: Clock,
    private readonly newId: IdSource,
  ) {}

  // -- visitor actions ------------------------------------------------------------------------

  /** A visitor message goes to their open conversation, or starts a new one. */
  async visitorMessage(site: Site, visitorId: string, text: string): Promise<ConversationState> {
    const latest = await this.store.latestConversationOf(site.id, visitorId);
    if (latest?.status === 'open') {
      return this.record(site, latest.id, [{ type: 'message', from: 'visitor', text }]);
    }
    return this.record(site, this.newId(), [
      { type: 'conversation.opened', visitorId },
      { type: 'message', from: 'visitor', text },
    ]);
  }

  /** "End chat": the visitor closes their conversation; no agent is named as closer. */
  async visitorEnd(site: Site, visitorId: string, conversationId: string) {
    const conversation = await this.visitorsConversation(site, visitorId, conversationId);
    if (conversation.status === 'closed') return conversation;
    return this.record(site, conversationId, [{ type: 'conversation.closed' }]);
  }

  /** "This isn't solved": reopens within the site's reopen window. */
  async visitorReopen(site: Site, visitorId: string, conversationId: string) {
    const conversation = await this.visitorsConversation(site, visitorId, conversationId);
    if (conversation.status === 'open') return conversation;
    if (this.clock.now() > (reopenableUntil(site, conversation) ?? 0)) {
      throw new Refusal('conflict', 'This conversation was closed too long ago to reopen.');
    }
    return this.record(site, conversationId, [{ type: 'conversation.reopened' }]);
  }

  /**
   * One step of the rating card. The rated agent is the server's snapshot at the close, never
   * the visitor's choice; the same idempotency key always makes the same fact id, so a resend is
   * a duplicate and changes nothing.
   *
   * Who may rate: the visitor whose conversation it is, once it has ended; or, in host-chat mode,
   * anyone holding the host's signature of the conversation id. The host decides when to ask, so
   * a signed rating may come before its helpdesk's close event, or even before its first event
   * (the conversation is then opened implicitly, as the events API does).
   */
  async rate(site: Site, visitorId: string | null, input: RatingInput): Promise<ConversationState> {
    const vouched = input.signature !== undefined;
    let conversation: ConversationState | null;
    if (vouched) {
      const secret = siteSigningSecret(await this.store.secret('site-signing'), site);
      if (!verifySignedValue(secret, input.conversationId, input.signature as string)) {
        throw new Refusal(
          'forbidden',
          "The signature does not match this conversation: sign its id with the site's signing secret.",
        );
      }
      conversation = await this.store.getConversation(site.id, input.conversationId);
    } else {
      if (visitorId === null) throw new Refusal('unauthorized', 'No valid visitor token.');
      conversation = await this.visitorsConversation(site, visitorId, input.conversationId);
      if (conversation.closedAt === null) {
        throw new Refusal('conflict', 'A conversation can be rated once it has ended.');
      }
    }
    const id = `rating-${createHash('sha256')
      .update(`${input.conversationId}\n${input.key}`)
      .digest('base64url')
      .slice(0, 32)}`;
    const rating = conversation?.rating;
    // A resend of the version that counts (an outbox replaying a step) is simply acknowledged.
    if (conversation && rating?.factId === id) return conversation;
    const now = this.clock.now();
    if (rating && now > rating.firstAt + site.settings.ratingAmendMinutes * MINUTE) {
      throw new Refusal('conflict', 'This rating can no longer be changed.');
    }
    const fact: Fact = {
      id,
      conversationId: input.conversationId,
      at: now,
      type: 'rating',
      end: input.end,
      ...(input.peak && { peak: input.peak }),
      ...(input.comment && { comment: input.comment }),
    };
    return this.recordFacts(site, input.conversationId, [fact]);
  }

  // -- agent actions --------------------------------------------------------------------------

  async claim(site: Site, agent: Agent, conversationId: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    if (conversation.assignedAgentId === agent.id) return conversation;
    return this.record(site, conversationId, [
      { type: 'conversation.assigned', agentId: agent.id },
    ]);
  }

  /** A reply from an agent; replying to an unassigned conversation claims it. */
  async reply(site: Site, agent: Agent, conversationId: string, text: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    const drafts: FactDraft[] = [];
    if (conversation.assignedAgentId === null) {
      drafts.push({ type: 'conversation.assigned', agentId: agent.id });
    }
    drafts.push({ type: 'message', from: 'agent', agentId: agent.id, text });
    return this.record(site, conversationId, drafts);
  }

  async makePromise(site: Site, agent: Agent, conversationId: string, text: string, dueAt: number) {
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    const now = this.clock.now();
    if (dueAt <= now) throw new Refusal('invalid', 'A promise must be due in the future.');
    if (dueAt > now + LIMITS.promiseHorizonDays * DAY) {
      throw new Refusal(
        'invalid',
        `A promise can be due at most ${LIMITS.promiseHorizonDays} days ahead.`,
      );
    }
    return this.record(site, conversationId, [
      { type: 'promise.made', promiseId: this.newId(), agentId: agent.id, dueAt, text },
    ]);
  }

  async keepPromise(site: Site, conversationId: string, promiseId: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    const promise = conversation.promises.find((p) => p.promiseId === promiseId);
    if (!promise) throw new Refusal('not_found', 'No such promise in this conversation.');
    if (promise.keptAt !== null) return conversation;
    // A late keep moves no score (the promise stays broken), but the visitor still sees it done.
    return this.record(site, conversationId, [{ type: 'promise.kept', promiseId }]);
  }

  async close(site: Site, agent: Agent, conversationId: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    if (conversation.status === 'closed') return conversation;
    return this.record(site, conversationId, [{ type: 'conversation.closed', agentId: agent.id }]);
  }

  // -- helpers --------------------------------------------------------------------------------

  private async visitorsConversation(site: Site, visitorId: string, conversationId: string) {
    const conversation = await this.store.getConversation(site.id, conversationId);
    // Someone else's conversation is reported as missing: its existence is not the visitor's business.
    if (!conversation || conversation.visitorId !== visitorId) {
      throw new Refusal('not_found', 'No such conversation.');
    }
    return conversation;
  }

  private async agentsConversation(site: Site, conversationId: string) {
    const conversation = await this.store.getConversation(site.id, conversationId);
    if (!conversation) throw new Refusal('not_found', 'No such conversation.');
    return conversation;
  }

  private record(site: Site, conversationId: string, drafts: FactDraft[]) {
    const at = this.clock.now();
    const facts = drafts.map(
      (draft) => ({ ...draft, id: this.newId(), conversationId, at }) as Fact,
    );
    return this.recordFacts(site, conversationId, facts);
  }

  private async recordFacts(site: Site, conversationId: string, facts: Fact[]) {
    const recorded = await this.pipeline.record(site, facts);
    const state =
      recorded.conversations.find((c) => c.id === conversationId) ??
      (await this.store.getConversation(site.id, conversationId));
    if (!state) throw new Error(`Conversation ${conversationId} vanished while being recorded`);
    return state;
  }
}

function requireOpen(conversation: ConversationState): void {
  if (conversation.status !== 'open') {
    throw new Refusal('conflict', 'This conversation is closed.');
  }
}

/** Until when "This isn't solved" is offered: null while the conversation is open. */
export function reopenableUntil(site: Site, conversation: ConversationState): number | null {
  if (conversation.status !== 'closed' || conversation.closedAt === null) return null;
  return conversation.closedAt + site.settings.reopenWindowDays * DAY;
}
