/**
 * The tables, once for both databases (migrations/ makes them). Columns are snake_case in the
 * database and camelCase here (Kysely's CamelCasePlugin maps them). Times are epoch
 * milliseconds (INTEGER on SQLite, BIGINT on PostgreSQL, read back as numbers on both).
 */
import type { ColumnType, Generated } from 'kysely';
import type { AgentNameSource, Role } from '../../shared/accounts';

/**
 * A JSON column (TEXT on SQLite, JSONB on PostgreSQL): written as JSON text, read back as text
 * (SQLite) or already parsed (PostgreSQL), so read it with `fromJson`.
 */
export type Json = ColumnType<unknown, string, string>;

/** A JSON column's value as the application knows it. */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

export interface Tables {
  /** Server secrets by name, made at random on first use. */
  secrets: { name: string; value: Buffer };
  sites: {
    id: string;
    name: string;
    allowedOrigins: Json;
    settings: Json;
    /** SHA-256 of the site key; null: no API access. */
    keyHash: string | null;
    /**
     * After a rotation with a grace period (migration 0019): the replaced key's hash, accepted
     * until `previousKeyUntil`. Left as they are once that time passes; the next rotation or a
     * revocation clears them.
     */
    previousKeyHash: Generated<string | null>;
    previousKeyUntil: Generated<number | null>;
    createdAt: number;
    /** The number of the site's last change (changes.ts). */
    changeSeq: Generated<number>;
    /** The derivation rules (FOLD_VERSION) every conversation of the site is derived by. */
    derivedVersion: Generated<number>;
  };
  /** Who a site scores; with an account, a member of its team (role) who signs in. */
  agents: {
    siteId: string;
    id: string;
    name: string;
    role: Role;
    accountId: string | null;
    createdAt: number;
    lastSeenAt: Generated<number | null>;
    /** Where `name` came from: the id itself, an event that carried one, or the team. */
    nameSource: Generated<AgentNameSource>;
    /** The time of the event that named it (`nameSource` 'event'): the latest wins. */
    namedAt: Generated<number | null>;
    avatarUrl: Generated<string | null>;
    /** The member (an agent id of the same site, with an account) this id is shown as. */
    memberId: Generated<string | null>;
    /** 1 when the member answers chats (the default), 0 when not: left out of the scores. */
    answersChats: Generated<number>;
  };
  accounts: {
    id: string;
    email: string;
    name: string;
    passwordHash: string | null;
    createdAt: number;
    homeSiteId: string | null;
    verifiedAt: number | null;
  };
  verifications: { tokenHash: string; accountId: string; expiresAt: number };
  sessions: {
    tokenHash: string;
    accountId: string;
    siteId: string;
    createdAt: number;
    expiresAt: number;
  };
  invites: {
    id: string;
    tokenHash: string;
    siteId: string;
    email: string;
    role: Role;
    agentId: string | null;
    createdAt: number;
    expiresAt: number;
  };
  memberAddresses: { address: string; accountId: string; seenAt: number };
  /** Every event of every conversation, as given: the source of truth. */
  facts: {
    siteId: string;
    id: string;
    conversationId: string;
    at: number;
    body: Json;
    receivedAt: number;
  };
  /** Each conversation as derived from its facts, rewritten with them. */
  conversations: {
    siteId: string;
    id: string;
    status: string;
    visitorId: string | null;
    lastActivityAt: number;
    ratingAgentId: string | null;
    ratingEnd: number | null;
    ratingAt: number | null;
    /** The visitor's segment, as the conversation's opening said (also in `state`). */
    segment: string | null;
    /**
     * The first reply (fold.ts, FirstReply): when it was sent, the Wait it ended in ms, and its
     * author; null while nobody has replied. What the expectation gap reads (expectation.ts).
     */
    firstReplyAt: number | null;
    firstReplyWaitMs: number | null;
    firstReplyAgentId: string | null;
    state: Json;
    /** Null only in rows from before it was kept (derived again at start). */
    evidence: Json | null;
    fold: Json | null;
    version: number;
    /** When its text was redacted (data deletion); null: not since it was last written. */
    redactedAt: Generated<number | null>;
  };
  /** Each conversation's observations, one row each, by position (seq) in its evidence. */
  observations: {
    siteId: string;
    conversationId: string;
    seq: number;
    subject: string | null;
    dimension: string;
    value: number;
    weight: number;
    at: number;
    cause: Json;
  };
  /** The follow-up queue: one item per conversation and cause (followups.ts). */
  followups: {
    siteId: string;
    id: string;
    conversationId: string;
    causeKey: string;
    cause: string;
    agentId: string | null;
    at: number;
    details: Json;
    status: string;
    ownerId: string | null;
    dismissal: string | null;
    notes: Json;
    createdAt: number;
    updatedAt: number;
    /** When it was resolved or dismissed (both final); null while open. */
    closedAt: number | null;
    version: number;
  };
  /**
   * Each local day's evidence per subject and dimension (trends.ts): the day's observations
   * summed relative to its latest one, as `sumsAt` sums a group. `subject` '' is the unassigned
   * bucket (agent ids are never empty).
   */
  trendDays: {
    siteId: string;
    dayEnd: number;
    subject: string;
    dimension: string;
    n: number;
    s: number;
    f: number;
    latest: number;
  };
  /** Each local day's counting ratings per rated agent ('' unassigned): all, and 4s and 5s. */
  /** Days writes touched, to be summed again at the next trends read (trends.ts). */
  trendDirty: { siteId: string; dayEnd: number; subject: string };
  trendRatingDays: {
    siteId: string;
    dayEnd: number;
    agentId: string;
    n: number;
    satisfied: number;
  };
  /** A site's helpdesk integrations, found by their webhook token's hash (integrations.ts). */
  integrations: {
    siteId: string;
    kind: string;
    tokenHash: string;
    secret: string | null;
    createdAt: number;
  };
  /** Reopens the Chatwoot adapter holds back until an agent answers (integrations.ts). */
  heldReopens: { siteId: string; conversationId: string; factId: string; at: number };
  /** A site's outgoing webhook endpoints (webhooks.ts). */
  webhookEndpoints: {
    id: string;
    siteId: string;
    url: string;
    kind: string;
    events: string;
    secret: string;
    enabled: number;
    disabledReason: string | null;
    failingSince: number | null;
    createdAt: number;
    updatedAt: number;
  };
  /** The outbox: one row per message and endpoint, kept as the delivery log (webhooks.ts). */
  webhookDeliveries: {
    id: string;
    siteId: string;
    endpointId: string;
    eventType: string;
    coalesceKey: string | null;
    payload: string;
    status: string;
    attempts: number;
    nextAttemptAt: number;
    leaseUntil: number | null;
    firstAttemptAt: number | null;
    lastAttemptAt: number | null;
    lastStatus: number | null;
    lastError: string | null;
    createdAt: number;
    deliveredAt: number | null;
  };
  siteChanges: { siteId: string; seq: number; at: number; body: Json };
  scoreCheckpoints: { siteId: string; seq: number; at: number; board: Json };
}
