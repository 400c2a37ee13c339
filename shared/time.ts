import { z } from 'zod';

/**
 * Instants travel as ISO-8601 strings (with an offset) and live in memory as epoch milliseconds,
 * which sort and subtract without surprises.
 */
export const ZInstant = z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso));

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
