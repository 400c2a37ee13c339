/**
 * The roles a person holds on a site, from least to most: each may do everything the one before
 * it may. Apart from the schemas (accounts.ts) so the console can list them without zod.
 */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
