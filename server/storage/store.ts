/**
 * The one storage interface. SQLite (the embedded default) implements it, and PostgreSQL will
 * implement the same methods and pass the same tests.
 *
 * Facts are the source of truth; the conversation rows are their derivation, rewritten in the
 * same transaction as the facts that change them, so every acknowledged write is committed whole.
 */
import type { ConversationState } from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import type { SiteSettings } from '../../shared/settings';
import type { ConversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { Observation } from '../../shared/scoring/types';

export type Role = 'admin' | 'supervisor' | 'agent';

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  /** SHA-256 of the site key (the key itself is shown once, at creation); null: no API access. */
  keyHash: string | null;
  createdAt: number;
}

export interface Agent {
  siteId: string;
  id: string;
  name: string;
  email: string | null;
  role: Role;
  createdAt: number;
}

export interface AgentCredentials {
  agent: Agent;
  passwordHash: string | null;
}

export interface Session {
  tokenHash: string;
  siteId: string;
  agentId: string;
  createdAt: number;
  expiresAt: number;
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

  /** Creates the agent, or updates name and role if it exists; the password is set only if given. */
  saveAgent(agent: Agent, passwordHash?: string): Promise<void>;
  getAgent(siteId: string, agentId: string): Promise<Agent | null>;
  listAgents(siteId: string): Promise<Agent[]>;
  findCredentials(email: string): Promise<AgentCredentials | null>;

  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;

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
  /** The visitor's most recently active conversation. */
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
