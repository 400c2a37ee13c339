/** Dutch (informal "je", as the widget): the shell. */
import type { ConsoleDictionary } from '..';

export const shell: ConsoleDictionary['shell'] = {
  app: {
    loading: 'De console wordt geladen…',
    signedOut: 'Je bent uitgelogd.',
    sessionEnded: 'Je sessie is verlopen. Log opnieuw in.',
    documentTitle: (waiting: number) =>
      waiting > 0 ? `(${waiting}) Peakend-console` : 'Peakend-console',
  },

  header: {
    connection: {
      connecting: 'Verbinden…',
      connected: 'Live',
      reconnecting: 'Opnieuw verbinden…',
      unauthorized: 'Uitgelogd',
    },
    sections: {
      live: 'Live',
      followup: 'Opvolging',
      conversations: 'Gesprekken',
      trends: 'Trends',
      segments: 'Segmenten',
      report: 'Rapport',
      admin: 'Beheer',
    },
    navigation: 'Console',
    site: 'Site',
    administering: 'Je beheert',
    administeringTitle: (site: string) => `Je beheert ${site}`,
    newItems: () => 'nieuw',
    signOut: 'Uitloggen',
  },

  roles: { agent: 'Agent', supervisor: 'Supervisor', admin: 'Beheerder' },
  roleAs: { agent: 'als agent', supervisor: 'als supervisor', admin: 'als beheerder' },
  roleHints: {
    agent: 'beantwoordt chats, ziet de eigen uitsplitsing en de scores van het team',
    supervisor: 'opent ook de uitsplitsing van elke agent en leest de scores-API',
    admin: 'beheert ook de site, de sleutel en het team',
  },

  signIn: {
    title: 'Log in op je console',
    intro: 'Beantwoord chats, kom je beloftes na en volg je scores live.',
    submit: 'Inloggen',
    busy: 'Bezig met inloggen…',
    email: 'E-mail',
    password: 'Wachtwoord',
    invalidEmail: 'Vul een geldig e-mailadres in.',
    noPassword: 'Vul je wachtwoord in.',
    whichSite: 'Welke site?',
    whichSiteHint:
      'Je e-mailadres heeft op elk van deze sites een eigen account. Kies waar je wilt inloggen.',
    wrongPassword: () => 'Onjuist e-mailadres of wachtwoord.',
    noAccess: () =>
      'Je account heeft (nu) geen toegang tot deze site. Vraag een beheerder van de site om een nieuwe uitnodiging.',
    unexpected: () => 'Inloggen is niet gelukt. Probeer het opnieuw.',
  },

  join: {
    checking: 'Je uitnodiging wordt gecontroleerd…',
    joinSite: (site: string) => `Word lid van ${site}`,
    busy: 'Lid worden…',
    invited: (site: string, roleAs: string, email: string) =>
      `Je bent ${roleAs} uitgenodigd voor ${site}, met ${email}.`,
    checkingSignedIn: 'We controleren of je bent ingelogd…',
    signInTitle: 'Log in om te accepteren',
    signInIntro: (email: string, site: string) =>
      `Je hebt al een Peakend-account met ${email}: log daarmee in en je wordt lid van ${site}.`,
    signInAndJoin: (site: string) => `Inloggen en lid worden van ${site}`,
    invitedNew: (roleAs: string): [string, string] => [
      `Je bent ${roleAs} uitgenodigd, met `,
      '. Vertel hoe we je mogen noemen en kies een wachtwoord.',
    ],
    yourName: 'Je naam',
    choosePassword: 'Kies een wachtwoord',
    passwordIssue: 'Wachtwoord',
    goneTitle: 'Deze uitnodigingslink werkt niet',
    gone: () =>
      'Deze uitnodigingslink werkt niet meer: hij is al gebruikt, ingetrokken of verlopen. Vraag een beheerder van de site om een nieuwe.',
    conflict: () =>
      'Je hoort al bij het team van deze site, of je account is zojuist aangemaakt: log daarmee in.',
    goToSignIn: 'Naar inloggen',
  },

  verify: {
    title: 'Bevestig je e-mailadres',
    checking: 'Bezig met bevestigen…',
    signInTitle: 'Log in om te bevestigen',
    signInIntro: 'Log in met het Peakend-account waarvoor deze link is verstuurd.',
    signInAndConfirm: 'Inloggen en bevestigen',
    done: (email: string) => `Je e-mailadres ${email} is bevestigd.`,
    continue: 'Verder naar de console',
    failed: () =>
      'Deze link werkt niet: hij is al gebruikt, verlopen of verstuurd voor een ander account. Log in met het account waarvoor hij is verstuurd, of vraag een nieuwe link aan.',
    goToConsole: 'Naar de console',
  },

  password: {
    atLeast: (characters: number) => `Minstens ${characters} tekens.`,
  },

  account: {
    account: 'Account',
    changed: 'Je wachtwoord is gewijzigd. Alle andere browsers zijn uitgelogd.',
    linkSent: (email: string) =>
      `Er is een link om je e-mailadres te bevestigen onderweg naar ${email}.`,
    unconfirmed:
      'Je e-mailadres is nog niet bevestigd: tot die tijd kan geen uitnodiging van een andere site dit account bereiken.',
    sendLink: 'Link opnieuw sturen',
    changePassword: 'Wachtwoord wijzigen',
    currentPassword: 'Huidig wachtwoord',
    newPassword: 'Nieuw wachtwoord',
    othersSignedOut: 'Andere browsers worden uitgelogd.',
    wrongPassword: () => 'Dat is niet je huidige wachtwoord.',
    signOutEverywhere: 'Overal uitloggen',
  },

  errorNote: {
    dismiss: 'Verbergen',
  },

  errors: {
    invalid: () => 'Sommige gegevens moeten worden aangepast.',
    unauthorized: () => 'Je bent niet meer ingelogd. Log opnieuw in.',
    forbidden: () => 'Daar heb je geen toestemming voor.',
    not_found: () => 'Niet gevonden: dit bestaat niet (meer).',
    conflict: () => 'Dat kan nu niet: er is intussen iets veranderd. Bekijk de huidige stand.',
    too_large: () => 'Dat is te veel in één keer.',
    conversation_full: () => 'Dit gesprek bevat al het maximale aantal berichten.',
    rate_limited: (_serverMessage: string, seconds?: number) =>
      seconds === undefined
        ? 'Te veel pogingen. Wacht even en probeer het dan opnieuw.'
        : `Te veel pogingen. Wacht ${seconds === 1 ? '1 seconde' : `${seconds} seconden`} en probeer het dan opnieuw.`,
    internal: () => 'Er ging iets mis. Probeer het opnieuw.',
    offline: 'De console is nu offline. Probeer het opnieuw zodra de verbinding terug is.',
    notConnected: 'De console is niet verbonden.',
    timeout: 'De server antwoordde niet op tijd. Probeer het opnieuw.',
    unreachable: 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    issue: (field: string, problem: string) => `${field}: ${problem}`,
  },

  arrivals: {
    newChat: (visitor: string) => `Nieuwe chat wacht: ${visitor}`,
    newChats: (count: number) => `${count} nieuwe chats wachten`,
    newFollowups: (count: number) =>
      count === 1 ? 'Nieuw item voor opvolging' : `${count} nieuwe items voor opvolging`,
    notificationTitle: 'Peakend: opvolging',
    notificationBody: (count: number) =>
      count === 1 ? 'Eén item wacht op opvolging.' : `${count} items wachten op opvolging.`,
  },
};
