/**
 * The last stage of the pipeline: for each change the feed delivers (this node's writes and
 * other nodes' alike, in the log's order), push the new state of the conversation to its
 * visitor and to the site's agents, and the site's new scores, to the sockets on this node;
 * every node does the same for its own. Also when the clock alone changes something: a Promise
 * falling due turns broken.
 */
import { compareFacts, type Fact } from '../../shared/facts';
import type { ChangeFeed, Delivery } from '../pipeline/feed';
import type { Pipeline } from '../pipeline/pipeline';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scoreboards } from '../scores/scoreboard';
import type { Agent, Site, Store, StoredConversation } from '../storage/store';
import { siteRoom, visitorRoom, type AgentNamespace, type VisitorNamespace } from './rooms';
import { agentView, FACTS_IN_VIEW, visitorView, type ViewContext } from './views';

/** How long a team read for views is used again. */
const TEAM_FRESH_MS = 1_000;
/** Conversations whose latest facts are kept for views. */
const FACTS_KEPT = 2_000;

export class LiveViews {
  /** Sites whose scores are to be pushed once the current burst of changes is done. */
  private readonly scoresDue = new Map<string, Site>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly scoreboards: Scoreboards,
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
    private readonly log: Logger,
  ) {}

  /** Pushes under way: they read the store, so a shutdown waits for them before closing it. */
  private readonly running = new Set<Promise<void>>();

  private track(push: Promise<void>): void {
    this.running.add(push);
    void push.then(() => this.running.delete(push));
  }

  /** Resolves once every push begun so far (and any they began) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /**
   * This node's own writes extend the kept facts of their conversations without a read: a
   * conversation's facts at version v + 1 are those at v and the facts the write accepted, when
   * those all sort after them (the usual case: facts arrive in order).
   */
  follow(pipeline: Pipeline): void {
    pipeline.subscribe(({ site, accepted, conversations }) => {
      const added = new Map<string, Fact[]>();
      for (const fact of accepted) {
        const list = added.get(fact.conversationId);
        if (list) list.push(fact);
        else added.set(fact.conversationId, [fact]);
      }
      for (const state of conversations) {
        const facts = [...(added.get(state.id) ?? [])].sort(compareFacts);
        const key = `${site.id}\n${state.id}`;
        const kept = this.facts.get(key);
        const first = facts[0];
        const last = kept?.facts.at(-1);
        const before =
          state.version === 1
            ? [] // a new conversation: these are all its facts
            : kept?.version === state.version - 1 &&
                (!first || !last || compareFacts(last, first) < 0)
              ? kept.facts
              : null;
        this.facts.delete(key);
        if (before) {
          this.facts.set(key, {
            version: state.version,
            facts: [...before, ...facts].slice(-FACTS_IN_VIEW),
          });
        }
      }
    });
  }

  attach(feed: ChangeFeed): void {
    feed.subscribe((delivery) => {
      this.track(
        this.publish(delivery).catch((error: unknown) =>
          this.log.error('could not push live views', error),
        ),
      );
    });
    this.scoreboards.onDue((site, due) => {
      const ids = new Set(due.map((observation) => observation.cause.conversationId));
      this.pushScoresSoon(site);
      this.track(
        this.republish(site, ids, new Map()).catch((error: unknown) =>
          this.log.error('could not push due-time views', error),
        ),
      );
    });
  }

  /**
   * The site's team as views name them, read at most once a second per site: a burst of views
   * (an answer and the pushes of the same commit) shares one read.
   */
  async context(site: Site): Promise<ViewContext> {
    // Real elapsed time, not the injected clock (which tests may hold still).
    const read = performance.now();
    let team = this.teams.get(site.id);
    if (!team || read - team.at > TEAM_FRESH_MS) {
      team = { at: read, agents: this.store.listAgents(site.id) };
      this.teams.set(site.id, team);
      team.agents.catch(() => this.teams.delete(site.id));
    }
    const agents = await team.agents;
    return {
      site,
      agents: new Map<string, Agent>(agents.map((a) => [a.id, a])),
      now: this.clock.now(),
    };
  }

  private readonly teams = new Map<string, { at: number; agents: Promise<Agent[]> }>();

  /**
   * The latest facts of each conversation, for views. A version's facts never change, so they
   * are kept by version: the answer to an action and the push of its commit read them once.
   */
  private async recentFacts(
    site: Site,
    states: readonly StoredConversation[],
  ): Promise<Map<string, Fact[]>> {
    const found = new Map<string, Fact[]>();
    const missing: string[] = [];
    for (const state of states) {
      const kept = this.facts.get(`${site.id}\n${state.id}`);
      if (kept?.version === state.version) found.set(state.id, kept.facts);
      else missing.push(state.id);
    }
    if (missing.length === 0) return found;
    const read = await this.store.recentFacts(site.id, missing, FACTS_IN_VIEW);
    for (const state of states) {
      if (found.has(state.id)) continue;
      const facts = read.get(state.id) ?? [];
      found.set(state.id, facts);
      const key = `${site.id}\n${state.id}`;
      this.facts.delete(key);
      this.facts.set(key, { version: state.version, facts });
    }
    while (this.facts.size > FACTS_KEPT) {
      const oldest = this.facts.keys().next();
      if (oldest.done) break;
      this.facts.delete(oldest.value);
    }
    return found;
  }

  /** By site and conversation, most recently read last. */
  private readonly facts = new Map<string, { version: number; facts: Fact[] }>();

  async visitorView(site: Site, state: StoredConversation) {
    const [ctx, facts] = await Promise.all([this.context(site), this.recentFacts(site, [state])]);
    return visitorView(ctx, state, facts.get(state.id) ?? []);
  }

  /** Views of many conversations, their facts read at once (the inbox's page). */
  async agentViews(site: Site, states: readonly StoredConversation[]) {
    const [ctx, facts] = await Promise.all([this.context(site), this.recentFacts(site, states)]);
    return states.map((state) => agentView(ctx, state, facts.get(state.id) ?? []));
  }

  async agentView(site: Site, state: StoredConversation) {
    const [view] = await this.agentViews(site, [state]);
    return view as ReturnType<typeof agentView>;
  }

  private async publish({ site, changes, known }: Delivery): Promise<void> {
    this.pushScoresSoon(site);
    const ids = new Set<string>();
    for (const change of changes)
      if (change.kind === 'conversation') ids.add(change.conversationId);
    await this.republish(site, ids, known);
  }

  /**
   * Pushes each conversation as it is now (once, however many of its changes came together),
   * only where this node has sockets to push it to.
   */
  private async republish(
    site: Site,
    conversationIds: Set<string>,
    known: ReadonlyMap<string, StoredConversation>,
  ): Promise<void> {
    const agentsHere = this.hasLocal(this.agents, siteRoom(site.id));
    const wanted = [...conversationIds].filter(
      (id) => agentsHere || this.visitorsHere(site, id, known),
    );
    if (wanted.length === 0) return;
    const unknown = wanted.filter((id) => !known.has(id));
    const read = await this.store.getConversations(site.id, unknown);
    const states = wanted.flatMap((id) => known.get(id) ?? []);
    await this.pushConversations(site, [...states, ...read]);
  }

  /** Whether a visitor of the conversation may have a socket on this node. */
  private visitorsHere(
    site: Site,
    conversationId: string,
    known: ReadonlyMap<string, StoredConversation>,
  ): boolean {
    const visitorId = known.get(conversationId)?.visitorId;
    // Not known here: the conversation is read, and the room checked, before pushing.
    if (visitorId === undefined) return this.visitors.adapter.rooms.size > 0;
    return visitorId !== null && this.hasLocal(this.visitors, visitorRoom(site.id, visitorId));
  }

  private hasLocal(namespace: VisitorNamespace | AgentNamespace, room: string): boolean {
    return (namespace.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private async pushConversations(site: Site, states: StoredConversation[]): Promise<void> {
    const agentsHere = this.hasLocal(this.agents, siteRoom(site.id));
    const pushes = states.flatMap((state) => {
      const room = state.visitorId ? visitorRoom(site.id, state.visitorId) : null;
      const visitorHere = room !== null && this.hasLocal(this.visitors, room);
      // As the inbox lists it: a conversation no visitor wrote in is nobody's to answer (M4).
      const agentsShown = agentsHere && state.visitorWrote;
      return visitorHere || agentsShown ? [{ state, room, visitorHere, agentsShown }] : [];
    });
    if (pushes.length === 0) return;
    const [ctx, recent] = await Promise.all([
      this.context(site),
      this.recentFacts(
        site,
        pushes.map(({ state }) => state),
      ),
    ]);
    for (const { state, room, visitorHere, agentsShown } of pushes) {
      const facts = recent.get(state.id) ?? [];
      if (room && visitorHere) {
        this.visitors.local.to(room).emit('conversation', visitorView(ctx, state, facts));
      }
      if (agentsShown) {
        this.agents.local.to(siteRoom(site.id)).emit('conversation', agentView(ctx, state, facts));
      }
    }
  }

  /**
   * Scores are pushed once per burst of changes (the next turn of the event loop), not once per
   * fact: a batch of a thousand events moves the dashboards once.
   */
  private pushScoresSoon(site: Site): void {
    if (this.scoresDue.has(site.id) || !this.hasLocal(this.agents, siteRoom(site.id))) return;
    this.scoresDue.set(site.id, site);
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => {
          this.scoresDue.delete(site.id);
          return this.scoreboards.scores(site);
        })
        .then((scores) => void this.agents.local.to(siteRoom(site.id)).emit('scores', scores))
        .catch((error: unknown) => this.log.error('could not push live scores', error)),
    );
  }
}
