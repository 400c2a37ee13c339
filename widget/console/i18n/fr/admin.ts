/** French: "vous", and a narrow no-break space (U+202F) before : ; ? ! and inside « ». */
import type { ConsoleDictionary } from '..';
import { pluralOf } from '../locale';

export const admin: ConsoleDictionary['admin'] = {
  nav: {
    loading: 'Chargement de vos sites…',
    loadFailed: (reason) => `Impossible de charger vos sites\u202f: ${reason}`,
    label: 'Sites que vous administrez',
    title: 'Sites',
    newSite: 'Nouveau site',
    administer: (site) => `Administrer ${site}`,
    eyebrow: 'Site',
    tabsLabel: (site) => `Administration de ${site}`,
  },
  tabs: {
    team: 'Équipe',
    settings: 'Paramètres',
    embed: 'Insertion et clé',
    integrations: 'Intégrations',
    webhooks: 'Webhooks',
    visitors: 'Données des visiteurs',
  },
  copy: {
    copied: 'Copié',
    copiedStatus: 'Copié dans le presse-papiers.',
    selectStatus: 'Sélectionné\u202f: appuyez sur Ctrl+C (⌘C sur Mac) pour copier.',
  },
  secret: {
    warning:
      'Affiché cette seule fois\u202f: Peakend n’en garde aucune copie qu’il pourrait afficher à nouveau.',
    done: 'Terminé',
  },
  embed: {
    snippetTitle: 'Code d’insertion',
    snippetIntro: (site, endOfBody) => [
      `Collez-le dans chaque page de ${site} où le chat doit apparaître, juste avant `,
      endOfBody,
      '. Les pages doivent se trouver sur une origine autorisée.',
    ],
    copySnippet: 'Copier le code',
    signingTitle: 'Secret de signature',
    signingIntro: (rateCall) => [
      'Pour vos serveurs uniquement, jamais pour une page web\u202f: ils signent avec lui (HMAC-SHA256) les conversations de votre propre helpdesk que les visiteurs peuvent évaluer avec ',
      rateCall,
      ', ainsi que les identifiants de vos utilisateurs connectés. Il change lorsque la clé du site est renouvelée.',
    ],
    copySecret: 'Copier le secret',
    keyTitle: 'Clé du site',
    keyIntro: (siteId) => [
      'Vos serveurs l’envoient pour publier les événements des conversations et lire les scores (identifiant du site ',
      siteId,
      '). Peakend n’en garde qu’une empreinte et ne peut donc pas l’afficher à nouveau\u202f: si elle est perdue ou a pu fuiter, renouvelez-la.',
    ],
    newKey: 'Nouvelle clé du site',
    copyKey: 'Copier la clé',
    newKeyNote:
      'L’ancienne clé ne fonctionne plus. Placez celle-ci là où vos serveurs conservent la clé, et le nouveau secret de signature (ci-dessus) partout où ils signent les utilisateurs et les chats de votre helpdesk.',
    rotate: 'Renouveler la clé du site',
    confirmKey:
      'La clé actuelle cesse immédiatement de fonctionner\u202f: tout ce qui l’utilise encore est refusé jusqu’à recevoir la nouvelle clé.',
    confirmSecret: (userHash) => [
      'Le secret de signature change aussi\u202f: les valeurs ',
      userHash,
      ' des utilisateurs connectés et les signatures des chats de votre helpdesk faites avec l’ancien sont refusées jusqu’à ce que vos serveurs signent avec le nouveau secret, et ces visiteurs ne peuvent pas discuter entre-temps. Renouveler la clé\u202f?',
    ],
    rotateKey: 'Renouveler',
    graceLegend: 'L’ancienne clé reste valable pendant',
    graceChoice: (hours) =>
      hours === 0
        ? 'Aucun délai (arrêt immédiat)'
        : hours <= 24
          ? `${hours} heure${hours > 1 ? 's' : ''}`
          : `${hours / 24} jour${hours > 24 ? 's' : ''}`,
    confirmGrace: (period) =>
      `La clé actuelle reste valable pendant ${period}, puis s’arrête\u202f: mettez la nouvelle en place d’ici là. Vous pouvez révoquer l’ancienne clé plus tôt.`,
    confirmEndsGrace:
      ' L’ancienne clé conservée lors du dernier renouvellement s’arrête tout de suite\u202f: seule la clé remplacée maintenant est conservée.',
    confirmSecretGrace: (userHash) => [
      'Le secret de signature change aussi\u202f: les valeurs ',
      userHash,
      ' des utilisateurs connectés et les signatures des chats de votre helpdesk faites avec l’ancien seront refusées dès que l’ancienne clé s’arrêtera. Faites donc signer vos serveurs avec le nouveau secret avant. Renouveler la clé\u202f?',
    ],
    graceRuns: (until) => [
      'L’ancienne clé reste valable jusqu’à ',
      until,
      ', de même que les signatures faites avec l’ancien secret de signature et les jetons de visiteur émis avec elle. Révoquez-la dès que vos serveurs utilisent la nouvelle clé et le nouveau secret.',
    ],
    oldKey: 'Ancienne clé du site',
    revokeNow: 'Révoquer maintenant',
    revokeQuestion: 'Révoquer l’ancienne clé du site',
    confirmRevoke:
      'L’ancienne clé, les signatures faites avec l’ancien secret de signature et les jetons de visiteur émis avec elle cessent de fonctionner tout de suite, et les visiteurs encore connectés avec elle sont déconnectés. La révoquer maintenant\u202f?',
    revokeOld: 'Révoquer l’ancienne clé',
    revoked: 'L’ancienne clé a été révoquée\u202f: seule la clé actuelle fonctionne désormais.',
    newKeyNoteGrace: (until) => [
      'La clé précédente reste valable jusqu’à ',
      until,
      '. Placez celle-ci partout où vos serveurs conservent la clé, et le nouveau secret de signature (ci-dessus) là où ils signent les utilisateurs et les chats de votre helpdesk, puis révoquez l’ancienne clé.',
    ],
  },
  newSite: {
    title: 'Nouveau site',
    intro:
      'Un site par boutique ou par marque, avec sa propre équipe, son widget, sa clé et ses scores.',
    originsHint:
      'Une par ligne, par ex. https://shop.example. Vous pourrez les modifier plus tard.',
    create: 'Créer le site',
    creating: 'Création…',
    ready: (site) => `${site} est prêt`,
    keyLabel: 'Clé du site',
    readyNote:
      'Sa clé permet à vos serveurs d’envoyer les événements des conversations et de lire les scores. Vous en êtes l’administrateur\u202f: invitez votre équipe depuis l’onglet Équipe.',
  },
  siteFields: {
    name: 'Nom du site',
    origins: 'Origines autorisées',
    rewritten:
      'Écrit comme les navigateurs l’envoient (avec un schéma, sans chemin ni barre oblique finale)\u202f:',
    separator: '\u202f; ',
    line: (line, problem) => `Ligne ${line}\u202f: ${problem}`,
    lineWith: (line, origin, problem) => `Ligne ${line} (${origin})\u202f: ${problem}`,
  },
  settings: {
    siteTitle: 'Site',
    originsHint:
      'Une par ligne\u202f: les pages où le widget peut s’exécuter, sous forme de schéma et d’hôte (https://shop.example), sans chemin. Les autres pages sont refusées.',
    scoringTitle: 'Calcul des scores',
    scoringIntro:
      'Comment la réactivité, la fiabilité et l’expérience sont notées. Modifier l’un de ces réglages recalcule les scores de toutes les conversations du site.',
    apiName: 'Son nom dans l’API des sites',
    scoring: {
      targetReplySeconds: { label: 'Délai de réponse que vous promettez', unit: 'secondes' },
      halfLifeDays: { label: 'Une preuve perd la moitié de son poids tous les', unit: 'jours' },
      negativityWeight: { label: 'Un échec compte autant que', unit: 'réussites' },
      priorStrength: {
        label: 'Chaque agent démarre avec la moyenne de l’équipe sur',
        unit: 'chats',
      },
      voiceWeight: { label: 'Poids de ce que le visiteur dit avoir marqué', unit: '×' },
      reopenWindowDays: {
        label: '«\u202fCe n’est pas résolu\u202f» compte pendant',
        unit: 'jours',
        hint: 'C’est aussi le délai pendant lequel un visiteur peut signaler qu’une promesse tenue ne l’a pas été.',
      },
      ratingAmendMinutes: {
        label: 'Les visiteurs peuvent modifier une évaluation pendant',
        unit: 'minutes',
      },
      maxPromisesPerConversation: {
        label: 'Promesses comptées par conversation',
        unit: 'promesses',
        hint: 'Les premières faites comptent\u202f; les suivantes ne comptent ni pour ni contre, pour qu’une rafale de promesses ne puisse pas gonfler un score.',
      },
      minPromiseSeconds: {
        label: 'Une promesse tenue plus tôt que ce délai ne compte ni pour ni contre',
        unit: 'secondes',
        hint: 'C’est aussi le délai minimal entre une promesse et son échéance.',
      },
    },
    switches: {
      excludeMemberRatings: {
        label: 'Écarter les évaluations de votre propre équipe',
        hint: 'Une évaluation donnée depuis une adresse d’où un membre de l’équipe s’est connecté au cours des dernières 24 heures, ou par un visiteur ayant l’e-mail d’un membre de l’équipe, est conservée mais ne compte pour personne. Désactivez cette option si vos clients partagent le réseau de votre équipe, comme pour un support informatique interne.',
      },
      statedReplyFollowsKept: {
        label: 'Annoncer le délai de réponse réellement tenu',
        hint: 'Le chat indique «\u202fNous répondons généralement en N minutes\u202f», N étant le délai dans lequel 80\u202f% des visiteurs ont reçu leur première réponse au cours des 7 derniers jours. Les scores mesurent toujours l’attente par rapport au délai de réponse visé.',
      },
    },
    retentionTitle: 'Conservation des données',
    retentionIntro:
      'Après ce nombre de jours sans activité, ce qui a été écrit dans une conversation (messages, commentaires, coordonnées, attributs du visiteur, pages visitées) est effacé. Les horaires et les évaluations restent, donc les scores ne changent pas. Laissez vide pour tout conserver.',
    retentionLabel: 'Effacer le texte des conversations après',
    keep: 'Conserver',
    days: 'jours',
    retentionHint:
      'Vérifié toutes les heures. Pour effacer immédiatement les données d’un visiteur, utilisez Données des visiteurs.',
    saved: 'Enregistré.',
    save: 'Enregistrer les modifications',
  },
  timeZone: {
    label: 'Fuseau horaire',
    named: (zone) => `${zone}.`,
    hint: 'Là où commencent les jours, les semaines (à partir du lundi) et les mois de ce site dans Tendances. Les scores n’en dépendent pas.',
  },
  hours: {
    legend: 'Heures d’ouverture',
    hint: 'Dans le fuseau horaire du site. Quand personne n’a la console ouverte, le chat indique «\u202fNous sommes fermés, de retour à 09:00\u202f» en dehors de ces heures et «\u202fNous sommes absents pour le moment\u202f» pendant celles-ci (ou si aucun jour n’est ouvert), et demande leur e-mail aux visiteurs.',
    opensAt: (day) => `${day}\u202f: ouverture`,
    closesAt: (day) => `${day}\u202f: fermeture`,
    day: (day) => `Heures d’ouverture, ${day}`,
  },
  team: {
    loading: 'Chargement de l’équipe…',
    loadFailed: (reason) => `Impossible de charger l’équipe\u202f: ${reason}`,
    unknownError: 'Erreur inconnue.',
    inviteTitle: 'Inviter quelqu’un',
    inviteIntro:
      'Vous recevez un lien à transmettre vous-même\u202f; il fonctionne une fois, pendant 7 jours. La personne invitée choisit son mot de passe, ou utilise celui qu’elle a déjà si elle travaille sur un autre site.',
    linkFor: (email) => `Lien d’invitation pour ${email}`,
    linkLabel: 'Lien d’invitation',
    copyLink: 'Copier le lien',
    sendLink: (email, role, as, site, expires) => [
      'Envoyez ce lien à ',
      email,
      `. Cette personne rejoindra ${site} avec le rôle ${role}${as ? ` et sera connectée en tant que ${as}` : ''}. Le lien fonctionne une fois et expire le ${expires}.`,
    ],
    email: 'E-mail',
    emailPlaceholder: 'nom@entreprise.example',
    role: 'Rôle',
    scoredAs: 'Compté comme',
    newAgent: 'Un nouvel agent',
    createLink: 'Créer un lien d’invitation',
    roleHint: (role, hint) => `${role}\u202f: ${hint}.`,
    teamTitle: 'Équipe',
    answersHint:
      'Une personne qui ne répond pas aux chats (un administrateur qui ne fait que configurer) est exclue des scores en direct jusqu’à ce qu’elle ait ses propres scores.',
    columns: {
      name: 'Nom',
      email: 'E-mail',
      role: 'Rôle',
      answersChats: 'Répond aux chats',
      access: 'Accès',
    },
    you: 'Vous',
    roleOf: (name) => `Rôle de ${name}`,
    answersChats: (name) => `${name} répond aux chats`,
    removeAccess: 'Retirer l’accès',
    removeAccessFor: (name) => `Retirer l’accès de ${name}`,
    confirmRemove: (name, site, isYou) =>
      `Retirer l’accès de ${name} à ${site}\u202f? ${isYou ? 'Vous ne pourrez plus vous connecter ici\u202f; vos scores restent.' : 'Cette personne ne pourra plus se connecter ici\u202f; ses scores restent.'}`,
    invitesTitle: 'Invitations pas encore utilisées',
    inviteDetails: (role, as, expires) =>
      `${role}${as ? `, en tant que ${as}` : ''} · expire le ${expires}`,
    revoke: 'Révoquer',
    revokeFor: (email) => `Révoquer l’invitation de ${email}`,
    scoredTitle: 'Comptés, sans connexion',
    scoredIntro:
      'Agents que ce site note mais qui ne peuvent pas se connecter\u202f: cités dans les événements de votre helpdesk, ou dont l’accès a été retiré. Nommez-en un pour l’afficher partout sous ce nom (les noms de votre helpdesk ne le remplaceront pas), ou invitez-en un pour qu’il voie ses propres scores.',
    nameFor: (agentId) => `Nom pour ${agentId}`,
    saveName: 'Enregistrer le nom',
    name: 'Nommer',
    nameAgent: (name) => `Nommer ${name}`,
    invite: 'Inviter',
    inviteAgent: (name) => `Inviter ${name}`,
  },
  integrations: {
    intro: (site) =>
      `Calculez les scores de vos agents à partir des conversations qu’ils mènent déjà dans Chatwoot\u202f: ses messages, attributions, résolutions et réponses CSAT deviennent des conversations de ${site} dans Peakend. Collez l’URL du webhook dans Chatwoot, sous Paramètres → Intégrations → Webhooks.`,
    enable: 'Activer Chatwoot',
    urlTitle: 'URL du webhook Chatwoot',
    urlLabel: 'URL du webhook',
    copyUrl: 'Copier l’URL',
    urlNote: (site) =>
      `Collez-la dans Chatwoot comme nouveau webhook et cochez les événements ci-dessous. Quiconque la possède peut envoyer des conversations à ${site}\u202f: ne la mettez ni dans des tickets ni dans des chats.`,
    enabled: (since) =>
      `${since ? `Activé depuis le ${since}` : 'Activé'}. Peakend ne garde qu’une empreinte de l’URL et ne peut donc pas l’afficher à nouveau\u202f: si elle est perdue ou a pu fuiter, créez-en une nouvelle.`,
    eventsTitle: 'Événements à cocher dans Chatwoot',
    newUrl: 'Créer une nouvelle URL',
    confirmNewUrl:
      'L’URL actuelle cesse immédiatement de fonctionner\u202f: les envois de Chatwoot sont refusés jusqu’à ce que vous colliez la nouvelle. Créer une nouvelle URL\u202f?',
    makeNewUrl: 'Remplacer l’URL',
    disable: 'Désactiver Chatwoot',
    confirmDisable:
      'Les envois de Chatwoot sont refusés à partir de maintenant\u202f; ce qu’ils ont apporté est conservé. Désactiver Chatwoot\u202f?',
    disableConfirmed: 'Désactiver',
    secretTitle: 'Secret du webhook Chatwoot',
    secretIntro:
      'À partir de la version 4.11.2, Chatwoot signe chaque envoi avec le secret affiché dans les paramètres du webhook. Enregistrez-le ici et Peakend refusera tout envoi dont la signature ne correspond pas ou qui date de plus de cinq minutes. Facultatif\u202f: l’URL reste la première vérification.',
    secretSet: 'Un secret est enregistré\u202f: les signatures sont vérifiées.',
    secretUnset: 'Aucun secret enregistré\u202f: les signatures ne sont pas vérifiées.',
    secretLabel: 'Secret du webhook',
    saveSecret: 'Enregistrer le secret',
    forgetSecret: 'Oublier le secret',
    secretStored: 'Secret enregistré\u202f: la signature de chaque envoi est vérifiée.',
    secretForgotten: 'Secret oublié\u202f: l’URL seule suffit pour que les envois soient acceptés.',
  },
  webhooks: {
    eventHints: {
      'rating.saved': 'Un visiteur a évalué une conversation ou modifié son évaluation',
      'followup.created': 'Une mauvaise expérience nécessite un suivi',
      'followup.updated': 'Un élément de suivi a changé',
      'promise.broken': 'Une promesse n’a pas été tenue dans les délais',
      'conversation.reopened': 'Une conversation fermée a été rouverte',
    },
    status: {
      pending: 'En attente',
      delivered: 'Livré',
      failed: 'Échec',
      skipped: 'Rien à envoyer',
    },
    loading: 'Chargement des webhooks…',
    loadFailed: (reason) => `Impossible de charger les webhooks\u202f: ${reason}`,
    addTitle: 'Ajouter un webhook',
    addIntro:
      'Peakend envoie chaque événement à votre URL, signé selon la spécification Standard Webhooks. Une destination Slack reçoit à la place un message pour chaque mauvaise fin et chaque promesse non tenue.',
    secretTitle: 'Secret de signature',
    copySecret: 'Copier le secret',
    verifyNote: (url) => [
      'Vérifiez chaque envoi vers ',
      url,
      ' avec ce secret (voir le guide des webhooks).',
    ],
    destination: 'Destination',
    standard: 'Votre endpoint (JSON signé)',
    slack: 'Slack (webhook entrant)',
    url: 'URL',
    events: 'Événements',
    add: 'Ajouter le webhook',
    slackAdded: 'Destination Slack ajoutée.',
    listTitle: 'Webhooks',
    none: 'Aucun webhook pour l’instant.',
    summary: (slack, events, on, added) =>
      `${slack ? 'Slack · ' : ''}${events} · ${on ? 'Activé' : 'Désactivé'} · ajouté le ${added}`,
    disabledReason: (day, last) =>
      `Désactivé le ${day}\u202f: tous les envois ont échoué pendant 24 heures (dernier\u202f: ${last}).`,
    turnOff: 'Désactiver',
    turnOn: 'Activer',
    turnOffLabel: (url) => `Désactiver le webhook ${url}`,
    turnOnLabel: (url) => `Activer le webhook ${url}`,
    ping: 'Ping de test',
    pingLabel: (url) => `Envoyer un ping de test à ${url}`,
    pinged: 'Ping de test en file d’attente.',
    log: 'Journal des envois',
    delete: 'Supprimer',
    deleteLabel: (url) => `Supprimer le webhook ${url}`,
    confirmDelete:
      'Supprimer ce webhook et son journal des envois\u202f? Plus rien ne lui sera envoyé.',
    deleted: 'Webhook supprimé.',
    refresh: 'Actualiser le journal',
    refreshed: 'Journal des envois actualisé.',
    loadingLog: 'Chargement des envois…',
    nothingSent: 'Rien n’a encore été envoyé.',
    logCaption: (url) => `Derniers envois vers ${url}`,
    columns: {
      event: 'Événement',
      status: 'Statut',
      attempts: 'Tentatives',
      lastAnswer: 'Dernière réponse',
      resend: 'Renvoyer',
    },
    resend: 'Renvoyer',
    resendLabel: (event, id) => `Renvoyer ${event} ${id}`,
    resending: (event) => `Renvoi de ${event}.`,
  },
  visitors: {
    title: 'Données des visiteurs',
    intro:
      'Exportez ou effacez tout ce qui est conservé sur un visiteur, à sa demande. L’effacement supprime ce que le visiteur et votre équipe ont écrit, ses coordonnées et les pages visitées\u202f; les horaires et les évaluations restent, donc les scores ne changent pas. C’est irréversible.',
    findBy: 'Trouver le visiteur par',
    kinds: {
      visitor: { choice: 'Identifiant de visiteur', field: 'Identifiant de visiteur' },
      user: {
        choice: 'Identifiant utilisateur de votre site (utilisateurs connectés)',
        field: 'Identifiant utilisateur',
      },
      conversation: {
        choice:
          'Une de ses conversations (son identifiant, tel que l’export des évaluations l’indique)',
        field: 'Identifiant de conversation',
      },
    },
    find: 'Rechercher',
    visitor: (id) => `Visiteur ${id}`,
    found: (id) => ['Visiteur ', id],
    conversations: (count) =>
      `${count} ${pluralOf(count) === 'one' ? 'conversation' : 'conversations'}`,
    download: 'Télécharger ses données (JSON)',
    eraseStart: 'Effacer ses données…',
    eraseLabel: 'Effacer les données de ce visiteur',
    confirmErase:
      'Effacer les données de ce visiteur\u202f? Ce qui a été écrit dans ses conversations, ses coordonnées et les pages visitées seront supprimés définitivement.',
    erase: 'Effacer',
    nothingToErase: 'Ce site n’a aucune conversation de ce visiteur\u202f: rien à effacer.',
    erased: (count) =>
      `Effacé\u202f: ${count} ${pluralOf(count) === 'one' ? 'conversation caviardée' : 'conversations caviardées'}. Les scores sont inchangés.`,
  },
  errors: {
    seeFields: 'Certains champs doivent être corrigés\u202f: voyez les messages en dessous.',
    inField: (field, problem) => `${field}\u202f: ${problem}`,
    unauthorized: () => 'Vous n’êtes plus connecté. Reconnectez-vous et réessayez.',
    forbidden: () => 'Seuls les administrateurs de ce site peuvent faire cela.',
    notFound: () => 'Cet élément n’existe plus. Rechargez la page.',
    conflict: () =>
      'Impossible pour le moment\u202f: quelque chose a changé entre-temps. Rechargez la page et réessayez.',
    invalid: () => 'Certaines valeurs envoyées ne sont pas valides.',
    tooLarge: () => 'C’est trop volumineux pour être envoyé en une fois.',
    rateLimited: () => 'Trop de requêtes en peu de temps. Patientez un instant et réessayez.',
    internal: () =>
      'Une erreur s’est produite, ou le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    conversationFull: () => 'Cette conversation ne peut plus rien contenir.',
    onlyAdminsCreateSites: () => 'Seuls les administrateurs peuvent créer des sites.',
    onlyAdmin: (_server, name) =>
      `${name} est le seul administrateur de ce site\u202f: nommez d’abord quelqu’un d’autre administrateur.`,
    alreadyOnTeam: (_server, email) => `${email} fait déjà partie de l’équipe de ce site.`,
    alreadyOnTeamOrSignsIn: (_server, email, name) =>
      `${email} fait déjà partie de l’équipe de ce site, ou ${name} peut déjà s’y connecter.`,
    alreadySignsIn: (_server, name) =>
      `${name} se connecte à ce site\u202f: son nom vient de son propre compte.`,
    inviteGone: () =>
      'Cette invitation n’existe plus\u202f: elle a été utilisée, révoquée ou a expiré.',
    memberGone: () => 'Cette personne ne fait plus partie de l’équipe de ce site.',
    webhookGone: () => 'Ce webhook n’existe plus.',
    deliveryGone: () => 'Cet envoi n’existe plus.',
    tooManyWebhooks: (_server, max) => `Un site peut avoir au plus ${max} webhooks.`,
    chatwootOff: () => 'Chatwoot n’est pas activé pour ce site\u202f: activez-le d’abord.',
    noSuchVisitor: () => 'Aucun visiteur n’a cet identifiant.',
    noSuchConversation: () =>
      'Ce site n’a aucune conversation avec un visiteur sous cet identifiant.',
  },
  problems: {
    required: () => 'ne doit pas être vide',
    atLeast: (_server, min) => `doit être d’au moins ${min}`,
    moreThan: (_server, min) => `doit être supérieur à ${min}`,
    atMost: (_server, max) => `doit être d’au plus ${max}`,
    lessThan: (_server, max) => `doit être inférieur à ${max}`,
    tooShort: (_server, min) => `doit compter au moins ${min} caractères`,
    tooLong: (_server, max) => `doit compter au plus ${max} caractères`,
    tooFew: (_server, min) => `doit contenir au moins ${min} éléments`,
    tooMany: (_server, max) => `doit contenir au plus ${max} éléments`,
    exactly: (_server, count) => `doit contenir exactement ${count} éléments`,
    wholeNumber: () => 'doit être un nombre entier',
    number: () => 'doit être un nombre',
    origin: () => 'doit être une origine comme https://shop.example (schéma et hôte, sans chemin)',
    timeZone: () => 'doit être un fuseau horaire IANA, comme Europe/Paris',
    clock: () => 'doit être une heure comme 09:00',
    closesBeforeOpens: () => 'l’heure de fermeture doit suivre l’heure d’ouverture',
    controlCharacters: () => 'ne doit pas contenir de caractères de contrôle',
    plainText: () => 'doit être du texte simple',
    email: () => 'doit être une adresse e-mail valide',
    url: () => 'doit être une URL',
    httpUrl: () => 'doit être une URL en http:// ou https://',
    urlCredentials: () => 'ne doit contenir ni nom d’utilisateur ni mot de passe',
    privateAddress: (_server, host) =>
      `${host} pointe vers une adresse qui n’est pas publique (autorisez-la avec PEAKEND_WEBHOOK_ALLOW)`,
    chooseEvent: () => 'choisissez au moins un événement',
    slackEvents: () => 'une destination Slack ne reçoit que rating.saved et promise.broken',
    chatwootSecret: () => 'doit être le secret affiché par Chatwoot (au moins 8 caractères)',
    unknownSetting: (_server, names) => `réglage inconnu\u202f: ${names}`,
    id: () => 'utilisez uniquement des lettres, des chiffres et . _ : @ -',
  },
};
