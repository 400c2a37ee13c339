/**
 * Follow-up items reach consoles live: for each follow-up change the feed delivers (made on
 * this node or another, in the log's order), this node tells its own console sockets that may
 * list the item (the site's supervisors and admins, and the members it concerns) which items
 * changed; each console then reads its queue again. Only ids travel, so nothing an agent may not
 * see reaches their socket.
 */
import type { ChangeFeed } from '../pipeline/feed';
import { memberRoom, supervisorsRoom, type AgentNamespace } from './rooms';

export function pushFollowups(feed: ChangeFeed, agents: AgentNamespace): void {
  feed.subscribe(({ site, changes }) => {
    const byRoom = new Map<string, string[]>();
    const add = (room: string, id: string) => {
      const ids = byRoom.get(room);
      if (ids) ids.push(id);
      else byRoom.set(room, [id]);
    };
    for (const change of changes) {
      if (change.kind !== 'followup') continue;
      add(supervisorsRoom(site.id), change.followupId);
      for (const member of change.members) add(memberRoom(site.id, member), change.followupId);
    }
    for (const [room, ids] of byRoom) {
      // A supervisor who is also a concerned member hears of an item twice at most: harmless.
      agents.local.to(room).emit('followups:changed', { ids: [...new Set(ids)] });
    }
  });
}
