/**
 * Trends read a year of weekly points from daily figures instead of every observation
 * (trends.ts): each local day's evidence per subject and dimension, and its counting ratings per
 * agent, kept in the transaction that writes the observations. Existing sites' days are built
 * here from their stored observations and ratings, in UTC (the time zone sites start with).
 *
 * `conversations_rated_at` finds the counting ratings of part of a day (a window that starts or
 * ends between midnights) without reading the site's other ratings.
 */
import { CamelCasePlugin, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';
import { readSite } from '../sites';
import type { Tables } from '../tables';
import { rebuildTrendDays } from '../trends';

export const trendDays = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, int, ms, real } = dialect.types;
    const compact = dialect.kind === 'sqlite' ? 'WITHOUT ROWID' : '';
    await dialect.script(
      db,
      `
      CREATE TABLE trend_days (
        site_id ${text} NOT NULL,
        day_end ${ms} NOT NULL,
        subject ${text} NOT NULL,
        dimension ${text} NOT NULL,
        n ${int} NOT NULL,
        s ${real} NOT NULL,
        f ${real} NOT NULL,
        latest ${ms} NOT NULL,
        PRIMARY KEY (site_id, day_end, subject, dimension)
      ) ${compact};
      CREATE TABLE trend_rating_days (
        site_id ${text} NOT NULL,
        day_end ${ms} NOT NULL,
        agent_id ${text} NOT NULL,
        n ${int} NOT NULL,
        satisfied ${int} NOT NULL,
        PRIMARY KEY (site_id, day_end, agent_id)
      ) ${compact};
      CREATE INDEX conversations_rated_at ON conversations (site_id, rating_at)
        WHERE rating_at IS NOT NULL;
      `,
    );
    // Migrations run without the store's name mapping; the repositories' reads need it.
    const mapped = db.withPlugin(new CamelCasePlugin({ maintainNestedObjectKeys: true }));
    const sites = await mapped.selectFrom('sites').select('id').execute();
    for (const { id } of sites) {
      const site = await readSite(mapped, id);
      if (site) await rebuildTrendDays(mapped, id, site.settings);
    }
  },
});
