/**
 * The console's words: the shell around the work (signing in, invite and email links, the top
 * bar, the account menu, roles, refusals, what is said to screen readers as work arrives).
 *
 * Refusals: the server words its refusals in English. English shows them as the server wrote
 * them (more precise than any general text); every other language words them by their `code`,
 * so the functions that take `serverMessage` return it here and ignore it elsewhere.
 */
export const shell = {
  app: {
    /** Said to screen readers while the console finds out whether someone is signed in. */
    loading: 'Loading the console…',
    signedOut: 'You have signed out.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    /** The browser tab's title; `waiting`: chats waiting for a reply plus new follow-up items. */
    documentTitle: (waiting: number) =>
      waiting > 0 ? `(${waiting}) Peakend console` : 'Peakend console',
  },

  header: {
    /** The state of the live connection, beside a coloured dot. */
    connection: {
      connecting: 'Connecting…',
      connected: 'Live',
      reconnecting: 'Reconnecting…',
      unauthorized: 'Signed out',
    },
    /** The console's sections, as links in the top bar. */
    sections: {
      live: 'Live',
      followup: 'Follow-up',
      conversations: 'Conversations',
      trends: 'Trends',
      segments: 'Segments',
      report: 'Report',
      admin: 'Admin',
    },
    /** The accessible name of the top bar's navigation. */
    navigation: 'Console',
    /** The accessible name of the site's name or of the menu of the person's sites. */
    site: 'Site',
    /** Before the name of the site the admin screens show (another than the console's). */
    administering: 'Administering',
    administeringTitle: (site: string) => `Administering ${site}`,
    /** Read after the number of new follow-up items beside "Follow-up" ("3 new"). */
    newItems: (_count: number) => 'new',
    signOut: 'Sign out',
  },

  /** The roles' names, as labels ("Supervisor"). */
  roles: { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' },
  /** A role inside a sentence: "You are invited to Acme as an agent". */
  roleAs: { agent: 'as an agent', supervisor: 'as a supervisor', admin: 'as an admin' },
  /** What each role may do, after its name: "Supervisor: also opens every agent’s breakdown…". */
  roleHints: {
    agent: 'answers chats, sees their own breakdown and the team’s scores',
    supervisor: 'also opens every agent’s breakdown and reads the scores API',
    admin: 'also manages the site, its key and its team',
  },

  signIn: {
    title: 'Sign in to your console',
    intro: 'Answer chats, keep your promises and watch your scores live.',
    submit: 'Sign in',
    busy: 'Signing in…',
    email: 'Email',
    password: 'Password',
    invalidEmail: 'Enter a valid email address.',
    noPassword: 'Enter your password.',
    /** The email and password open accounts on several sites: the person chooses one. */
    whichSite: 'Which site?',
    whichSiteHint:
      'Your email has a separate account on each of these sites. Choose where to sign in.',
    wrongPassword: (serverMessage: string) => serverMessage,
    noAccess: (serverMessage: string) => serverMessage,
    unexpected: (serverMessage: string) => serverMessage,
  },

  join: {
    checking: 'Checking your invite…',
    joinSite: (site: string) => `Join ${site}`,
    busy: 'Joining…',
    /** Someone whose account the invite joins. `roleAs`: one of `roleAs` above. */
    invited: (site: string, roleAs: string, email: string) =>
      `You are invited to ${site} ${roleAs}, with ${email}.`,
    checkingSignedIn: 'Checking whether you are signed in…',
    signInTitle: 'Sign in to accept',
    signInIntro: (email: string, site: string) =>
      `You have a Peakend account as ${email}: sign in with it, and you join ${site}.`,
    signInAndJoin: (site: string) => `Sign in and join ${site}`,
    /** Someone new: the words before and after their email (shown in bold). */
    invitedNew: (roleAs: string): [before: string, after: string] => [
      `You are invited ${roleAs}, with `,
      '. Say what to call you and choose a password.',
    ],
    yourName: 'Your name',
    choosePassword: 'Choose a password',
    /** Before the problems with the password, listed under the refusal. */
    passwordIssue: 'Password',
    goneTitle: 'This invite link does not work',
    /** The link was used, revoked or has expired. */
    gone: (serverMessage: string) => serverMessage,
    /** Another accept made the account or the membership a moment ago. */
    conflict: (serverMessage: string) => serverMessage,
    goToSignIn: 'Go to sign in',
  },

  verify: {
    title: 'Confirm your email',
    checking: 'Confirming…',
    signInTitle: 'Sign in to confirm',
    signInIntro: 'Sign in with the Peakend account this link was sent for.',
    signInAndConfirm: 'Sign in and confirm',
    done: (email: string) => `Your email ${email} is confirmed.`,
    continue: 'Continue to the console',
    /** The link was used, has expired or was sent for another account. */
    failed: (serverMessage: string) => serverMessage,
    goToConsole: 'Go to the console',
  },

  password: {
    atLeast: (characters: number) => `At least ${characters} characters.`,
  },

  account: {
    /** The account menu's button and the name of its panel. */
    account: 'Account',
    changed: 'Your password is changed. Every other browser is signed out.',
    linkSent: (email: string) => `A link to confirm your email is on its way to ${email}.`,
    unconfirmed:
      'Your email is not confirmed yet: until it is, no other site’s invite can reach this account.',
    sendLink: 'Send the link again',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    othersSignedOut: 'Other browsers are signed out.',
    wrongPassword: (serverMessage: string) => serverMessage,
    signOutEverywhere: 'Sign out everywhere',
  },

  errorNote: {
    dismiss: 'Dismiss',
  },

  /** Refusals by their code, where nothing more precise is known (see the top of this file). */
  errors: {
    invalid: (serverMessage: string) => serverMessage,
    unauthorized: (serverMessage: string) => serverMessage,
    forbidden: (serverMessage: string) => serverMessage,
    not_found: (serverMessage: string) => serverMessage,
    conflict: (serverMessage: string) => serverMessage,
    too_large: (serverMessage: string) => serverMessage,
    conversation_full: (serverMessage: string) => serverMessage,
    /** `seconds`: how long to wait, when the server said. */
    rate_limited: (serverMessage: string, _seconds?: number) => serverMessage,
    internal: (serverMessage: string) => serverMessage,
    /** The console's own: its live connection is down. */
    offline: 'The console is offline right now; try again once it has reconnected.',
    notConnected: 'The console is not connected.',
    timeout: 'The server did not answer in time. Please try again.',
    unreachable: 'The server cannot be reached. Check your connection and try again.',
    /** One of a refusal's problems, after the field it is about ("Password: too short"). */
    issue: (field: string, problem: string) => `${field}: ${problem}`,
  },

  /** Said to screen readers, politely, as work arrives (and in a browser notification). */
  arrivals: {
    newChat: (visitor: string) => `New chat waiting: ${visitor}`,
    newChats: (count: number) => `${count} new chats waiting`,
    newFollowups: (count: number) =>
      count === 1 ? 'New follow-up item' : `${count} new follow-up items`,
    /** The browser notification of new follow-up items, when the tab is hidden. */
    notificationTitle: 'Peakend: follow-up',
    notificationBody: (count: number) =>
      count === 1 ? 'One item waits for follow-up.' : `${count} items wait for follow-up.`,
  },
};
