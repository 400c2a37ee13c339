/**
 * The one storage interface. SQLite (the embedded default) implements it, and PostgreSQL will
 * implement the same methods and pass the same tests.
 *
 * Facts are the source of truth; the conversation rows are their derivation, rewritten in the
 * same transaction as the facts that change them, so every acknowledged write is committed whole.
 */
import type { Role } from '../../shared/accounts';
import type { ConversationState } from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import type { SiteSettings } from '../../shared/settings';
import type { ConversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { Observation } from '../../shared/scoring/types';

export type { Role };

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  /** SHA-256 of the site key (the key itself is shown once, at creation); null: no API access. */
  keyHash: string | null;
  createdAt: number;
}

/**
 * A person who signs in. They belong to sites through agent rows (one per site, each with its
 * role), so one account may hold roles on several sites and each site keeps its own scores.
 */
export interface Account {
  id: string;
  /** Lower case; unique across the server. */
  email: string;
  name: string;
  createdAt: number;
}

export interface AccountCredentials {
  account: Account;
  passwordHash: string | null;
}

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
}

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
  /** A new person: their account, created now. */
  newAccount?: { account: Account; passwordHash: string };
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
  conversations: ConversationState[];
  /** Their evidence before and after, so live scores swap one for the other. */
  evidence: EvidenceChange[];
}

export interface ConversationQuery {
  /** Open conversations, plus closed ones whose last activity is at or after this time. */
  closedSince: number;
  limit: number;
}

export interface Store {
  /** Throws when storage cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** A server secret by name, created at random on first use and stable afterwards. */
  secret(name: string): Promise<Buffer>;

  createSite(site: Site): Promise<void>;
  getSite(siteId: string): Promise<Site | null>;
  /** Changes name, origins, settings and key hash. */
  updateSite(site: Site): Promise<void>;
  findSiteByKeyHash(keyHash: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;

  /** Creates the agent, or updates its name, role and account if it exists. */
  saveAgent(agent: Agent): Promise<void>;
  getAgent(siteId: string, agentId: string): Promise<Agent | null>;
  listAgents(siteId: string): Promise<Agent[]>;

  /** Throws if an account with this email exists. */
  createAccount(account: Account, passwordHash: string): Promise<void>;
  getAccount(accountId: string): Promise<Account | null>;
  findCredentials(email: string): Promise<AccountCredentials | null>;
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

  createInvite(invite: Invite): Promise<void>;
  /** The invite with this secret, unless it is used, revoked or expired. */
  findInvite(tokenHash: string, now: number): Promise<Invite | null>;
  /** A site's invites not yet used nor expired, oldest first. */
  listInvites(siteId: string, now: number): Promise<Invite[]>;
  /** Revokes an invite; false if the site has no such invite. */
  deleteInvite(siteId: string, inviteId: string): Promise<boolean>;
  /**
   * Counts a wrong password given with the invite's link; at the `limit`-th the invite is deleted
   * (true), so a link cannot be used to guess an account's password.
   */
  inviteFailed(tokenHash: string, limit: number): Promise<boolean>;
  /**
   * Uses the invite up and writes what accepting it makes, in one transaction, so a link works
   * once however many times it is sent. False, writing nothing, when the invite is used, revoked
   * or expired, or its scored agent has meanwhile been given to someone else.
   */
  redeemInvite(tokenHash: string, now: number, redemption: InviteRedemption): Promise<boolean>;

  /**
   * Stores the facts (a fact whose id is stored already is ignored) and re-derives each touched
   * conversation from all its facts, in one transaction. An agent id the site does not know yet
   * becomes an agent of the site (named by its id), in the same transaction.
   */
  recordFacts(site: Site, facts: readonly Fact[]): Promise<RecordResult>;
  /** All facts of one conversation, in conversation order. */
  listFacts(siteId: string, conversationId: string): Promise<Fact[]>;
  getConversation(siteId: string, conversationId: string): Promise<ConversationState | null>;
  listConversations(siteId: string, query: ConversationQuery): Promise<ConversationState[]>;
  /**
   * The conversation the visitor continues: their open one if any (a rating amended on an older
   * one must not take its place), else their most recently active one.
   */
  latestConversationOf(siteId: string, visitorId: string): Promise<ConversationState | null>;
  /** The counting version of every rating of the site, with its rated agent. */
  countedRatings(siteId: string): Promise<CountedRating[]>;

  /** The evidence of every conversation of the site (to build its live scores once). */
  siteEvidence(
    siteId: string,
  ): Promise<{ conversationId: string; evidence: ConversationEvidence }[]>;
  /** Every fact of the site, by conversation (to evaluate scores at a past time). */
  siteFacts(siteId: string): Promise<Fact[][]>;
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
   * Derives every conversation of the site again from its facts, with the site's current
   * settings (after they changed: the amendment and reopen windows, T and k shape evidence).
   */
  rederiveSite(site: Site): Promise<void>;
}
