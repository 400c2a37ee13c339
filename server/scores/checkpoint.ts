/**
 * Start time that does not grow with history: each site's board is saved now and then with the
 * number of the last change it holds (a checkpoint), and a node starting up restores it and
 * replays only the changes after that number, instead of adding up every observation ever
 * stored. Changes a checkpoint covers are pruned from the log once they are an hour old (nodes
 * follow the log within seconds; the hour is slack).
 */
import { HOUR } from '../../shared/time';
import type { Logger } from '../logger';
import type { Site, Store } from '../storage/store';
import { SiteBoard, type BoardSnapshot } from './board';

/** Changes read per query when replaying after a checkpoint. */
const REPLAY_PAGE = 5_000;
/** How long changes stay in the log after a checkpoint covers them. */
const KEEP_CHANGES_MS = HOUR;

export class Checkpoints {
  /** The change number of each site's last saved checkpoint. */
  private readonly saved = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /**
   * The site's board from its checkpoint and the changes since; null when there is none, it was
   * built with other settings (H or λ), or the log no longer holds every change after it.
   */
  async load(site: Site): Promise<SiteBoard | null> {
    const checkpoint = await this.store.loadCheckpoint(site.id);
    if (!checkpoint) return null;
    const board = SiteBoard.restore(
      site.settings,
      checkpoint.seq,
      checkpoint.board as BoardSnapshot,
    );
    if (!board) return null;
    // Every change up to the counter as of now must still be in the log.
    const last = await this.store.lastChange(site.id);
    while (board.seq < last) {
      const changes = await this.store.changesSince(site.id, board.seq, REPLAY_PAGE);
      if (changes[0]?.seq !== board.seq + 1) return null; // pruned past the checkpoint
      for (const change of changes) board.apply(change);
    }
    this.saved.set(site.id, checkpoint.seq);
    return board;
  }

  /** Saves the board unless the saved one is as recent; then prunes the log it covers. */
  async save(siteId: string, board: SiteBoard, now: number): Promise<void> {
    const seq = board.seq;
    if ((this.saved.get(siteId) ?? -1) >= seq) return;
    await this.store.saveCheckpoint({ siteId, seq, at: now, board: board.snapshot(now) });
    this.saved.set(siteId, seq);
    await this.store.pruneChanges(siteId, seq, now - KEEP_CHANGES_MS);
  }

  /** Saves every board given, logging (not throwing) what fails: a checkpoint is an optimisation. */
  async saveAll(boards: ReadonlyMap<string, SiteBoard>, now: number): Promise<void> {
    for (const [siteId, board] of boards) {
      await this.save(siteId, board, now).catch((error: unknown) =>
        this.log.warn(`could not save the scores checkpoint of site ${siteId}: ${String(error)}`),
      );
    }
  }
}
