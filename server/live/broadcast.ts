/**
 * The last stage of the pipeline: after facts are committed, push the new state of each touched
 * conversation to its visitor and to the site's agents, and the site's new scores. Also when the
 * clock alone changes something: a Promise falling due turns broken.
 */
import type { ConversationState } from '../../shared/conversation';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Pipeline, Recorded } from '../pipeline/pipeline';
import type { Scoreboards } from '../scores/scoreboard';
import type { Agent, Site, Store } from '../storage/store';
import { siteRoom, visitorRoom, type AgentNamespace, type VisitorNamespace } from './rooms';
import { agentView, FACTS_IN_VIEW, visitorView, type ViewContext } from './views';

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

  attach(pipeline: Pipeline): void {
    pipeline.subscribe((recorded) => {
      this.track(
        this.publish(recorded).catch((error: unknown) =>
          this.log.error('could not push live views', error),
        ),
      );
    });
    this.scoreboards.onDue((site, due) => {
      const ids = new Set(due.map((observation) => observation.cause.conversationId));
      this.track(
        this.republish(site, ids).catch((error: unknown) =>
          this.log.error('could not push due-time views', error),
        ),
      );
    });
  }

  async context(site: Site): Promise<ViewContext> {
    const agents = await this.store.listAgents(site.id);
    return {
      site,
      agents: new Map<string, Agent>(agents.map((a) => [a.id, a])),
      now: this.clock.now(),
    };
  }

  async visitorView(site: Site, state: ConversationState) {
    return visitorView(
      await this.context(site),
      state,
      await this.store.listFacts(site.id, state.id, FACTS_IN_VIEW),
    );
  }

  async agentView(site: Site, state: ConversationState) {
    return agentView(
      await this.context(site),
      state,
      await this.store.listFacts(site.id, state.id, FACTS_IN_VIEW),
    );
  }

  private async publish({ site, conversations }: Recorded): Promise<void> {
    this.pushScoresSoon(site);
    await this.pushConversations(site, conversations);
  }

  private async republish(site: Site, conversationIds: Set<string>): Promise<void> {
    this.pushScoresSoon(site);
    const states = await Promise.all(
      [...conversationIds].map((id) => this.store.getConversation(site.id, id)),
    );
    await this.pushConversations(
      site,
      states.filter((state): state is ConversationState => state !== null),
    );
  }

  private async pushConversations(site: Site, states: ConversationState[]): Promise<void> {
    const ctx = await this.context(site);
    for (const state of states) {
      const facts = await this.store.listFacts(site.id, state.id, FACTS_IN_VIEW);
      if (state.visitorId) {
        this.visitors
          .to(visitorRoom(site.id, state.visitorId))
          .emit('conversation', visitorView(ctx, state, facts));
      }
      // As the inbox lists it: a conversation no visitor wrote in is nobody's to answer (M4).
      if (state.visitorWrote) {
        this.agents.to(siteRoom(site.id)).emit('conversation', agentView(ctx, state, facts));
      }
    }
  }

  /**
   * Scores are pushed once per burst of changes (the next turn of the event loop), not once per
   * fact: a batch of a thousand events moves the dashboards once.
   */
  private pushScoresSoon(site: Site): void {
    if (this.scoresDue.has(site.id)) return;
    this.scoresDue.set(site.id, site);
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => {
          this.scoresDue.delete(site.id);
          return this.scoreboards.scores(site);
        })
        .then((scores) => void this.agents.to(siteRoom(site.id)).emit('scores', scores))
        .catch((error: unknown) => this.log.error('could not push live scores', error)),
    );
  }
}
