/**
 * The follow-up queue as people use it, whoever asks (the API with the site key or a
 * supervisor's session, the console's socket): who sees which items, who may change what, and
 * the items as they are shown. Roles are decided here, on the server, never by the console.
 *
 *   - Supervisors and admins (and the site key) see every item of the site; an agent sees the
 *     items they answer for or own.
 *   - Agents may mark their own items contacted or resolved, take them, and add notes;
 *     dismissing needs a supervisor and a reason, and so does giving an item to someone.
 */
import {
  FOLLOWUP_NOTES_KEPT,
  mayMoveTo,
  type FollowupFilter,
  type FollowupPatch,
  type FollowupPerson,
  type FollowupView,
} from '../../shared/followups';
import { iso, isoOrNull } from '../../shared/time';
import { may } from '../auth/roles';
import { Refusal } from '../errors';
import type { FollowupPlace, StoredFollowup } from '../storage/followups';
import { contactView, type ContactView } from '../../shared/conversation';
import type { Agent, Site, Store } from '../storage/store';
import type { Change } from '../storage/changes';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits';

/** Who asks: the site's key (an integration), or a member of the site's team. */
export type FollowupViewer = { kind: 'site-key' } | { kind: 'member'; member: Agent };

/** Whether the viewer sees every item of the site, and may dismiss and assign. */
export const supervises = (viewer: FollowupViewer): boolean =>
  viewer.kind === 'site-key' || may(viewer.member.role, 'supervise');

/** The member whose own items are all the viewer sees; undefined: the viewer sees them all. */
const onlyOf = (viewer: FollowupViewer): string | undefined =>
  supervises(viewer) || viewer.kind !== 'member' ? undefined : viewer.member.id;

const sees = (viewer: FollowupViewer, item: StoredFollowup): boolean => {
  const member = onlyOf(viewer);
  return member === undefined || item.agentId === member || item.ownerId === member;
};

/** A page's `next`: where its last item stands (opaque to clients). */
export const cursorOf = (place: FollowupPlace): string =>
  Buffer.from(JSON.stringify([place.at, place.id])).toString('base64url');

const ZPlace = z.tuple([z.int().nonnegative(), z.string().min(1).max(LIMITS.idLength)]);

function placeOf(cursor: string): FollowupPlace {
  let parsed: ReturnType<typeof ZPlace.safeParse> | null = null;
  try {
    parsed = ZPlace.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    // not JSON: refused below
  }
  if (!parsed?.success) {
    throw new Refusal('invalid', 'cursor: this is not a cursor the server gave; start again.');
  }
  const [at, id] = parsed.data;
  return { at, id };
}

const person = (team: ReadonlyMap<string, Agent>, id: string | null): FollowupPerson | null =>
  id === null ? null : { id, name: team.get(id)?.name ?? id };

/** An item as the API and the console show it. */
export function followupView(
  item: StoredFollowup,
  team: ReadonlyMap<string, Agent>,
  contacts: ReadonlyMap<string, ContactView>,
): FollowupView {
  const { reason } = item;
  return {
    id: item.id,
    conversationId: item.conversationId,
    contact: contacts.get(item.conversationId) ?? null,
    cause: item.cause,
    at: iso(item.at),
    agent: person(team, item.agentId),
    rating: reason.cause === 'rating' ? reason.rating : null,
    promise:
      reason.cause === 'promise'
        ? {
            promiseId: reason.promise.promiseId,
            text: reason.promise.text,
            dueAt: iso(reason.promise.dueAt),
            keptAt: isoOrNull(reason.promise.keptAt),
            disputedAt: isoOrNull(reason.promise.disputedAt),
          }
        : null,
    status: item.status,
    owner: person(team, item.ownerId),
    reason: item.dismissal,
    notes: item.notes.map((note) => ({
      at: iso(note.at),
      by: person(team, note.by),
      text: note.text,
    })),
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    version: item.version,
  };
}

export class FollowupQueue {
  constructor(
    private readonly store: Store,
    /** Hands a committed change to the feed, which every node's consoles hear it through. */
    private readonly committed: (site: Site, changes: readonly Change[]) => Promise<void>,
  ) {}

  private async team(siteId: string): Promise<Map<string, Agent>> {
    return new Map((await this.store.listAgents(siteId)).map((agent) => [agent.id, agent]));
  }

  /** How to reach each item's visitor, from its conversation (known visitors only). */
  private async contacts(
    siteId: string,
    items: readonly StoredFollowup[],
  ): Promise<Map<string, ContactView>> {
    const ids = [...new Set(items.map((item) => item.conversationId))];
    const conversations = ids.length ? await this.store.getConversations(siteId, ids) : [];
    return new Map(
      conversations.flatMap((c) => {
        const contact = contactView(c.contact);
        return contact ? [[c.id, contact] as const] : [];
      }),
    );
  }

  /** A page of the items the viewer sees, newest cause first, shown by `now`. */
  async list(site: Site, viewer: FollowupViewer, filter: FollowupFilter, now: number) {
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new Refusal('invalid', 'from: must not be after to.');
    }
    const limit = filter.limit ?? 50;
    const [items, team] = await Promise.all([
      this.store.listFollowups(site.id, {
        status: filter.status,
        agentId: filter.agent,
        from: filter.from,
        to: filter.to,
        until: now,
        member: onlyOf(viewer),
        after: filter.cursor === undefined ? undefined : placeOf(filter.cursor),
        limit: limit + 1,
      }),
      this.team(site.id),
    ]);
    const page = items.slice(0, limit);
    const last = page.at(-1);
    const contacts = await this.contacts(site.id, page);
    return {
      items: page.map((item) => followupView(item, team, contacts)),
      next: items.length > limit && last ? cursorOf(last) : null,
    };
  }

  /** What is new for the viewer, and when the next waiting item shows. */
  async counts(site: Site, viewer: FollowupViewer, now: number) {
    const { newCount, nextAt } = await this.store.followupCounts(site.id, now, onlyOf(viewer));
    return { newCount, nextAt: isoOrNull(nextAt) };
  }

  /**
   * Changes an item, if the viewer may; the item as it is after. Its change reaches every
   * node's consoles through the feed. An item the viewer does not see, or whose cause lies ahead, is not
   * found, as one that does not exist.
   */
  async change(
    site: Site,
    viewer: FollowupViewer,
    id: string,
    patch: FollowupPatch,
    now: number,
  ): Promise<FollowupView> {
    const team = await this.team(site.id);
    const boss = supervises(viewer);
    const author = viewer.kind === 'member' ? viewer.member.id : null;
    const { item, changes } = await this.store.changeFollowup(site.id, id, now, (item) => {
      if (!sees(viewer, item) || item.at > now) {
        throw new Refusal('not_found', `No follow-up item "${id}" on this site.`);
      }
      const status = patch.status ?? item.status;
      if (status === 'dismissed' && !boss && item.status !== 'dismissed') {
        throw new Refusal('forbidden', 'Only supervisors and admins may dismiss an item.');
      }
      if (!mayMoveTo(item.status, status)) {
        throw new Refusal('conflict', `The item is ${item.status}: it cannot become ${status}.`);
      }
      let ownerId = item.ownerId;
      if (patch.owner !== undefined && patch.owner !== item.ownerId) {
        if (!boss && patch.owner !== author) {
          throw new Refusal(
            'forbidden',
            'Agents may take their own items; only supervisors and admins assign them.',
          );
        }
        const owner = patch.owner === null ? null : team.get(patch.owner);
        if (owner !== null && (!owner || owner.accountId === null)) {
          throw new Refusal('invalid', `owner: "${patch.owner}" is not a member of this site.`);
        }
        ownerId = patch.owner;
      }
      const notes =
        patch.note === undefined
          ? item.notes
          : [...item.notes, { at: now, by: author, text: patch.note }].slice(-FOLLOWUP_NOTES_KEPT);
      return {
        status,
        ownerId,
        notes,
        dismissal: status === 'dismissed' ? (patch.reason ?? item.dismissal) : null,
      };
    });
    void this.committed(site, changes);
    return followupView(item, team, await this.contacts(site.id, [item]));
  }
}
