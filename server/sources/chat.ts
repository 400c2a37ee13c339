/**
 * The built-in chat as a source of facts. Each action of a visitor or an agent is checked against
 * the conversation's current state, stamped with the server's time, and recorded through the same
 * pipeline as facts from the events API.
 */
import { createHash } from 'node:crypto';
import { disputableUntil, type ConversationState } from '../../shared/conversation';
import type { VisitorProfile } from '../../shared/profile';
import type { Visit } from '../../shared/visit';
import type { Fact, FactDraft, Peak, RatingExclusion } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import { DAY, MINUTE } from '../../shared/time';
import { may } from '../auth/roles';
import { signingKeyOf } from '../auth/signing';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { RateLimits, Who } from '../limits/limiter';
import { MEMBER_ADDRESS_MS, normalAddress } from '../limits/members';
import type { IdSource } from '../pipeline/ids';
import type { Pipeline } from '../pipeline/pipeline';
import type { Agent, Site, Store, StoredConversation } from '../storage/store';

export interface RatingInput {
  conversationId: string;
  key: string;
  end: number;
  peak?: Peak | null;
  comment?: string;
  /** Where the visitor agreed to be contacted about this rating. */
  contact?: { email: string };
  /** The card's last step: the visitor has finished it. */
  finished?: true;
  /** Host-chat mode: the host's HMAC of the conversation id (see auth/signing.ts). */
  signature?: string;
}

/** Where a visitor's action comes from: what the flood limits and the member rule look at. */
export interface VisitorSource {
  /** The client's address (a trusted proxy's X-Forwarded-For: see limits/sockets.ts). */
  address: string | undefined;
  /** A signed-in user's email, when the site's page gave it with the user's identity. */
  email?: string;
}

/**
 * How long a member has had no console open on the site: 0 while one is open (see
 * live/presence.ts).
 */
export type AwayFor = (siteId: string, agentId: string) => Promise<number>;

export class BuiltInChat {
  constructor(
    private readonly store: Store,
    private readonly pipeline: Pipeline,
    private readonly clock: Clock,
    private readonly newId: IdSource,
    private readonly limits: RateLimits,
  ) {}

  // -- visitor actions ------------------------------------------------------------------------

  /**
   * A visitor message goes to their open conversation, or starts a new one: at most so many new
   * ones per address and site (limits/policy.ts, `newConversation`), or a script from one
   * address floods the inbox with junk (M4).
   */
  async visitorMessage(
    site: Site,
    visitorId: string,
    text: string,
    from: VisitorSource,
    profile: VisitorProfile & { visit?: Visit; contact?: { email: string } } = {},
  ): Promise<StoredConversation> {
    const latest = await this.store.latestConversationOf(site.id, visitorId);
    if (latest?.status === 'open') {
      return this.record(site, latest.id, [{ type: 'message', from: 'visitor', text }]);
    }
    await this.limits.take('newConversation', siteAddress(site, from));
    return this.record(site, this.newId(), [
      // A signed-in user's email (verified with their identity) is how to reach them later;
      // else the one the visitor left while the team was away.
      {
        type: 'conversation.opened',
        visitorId,
        ...profile,
        ...(from.email ? { contact: { email: from.email } } : {}),
      },
      { type: 'message', from: 'visitor', text },
    ]);
  }

  /** "End chat": the visitor closes their conversation; no agent is named as closer. */
  async visitorEnd(site: Site, visitorId: string, conversationId: string) {
    const conversation = await this.visitorsConversation(site, visitorId, conversationId);
    if (conversation.status === 'closed') return conversation;
    return this.record(site, conversationId, [{ type: 'conversation.closed' }]);
  }

  /**
   * "That didn't happen": the visitor disputes a promise marked kept on time, within the reopen
   * window of its keeping; it then counts as broken (scoring.md, disputes). Once: a second
   * dispute is acknowledged and changes nothing.
   */
  async visitorDispute(site: Site, visitorId: string, conversationId: string, promiseId: string) {
    const conversation = await this.visitorsConversation(site, visitorId, conversationId);
    const promise = conversation.promises.find((p) => p.promiseId === promiseId);
    if (!promise) throw new Refusal('not_found', 'No such promise in this conversation.');
    if (promise.disputedAt !== null) return conversation;
    if (disputableUntil(promise, site.settings, this.clock.now()) === null) {
      const keptInTime = promise.keptAt !== null && promise.keptAt <= promise.dueAt;
      const days = site.settings.reopenWindowDays;
      throw new Refusal(
        'conflict',
        keptInTime
          ? `This promise was marked kept more than ${days} days ago: it can no longer be disputed.`
          : 'Only a promise marked kept in time can be disputed.',
      );
    }
    return this.record(site, conversationId, [{ type: 'promise.disputed', promiseId }]);
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
   *
   * A rating from the team itself, or past the flood limit of its address, is stored like any
   * other but marked `excluded` (`exclusionOf`): never refused, never silently dropped.
   */
  async rate(
    site: Site,
    visitorId: string | null,
    input: RatingInput,
    from: VisitorSource,
  ): Promise<StoredConversation> {
    const vouched = input.signature !== undefined;
    let conversation: StoredConversation | null;
    if (vouched) {
      // The current key's signing secret, or the previous key's during a grace period.
      const signedUnder = signingKeyOf(
        await this.store.secret('site-signing'),
        site,
        this.clock.now(),
        'conversation',
        input.conversationId,
        input.signature as string,
      );
      if (!signedUnder) {
        throw new Refusal(
          'forbidden',
          'the rating\'s signature does not match its conversation: sign "conversation:" + its id with the site\'s current signing secret (after a key rotation, sign with the new one).',
          undefined,
          'signature',
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
    const excluded = await this.exclusionOf(site, conversation, from);
    const fact: Fact = {
      id,
      conversationId: input.conversationId,
      at: now,
      type: 'rating',
      end: input.end,
      // null is an answer ("Nothing in particular"), kept apart from no answer yet.
      ...(input.peak !== undefined && { peak: input.peak }),
      ...(input.comment && { comment: input.comment }),
      ...(input.contact && { contact: input.contact }),
      ...(input.finished && { finished: true as const }),
      ...(excluded && { excluded }),
    };
    return this.recordFacts(site, input.conversationId, [fact]);
  }

  /**
   * Why a rating from `from` yields nothing, if it does not count (scoring.md, excluded ratings):
   * - `member`: a member of the site was seen at its address within a day (signed in, or with a
   *   console open), or it comes from a signed-in user with a member's email; unless the site
   *   turned the rule off (`excludeMemberRatings`: its customers share the team's network);
   * - `flood`: its address has given the site more ratings than the limit (limits/policy.ts,
   *   `countedRating`) lately. The step saves and amendments of one rating are one rating: a
   *   conversation's first rating takes a place, its later steps take the same verdict.
   * Clients on this machine are exempt from the address rules, as from every limit.
   */
  private async exclusionOf(
    site: Site,
    conversation: ConversationState | null,
    from: VisitorSource,
  ): Promise<RatingExclusion | undefined> {
    // The later steps of one rating take its first step's verdict: a counting rating (or one set
    // aside as unanswered) has had its place in the limit, a flood's or a member's stays so.
    const earlier = conversation?.rating ? 'counted' : conversation?.setAsideRating?.reason;
    if (earlier === 'flood' || earlier === 'member') return earlier;
    if (earlier === 'counted' || earlier === 'unanswered') return undefined;
    if (site.settings.excludeMemberRatings && (await this.fromMember(site, from))) return 'member';
    return (await this.limits.allow('countedRating', siteAddress(site, from)))
      ? undefined
      : 'flood';
  }

  private async fromMember(site: Site, from: VisitorSource): Promise<boolean> {
    if (from.email && (await this.store.isMemberEmail(site.id, from.email))) return true;
    if (!from.address || this.limits.exempt(from.address)) return false;
    const since = this.clock.now() - MEMBER_ADDRESS_MS;
    return this.store.memberSeenAt(site.id, normalAddress(from.address), since);
  }

  // -- agent actions --------------------------------------------------------------------------

  /**
   * Claims a conversation: one nobody holds, or, taking it over from a colleague, with the
   * supervisor role or once the colleague has had no console open for longer than the site's
   * reply time (M2: nobody takes a colleague's chat, and its rating, from under them).
   */
  async claim(site: Site, agent: Agent, conversationId: string, awayFor: AwayFor) {
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    if (conversation.assignedAgentId === agent.id) return conversation;
    await mayTakeOver(site, agent, conversation, awayFor);
    return this.record(site, conversationId, [
      { type: 'conversation.assigned', agentId: agent.id },
    ]);
  }

  /**
   * A reply from an agent. Replying to an unassigned conversation claims it; replying to a
   * colleague's takes it over, with the same rights as claiming it: a rating rates whom the
   * visitor heard last, so one line in someone else's chat must not take its rating.
   */
  async reply(site: Site, agent: Agent, conversationId: string, text: string, awayFor: AwayFor) {
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    const drafts: FactDraft[] = [];
    if (conversation.assignedAgentId !== agent.id) {
      await mayTakeOver(site, agent, conversation, awayFor);
      drafts.push({ type: 'conversation.assigned', agentId: agent.id });
    }
    drafts.push({ type: 'message', from: 'agent', agentId: agent.id, text });
    return this.record(site, conversationId, drafts);
  }

  /**
   * A promise to the visitor. Made in a colleague's conversation, it takes the conversation over,
   * with the same rights as claiming it: else promises kept in others' chats would lift one's
   * reliability, and use up the few promises of theirs that count.
   */
  async makePromise(
    site: Site,
    agent: Agent,
    conversationId: string,
    promise: { text: string; dueAt: number },
    awayFor: AwayFor,
  ) {
    const { text, dueAt } = promise;
    const conversation = await this.agentsConversation(site, conversationId);
    requireOpen(conversation);
    const now = this.clock.now();
    if (dueAt <= now) throw new Refusal('invalid', 'A promise must be due in the future.');
    // Sooner than that, keeping it says nothing (scoring.md, promises about the future).
    const soonest = site.settings.minPromiseSeconds;
    if (dueAt < now + soonest * 1000) {
      throw new Refusal('invalid', `A promise must be due at least ${soonest} seconds ahead.`);
    }
    if (dueAt > now + LIMITS.promiseHorizonDays * DAY) {
      throw new Refusal(
        'invalid',
        `A promise can be due at most ${LIMITS.promiseHorizonDays} days ahead.`,
      );
    }
    const drafts: FactDraft[] = [];
    if (conversation.assignedAgentId !== agent.id) {
      await mayTakeOver(site, agent, conversation, awayFor);
      drafts.push({ type: 'conversation.assigned', agentId: agent.id });
    }
    drafts.push({ type: 'promise.made', promiseId: this.newId(), agentId: agent.id, dueAt, text });
    return this.record(site, conversationId, drafts);
  }

  /**
   * Marks a promise kept: its maker, the conversation's current assignee or a supervisor may
   * (M2: nobody marks a colleague's promises kept for them), and the keep names who did.
   */
  async keepPromise(site: Site, agent: Agent, conversationId: string, promiseId: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    const promise = conversation.promises.find((p) => p.promiseId === promiseId);
    if (!promise) throw new Refusal('not_found', 'No such promise in this conversation.');
    const allowed =
      promise.agentId === agent.id ||
      conversation.assignedAgentId === agent.id ||
      may(agent.role, 'supervise');
    if (!allowed) {
      throw new Refusal(
        'forbidden',
        'Only the agent who made this promise, the agent the conversation is assigned to, or a supervisor may mark it kept.',
      );
    }
    if (promise.keptAt !== null) return conversation;
    // A late keep moves no score (the promise stays broken), but the visitor still sees it done.
    return this.record(site, conversationId, [
      { type: 'promise.kept', promiseId, agentId: agent.id },
    ]);
  }

  /**
   * Closes a conversation: its assignee or a supervisor may, or, while nobody holds it, any
   * member of the site (a chat nobody claimed must not stay open for want of a supervisor).
   */
  async close(site: Site, agent: Agent, conversationId: string) {
    const conversation = await this.agentsConversation(site, conversationId);
    const holder = conversation.assignedAgentId;
    if (holder !== null && holder !== agent.id && !may(agent.role, 'supervise')) {
      throw new Refusal(
        'forbidden',
        "This conversation is a colleague's: only they or a supervisor may close it.",
      );
    }
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

/** The client's address on this site, as the per-site address limits count it. */
function siteAddress(site: Site, from: VisitorSource): Who {
  return {
    ip: from.address,
    ...(from.address && { siteAddress: `${site.id}\n${normalAddress(from.address)}` }),
  };
}

/**
 * Taking a colleague's conversation needs the supervisor role, or the colleague away for longer
 * than the reply time the site promises; an unassigned one anybody may take.
 */
async function mayTakeOver(
  site: Site,
  agent: Agent,
  conversation: ConversationState,
  awayFor: AwayFor,
): Promise<void> {
  const holder = conversation.assignedAgentId;
  if (holder === null || holder === agent.id || may(agent.role, 'supervise')) return;
  const replySeconds = site.settings.targetReplySeconds;
  if ((await awayFor(site.id, holder)) <= replySeconds * 1000) {
    throw new Refusal(
      'forbidden',
      `This conversation is a colleague's. A supervisor may take it over, or anyone once they have been away for more than ${replySeconds} seconds.`,
    );
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
