import { z } from 'zod';

/** Site settings of the scoring model, with the defaults of the scoring contract. */
export const ZSiteSettings = z.object({
  /** T: the reply time, in seconds, the site promises its visitors. */
  targetReplySeconds: z.number().positive().max(86_400).default(120),
  /** H: evidence loses half its weight every H days. */
  halfLifeDays: z.number().positive().max(3650).default(30),
  /** λ: weight of a failure relative to a success. */
  negativityWeight: z.number().min(1).max(10).default(2),
  /** m: pseudo-observations at the team mean. */
  priorStrength: z.number().min(0).max(1000).default(4),
  /** k: weight of the visitor's own peak judgement. */
  voiceWeight: z.number().min(0).max(100).default(2),
  /** A reopen within this many days of a close counts as a broken resolution. */
  reopenWindowDays: z.number().min(0).max(365).default(7),
  /** A visitor may change a rating for this many minutes after first giving it. */
  ratingAmendMinutes: z.number().min(0).max(1440).default(10),
});
export type SiteSettings = z.output<typeof ZSiteSettings>;

export const DEFAULT_SETTINGS: SiteSettings = ZSiteSettings.parse({});

/** For PATCH: every setting optional, none defaulted. */
export const ZSiteSettingsPatch = ZSiteSettings.partial().strict();
