/** German (formal "Sie", as the widget): the shell. */
import type { ConsoleDictionary } from '..';

export const shell: ConsoleDictionary['shell'] = {
  app: {
    loading: 'Die Konsole wird geladen…',
    signedOut: 'Sie haben sich abgemeldet.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    documentTitle: (waiting: number) =>
      waiting > 0 ? `(${waiting}) Peakend-Konsole` : 'Peakend-Konsole',
  },

  header: {
    connection: {
      connecting: 'Verbindung wird hergestellt…',
      connected: 'Live',
      reconnecting: 'Verbindung wird wiederhergestellt…',
      unauthorized: 'Abgemeldet',
    },
    sections: {
      live: 'Live',
      followup: 'Nachverfolgung',
      conversations: 'Unterhaltungen',
      trends: 'Trends',
      segments: 'Segmente',
      report: 'Bericht',
      admin: 'Verwaltung',
    },
    navigation: 'Konsole',
    site: 'Website',
    administering: 'Sie verwalten',
    administeringTitle: (site: string) => `Sie verwalten ${site}`,
    newItems: () => 'neu',
    signOut: 'Abmelden',
  },

  roles: { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' },
  roleAs: { agent: 'als Agent', supervisor: 'als Supervisor', admin: 'als Admin' },
  roleHints: {
    agent: 'beantwortet Chats, sieht die eigene Aufschlüsselung und die Scores des Teams',
    supervisor: 'öffnet außerdem die Aufschlüsselung jedes Agenten und liest die Scores-API',
    admin: 'verwaltet außerdem die Website, ihren Schlüssel und ihr Team',
  },

  signIn: {
    title: 'Bei Ihrer Konsole anmelden',
    intro: 'Beantworten Sie Chats, halten Sie Ihre Zusagen ein und verfolgen Sie Ihre Scores live.',
    submit: 'Anmelden',
    busy: 'Anmeldung läuft…',
    email: 'E-Mail',
    password: 'Passwort',
    invalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein.',
    noPassword: 'Geben Sie Ihr Passwort ein.',
    whichSite: 'Welche Website?',
    whichSiteHint:
      'Ihre E-Mail-Adresse hat auf jeder dieser Websites ein eigenes Konto. Wählen Sie, wo Sie sich anmelden möchten.',
    wrongPassword: () => 'E-Mail-Adresse oder Passwort ist falsch.',
    noAccess: () =>
      'Ihr Konto hat keinen Zugang (mehr) zu dieser Website. Bitten Sie einen Admin der Website um eine neue Einladung.',
    unexpected: () => 'Die Anmeldung hat nicht geklappt. Bitte versuchen Sie es erneut.',
  },

  join: {
    checking: 'Ihre Einladung wird geprüft…',
    joinSite: (site: string) => `${site} beitreten`,
    busy: 'Beitritt läuft…',
    invited: (site: string, roleAs: string, email: string) =>
      `Sie wurden ${roleAs} zu ${site} eingeladen (${email}).`,
    checkingSignedIn: 'Es wird geprüft, ob Sie angemeldet sind…',
    signInTitle: 'Zum Annehmen anmelden',
    signInIntro: (email: string, site: string) =>
      `Sie haben bereits ein Peakend-Konto mit ${email}: Melden Sie sich damit an, dann treten Sie ${site} bei.`,
    signInAndJoin: (site: string) => `Anmelden und ${site} beitreten`,
    invitedNew: (roleAs: string): [string, string] => [
      `Sie wurden ${roleAs} eingeladen (`,
      '). Sagen Sie uns, wie wir Sie nennen sollen, und wählen Sie ein Passwort.',
    ],
    yourName: 'Ihr Name',
    choosePassword: 'Passwort wählen',
    passwordIssue: 'Passwort',
    goneTitle: 'Dieser Einladungslink funktioniert nicht',
    gone: () =>
      'Dieser Einladungslink funktioniert nicht mehr: Er wurde bereits verwendet, widerrufen oder ist abgelaufen. Bitten Sie einen Admin der Website um einen neuen.',
    conflict: () =>
      'Sie gehören bereits zum Team dieser Website, oder Ihr Konto wurde gerade eben angelegt: Melden Sie sich damit an.',
    goToSignIn: 'Zur Anmeldung',
  },

  verify: {
    title: 'E-Mail-Adresse bestätigen',
    checking: 'Wird bestätigt…',
    signInTitle: 'Zum Bestätigen anmelden',
    signInIntro: 'Melden Sie sich mit dem Peakend-Konto an, für das dieser Link gesendet wurde.',
    signInAndConfirm: 'Anmelden und bestätigen',
    done: (email: string) => `Ihre E-Mail-Adresse ${email} ist bestätigt.`,
    continue: 'Weiter zur Konsole',
    failed: () =>
      'Dieser Link funktioniert nicht: Er wurde bereits verwendet, ist abgelaufen oder wurde für ein anderes Konto gesendet. Melden Sie sich mit dem Konto an, für das er gesendet wurde, oder fordern Sie einen neuen Link an.',
    goToConsole: 'Zur Konsole',
  },

  password: {
    atLeast: (characters: number) => `Mindestens ${characters} Zeichen.`,
  },

  account: {
    account: 'Konto',
    changed: 'Ihr Passwort wurde geändert. Alle anderen Browser sind jetzt abgemeldet.',
    linkSent: (email: string) =>
      `Ein Link zum Bestätigen Ihrer E-Mail-Adresse ist unterwegs an ${email}.`,
    unconfirmed:
      'Ihre E-Mail-Adresse ist noch nicht bestätigt: Bis dahin kann keine Einladung einer anderen Website dieses Konto erreichen.',
    sendLink: 'Link erneut senden',
    changePassword: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    othersSignedOut: 'Andere Browser werden abgemeldet.',
    wrongPassword: () => 'Das ist nicht Ihr aktuelles Passwort.',
    signOutEverywhere: 'Überall abmelden',
  },

  errorNote: {
    dismiss: 'Ausblenden',
  },

  errors: {
    invalid: () => 'Einige Angaben müssen geändert werden.',
    unauthorized: () => 'Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an.',
    forbidden: () => 'Dazu haben Sie keine Berechtigung.',
    not_found: () => 'Nicht gefunden: Das gibt es nicht oder nicht mehr.',
    conflict: () =>
      'Das ist gerade nicht möglich: Inzwischen hat sich etwas geändert. Bitte prüfen Sie den aktuellen Stand.',
    too_large: () => 'Das ist zu viel auf einmal.',
    conversation_full: () =>
      'Diese Unterhaltung enthält bereits so viele Nachrichten, wie sie haben darf.',
    rate_limited: (_serverMessage: string, seconds?: number) =>
      seconds === undefined
        ? 'Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.'
        : `Zu viele Versuche. Bitte warten Sie ${seconds === 1 ? 'eine Sekunde' : `${seconds} Sekunden`} und versuchen Sie es dann erneut.`,
    internal: () => 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    offline:
      'Die Konsole ist gerade offline. Versuchen Sie es erneut, sobald die Verbindung wieder steht.',
    notConnected: 'Die Konsole ist nicht verbunden.',
    timeout: 'Der Server hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.',
    unreachable:
      'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    issue: (field: string, problem: string) => `${field}: ${problem}`,
  },

  arrivals: {
    newChat: (visitor: string) => `Neuer Chat wartet: ${visitor}`,
    newChats: (count: number) => `${count} neue Chats warten`,
    newFollowups: (count: number) =>
      count === 1
        ? 'Neuer Eintrag zur Nachverfolgung'
        : `${count} neue Einträge zur Nachverfolgung`,
    notificationTitle: 'Peakend: Nachverfolgung',
    notificationBody: (count: number) =>
      count === 1
        ? 'Ein Eintrag wartet auf Nachverfolgung.'
        : `${count} Einträge warten auf Nachverfolgung.`,
  },
};
