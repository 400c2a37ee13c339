/**
 * The last stage of the pipeline: after facts are committed, push the new state of each touched
 * conversation to its visitor and to the site's agents, and new scores when ratings moved them.
 */
import type { ConversationState } from '../../shared/conversation';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Pipeline, Recorded } from '../pipeline/pipeline';
import { liveScores } from '../scores/live-scores';
import type { Agent, Site, Store } from '../storage/store';
import { siteRoom, visitorRoom, type AgentNamespace, type VisitorNamespace } from './rooms';
import { agentView, visitorView, type ViewContext } from './views';

export class LiveViews {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
    private readonly log: Logger,
  ) {}

  attach(pipeline: Pipeline): () => void {
    return pipeline.subscribe((recorded) => {
      this.publish(recorded).catch((error: unknown) =>
        this.log.error('could not push live views', error),
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
      await this.store.listFacts(site.id, state.id),
    );
  }

  async agentView(site: Site, state: ConversationState) {
    return agentView(
      await this.context(site),
      state,
      await this.store.listFacts(site.id, state.id),
    );
  }

  private async publish({ site, conversations, accepted }: Recorded): Promise<void> {
    const ctx = await this.context(site);
    for (const state of conversations) {
      const facts = await this.store.listFacts(site.id, state.id);
      if (state.visitorId) {
        this.visitors
          .to(visitorRoom(site.id, state.visitorId))
          .emit('conversation', visitorView(ctx, state, facts));
      }
      this.agents.to(siteRoom(site.id)).emit('conversation', agentView(ctx, state, facts));
    }
    if (accepted.some((fact) => fact.type === 'rating')) {
      this.agents
        .to(siteRoom(site.id))
        .emit('scores', await liveScores(this.store, site.id, ctx.now));
    }
  }
}
