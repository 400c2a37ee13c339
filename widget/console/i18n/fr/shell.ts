/**
 * French ("vous", as the widget): the shell. A narrow no-break space (\u202f) goes before ? ! : ;
 * and inside « ». Counts of 0 and 1 are singular in French.
 */
import type { ConsoleDictionary } from '..';

export const shell: ConsoleDictionary['shell'] = {
  app: {
    loading: 'Chargement de la console…',
    signedOut: 'Déconnexion effectuée.',
    sessionEnded: 'Votre session a expiré. Veuillez vous reconnecter.',
    documentTitle: (waiting: number) =>
      waiting > 0 ? `(${waiting}) Console Peakend` : 'Console Peakend',
  },

  header: {
    connection: {
      connecting: 'Connexion…',
      connected: 'En direct',
      reconnecting: 'Reconnexion…',
      unauthorized: 'Déconnecté',
    },
    sections: {
      live: 'En direct',
      followup: 'Suivi',
      conversations: 'Conversations',
      trends: 'Tendances',
      segments: 'Segments',
      report: 'Rapport',
      admin: 'Administration',
    },
    navigation: 'Console',
    site: 'Site',
    administering: 'Site administré\u202f:',
    administeringTitle: (site: string) => `Site administré\u202f: ${site}`,
    newItems: (count: number) => (count < 2 ? 'nouveau' : 'nouveaux'),
    signOut: 'Se déconnecter',
  },

  roles: { agent: 'Agent', supervisor: 'Superviseur', admin: 'Administrateur' },
  roleAs: {
    agent: 'en tant qu’agent',
    supervisor: 'en tant que superviseur',
    admin: 'en tant qu’administrateur',
  },
  roleHints: {
    agent: 'répond aux chats, voit le détail de ses propres scores et les scores de l’équipe',
    supervisor: 'ouvre aussi le détail des scores de chaque agent et lit l’API des scores',
    admin: 'gère aussi le site, sa clé et son équipe',
  },

  signIn: {
    title: 'Connectez-vous à votre console',
    intro: 'Répondez aux chats, tenez vos promesses et suivez vos scores en direct.',
    submit: 'Se connecter',
    busy: 'Connexion…',
    email: 'E-mail',
    password: 'Mot de passe',
    invalidEmail: 'Saisissez une adresse e-mail valide.',
    noPassword: 'Saisissez votre mot de passe.',
    whichSite: 'Quel site\u202f?',
    whichSiteHint:
      'Votre adresse e-mail a un compte distinct sur chacun de ces sites. Choisissez où vous connecter.',
    wrongPassword: () => 'Adresse e-mail ou mot de passe incorrect.',
    noAccess: () =>
      'Votre compte n’a pas (ou plus) accès à ce site. Demandez une nouvelle invitation à un administrateur du site.',
    unexpected: () => 'La connexion a échoué. Veuillez réessayer.',
  },

  join: {
    checking: 'Vérification de votre invitation…',
    joinSite: (site: string) => `Rejoindre ${site}`,
    busy: 'Un instant…',
    invited: (site: string, roleAs: string, email: string) =>
      `Vous avez reçu une invitation à rejoindre ${site} ${roleAs}, avec l’adresse ${email}.`,
    checkingSignedIn: 'Vérification de votre connexion…',
    signInTitle: 'Connectez-vous pour accepter',
    signInIntro: (email: string, site: string) =>
      `Vous avez déjà un compte Peakend avec ${email}\u202f: connectez-vous avec celui-ci pour rejoindre ${site}.`,
    signInAndJoin: (site: string) => `Se connecter et rejoindre ${site}`,
    invitedNew: (roleAs: string): [string, string] => [
      `Vous avez reçu une invitation ${roleAs}, avec l’adresse `,
      '. Indiquez comment vous appeler et choisissez un mot de passe.',
    ],
    yourName: 'Votre nom',
    choosePassword: 'Choisissez un mot de passe',
    passwordIssue: 'Mot de passe',
    goneTitle: 'Ce lien d’invitation ne fonctionne pas',
    gone: () =>
      'Ce lien d’invitation ne fonctionne plus\u202f: il a déjà été utilisé, a été révoqué ou a expiré. Demandez-en un nouveau à un administrateur du site.',
    conflict: () =>
      'Vous faites déjà partie de l’équipe de ce site, ou votre compte vient d’être créé\u202f: connectez-vous avec celui-ci.',
    goToSignIn: 'Aller à la connexion',
  },

  verify: {
    title: 'Confirmez votre adresse e-mail',
    checking: 'Confirmation…',
    signInTitle: 'Connectez-vous pour confirmer',
    signInIntro: 'Connectez-vous avec le compte Peakend pour lequel ce lien a été envoyé.',
    signInAndConfirm: 'Se connecter et confirmer',
    done: (email: string) => `Votre adresse e-mail ${email} est confirmée.`,
    continue: 'Continuer vers la console',
    failed: () =>
      'Ce lien ne fonctionne pas\u202f: il a déjà été utilisé, a expiré ou a été envoyé pour un autre compte. Connectez-vous avec le compte pour lequel il a été envoyé, ou demandez un nouveau lien.',
    goToConsole: 'Aller à la console',
  },

  password: {
    atLeast: (characters: number) => `Au moins ${characters} caractères.`,
  },

  account: {
    account: 'Compte',
    changed: 'Votre mot de passe a été modifié. Tous les autres navigateurs sont déconnectés.',
    linkSent: (email: string) =>
      `Un lien pour confirmer votre adresse e-mail a été envoyé à ${email}.`,
    unconfirmed:
      'Votre adresse e-mail n’est pas encore confirmée\u202f: d’ici là, aucune invitation d’un autre site ne peut atteindre ce compte.',
    sendLink: 'Renvoyer le lien',
    changePassword: 'Changer le mot de passe',
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe',
    othersSignedOut: 'Les autres navigateurs seront déconnectés.',
    wrongPassword: () => 'Ce n’est pas votre mot de passe actuel.',
    signOutEverywhere: 'Se déconnecter partout',
  },

  errorNote: {
    dismiss: 'Masquer',
  },

  errors: {
    invalid: () => 'Certaines informations doivent être corrigées.',
    unauthorized: () => 'Votre session n’est plus active. Veuillez vous reconnecter.',
    forbidden: () => 'Vous n’avez pas l’autorisation de faire cela.',
    not_found: () => 'Introuvable\u202f: cet élément n’existe pas ou plus.',
    conflict: () =>
      'Ce n’est pas possible pour le moment\u202f: quelque chose a changé entre-temps. Vérifiez l’état actuel.',
    too_large: () => 'C’est trop en une seule fois.',
    conversation_full: () => 'Cette conversation contient déjà le nombre maximal de messages.',
    rate_limited: (_serverMessage: string, seconds?: number) =>
      seconds === undefined
        ? 'Trop de tentatives. Patientez un instant, puis réessayez.'
        : `Trop de tentatives. Patientez ${seconds < 2 ? `${seconds} seconde` : `${seconds} secondes`}, puis réessayez.`,
    internal: () => 'Une erreur s’est produite. Veuillez réessayer.',
    offline:
      'La console est hors ligne pour le moment\u202f; réessayez une fois la connexion rétablie.',
    notConnected: 'La console n’est pas connectée.',
    timeout: 'Le serveur n’a pas répondu à temps. Veuillez réessayer.',
    unreachable: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    issue: (field: string, problem: string) => `${field}\u202f: ${problem}`,
  },

  arrivals: {
    newChat: (visitor: string) => `Nouveau chat en attente\u202f: ${visitor}`,
    newChats: (count: number) => `${count} nouveaux chats en attente`,
    newFollowups: (count: number) =>
      count < 2 ? 'Nouvel élément à suivre' : `${count} nouveaux éléments à suivre`,
    notificationTitle: 'Peakend\u202f: suivi',
    notificationBody: (count: number) =>
      count < 2 ? 'Un élément attend un suivi.' : `${count} éléments attendent un suivi.`,
  },
};
