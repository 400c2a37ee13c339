/**
 * The console's words: admin (the admin screens: a site's team, settings, embed and key,
 * integrations, webhooks and visitor data, and a new site).
 *
 * Functions whose parameters are `Rich` take marked-up parts (a `<code>`, a `<strong>`) and
 * return the sentence as pieces around them, so each language puts them where it needs.
 */
import type { ComponentChildren } from 'preact';
import { pluralOf } from '../locale';

type Rich = ComponentChildren;

/**
 * Refusals (`errors`) and field problems (`problems`) come from the server, which writes them in
 * English and names each case exactly: English shows the server's words (`server`) as they are;
 * the other languages word each case themselves from the values they are given.
 */
const asServerSays = (server: string) => server;

export const admin = {
  /** Admin.tsx: the sites administered, and the chosen one's tabs. */
  nav: {
    loading: 'Loading your sites…',
    loadFailed: (reason: string) => `Your sites could not be loaded: ${reason}`,
    /** The list of sites' accessible name. */
    label: 'Sites you administer',
    title: 'Sites',
    newSite: 'New site',
    /** The main region's accessible name. */
    administer: (site: string) => `Administer ${site}`,
    /** Small text above the site's name. */
    eyebrow: 'Site',
    /** The tab list's accessible name. */
    tabsLabel: (site: string) => `${site} administration`,
  },
  tabs: {
    team: 'Team',
    settings: 'Settings',
    embed: 'Embed and key',
    integrations: 'Integrations',
    webhooks: 'Webhooks',
    visitors: 'Visitor data',
  },
  /** CopyField.tsx: a value with a Copy button. */
  copy: {
    /** The button, for a moment after copying. */
    copied: 'Copied',
    copiedStatus: 'Copied to the clipboard.',
    /** When the browser refuses the clipboard: the text is selected instead. */
    selectStatus: 'Selected: press Ctrl+C (⌘C on a Mac) to copy.',
  },
  /** SecretOnce.tsx: a key, link or secret shown this once. */
  secret: {
    warning: 'Shown only this once: Peakend keeps no copy it could show again.',
    done: 'Done',
  },
  /** EmbedAndKey.tsx. */
  embed: {
    snippetTitle: 'Embed snippet',
    snippetIntro: (site: string, endOfBody: Rich) => [
      `Paste it into every page of ${site} where the chat should appear, just before `,
      endOfBody,
      '. Pages must be on an allowed origin.',
    ],
    copySnippet: 'Copy snippet',
    signingTitle: 'Signing secret',
    /** `rateCall` is the code `peakend('rate', …)`. */
    signingIntro: (rateCall: Rich) => [
      'For your servers only, never a web page: they sign with it (HMAC-SHA256) the conversations of your own helpdesk that visitors may rate with ',
      rateCall,
      ', and the ids of your signed-in users. It changes when the site key is rotated.',
    ],
    copySecret: 'Copy secret',
    keyTitle: 'Site key',
    keyIntro: (siteId: Rich) => [
      'Your servers send it to post conversation events and read scores (site id ',
      siteId,
      '). Peakend keeps only a fingerprint of it, so it cannot show it again: if it is lost or may have leaked, rotate it.',
    ],
    newKey: 'New site key',
    copyKey: 'Copy key',
    newKeyNote:
      'The previous key has stopped working. Put this one wherever your servers keep it, and the new signing secret (above) wherever they sign users and host chats.',
    /** The button that asks first, and the question's accessible name. */
    rotate: 'Rotate site key',
    confirmKey:
      'The current key stops working at once: anything still using it is refused until it has the new key.',
    /** `userHash` is the code name of a setting of the widget's snippet. */
    confirmSecret: (userHash: Rich) => [
      'The signing secret changes too: signed-in users’ ',
      userHash,
      ' values and host-chat signatures made with the old one are refused until your servers sign with the new secret, so those visitors can’t chat meanwhile. Rotate it?',
    ],
    /** The button that rotates, once asked. */
    rotateKey: 'Rotate key',
    /** The rotation's choice of how long the old key keeps working (0 = none). */
    graceLegend: 'Old key keeps working for',
    graceChoice: (hours: number) =>
      hours === 0
        ? 'No grace (stop at once)'
        : hours <= 24
          ? `${hours} ${hours === 1 ? 'hour' : 'hours'}`
          : `${hours / 24} ${hours === 24 ? 'day' : 'days'}`,
    /** `period` is a grace choice's label ("24 hours"). */
    confirmGrace: (period: string) =>
      `The current key keeps working for ${period}, then stops: put the new one in place meanwhile. You can revoke the old key sooner.`,
    confirmEndsGrace:
      ' The old key kept by the last rotation stops at once: only the key replaced now is kept.',
    confirmSecretGrace: (userHash: Rich) => [
      'The signing secret changes too: signed-in users’ ',
      userHash,
      ' values and host-chat signatures made with the old one are refused once the old key stops, so have your servers sign with the new secret before then. Rotate it?',
    ],
    /** While a grace period runs: `until` is a <time>. */
    graceRuns: (until: Rich) => [
      'The old key works until ',
      until,
      ', and so do signatures made with the old signing secret and the visitor tokens issued under it. Revoke it once your servers use the new key and secret.',
    ],
    oldKey: 'Old site key',
    revokeNow: 'Revoke now',
    revokeQuestion: 'Revoke the old site key',
    confirmRevoke:
      'The old key, signatures made with the old signing secret and the visitor tokens issued under it stop working at once, and visitors still connected with it are disconnected. Revoke it now?',
    revokeOld: 'Revoke old key',
    revoked: 'The old key was revoked: only the current key works now.',
    newKeyNoteGrace: (until: Rich) => [
      'The previous key keeps working until ',
      until,
      '. Put this one wherever your servers keep it, and the new signing secret (above) wherever they sign users and host chats; then revoke the old key.',
    ],
  },
  /** NewSiteForm.tsx. */
  newSite: {
    title: 'New site',
    intro: 'One site per shop or brand: its own team, widget, key and scores.',
    originsHint: 'One per line, e.g. https://shop.example. You can change them later.',
    create: 'Create site',
    creating: 'Creating…',
    ready: (site: string) => `${site} is ready`,
    keyLabel: 'Site key',
    readyNote:
      'Its key lets your servers send conversation events and read scores. You are its admin: invite your team from its Team tab.',
  },
  /** SiteFields.tsx: a site's name and allowed origins. */
  siteFields: {
    name: 'Site name',
    origins: 'Allowed origins',
    /** Followed by what was rewritten: "localhost:4260 → http://localhost:4260". */
    rewritten: 'Written as browsers send it (a scheme, no path or trailing slash):',
    /** Between two of those rewrites. */
    separator: '; ',
    /** A problem with one line of the origins. */
    line: (line: number, problem: string) => `Line ${line}: ${problem}`,
    lineWith: (line: number, origin: string, problem: string) =>
      `Line ${line} (${origin}): ${problem}`,
  },
  /** SiteSettingsForm.tsx. */
  settings: {
    siteTitle: 'Site',
    originsHint:
      'One per line: the pages where the widget may run, as scheme and host (https://shop.example), no path. Other pages are refused.',
    scoringTitle: 'Scoring',
    scoringIntro:
      'How responsiveness, reliability and experience are scored. Changing any of these scores every conversation of the site again.',
    /** Tooltip of a setting's technical name, shown beside it. */
    apiName: 'Its name in the sites API',
    /** The numeric scoring settings: a label, the unit after the number, and a hint. */
    scoring: {
      targetReplySeconds: { label: 'Reply time you promise', unit: 'seconds' },
      halfLifeDays: { label: 'Evidence loses half its weight every', unit: 'days' },
      negativityWeight: { label: 'A failure counts as much as', unit: 'successes' },
      priorStrength: { label: 'Each agent starts with the team average of', unit: 'chats' },
      voiceWeight: { label: 'Weight of what the visitor says stood out', unit: '×' },
      reopenWindowDays: {
        label: '“This isn’t solved” counts within',
        unit: 'days',
        hint: 'Also how long a visitor may say a kept promise didn’t happen.',
      },
      ratingAmendMinutes: { label: 'Visitors may change a rating for', unit: 'minutes' },
      maxPromisesPerConversation: {
        label: 'Promises that count per conversation',
        unit: 'promises',
        hint: 'The first ones made count; later ones count neither way, so a burst of promises cannot lift a score.',
      },
      minPromiseSeconds: {
        label: 'A promise kept sooner than this counts neither way',
        unit: 'seconds',
        hint: 'Also the shortest time a promise may be due after it is made.',
      },
    },
    /** The on/off scoring settings. */
    switches: {
      excludeMemberRatings: {
        label: 'Set aside ratings from your own team',
        hint: 'A rating given from an address a team member signed in from in the last 24 hours, or by a visitor with a team member’s email, is kept but counts for nobody. Turn this off if your customers share your team’s network, as an internal IT desk does.',
      },
      statedReplyFollowsKept: {
        label: 'State the reply time you keep',
        hint: 'The chat says “We usually reply within N minutes”, N being the time 80% of visitors got their first reply within over the last 7 days. Scores still measure waits against the target reply time.',
      },
    },
    retentionTitle: 'Data retention',
    retentionIntro:
      'After this many days without activity, what was written in a conversation (messages, comments, contact details, visitor attributes, the pages visited) is erased. Times and ratings stay, so scores do not change. Leave empty to keep everything.',
    retentionLabel: 'Erase conversation text after',
    /** Placeholder of the empty retention field: nothing is erased. */
    keep: 'Keep',
    days: 'days',
    retentionHint: "Checked every hour. To erase one visitor's data at once, use Visitor data.",
    saved: 'Saved.',
    save: 'Save changes',
  },
  /** TimeZoneField.tsx. Zones are listed by their IANA names (Europe/Amsterdam). */
  timeZone: {
    label: 'Time zone',
    /** The zone chosen, as the browser names it in the console's language. */
    named: (zone: string) => `${zone}.`,
    hint: 'Where this site’s days, weeks (from Monday) and months begin in Trends. Scores do not depend on it.',
  },
  /** OpeningHoursField.tsx. Weekday names come from the browser, in the console's language. */
  hours: {
    legend: 'Opening hours',
    /** Quotes the widget's away messages as visitors see them. */
    hint: 'In the site’s time zone. When no one has the console open, the chat says “We’re closed, back at 9:00” outside these hours and “We’re away right now” within them (or when no day is open), and asks visitors for their email.',
    opensAt: (day: string) => `${day} opens at`,
    closesAt: (day: string) => `${day} closes at`,
    /** One day's hours, where a problem with them is named. */
    day: (day: string) => `Opening hours, ${day}`,
  },
  /** TeamAdmin.tsx. Role names come from the console's roles. */
  team: {
    loading: 'Loading the team…',
    loadFailed: (reason: string) => `The team could not be loaded: ${reason}`,
    unknownError: 'Unknown error.',
    inviteTitle: 'Invite someone',
    inviteIntro:
      'You get a link to send them yourself; it works once, for 7 days. They choose their own password, or use the one they have if they already work on another site.',
    linkFor: (email: string) => `Invite link for ${email}`,
    linkLabel: 'Invite link',
    copyLink: 'Copy link',
    /**
     * What the link does: `role` is the role's name ("Supervisor"), `as` the scored agent they
     * will be (or null), `expires` a date.
     */
    sendLink: (email: Rich, role: string, as: string | null, site: string, expires: string) => [
      'Send this link to ',
      email,
      `. It makes them ${role.toLowerCase()}${as ? ` and signs them in as ${as}` : ''} on ${site}, works once, and expires on ${expires}.`,
    ],
    email: 'Email',
    emailPlaceholder: 'name@company.example',
    role: 'Role',
    /** Which agent already scored (from a helpdesk) the person invited will be. */
    scoredAs: 'Scored as',
    newAgent: 'A new agent',
    createLink: 'Create invite link',
    /** What a role may do: `hint` comes from the console's roles. */
    roleHint: (role: string, hint: string) => `${role}: ${hint}.`,
    teamTitle: 'Team',
    answersHint:
      'Someone who doesn’t answer chats (an admin who only sets things up) is left out of the live scores until they have scores of their own.',
    columns: {
      name: 'Name',
      email: 'Email',
      role: 'Role',
      answersChats: 'Answers chats',
      /** Heard by screen readers only: the column of the Remove access buttons. */
      access: 'Access',
    },
    /** Beside the signed-in person's own name. */
    you: 'You',
    roleOf: (name: string) => `Role of ${name}`,
    answersChats: (name: string) => `${name} answers chats`,
    removeAccess: 'Remove access',
    removeAccessFor: (name: string) => `Remove access for ${name}`,
    confirmRemove: (name: string, site: string, isYou: boolean) =>
      `Remove ${name}’s access to ${site}? ${isYou ? 'You' : 'They'} can no longer sign in here; ${isYou ? 'your' : 'their'} scores stay.`,
    invitesTitle: 'Invites not used yet',
    /** An invite not used yet: its role, the scored agent it is for, when it expires. */
    inviteDetails: (role: string, as: string | null, expires: string) =>
      `${role}${as ? `, as ${as}` : ''} · expires ${expires}`,
    revoke: 'Revoke',
    revokeFor: (email: string) => `Revoke invite for ${email}`,
    scoredTitle: 'Scored, without sign-in',
    scoredIntro:
      "Agents this site scores who cannot sign in: named in your helpdesk's events, or whose access was removed. Name one to show them by that name everywhere (your helpdesk's names will not override it), or invite one to let them see their own scores.",
    nameFor: (agentId: string) => `Name for ${agentId}`,
    saveName: 'Save name',
    /** The button that names a scored agent. */
    name: 'Name',
    nameAgent: (name: string) => `Name ${name}`,
    invite: 'Invite',
    inviteAgent: (name: string) => `Invite ${name}`,
  },
  /** Integrations.tsx: Chatwoot. */
  integrations: {
    intro: (site: string) =>
      `Score your agents from the conversations they already have in Chatwoot: its messages, assignments, resolves and CSAT answers become ${site}’s conversations in Peakend. Paste the webhook URL into Chatwoot under Settings → Integrations → Webhooks.`,
    enable: 'Enable Chatwoot',
    urlTitle: 'Chatwoot webhook URL',
    urlLabel: 'Webhook URL',
    copyUrl: 'Copy URL',
    urlNote: (site: string) =>
      `Paste it into Chatwoot as a new webhook, and tick the events below. Anyone who has it can send conversations to ${site}: keep it out of tickets and chats.`,
    /** `since` is a date, or null when not known. */
    enabled: (since: string | null) =>
      `${since ? `Enabled since ${since}` : 'Enabled'}. Peakend keeps only a fingerprint of the URL, so it cannot show it again: if it is lost or may have leaked, make a new one.`,
    eventsTitle: 'Events to tick in Chatwoot',
    /** The button that asks first, and the question's accessible name. */
    newUrl: 'Make a new URL',
    confirmNewUrl:
      'The current URL stops working at once: Chatwoot’s deliveries are refused until you paste the new one. Make a new URL?',
    /** The button that makes it, once asked. */
    makeNewUrl: 'Make new URL',
    disable: 'Disable Chatwoot',
    confirmDisable:
      'Chatwoot’s deliveries are refused from now on; what they brought stays. Disable it?',
    /** The button that disables it, once asked. */
    disableConfirmed: 'Disable',
    secretTitle: 'Chatwoot’s webhook secret',
    secretIntro:
      'Chatwoot 4.11.2 and later sign each delivery with the secret its webhook settings show. Store it here and Peakend refuses any delivery whose signature does not match, or that is more than five minutes old. Optional: the URL stays the first check.',
    secretSet: 'A secret is stored: signatures are checked.',
    secretUnset: 'No secret stored: signatures are not checked.',
    secretLabel: 'Chatwoot webhook secret',
    saveSecret: 'Save secret',
    forgetSecret: 'Forget secret',
    secretStored: 'Secret stored: every delivery’s signature is checked.',
    secretForgotten: 'Secret forgotten: the URL alone lets deliveries in.',
  },
  /** WebhooksAdmin.tsx. Event names (rating.saved) stay as they are. */
  webhooks: {
    /** What each event means, beside its name. */
    eventHints: {
      'rating.saved': 'A visitor rated a conversation, or amended their rating',
      'followup.created': 'A bad experience needs following up',
      'followup.updated': 'A follow-up item changed',
      'promise.broken': 'A promise was not kept by its due time',
      'conversation.reopened': 'A closed conversation was opened again',
    },
    /** A delivery's status. */
    status: {
      pending: 'Pending',
      delivered: 'Delivered',
      failed: 'Failed',
      skipped: 'Nothing to send',
    },
    loading: 'Loading the webhooks…',
    loadFailed: (reason: string) => `The webhooks could not be loaded: ${reason}`,
    addTitle: 'Add a webhook',
    addIntro:
      'Peakend posts each event to your URL, signed as the Standard Webhooks spec says. A Slack destination gets a message for each bad ending and broken promise instead.',
    secretTitle: 'Signing secret',
    copySecret: 'Copy secret',
    verifyNote: (url: Rich) => [
      'Verify each delivery to ',
      url,
      ' with this secret (see the webhooks guide).',
    ],
    destination: 'Destination',
    standard: 'Your endpoint (signed JSON)',
    slack: 'Slack (incoming webhook)',
    url: 'URL',
    events: 'Events',
    add: 'Add webhook',
    slackAdded: 'Slack destination added.',
    listTitle: 'Webhooks',
    none: 'No webhooks yet.',
    /** One webhook's line: Slack or not, its events, on or off, the day it was added. */
    summary: (slack: boolean, events: string, on: boolean, added: string) =>
      `${slack ? 'Slack · ' : ''}${events} · ${on ? 'On' : 'Off'} · added ${added}`,
    /** Why Peakend turned one off: `last` is the last failure (HTTP 503, a timeout…). */
    disabledReason: (day: string, last: string) =>
      `Disabled on ${day}: every delivery failed for 24 hours (last: ${last}).`,
    turnOff: 'Turn off',
    turnOn: 'Turn on',
    turnOffLabel: (url: string) => `Turn off webhook ${url}`,
    turnOnLabel: (url: string) => `Turn on webhook ${url}`,
    ping: 'Ping',
    pingLabel: (url: string) => `Send a test ping to ${url}`,
    pinged: 'Test ping queued.',
    log: 'Delivery log',
    delete: 'Delete',
    deleteLabel: (url: string) => `Delete webhook ${url}`,
    confirmDelete: 'Delete this webhook and its delivery log? Nothing more is sent to it.',
    deleted: 'Webhook deleted.',
    refresh: 'Refresh the log',
    refreshed: 'Delivery log refreshed.',
    loadingLog: 'Loading the deliveries…',
    nothingSent: 'Nothing sent yet.',
    logCaption: (url: string) => `Latest deliveries to ${url}`,
    columns: {
      event: 'Event',
      status: 'Status',
      attempts: 'Attempts',
      lastAnswer: 'Last answer',
      resend: 'Resend',
    },
    resend: 'Resend',
    resendLabel: (event: string, id: string) => `Resend ${event} ${id}`,
    resending: (event: string) => `Resending ${event}.`,
  },
  /** VisitorData.tsx: one visitor's data, on their request. */
  visitors: {
    title: 'Visitor data',
    intro:
      'Export or erase everything stored of one visitor, when they ask. Erasing removes what they and your team wrote, their contact details and the pages they visited; times and ratings stay, so scores do not change. It cannot be undone.',
    findBy: 'Find the visitor by',
    /** Each way to name the visitor: the choice, and the field's label. */
    kinds: {
      visitor: { choice: 'Visitor id', field: 'Visitor id' },
      user: { choice: 'User id from your site (signed-in users)', field: 'User id' },
      conversation: {
        choice: 'One of their conversations (its id, as the ratings export lists it)',
        field: 'Conversation id',
      },
    },
    find: 'Find',
    /** The visitor found (its accessible name): `id` is their visitor id. */
    visitor: (id: string) => `Visitor ${id}`,
    found: (id: Rich) => ['Visitor ', id],
    conversations: (count: number) =>
      `${count} ${pluralOf(count) === 'one' ? 'conversation' : 'conversations'}`,
    download: 'Download their data (JSON)',
    eraseStart: 'Erase their data…',
    /** The question's accessible name. */
    eraseLabel: "Erase this visitor's data",
    confirmErase:
      "Erase this visitor's data? What was written in their conversations, their contact details and the pages they visited are removed for good.",
    erase: 'Erase',
    nothingToErase: 'This site has no conversations of that visitor: nothing to erase.',
    erased: (count: number) =>
      `Erased: ${count} ${pluralOf(count) === 'one' ? 'conversation' : 'conversations'} redacted. Scores are unchanged.`,
  },
  /** The server's refusals, by their code, and in the cases the admin screens know. */
  errors: {
    /** The note above a form whose problems show under its fields. */
    seeFields: 'Some fields need a change: see the messages under them.',
    /** A problem named by its field, in the note above a form (`problem` as in `problems`). */
    inField: (field: string, problem: string) => `${field}: ${problem}`,
    unauthorized: asServerSays,
    forbidden: asServerSays,
    notFound: asServerSays,
    conflict: asServerSays,
    invalid: asServerSays,
    tooLarge: asServerSays,
    rateLimited: asServerSays,
    /** Also when the server cannot be reached. */
    internal: asServerSays,
    conversationFull: asServerSays,
    /** Creating a site, for someone who is admin of none. */
    onlyAdminsCreateSites: asServerSays,
    /** Changing the role or access of a site's only admin. */
    onlyAdmin: (server: string, _name: string) => server,
    alreadyOnTeam: (server: string, _email: string) => server,
    /** Inviting someone as a scored agent: their address is on the team, or the agent signs in. */
    alreadyOnTeamOrSignsIn: (server: string, _email: string, _name: string) => server,
    /** Naming a scored agent who signs in (their account names them). */
    alreadySignsIn: (server: string, _name: string) => server,
    inviteGone: asServerSays,
    memberGone: asServerSays,
    webhookGone: asServerSays,
    deliveryGone: asServerSays,
    tooManyWebhooks: (server: string, _max: number) => server,
    chatwootOff: asServerSays,
    noSuchVisitor: asServerSays,
    noSuchConversation: asServerSays,
  },
  /**
   * What is wrong with one value sent (a field's problem). Written to follow "Line 2: " or a
   * field's name, so lowercase where the language allows; a field's own message starts it with a
   * capital. Numbers come written in the console's locale.
   */
  problems: {
    required: asServerSays,
    atLeast: (server: string, _min: string) => server,
    moreThan: (server: string, _min: string) => server,
    atMost: (server: string, _max: string) => server,
    lessThan: (server: string, _max: string) => server,
    /** Characters of text. */
    tooShort: (server: string, _min: string) => server,
    tooLong: (server: string, _max: string) => server,
    /** Items of a list. */
    tooFew: (server: string, _min: string) => server,
    tooMany: (server: string, _max: string) => server,
    /** Characters of a text, or items of a list. */
    exactly: (server: string, _count: string) => server,
    wholeNumber: asServerSays,
    number: asServerSays,
    origin: asServerSays,
    timeZone: asServerSays,
    clock: asServerSays,
    closesBeforeOpens: asServerSays,
    controlCharacters: asServerSays,
    plainText: asServerSays,
    email: asServerSays,
    url: asServerSays,
    httpUrl: asServerSays,
    urlCredentials: asServerSays,
    privateAddress: (server: string, _host: string) => server,
    chooseEvent: asServerSays,
    slackEvents: asServerSays,
    chatwootSecret: asServerSays,
    unknownSetting: (server: string, _names: string) => server,
    /** An id that has characters it may not have. */
    id: asServerSays,
  },
};
