import type { ConsoleDictionary } from '..';
import { pluralOf } from '../locale';

export const admin: ConsoleDictionary['admin'] = {
  nav: {
    loading: 'Ihre Websites werden geladen…',
    loadFailed: (reason) => `Ihre Websites konnten nicht geladen werden: ${reason}`,
    label: 'Websites, die Sie verwalten',
    title: 'Websites',
    newSite: 'Neue Website',
    administer: (site) => `${site} verwalten`,
    eyebrow: 'Website',
    tabsLabel: (site) => `Verwaltung von ${site}`,
  },
  tabs: {
    team: 'Team',
    settings: 'Einstellungen',
    embed: 'Einbindung und Schlüssel',
    integrations: 'Integrationen',
    webhooks: 'Webhooks',
    visitors: 'Besucherdaten',
  },
  copy: {
    copied: 'Kopiert',
    copiedStatus: 'In die Zwischenablage kopiert.',
    selectStatus: 'Markiert: Drücken Sie Strg+C (⌘C auf dem Mac), um zu kopieren.',
  },
  secret: {
    warning:
      'Wird nur dieses eine Mal angezeigt: Peakend bewahrt keine Kopie auf, die es erneut anzeigen könnte.',
    done: 'Fertig',
  },
  embed: {
    snippetTitle: 'Einbettungscode',
    snippetIntro: (site, endOfBody) => [
      `Fügen Sie ihn auf jeder Seite von ${site}, auf der der Chat erscheinen soll, direkt vor `,
      endOfBody,
      ' ein. Die Seiten müssen auf einem erlaubten Origin liegen.',
    ],
    copySnippet: 'Code kopieren',
    signingTitle: 'Signaturgeheimnis',
    signingIntro: (rateCall) => [
      'Nur für Ihre Server, nie für eine Webseite: Damit signieren sie (HMAC-SHA256) die Unterhaltungen Ihres eigenen Helpdesks, die Besucher mit ',
      rateCall,
      ' bewerten können, sowie die IDs Ihrer angemeldeten Nutzer. Es ändert sich, wenn der Website-Schlüssel erneuert wird.',
    ],
    copySecret: 'Geheimnis kopieren',
    keyTitle: 'Website-Schlüssel',
    keyIntro: (siteId) => [
      'Ihre Server senden ihn mit, um Unterhaltungsereignisse zu übermitteln und Scores abzurufen (Website-ID ',
      siteId,
      '). Peakend speichert nur einen Fingerabdruck davon und kann ihn daher nicht erneut anzeigen: Wenn er verloren gegangen ist oder womöglich offengelegt wurde, erneuern Sie ihn.',
    ],
    newKey: 'Neuer Website-Schlüssel',
    copyKey: 'Schlüssel kopieren',
    newKeyNote:
      'Der bisherige Schlüssel funktioniert nicht mehr. Hinterlegen Sie diesen dort, wo Ihre Server den Schlüssel aufbewahren, und das neue Signaturgeheimnis (oben) überall dort, wo sie Nutzer und Host-Chats signieren.',
    rotate: 'Website-Schlüssel erneuern',
    confirmKey:
      'Der aktuelle Schlüssel funktioniert sofort nicht mehr: Alles, was ihn noch verwendet, wird abgewiesen, bis es den neuen Schlüssel hat.',
    confirmSecret: (userHash) => [
      'Auch das Signaturgeheimnis ändert sich: ',
      userHash,
      '-Werte angemeldeter Nutzer und Signaturen von Host-Chats, die mit dem alten erstellt wurden, werden abgewiesen, bis Ihre Server mit dem neuen Geheimnis signieren. So lange können diese Besucher nicht chatten. Schlüssel erneuern?',
    ],
    rotateKey: 'Erneuern',
    graceLegend: 'Der alte Schlüssel funktioniert weiter für',
    graceChoice: (hours) =>
      hours === 0
        ? 'Keine Übergangszeit (sofort beenden)'
        : hours <= 24
          ? `${hours} ${hours === 1 ? 'Stunde' : 'Stunden'}`
          : `${hours / 24} ${hours === 24 ? 'Tag' : 'Tage'}`,
    confirmGrace: (period) =>
      `Der aktuelle Schlüssel funktioniert noch ${period} lang und endet dann: Setzen Sie den neuen in der Zwischenzeit ein. Sie können den alten Schlüssel auch früher widerrufen.`,
    confirmEndsGrace:
      ' Der bei der letzten Erneuerung behaltene alte Schlüssel endet sofort: Nur der jetzt ersetzte Schlüssel bleibt gültig.',
    confirmSecretGrace: (userHash) => [
      'Auch das Signaturgeheimnis ändert sich: ',
      userHash,
      '-Werte angemeldeter Nutzer und Signaturen von Host-Chats, die mit dem alten erstellt wurden, werden abgewiesen, sobald der alte Schlüssel endet. Lassen Sie Ihre Server also vorher mit dem neuen Geheimnis signieren. Schlüssel erneuern?',
    ],
    graceRuns: (until) => [
      'Der alte Schlüssel funktioniert bis ',
      until,
      ', ebenso Signaturen mit dem alten Signaturgeheimnis und die damit ausgegebenen Besucher-Tokens. Widerrufen Sie ihn, sobald Ihre Server den neuen Schlüssel und das neue Geheimnis verwenden.',
    ],
    oldKey: 'Alter Website-Schlüssel',
    revokeNow: 'Jetzt widerrufen',
    revokeQuestion: 'Den alten Website-Schlüssel widerrufen',
    confirmRevoke:
      'Der alte Schlüssel, Signaturen mit dem alten Signaturgeheimnis und die damit ausgegebenen Besucher-Tokens funktionieren sofort nicht mehr, und noch damit verbundene Besucher werden getrennt. Jetzt widerrufen?',
    revokeOld: 'Alten Schlüssel widerrufen',
    revoked: 'Der alte Schlüssel wurde widerrufen: Nur der aktuelle Schlüssel funktioniert noch.',
    newKeyNoteGrace: (until) => [
      'Der vorherige Schlüssel funktioniert noch bis ',
      until,
      '. Hinterlegen Sie diesen überall dort, wo Ihre Server den Schlüssel aufbewahren, und das neue Signaturgeheimnis (oben) dort, wo sie Nutzer und Host-Chats signieren; widerrufen Sie dann den alten Schlüssel.',
    ],
  },
  newSite: {
    title: 'Neue Website',
    intro:
      'Eine Website pro Shop oder Marke: mit eigenem Team, Widget, Schlüssel und eigenen Scores.',
    originsHint: 'Einer pro Zeile, z. B. https://shop.example. Sie können sie später ändern.',
    create: 'Website anlegen',
    creating: 'Wird angelegt…',
    ready: (site) => `${site} ist bereit`,
    keyLabel: 'Website-Schlüssel',
    readyNote:
      'Mit dem Schlüssel können Ihre Server Unterhaltungsereignisse senden und Scores abrufen. Sie verwalten diese Website: Laden Sie Ihr Team über den Tab „Team“ ein.',
  },
  siteFields: {
    name: 'Name der Website',
    origins: 'Erlaubte Origins',
    rewritten:
      'So geschrieben, wie Browser es senden (mit Schema, ohne Pfad oder abschließenden Schrägstrich):',
    separator: '; ',
    line: (line, problem) => `Zeile ${line}: ${problem}`,
    lineWith: (line, origin, problem) => `Zeile ${line} (${origin}): ${problem}`,
  },
  settings: {
    siteTitle: 'Website',
    originsHint:
      'Einer pro Zeile: die Seiten, auf denen das Widget laufen darf, als Schema und Host (https://shop.example), ohne Pfad. Andere Seiten werden abgewiesen.',
    scoringTitle: 'Score-Berechnung',
    scoringIntro:
      'Wie Reaktionsschnelligkeit, Zuverlässigkeit und Erlebnis bewertet werden. Wenn Sie einen dieser Werte ändern, werden alle Unterhaltungen der Website neu bewertet.',
    apiName: 'Der Name in der Sites-API',
    scoring: {
      targetReplySeconds: { label: 'Zugesagte Antwortzeit', unit: 'Sekunden' },
      halfLifeDays: { label: 'Belege verlieren die Hälfte ihres Gewichts alle', unit: 'Tage' },
      negativityWeight: { label: 'Ein Misserfolg zählt so viel wie', unit: 'Erfolge' },
      priorStrength: { label: 'Jeder Agent startet mit dem Teamdurchschnitt aus', unit: 'Chats' },
      voiceWeight: { label: 'Gewicht dessen, was laut Besucher herausstach', unit: '×' },
      reopenWindowDays: {
        label: '„Das ist nicht gelöst“ zählt innerhalb von',
        unit: 'Tagen',
        hint: 'Auch so lange kann ein Besucher melden, dass eine als eingehalten geltende Zusage doch nicht eingehalten wurde.',
      },
      ratingAmendMinutes: {
        label: 'Besucher können eine Bewertung ändern innerhalb von',
        unit: 'Minuten',
      },
      maxPromisesPerConversation: {
        label: 'Zusagen, die pro Unterhaltung zählen',
        unit: 'Zusagen',
        hint: 'Die zuerst gemachten zählen; spätere zählen weder positiv noch negativ, damit eine Flut von Zusagen keinen Score anheben kann.',
      },
      minPromiseSeconds: {
        label:
          'Eine schneller als in dieser Zeit eingehaltene Zusage zählt weder positiv noch negativ',
        unit: 'Sekunden',
        hint: 'Auch die kürzeste Frist, die eine Zusage nach ihrer Abgabe haben darf.',
      },
    },
    switches: {
      excludeMemberRatings: {
        label: 'Bewertungen aus dem eigenen Team ausklammern',
        hint: 'Eine Bewertung von einer Adresse, von der sich in den letzten 24 Stunden ein Teammitglied angemeldet hat, oder von einem Besucher mit der E-Mail-Adresse eines Teammitglieds wird gespeichert, zählt aber für niemanden. Schalten Sie dies aus, wenn Ihre Kunden das Netzwerk Ihres Teams teilen, etwa bei einem internen IT-Helpdesk.',
      },
      statedReplyFollowsKept: {
        label: 'Die tatsächlich erreichte Antwortzeit nennen',
        hint: 'Der Chat sagt „Wir antworten meist innerhalb von N Minuten“, wobei N die Zeit ist, in der 80 % der Besucher in den letzten 7 Tagen ihre erste Antwort erhielten. Scores messen Wartezeiten weiterhin an der zugesagten Antwortzeit.',
      },
    },
    retentionTitle: 'Aufbewahrung',
    retentionIntro:
      'Nach so vielen Tagen ohne Aktivität wird gelöscht, was in einer Unterhaltung geschrieben wurde (Nachrichten, Kommentare, Kontaktdaten, Besucherattribute, die besuchten Seiten). Zeiten und Bewertungen bleiben, Scores ändern sich also nicht. Leer lassen, um alles zu behalten.',
    retentionLabel: 'Unterhaltungstext löschen nach',
    keep: 'Behalten',
    days: 'Tagen',
    retentionHint:
      'Wird stündlich geprüft. Um die Daten eines einzelnen Besuchers sofort zu löschen, verwenden Sie „Besucherdaten“.',
    saved: 'Gespeichert.',
    save: 'Änderungen speichern',
  },
  timeZone: {
    label: 'Zeitzone',
    named: (zone) => `${zone}.`,
    hint: 'Wo die Tage, Wochen (ab Montag) und Monate dieser Website in „Trends“ beginnen. Scores hängen nicht davon ab.',
  },
  hours: {
    legend: 'Öffnungszeiten',
    hint: 'In der Zeitzone der Website. Wenn niemand die Konsole geöffnet hat, sagt der Chat außerhalb dieser Zeiten „Wir haben geschlossen, zurück um 9:00“ und innerhalb (oder wenn kein Tag geöffnet ist) „Wir sind gerade nicht da“, und er bittet Besucher um ihre E-Mail-Adresse.',
    opensAt: (day) => `${day} geöffnet ab`,
    closesAt: (day) => `${day} geöffnet bis`,
    day: (day) => `Öffnungszeiten, ${day}`,
  },
  team: {
    loading: 'Team wird geladen…',
    loadFailed: (reason) => `Das Team konnte nicht geladen werden: ${reason}`,
    unknownError: 'Unbekannter Fehler.',
    inviteTitle: 'Jemanden einladen',
    inviteIntro:
      'Sie erhalten einen Link, den Sie selbst weitergeben; er funktioniert einmal, 7 Tage lang. Die eingeladene Person wählt ein eigenes Passwort oder nutzt ihr bestehendes, wenn sie bereits für eine andere Website arbeitet.',
    linkFor: (email) => `Einladungslink für ${email}`,
    linkLabel: 'Einladungslink',
    copyLink: 'Link kopieren',
    sendLink: (email, role, as, site, expires) => [
      'Senden Sie diesen Link an ',
      email,
      `. Damit wird die Person ${role} auf ${site}${as ? ` und meldet sich als ${as} an` : ''}. Der Link funktioniert einmal und läuft am ${expires} ab.`,
    ],
    email: 'E-Mail',
    emailPlaceholder: 'name@firma.example',
    role: 'Rolle',
    scoredAs: 'Gewertet als',
    newAgent: 'Neuer Agent',
    createLink: 'Einladungslink erstellen',
    roleHint: (role, hint) => `${role}: ${hint}.`,
    teamTitle: 'Team',
    answersHint:
      'Wer keine Chats beantwortet (etwa ein Admin, der nur einrichtet), fließt nicht in die Live-Scores ein, bis eigene Scores vorliegen.',
    columns: {
      name: 'Name',
      email: 'E-Mail',
      role: 'Rolle',
      answersChats: 'Beantwortet Chats',
      access: 'Zugang',
    },
    you: 'Sie',
    roleOf: (name) => `Rolle von ${name}`,
    answersChats: (name) => `${name} beantwortet Chats`,
    removeAccess: 'Zugang entziehen',
    removeAccessFor: (name) => `${name} den Zugang entziehen`,
    confirmRemove: (name, site, isYou) =>
      `${name} den Zugang zu ${site} entziehen? ${isYou ? 'Sie können' : 'Die Person kann'} sich hier nicht mehr anmelden; ${isYou ? 'Ihre' : 'ihre'} Scores bleiben erhalten.`,
    invitesTitle: 'Noch nicht verwendete Einladungen',
    inviteDetails: (role, as, expires) =>
      `${role}${as ? `, als ${as}` : ''} · läuft am ${expires} ab`,
    revoke: 'Widerrufen',
    revokeFor: (email) => `Einladung für ${email} widerrufen`,
    scoredTitle: 'Gewertet, ohne Anmeldung',
    scoredIntro:
      'Agenten, die auf dieser Website gewertet werden, sich aber nicht anmelden können: in den Ereignissen Ihres Helpdesks genannt, oder ihr Zugang wurde entzogen. Benennen Sie einen, um ihn überall unter diesem Namen zu zeigen (die Namen Ihres Helpdesks überschreiben ihn nicht), oder laden Sie einen ein, damit er seine eigenen Scores sieht.',
    nameFor: (agentId) => `Name für ${agentId}`,
    saveName: 'Namen speichern',
    name: 'Benennen',
    nameAgent: (name) => `${name} benennen`,
    invite: 'Einladen',
    inviteAgent: (name) => `${name} einladen`,
  },
  integrations: {
    intro: (site) =>
      `Werten Sie Ihre Agenten anhand der Unterhaltungen aus, die sie bereits in Chatwoot führen: Nachrichten, Zuweisungen, Lösungen und CSAT-Antworten werden in Peakend zu Unterhaltungen von ${site}. Fügen Sie die Webhook-URL in Chatwoot unter Einstellungen → Integrationen → Webhooks ein.`,
    enable: 'Chatwoot aktivieren',
    urlTitle: 'Webhook-URL für Chatwoot',
    urlLabel: 'Webhook-URL',
    copyUrl: 'URL kopieren',
    urlNote: (site) =>
      `Fügen Sie sie in Chatwoot als neuen Webhook ein und wählen Sie die unten aufgeführten Ereignisse aus. Wer sie hat, kann Unterhaltungen an ${site} senden: Geben Sie sie nicht in Tickets oder Chats weiter.`,
    enabled: (since) =>
      `${since ? `Aktiviert seit ${since}` : 'Aktiviert'}. Peakend speichert nur einen Fingerabdruck der URL und kann sie daher nicht erneut anzeigen: Wenn sie verloren gegangen ist oder womöglich offengelegt wurde, erstellen Sie eine neue.`,
    eventsTitle: 'In Chatwoot auszuwählende Ereignisse',
    newUrl: 'Neue URL erstellen',
    confirmNewUrl:
      'Die aktuelle URL funktioniert sofort nicht mehr: Zustellungen von Chatwoot werden abgewiesen, bis Sie die neue eingefügt haben. Neue URL erstellen?',
    makeNewUrl: 'URL ersetzen',
    disable: 'Chatwoot deaktivieren',
    confirmDisable:
      'Zustellungen von Chatwoot werden ab sofort abgewiesen; was bereits übermittelt wurde, bleibt erhalten. Deaktivieren?',
    disableConfirmed: 'Deaktivieren',
    secretTitle: 'Webhook-Geheimnis von Chatwoot',
    secretIntro:
      'Chatwoot ab Version 4.11.2 signiert jede Zustellung mit dem Geheimnis, das in den Webhook-Einstellungen angezeigt wird. Hinterlegen Sie es hier, und Peakend weist jede Zustellung ab, deren Signatur nicht passt oder die älter als fünf Minuten ist. Optional: Die URL bleibt die erste Prüfung.',
    secretSet: 'Ein Geheimnis ist hinterlegt: Signaturen werden geprüft.',
    secretUnset: 'Kein Geheimnis hinterlegt: Signaturen werden nicht geprüft.',
    secretLabel: 'Webhook-Geheimnis',
    saveSecret: 'Geheimnis speichern',
    forgetSecret: 'Geheimnis entfernen',
    secretStored: 'Geheimnis gespeichert: Die Signatur jeder Zustellung wird geprüft.',
    secretForgotten: 'Geheimnis entfernt: Die URL allein lässt Zustellungen zu.',
  },
  webhooks: {
    eventHints: {
      'rating.saved': 'Ein Besucher hat eine Unterhaltung bewertet oder seine Bewertung geändert',
      'followup.created': 'Eine schlechte Erfahrung erfordert eine Nachverfolgung',
      'followup.updated': 'Ein Eintrag der Nachverfolgung hat sich geändert',
      'promise.broken': 'Eine Zusage wurde nicht fristgerecht eingehalten',
      'conversation.reopened': 'Eine geschlossene Unterhaltung wurde wieder geöffnet',
    },
    status: {
      pending: 'Ausstehend',
      delivered: 'Zugestellt',
      failed: 'Fehlgeschlagen',
      skipped: 'Nichts zu senden',
    },
    loading: 'Webhooks werden geladen…',
    loadFailed: (reason) => `Die Webhooks konnten nicht geladen werden: ${reason}`,
    addTitle: 'Webhook hinzufügen',
    addIntro:
      'Peakend sendet jedes Ereignis an Ihre URL, signiert nach der Spezifikation Standard Webhooks. Ein Slack-Ziel erhält stattdessen eine Nachricht zu jedem schlechten Ende und jeder gebrochenen Zusage.',
    secretTitle: 'Signaturgeheimnis',
    copySecret: 'Geheimnis kopieren',
    verifyNote: (url) => [
      'Prüfen Sie jede Zustellung an ',
      url,
      ' mit diesem Geheimnis (siehe Webhook-Anleitung).',
    ],
    destination: 'Ziel',
    standard: 'Ihr Endpunkt (signiertes JSON)',
    slack: 'Slack (eingehender Webhook)',
    url: 'URL',
    events: 'Ereignisse',
    add: 'Webhook hinzufügen',
    slackAdded: 'Slack-Ziel hinzugefügt.',
    listTitle: 'Webhooks',
    none: 'Noch keine Webhooks.',
    summary: (slack, events, on, added) =>
      `${slack ? 'Slack · ' : ''}${events} · ${on ? 'An' : 'Aus'} · hinzugefügt am ${added}`,
    disabledReason: (day, last) =>
      `Am ${day} deaktiviert: 24 Stunden lang ist jede Zustellung fehlgeschlagen (zuletzt: ${last}).`,
    turnOff: 'Ausschalten',
    turnOn: 'Einschalten',
    turnOffLabel: (url) => `Webhook ${url} ausschalten`,
    turnOnLabel: (url) => `Webhook ${url} einschalten`,
    ping: 'Testping',
    pingLabel: (url) => `Testping an ${url} senden`,
    pinged: 'Testping eingereiht.',
    log: 'Zustellprotokoll',
    delete: 'Löschen',
    deleteLabel: (url) => `Webhook ${url} löschen`,
    confirmDelete:
      'Diesen Webhook und sein Zustellprotokoll löschen? Es wird nichts mehr an ihn gesendet.',
    deleted: 'Webhook gelöscht.',
    refresh: 'Protokoll aktualisieren',
    refreshed: 'Zustellprotokoll aktualisiert.',
    loadingLog: 'Zustellungen werden geladen…',
    nothingSent: 'Noch nichts gesendet.',
    logCaption: (url) => `Letzte Zustellungen an ${url}`,
    columns: {
      event: 'Ereignis',
      status: 'Status',
      attempts: 'Versuche',
      lastAnswer: 'Letzte Antwort',
      resend: 'Erneut senden',
    },
    resend: 'Erneut senden',
    resendLabel: (event, id) => `${event} ${id} erneut senden`,
    resending: (event) => `${event} wird erneut gesendet.`,
  },
  visitors: {
    title: 'Besucherdaten',
    intro:
      'Exportieren oder löschen Sie alles, was zu einem Besucher gespeichert ist, wenn er darum bittet. Beim Löschen wird entfernt, was er und Ihr Team geschrieben haben, seine Kontaktdaten und die besuchten Seiten; Zeiten und Bewertungen bleiben, Scores ändern sich also nicht. Dies kann nicht rückgängig gemacht werden.',
    findBy: 'Besucher finden über',
    kinds: {
      visitor: { choice: 'Besucher-ID', field: 'Besucher-ID' },
      user: { choice: 'Nutzer-ID Ihrer Website (angemeldete Nutzer)', field: 'Nutzer-ID' },
      conversation: {
        choice: 'Eine seiner Unterhaltungen (deren ID, wie der Bewertungsexport sie aufführt)',
        field: 'Unterhaltungs-ID',
      },
    },
    find: 'Suchen',
    visitor: (id) => `Besucher ${id}`,
    found: (id) => ['Besucher ', id],
    conversations: (count) =>
      `${count} ${pluralOf(count) === 'one' ? 'Unterhaltung' : 'Unterhaltungen'}`,
    download: 'Daten herunterladen (JSON)',
    eraseStart: 'Daten löschen…',
    eraseLabel: 'Daten dieses Besuchers löschen',
    confirmErase:
      'Die Daten dieses Besuchers löschen? Was in seinen Unterhaltungen geschrieben wurde, seine Kontaktdaten und die besuchten Seiten werden endgültig entfernt.',
    erase: 'Löschen',
    nothingToErase:
      'Diese Website hat keine Unterhaltungen dieses Besuchers: Es gibt nichts zu löschen.',
    erased: (count) =>
      `Gelöscht: ${count} ${pluralOf(count) === 'one' ? 'Unterhaltung' : 'Unterhaltungen'} geschwärzt. Die Scores bleiben unverändert.`,
  },
  errors: {
    seeFields: 'Einige Felder müssen geändert werden: Die Hinweise stehen jeweils darunter.',
    inField: (field, problem) => `${field}: ${problem}`,
    unauthorized: () =>
      'Sie sind nicht mehr angemeldet. Melden Sie sich erneut an und versuchen Sie es noch einmal.',
    forbidden: () => 'Das dürfen nur die Admins dieser Website.',
    notFound: () => 'Das gibt es nicht mehr. Laden Sie die Seite neu.',
    conflict: () =>
      'Das geht gerade nicht: Inzwischen hat sich etwas geändert. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    invalid: () => 'Nicht alle Angaben sind gültig.',
    tooLarge: () => 'Das ist zu groß, um es auf einmal zu senden.',
    rateLimited: () =>
      'Zu viele Anfragen in kurzer Zeit. Warten Sie einen Moment und versuchen Sie es erneut.',
    internal: () =>
      'Etwas ist schiefgelaufen, oder der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    conversationFull: () => 'Diese Unterhaltung kann nichts mehr aufnehmen.',
    onlyAdminsCreateSites: () => 'Nur Admins können Websites anlegen.',
    onlyAdmin: (_server, name) =>
      `${name} ist der einzige Admin dieser Website: Machen Sie zuerst jemand anderen zum Admin.`,
    alreadyOnTeam: (_server, email) => `${email} ist bereits im Team dieser Website.`,
    alreadyOnTeamOrSignsIn: (_server, email, name) =>
      `${email} ist bereits im Team dieser Website, oder ${name} kann sich dort schon anmelden.`,
    alreadySignsIn: (_server, name) =>
      `${name} meldet sich bei dieser Website an: Der Name kommt aus dem eigenen Konto.`,
    inviteGone: () =>
      'Diese Einladung gibt es nicht mehr: Sie wurde verwendet, widerrufen oder ist abgelaufen.',
    memberGone: () => 'Diese Person ist nicht mehr im Team dieser Website.',
    webhookGone: () => 'Diesen Webhook gibt es nicht mehr.',
    deliveryGone: () => 'Diese Zustellung gibt es nicht mehr.',
    tooManyWebhooks: (_server, max) => `Eine Website kann höchstens ${max} Webhooks haben.`,
    chatwootOff: () => 'Chatwoot ist für diese Website nicht aktiviert: Aktivieren Sie es zuerst.',
    noSuchVisitor: () => 'Es gibt keinen Besucher mit dieser ID.',
    noSuchConversation: () =>
      'Diese Website hat keine Unterhaltung mit einem Besucher unter dieser ID.',
  },
  problems: {
    required: () => 'darf nicht leer sein',
    atLeast: (_server, min) => `muss mindestens ${min} sein`,
    moreThan: (_server, min) => `muss größer als ${min} sein`,
    atMost: (_server, max) => `darf höchstens ${max} sein`,
    lessThan: (_server, max) => `muss kleiner als ${max} sein`,
    tooShort: (_server, min) => `muss mindestens ${min} Zeichen lang sein`,
    tooLong: (_server, max) => `darf höchstens ${max} Zeichen lang sein`,
    tooFew: (_server, min) => `muss mindestens ${min} Einträge enthalten`,
    tooMany: (_server, max) => `darf höchstens ${max} Einträge enthalten`,
    exactly: (_server, count) => `muss genau ${count} Einträge enthalten`,
    wholeNumber: () => 'muss eine ganze Zahl sein',
    number: () => 'muss eine Zahl sein',
    origin: () => 'muss ein Origin wie https://shop.example sein (Schema und Host, ohne Pfad)',
    timeZone: () => 'muss eine IANA-Zeitzone sein, etwa Europe/Berlin',
    clock: () => 'muss eine Uhrzeit wie 09:00 sein',
    closesBeforeOpens: () => 'die Schließzeit muss nach der Öffnungszeit liegen',
    controlCharacters: () => 'darf keine Steuerzeichen enthalten',
    plainText: () => 'darf nur einfachen Text enthalten',
    email: () => 'muss eine gültige E-Mail-Adresse sein',
    url: () => 'muss eine URL sein',
    httpUrl: () => 'muss eine URL mit http:// oder https:// sein',
    urlCredentials: () => 'darf keinen Benutzernamen und kein Passwort enthalten',
    privateAddress: (_server, host) =>
      `${host} verweist auf eine nicht öffentliche Adresse (erlauben Sie sie mit PEAKEND_WEBHOOK_ALLOW)`,
    chooseEvent: () => 'wählen Sie mindestens ein Ereignis',
    slackEvents: () => 'ein Slack-Ziel erhält nur rating.saved und promise.broken',
    chatwootSecret: () => 'muss das Geheimnis sein, das Chatwoot anzeigt (mindestens 8 Zeichen)',
    unknownSetting: (_server, names) => `unbekannte Einstellung: ${names}`,
    id: () => 'verwenden Sie nur Buchstaben, Ziffern und . _ : @ -',
  },
};
