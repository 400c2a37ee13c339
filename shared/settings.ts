import { z } from 'zod';
import { ZOpeningHours, type OpeningHours } from './opening-hours';
import { isTimeZone } from './zoned';

/**
 * The scoring settings of a site (scoring.md): what each may be (without defaults, so a patch
 * stays partial).
 */
const fields = {
  /** T: the reply time, in seconds, the site promises its visitors. */
  targetReplySeconds: z.number().positive().max(86_400),
  /** H: evidence loses half its weight every H days. */
  halfLifeDays: z.number().positive().max(3650),
  /** λ: weight of a failure relative to a success. */
  negativityWeight: z.number().min(1).max(10),
  /** m: pseudo-observations at the team mean. */
  priorStrength: z.number().min(0).max(1000),
  /** k: weight of the visitor's own peak judgement. */
  voiceWeight: z.number().min(0).max(100),
  /** A reopen within this many days of a close counts as a broken resolution. */
  reopenWindowDays: z.number().min(0).max(365),
  /** A visitor may change a rating for this many minutes after first giving it. */
  ratingAmendMinutes: z.number().min(0).max(1440),
  /** Promises of one conversation that count: the earliest made (the rest count neither way). */
  maxPromisesPerConversation: z.int().min(1).max(100),
  /** A promise kept sooner than this after its making counts neither way (and none is due sooner). */
  minPromiseSeconds: z.number().min(0).max(86_400),
  /**
   * Set aside ratings given from an address a member signed in from within a day, or by an
   * identified visitor with a member's email. Off for sites whose customers share the team's
   * network (an internal IT desk).
   */
  excludeMemberRatings: z.boolean(),
  /**
   * Let the reply time the widget states follow the time the team keeps ("We usually reply
   * within 3 minutes": the 80th percentile of the last 7 days' first replies). Only the widget's
   * words change: `targetReplySeconds` stays the scoring target. Not a scoring input.
   */
  statedReplyFollowsKept: z.boolean(),
  /**
   * The site's IANA time zone (`Europe/Amsterdam`): where its days, weeks and months begin in
   * trends. Not a scoring input.
   */
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, such as Europe/Amsterdam'),
  /**
   * Data retention: this many days after a conversation's last activity, what people wrote in it
   * (messages, comments, contact and identity attributes, the page it started on) is redacted
   * from its stored facts; times, structure and the scores' observations stay. Null: kept.
   * Not a scoring input (docs/operations.md).
   */
  retentionDays: z.int().min(1).max(3650).nullable(),
  /**
   * When the team is usually there, per weekday (Monday first) in `timeZone`; null: not said.
   * Only the wording of the widget's away message follows them ("We're closed, back at 9:00"):
   * "online" is a member with the console open. Not a scoring input.
   */
  openingHours: ZOpeningHours.nullable(),
};

export type SiteSettings = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

/** The defaults of the scoring contract. */
export const DEFAULT_SETTINGS: SiteSettings = {
  targetReplySeconds: 120,
  halfLifeDays: 30,
  negativityWeight: 2,
  priorStrength: 4,
  voiceWeight: 2,
  reopenWindowDays: 7,
  ratingAmendMinutes: 10,
  maxPromisesPerConversation: 3,
  minPromiseSeconds: 60,
  excludeMemberRatings: true,
  statedReplyFollowsKept: false,
  timeZone: 'UTC',
  retentionDays: null,
  openingHours: null as OpeningHours | null,
};

/** For PATCH and for creating a site: any settings, unknown names refused, none defaulted. */
export const ZSiteSettingsPatch = z.strictObject(fields).partial();

/** Complete settings: whatever is missing takes its default. */
export const ZSiteSettings = ZSiteSettingsPatch.transform((given): SiteSettings => ({
  ...DEFAULT_SETTINGS,
  ...given,
}));
