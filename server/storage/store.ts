/**
 * The one storage interface. SQLite (the embedded default) implements it, and PostgreSQL will
 * implement the same methods and pass the same tests.
 *
 * Facts are the source of truth; the conversation rows are their derivation, rewritten in the
 * same transaction as the facts that change them, so every acknowledged write is committed whole.
 */
import type { AgentView, Role } from '../../shared/accounts';
import type { ConversationState, RatingVersion, SetAsideReason } from '../../shared/conversation';
import type { Fact, Peak } from '../../shared/facts';
import type { SiteSettings } from '../../shared/settings';
import type { ConversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { DecayedSums, SubjectSums } from '../../shared/scoring/sums';
import type { Observation, ScoredDimension } from '../../shared/scoring/types';
import type { Change } from './changes';
import type { FollowupRepository } from './followups';
import type { IntegrationRepository } from './integrations';
import type { WebhookRepository } from './webhooks';
import type { FirstReplyRow, ReplyPeriod } from './expectation';
import type { TrendPoint, TrendSettings } from './trends';

export type { Role };

/**
 * A conversation as stored: its state, and its row's version (how many times it was written),
 * which every change and view carries so the newest of two that cross wins.
 */
export interface StoredConversation extends ConversationState {
  version: number;
}

/** Decayed sums of one (segment, dimension) at τ; `segment` null: no segment said. */
export interface SegmentSums extends DecayedSums {
  segment: string | null;
  dimension: ScoredDimension;
}

/** How many counting ratings of a segment had this end and this peak (null: no chip chosen). */
export interface SegmentRatingCount {
  segment: string | null;
  end: number;
  peak: Peak | null;
  n: number;
}

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  /** SHA-256 of the site key (the key itself is shown once, at creation); null: no API access. */
  keyHash: string | null;
  /**
   * After a key rotation with a grace period: the key it replaced, still accepted (with its
   * signing secret and its visitor tokens) until `until`; auth/site-keys.ts says what is
   * accepted when. Absent or null: none. Only `rotateSiteKey` and `revokePreviousKey` change it.
   */
  previousKey?: PreviousKey | null;
  createdAt: number;
}

/** A key rotated out with a grace period: its hash, and when it stops working (epoch ms). */
export interface PreviousKey {
  keyHash: string;
  until: number;
}

/** A site's key changed: the site as it is now, and the change to hand the feed. */
export interface KeyChange {
  site: Site;
  changes: Change[];
  /** The previous key this change revoked before its time, if any (its sockets are to end). */
  revoked: string | null;
}

/**
 * A person who signs in. They belong to sites through agent rows (one per site, each with its
 * role), so one account may hold roles on several sites and each site keeps its own scores.
 */
export interface Account {
  id: string;
  /**
   * Lower case. One account per email and home site (below): an email may have one account per
   * site whose invite made it, and one the operator made (docs/accounts.md).
   */
  email: string;
  name: string;
  createdAt: number;
}

export interface AccountCredentials {
  account: Account;
  passwordHash: string | null;
}

/** An account as sign-in and invites weigh it: where it came from, whether its email is proven. */
export interface AccountRecord extends AccountCredentials {
  /** The site whose invite made the account; null for one the operator made (the demo's). */
  homeSiteId: string | null;
  /**
   * When its owner proved the email theirs (a link mailed to it, opened signed in), or, for an
   * account the operator made, when it was made. Null: not proven, so no other site's invite
   * may join it.
   */
  verifiedAt: number | null;
}

/** A one-time link that proves an account's email, mailed to it; only the secret's hash kept. */
export interface EmailVerification {
  tokenHash: string;
  accountId: string;
  expiresAt: number;
}

/** What changes about a member: a new role, or their access removed (the agent stays). */
export type MemberChange = { role: Role } | { answersChats: boolean } | { remove: true };

/** How a member change went: done (the agent as it is now), or refused. */
export type MemberChangeResult =
  | { outcome: 'changed'; agent: Agent }
  /** It would leave the site without an admin who can sign in: nothing written. */
  | { outcome: 'last_admin'; agent: Agent }
  /** No member with access by that agent id. */
  | { outcome: 'not_member' };

/**
 * A write that collides with one already made (two accepts of invites for one new email at once,
 * a membership that exists): the caller answers 409, and nothing was written.
 */
export class StoreConflict extends Error {}

/**
 * Someone a site scores. With an account, also a member of the site's team who signs in to its
 * console with `role`; without one (an agent id from a helpdesk's events, or a member whose
 * access was removed), scored only.
 */
export interface Agent {
  siteId: string;
  id: string;
  name: string;
  role: Role;
  accountId: string | null;
  /** The account's email, read with the agent; saving an agent never changes it. */
  email: string | null;
  createdAt: number;
  /**
   * Whether they answer chats; absent means they do. A member who does not (an admin who only
   * administers) is left out of the scores while they have no observations. Saving an agent
   * never changes it: only a member change does.
   */
  answersChats?: boolean;
}

/** How naming an agent through the agents API went. */
export type AgentNamingResult =
  | { outcome: 'named'; agent: AgentView }
  /** The agent id is a member who signs in: their account names them. */
  | { outcome: 'has_access'; agent: AgentView }
  /** `memberId` is not a member of this site (or is the agent itself). */
  | { outcome: 'no_member' };

/** A signed-in browser: the account, and which of its sites the console shows. */
export interface Session {
  tokenHash: string;
  accountId: string;
  siteId: string;
  createdAt: number;
  expiresAt: number;
}

/** An invite to a site's team, until it is used, revoked or expires; the link's secret hashed. */
export interface Invite {
  id: string;
  tokenHash: string;
  siteId: string;
  email: string;
  role: Role;
  /** The scored agent (without an account) the invitee becomes; null: a new agent. */
  agentId: string | null;
  createdAt: number;
  expiresAt: number;
}

/** What accepting an invite writes, in one transaction with using it up. */
export interface InviteRedemption {
  /**
   * A new person: their account, created now, with the site whose invite made it (unproven
   * email); without `homeSiteId`, an account as the operator makes them.
   */
  newAccount?: { account: Account; passwordHash: string; homeSiteId?: string };
  /** Their membership: a new agent row, or the invite's scored agent given the account. */
  member: Agent;
}

/** What a conversation contributed to scores before and after a change to its facts. */
export interface EvidenceChange {
  conversationId: string;
  /** Null for a conversation new to the store. */
  before: ConversationEvidence | null;
  after: ConversationEvidence;
}

export interface RecordResult {
  /** Facts stored by this call, in the order given. */
  accepted: Fact[];
  /** Facts whose id was already stored: ignored. */
  duplicates: number;
  /** The new state of every conversation an accepted fact touched. */
  conversations: StoredConversation[];
  /** Their evidence before and after. */
  evidence: EvidenceChange[];
  /** What the write appended to the site's change log, in order (empty when nothing changed). */
  changes: Change[];
}

export interface RecordOptions {
  /** An id stored before with another body is refused (the events API), not ignored. */
  refuseChangedRepeats?: boolean;
}

export interface RederivedChunk {
  evidence: EvidenceChange[];
  changes: Change[];
  /** The last conversation id of this chunk, to go on after; null when no conversation is left. */
  next: string | null;
}

export interface ScoreSnapshot {
  seq: number;
  evidence: { conversationId: string; evidence: ConversationEvidence }[];
}

/** A site's live-score board as of change `seq`, serialised by scores/checkpoint.ts. */
export interface ScoreCheckpoint {
  siteId: string;
  seq: number;
  at: number;
  board: unknown;
}

export interface ConversationQuery {
  /** Open conversations, plus closed ones whose last activity is at or after this time. */
  closedSince: number;
  limit: number;
  /** Only those after this place in the inbox's order (the last one of the page before). */
  after?: InboxPlace;
}

/**
 * Where a conversation stands in the inbox: waiting for a reply (0: open, its visitor's message
 * unanswered) before the other open ones (1) before closed ones (2); then newest activity first,
 * then by id (descending), so each has one place.
 */
export interface InboxPlace {
  rank: 0 | 1 | 2;
  lastActivityAt: number;
  id: string;
}

export interface ListedConversation {
  state: StoredConversation;
  place: InboxPlace;
}

/**
 * Where a rated conversation stands in rating order: its rating's time, then its id, so each has
 * one place and a page can go on after the last one of the page before (a keyset cursor).
 */
export interface RatingPlace {
  at: number;
  conversationId: string;
}

/** Which ratings to read, in which order; `from` and `to` bound the ratings' times. */
export interface RatingQuery {
  /** At or after this time (ms). */
  from: number;
  /** Before this time (ms). */
  to: number;
  /** Oldest first (exports) or newest first (the comments feed). */
  order: 'asc' | 'desc';
  /** Only those after this place, in the order asked. */
  after?: RatingPlace;
  limit: number;
  /** Only ratings with a comment or a chip ("What stood out most?"). */
  remarked?: boolean;
  /** Only ratings of this agent. */
  agentId?: string;
  /** Only ratings whose chip ("What stood out most?") has this polarity. */
  polarity?: 'positive' | 'negative';
}

/**
 * A conversation's rating as a report shows it: the version that counts, or, when none counts,
 * the latest one set aside, with why (scoring.md, integrity rules).
 */
export interface StoredRating {
  conversationId: string;
  visitorId: string | null;
  /** The conversation's segment, once the widget or the events API has set one. */
  segment: string | null;
  rating: RatingVersion;
  /** Null when the rating counts. */
  setAside: SetAsideReason | null;
}

/** What a data deletion did (storage/redact.ts). */
export interface Redaction {
  /** The conversations redacted, whether or not anything was left to take out of them. */
  conversationIds: string[];
  /** How many facts had something taken out. */
  facts: number;
  /** What it appended to the site's change log (each conversation's new version). */
  changes: Change[];
}

/** Where a conversation stands in the history: its last activity, then its id (a keyset). */
export interface HistoryPlace {
  lastActivityAt: number;
  conversationId: string;
}

/**
 * Which conversations of the history to read (history.ts): every filter given must hold. A
 * conversation's rating, for `ratings` and `comment`, is the one reports show (`StoredRating`).
 */
export interface HistoryQuery {
  status?: 'open' | 'closed';
  /**
   * The agent's work: assigned to them, last answered or closed by them, rated for them, or with
   * evidence for or against them.
   */
  agentId?: string;
  /** Last activity at or after this time (ms). */
  from?: number;
  /** Last activity before this time (ms). */
  to?: number;
  /** Of this segment; null: of none. */
  segment?: string | null;
  /** Rated with one of these ends, or (`none`) not rated. */
  ratings?: readonly (number | 'none')[];
  /** Whether the rating has a comment. */
  comment?: boolean;
  /** Words that a message or a rating comment of the conversation holds, all in the same one. */
  words?: readonly string[];
  /** Only those after this place, newest activity first. */
  after?: HistoryPlace;
  limit: number;
}

/** A conversation of the history, with its latest text that matched the search (if any). */
export interface HistoryEntry {
  state: StoredConversation;
  match: { text: string; at: number } | null;
}

/**
 * The follow-up queue's (followups.ts), the integrations' (integrations.ts) and the webhooks'
 * (webhooks.ts) reads and writes are the store's too.
 */
export interface Store extends FollowupRepository, IntegrationRepository, WebhookRepository {
  /** Throws when storage cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Hears of every commit of facts: how many it stored (group commit shares one among many). */
  observeCommits(listener: (facts: number) => void): void;

  /** A server secret by name, created at random on first use and stable afterwards. */
  secret(name: string): Promise<Buffer>;

  createSite(site: Site): Promise<void>;
  getSite(siteId: string): Promise<Site | null>;
  /** Changes name, origins, settings and key hash; the change it logged (caches of it are stale). */
  /**
   * Saves the site's name, origins and settings. Never its keys: a stale copy of the site must
   * not bring back a key that was rotated or revoked meanwhile.
   */
  updateSite(site: Site): Promise<Change[]>;
  /**
   * Gives the site a new key. With `graceUntil`, the key it replaces is kept as its previous key
   * until then, and any previous key from an earlier rotation is revoked; without, every older
   * key stops at once. Null: no such site.
   */
  rotateSiteKey(
    siteId: string,
    keyHash: string,
    graceUntil: number | null,
  ): Promise<KeyChange | null>;
  /** Ends the grace period: the previous key is revoked at once. Null: no such site. */
  revokePreviousKey(siteId: string): Promise<KeyChange | null>;
  /** The site `keyHash` identifies at `now`: its current key, or its previous one in grace. */
  findSiteByKeyHash(keyHash: string, now: number): Promise<Site | null>;
  listSites(): Promise<Site[]>;

  /** Creates the agent, or updates its name, role and account if it exists. */
  saveAgent(agent: Agent): Promise<void>;
  getAgent(siteId: string, agentId: string): Promise<Agent | null>;
  listAgents(siteId: string): Promise<Agent[]>;
  /** The site's agent ids with their names: where each comes from, and any linked member. */
  listAgentNames(siteId: string): Promise<AgentView[]>;
  /** Names an agent id (made if new) as the site's team says: events never override it. */
  nameAgent(
    siteId: string,
    agentId: string,
    naming: { name: string; avatarUrl: string | null; memberId: string | null },
    at: number,
  ): Promise<AgentNamingResult>;

  /**
   * An account the operator makes (the demo's): no home site, its email taken as proven. Throws
   * if such an account with this email exists.
   */
  createAccount(account: Account, passwordHash: string): Promise<void>;
  getAccount(accountId: string): Promise<Account | null>;
  /** The oldest account with this email. */
  findCredentials(email: string): Promise<AccountCredentials | null>;
  /** Every account with this email (one per home site), oldest first. */
  accountsByEmail(email: string): Promise<AccountRecord[]>;
  accountRecord(accountId: string): Promise<AccountRecord | null>;
  setPasswordHash(accountId: string, passwordHash: string): Promise<void>;
  /** Stores a link that proves the account's email, replacing any earlier one of the account. */
  createVerification(verification: EmailVerification): Promise<void>;
  /**
   * Uses up the account's link with this secret and marks its email proven at `now`; false when
   * the account has no such link, or it expired.
   */
  verifyEmail(tokenHash: string, accountId: string, now: number): Promise<boolean>;
  /** The account's agent on that site: its membership, if it has one. */
  memberOf(accountId: string, siteId: string): Promise<Agent | null>;
  /** Every membership of the account, oldest first. */
  membershipsOf(accountId: string): Promise<Agent[]>;

  /** Stores the session, and forgets every session that has expired by its creation. */
  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | null>;
  /** Which site the session's console shows. */
  setSessionSite(tokenHash: string, siteId: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the account but `keep` (if given); the token hashes it ended. */
  deleteSessionsOf(accountId: string, keep?: string): Promise<string[]>;

  /**
   * Changes a member's role or removes their access, checking in the same transaction (with the
   * site's admins locked) that the site keeps an admin who can sign in: two admins demoting each
   * other at once leave one of them admin.
   */
  changeMember(siteId: string, agentId: string, change: MemberChange): Promise<MemberChangeResult>;

  createInvite(invite: Invite): Promise<void>;
  /** The invite with this secret, unless it is used, revoked or expired. */
  findInvite(tokenHash: string, now: number): Promise<Invite | null>;
  /** A site's invites not yet used nor expired, oldest first. */
  listInvites(siteId: string, now: number): Promise<Invite[]>;
  /** Revokes an invite; false if the site has no such invite. */
  deleteInvite(siteId: string, inviteId: string): Promise<boolean>;
  /**
   * Uses the invite up and writes what accepting it makes, in one transaction, so a link works
   * once however many times it is sent. False, writing nothing, when the invite is used, revoked
   * or expired, or its scored agent has meanwhile been given to someone else. Throws
   * StoreConflict, writing nothing, when the account or membership it makes exists already.
   */
  redeemInvite(tokenHash: string, now: number, redemption: InviteRedemption): Promise<boolean>;

  /**
   * Stores the facts (a fact whose id is stored already is ignored) and derives each touched
   * conversation's new state and evidence (server/storage/derive.ts), in one transaction. An
   * agent id the site does not know yet becomes an agent of the site (named by its id), in the
   * same transaction. Throws a Refusal, storing nothing, for facts a conversation may not take
   * (past its limits, a used promise id), or, with `refuseChangedRepeats`, for a stored id sent
   * again with another body.
   */
  recordFacts(site: Site, facts: readonly Fact[], options?: RecordOptions): Promise<RecordResult>;
  /** The conversation's facts, in conversation order; with `last`, only its latest that many. */
  listFacts(siteId: string, conversationId: string, last?: number): Promise<Fact[]>;
  /** The latest `last` facts of each conversation, in conversation order, in one read. */
  recentFacts(
    siteId: string,
    conversationIds: readonly string[],
    last: number,
  ): Promise<Map<string, Fact[]>>;
  getConversation(siteId: string, conversationId: string): Promise<StoredConversation | null>;
  /** Those of the conversations that exist, in one read (in no particular order). */
  getConversations(
    siteId: string,
    conversationIds: readonly string[],
  ): Promise<StoredConversation[]>;
  /**
   * The inbox, in its order (`InboxPlace`): conversations with at least one message from their
   * visitor (one without is nobody's to answer: junk, or a helpdesk's rating alone).
   */
  listConversations(siteId: string, query: ConversationQuery): Promise<ListedConversation[]>;
  /**
   * How many conversations of the site wait for a reply: those the inbox ranks first (open, a
   * message from their visitor, and their visitor wrote last or reopened them unanswered). A
   * count only, for the consoles of the site's members that show another of their sites.
   */
  countWaiting(siteId: string): Promise<number>;
  /**
   * A member (by account) was seen at `address` at `at`: signed in, or had a console open. Rows
   * older than a day are pruned meanwhile.
   */
  noteMemberAddress(accountId: string, address: string, at: number): Promise<void>;
  /** Members (site, agent) had a console open at `at` (it only moves forward). */
  noteMembersSeen(
    members: readonly { siteId: string; agentId: string }[],
    at: number,
  ): Promise<void>;
  /** When the member last had a console open, on any node; null if never. */
  memberLastSeen(siteId: string, agentId: string): Promise<number | null>;
  /** Whether a member of the site was seen at `address` at or after `since`. */
  memberSeenAt(siteId: string, address: string, since: number): Promise<boolean>;
  /** Whether `email` (lower case) is the email of a member of the site. */
  isMemberEmail(siteId: string, email: string): Promise<boolean>;
  /**
   * The conversation the visitor continues: their open one if any (a rating amended on an older
   * one must not take its place), else their most recently active one.
   */
  latestConversationOf(siteId: string, visitorId: string): Promise<StoredConversation | null>;
  /**
   * A page of the site's rated conversations (`StoredRating`), in rating order, through the
   * conversations_by_rating index: exports and the comments feed read any number of them a page
   * at a time, never all at once.
   */
  listRatings(siteId: string, query: RatingQuery): Promise<StoredRating[]>;
  /** A page of the site's conversations, newest activity first, filtered and searched. */
  listHistory(siteId: string, query: HistoryQuery): Promise<HistoryEntry[]>;
  /** Whether the conversation is the agent's work, as `HistoryQuery.agentId` means it. */
  isAnswerable(siteId: string, conversationId: string, agentId: string): Promise<boolean>;
  /** The counting version of every rating of the site, with its rated agent. */
  countedRatings(siteId: string): Promise<CountedRating[]>;

  /**
   * The evidence of every conversation of the site and the number of the last change it
   * includes, read in one snapshot: live scores are built from it, then follow the changes
   * after that number.
   */
  scoreSnapshot(siteId: string): Promise<ScoreSnapshot>;
  /** The site's changes numbered after `after`, in order, at most `limit`. */
  changesSince(siteId: string, after: number, limit: number): Promise<Change[]>;
  /** The number of the site's last change (0: none yet). */
  lastChange(siteId: string): Promise<number>;
  /** The site's saved live-score board, if any (see scores/checkpoint.ts). */
  loadCheckpoint(siteId: string): Promise<ScoreCheckpoint | null>;
  /** Saves a board unless a newer one (a later change number) is saved already. */
  saveCheckpoint(checkpoint: ScoreCheckpoint): Promise<void>;
  /** Forgets changes numbered at or before `upTo` and older than `before` (ms). */
  pruneChanges(siteId: string, upTo: number, before: number): Promise<void>;
  /** Every fact of the site, by conversation (the reference replay, in tests). */
  siteFacts(siteId: string): Promise<Fact[][]>;
  /**
   * The site's decayed sums per (subject, dimension) at τ, aggregated from the stored
   * observations with `at ≤ τ` in the database: scores at a past time without deriving any
   * conversation again.
   */
  sumsAt(
    siteId: string,
    at: number,
    settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>,
  ): Promise<SubjectSums[]>;
  /**
   * What each trend bucket's scores are assembled from, at each end (ascending, none in the
   * future): the sums `sumsAt` would give there, from the site's daily figures, and the counting
   * ratings of CSAT's 30 days up to it per agent (trends.ts).
   */
  trendPoints(
    siteId: string,
    ends: readonly number[],
    settings: TrendSettings,
  ): Promise<TrendPoint[]>;
  /**
   * The site's decayed sums at τ per (segment of the conversation, dimension): `sumsAt`, grouped
   * by who the visitors are instead of by agent (null: conversations without a segment).
   */
  segmentSumsAt(
    siteId: string,
    at: number,
    settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>,
  ): Promise<SegmentSums[]>;
  /**
   * The counting ratings given in [from, to), counted per segment, end and peak: what the
   * segments view needs of them, summed in the database.
   */
  segmentRatings(siteId: string, from: number, to: number): Promise<SegmentRatingCount[]>;
  /**
   * The first replies sent in each period (start, end], and in all of them together (period
   * -1), for the site and per agent: their number, how many ended a Wait of at most `targetMs`,
   * and the median and 90th percentile of those Waits (exact, by nearest rank; expectation.ts).
   */
  firstReplyFigures(
    siteId: string,
    periods: readonly ReplyPeriod[],
    targetMs: number,
  ): Promise<FirstReplyRow[]>;
  /** The `percentile`-th percentile (nearest rank) of the Waits of first replies sent in (from, to]. */
  firstReplyPercentile(
    siteId: string,
    from: number,
    to: number,
    percentile: number,
  ): Promise<{ replies: number; waitMs: number | null }>;
  /**
   * The latest observations of one subject (an agent id), newest first (by time, then by
   * conversation and position), at most `limit`: what an agent's breakdown lists.
   *
   * Observations do not depend on "now": a Promise not kept yields its broken observation at
   * its due time even while that is still ahead. Filtering to `at ≤ now` is the caller's job;
   * pass `until` (normally now) to have the store do it before the limit applies, so promises
   * falling due later never take the places of evidence that already counts.
   */
  recentObservations(
    siteId: string,
    subject: string,
    limit: number,
    until?: number,
  ): Promise<Observation[]>;
  /**
   * Derives conversations of the site again from their facts, with the site's current settings
   * (after they changed: the windows, T, k and the promise limits shape evidence), a chunk of
   * conversations per transaction: each call does one chunk, after the conversation id `after`
   * (in id order), and says what changed and where to go on (null: done). `stale` takes only
   * conversations derived by older rules (an upgrade).
   */
  rederiveChunk(site: Site, after: string, stale?: boolean): Promise<RederivedChunk>;
  /**
   * Data deletion: redacts every conversation of the visitor (shared/redact.ts), in one
   * transaction holding the site; scores do not change.
   */
  redactVisitor(site: Site, visitorId: string, now: number): Promise<Redaction>;
  /**
   * Data retention: redacts up to `limit` conversations quiet since before `quietBefore` and not
   * redacted since they were last written, in one transaction holding the site (so nodes
   * sweeping at once take turns, and none redacts what another just did).
   */
  redactQuiet(site: Site, quietBefore: number, limit: number, now: number): Promise<Redaction>;
  /** The visitor's conversations, oldest activity first. */
  visitorConversations(siteId: string, visitorId: string): Promise<StoredConversation[]>;
  /** Sites that may have conversations derived by older rules (not yet marked derived). */
  sitesToUpgrade(): Promise<string[]>;
  /** Every conversation of the site is derived by this version's rules now (after an upgrade). */
  markDerived(siteId: string): Promise<void>;
}
