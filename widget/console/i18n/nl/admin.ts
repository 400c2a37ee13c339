import type { ConsoleDictionary } from '..';
import { pluralOf } from '../locale';

export const admin: ConsoleDictionary['admin'] = {
  nav: {
    loading: 'Je sites laden…',
    loadFailed: (reason) => `Je sites konden niet worden geladen: ${reason}`,
    label: 'Sites die je beheert',
    title: 'Sites',
    newSite: 'Nieuwe site',
    administer: (site) => `${site} beheren`,
    eyebrow: 'Site',
    tabsLabel: (site) => `Beheer van ${site}`,
  },
  tabs: {
    team: 'Team',
    settings: 'Instellingen',
    embed: 'Insluiten en sleutel',
    integrations: 'Integraties',
    webhooks: 'Webhooks',
    visitors: 'Bezoekersgegevens',
  },
  copy: {
    copied: 'Gekopieerd',
    copiedStatus: 'Gekopieerd naar het klembord.',
    selectStatus: 'Geselecteerd: druk op Ctrl+C (⌘C op een Mac) om te kopiëren.',
  },
  secret: {
    warning:
      'Alleen deze ene keer zichtbaar: Peakend bewaart geen kopie die het opnieuw kan tonen.',
    done: 'Klaar',
  },
  embed: {
    snippetTitle: 'Insluitcode',
    snippetIntro: (site, endOfBody) => [
      `Plak deze in elke pagina van ${site} waar de chat moet verschijnen, vlak voor `,
      endOfBody,
      '. De pagina’s moeten op een toegestane origin staan.',
    ],
    copySnippet: 'Code kopiëren',
    signingTitle: 'Ondertekeningsgeheim',
    signingIntro: (rateCall) => [
      'Alleen voor je servers, nooit voor een webpagina: daarmee ondertekenen ze (HMAC-SHA256) de gesprekken uit je eigen helpdesk die bezoekers kunnen beoordelen met ',
      rateCall,
      ', en de id’s van je ingelogde gebruikers. Het verandert wanneer de sitesleutel wordt vervangen.',
    ],
    copySecret: 'Geheim kopiëren',
    keyTitle: 'Sitesleutel',
    keyIntro: (siteId) => [
      'Je servers gebruiken deze om gespreksgebeurtenissen te sturen en scores op te vragen (site-id ',
      siteId,
      '). Peakend bewaart er alleen een vingerafdruk van en kan de sleutel dus niet opnieuw tonen: ben je hem kwijt of is hij misschien uitgelekt, vervang hem dan.',
    ],
    newKey: 'Nieuwe sitesleutel',
    copyKey: 'Sleutel kopiëren',
    newKeyNote:
      'De vorige sleutel werkt niet meer. Zet deze overal waar je servers de sleutel bewaren, en het nieuwe ondertekeningsgeheim (hierboven) overal waar ze gebruikers en hostchats ondertekenen.',
    rotate: 'Sitesleutel vervangen',
    confirmKey:
      'De huidige sleutel werkt meteen niet meer: alles wat hem nog gebruikt, wordt geweigerd tot het de nieuwe sleutel heeft.',
    confirmSecret: (userHash) => [
      'Het ondertekeningsgeheim verandert ook: ',
      userHash,
      '-waarden van ingelogde gebruikers en handtekeningen van hostchats die met het oude geheim zijn gemaakt, worden geweigerd tot je servers met het nieuwe geheim ondertekenen. Die bezoekers kunnen intussen niet chatten. Sleutel vervangen?',
    ],
    rotateKey: 'Vervangen',
    graceLegend: 'De oude sleutel blijft werken',
    graceChoice: (hours) =>
      hours === 0
        ? 'Niet (stopt meteen)'
        : hours <= 24
          ? `${hours} uur`
          : `${hours / 24} ${hours === 24 ? 'dag' : 'dagen'}`,
    confirmGrace: (period) =>
      `De huidige sleutel blijft nog ${period} werken en stopt dan: zet de nieuwe intussen op zijn plaats. Je kunt de oude sleutel ook eerder intrekken.`,
    confirmEndsGrace:
      ' De oude sleutel die de vorige vervanging bewaarde, stopt meteen: alleen de sleutel die nu wordt vervangen, blijft nog werken.',
    confirmSecretGrace: (userHash) => [
      'Het ondertekeningsgeheim verandert ook: ',
      userHash,
      '-waarden van ingelogde gebruikers en handtekeningen van hostchats die met het oude geheim zijn gemaakt, worden geweigerd zodra de oude sleutel stopt. Laat je servers dus vóór die tijd met het nieuwe geheim ondertekenen. Sleutel vervangen?',
    ],
    graceRuns: (until) => [
      'De oude sleutel werkt tot ',
      until,
      ', net als handtekeningen met het oude ondertekeningsgeheim en de bezoekerstokens die eronder zijn uitgegeven. Trek hem in zodra je servers de nieuwe sleutel en het nieuwe geheim gebruiken.',
    ],
    oldKey: 'Oude sitesleutel',
    revokeNow: 'Nu intrekken',
    revokeQuestion: 'De oude sitesleutel intrekken',
    confirmRevoke:
      'De oude sleutel, handtekeningen met het oude ondertekeningsgeheim en de bezoekerstokens die eronder zijn uitgegeven, stoppen meteen met werken, en bezoekers die er nog mee verbonden zijn, worden losgekoppeld. Nu intrekken?',
    revokeOld: 'Oude sleutel intrekken',
    revoked: 'De oude sleutel is ingetrokken: alleen de huidige sleutel werkt nog.',
    newKeyNoteGrace: (until) => [
      'De vorige sleutel blijft werken tot ',
      until,
      '. Zet deze overal waar je servers de sleutel bewaren, en het nieuwe ondertekeningsgeheim (hierboven) waar ze gebruikers en hostchats ondertekenen; trek daarna de oude sleutel in.',
    ],
  },
  newSite: {
    title: 'Nieuwe site',
    intro: 'Eén site per winkel of merk, met een eigen team, widget, sleutel en scores.',
    originsHint: 'Eén per regel, bijv. https://shop.example. Je kunt ze later nog wijzigen.',
    create: 'Site aanmaken',
    creating: 'Aanmaken…',
    ready: (site) => `${site} is klaar`,
    keyLabel: 'Sitesleutel',
    readyNote:
      'Met deze sleutel kunnen je servers gespreksgebeurtenissen sturen en scores opvragen. Jij bent de beheerder: nodig je team uit via het tabblad Team.',
  },
  siteFields: {
    name: 'Naam van de site',
    origins: 'Toegestane origins',
    rewritten:
      'Geschreven zoals browsers het sturen (met schema, zonder pad of slash aan het eind):',
    separator: '; ',
    line: (line, problem) => `Regel ${line}: ${problem}`,
    lineWith: (line, origin, problem) => `Regel ${line} (${origin}): ${problem}`,
  },
  settings: {
    siteTitle: 'Site',
    originsHint:
      'Eén per regel: de pagina’s waarop de widget mag draaien, als schema en host (https://shop.example), zonder pad. Andere pagina’s worden geweigerd.',
    scoringTitle: 'Scoreberekening',
    scoringIntro:
      'Hoe reactiesnelheid, betrouwbaarheid en beleving worden gescoord. Wijzig je een van deze instellingen, dan worden alle gesprekken van de site opnieuw gescoord.',
    apiName: 'De naam in de sites-API',
    scoring: {
      targetReplySeconds: { label: 'Reactietijd die je belooft', unit: 'seconden' },
      halfLifeDays: { label: 'Bewijs verliest de helft van zijn gewicht elke', unit: 'dagen' },
      negativityWeight: { label: 'Eén mislukking weegt even zwaar als', unit: 'successen' },
      priorStrength: { label: 'Elke agent begint met het teamgemiddelde van', unit: 'chats' },
      voiceWeight: { label: 'Gewicht van wat de bezoeker zegt dat opviel', unit: '×' },
      reopenWindowDays: {
        label: '“Dit is niet opgelost” telt binnen',
        unit: 'dagen',
        hint: 'Ook hoelang een bezoeker mag aangeven dat een nagekomen belofte toch niet is waargemaakt.',
      },
      ratingAmendMinutes: {
        label: 'Bezoekers kunnen een beoordeling wijzigen gedurende',
        unit: 'minuten',
      },
      maxPromisesPerConversation: {
        label: 'Beloften die per gesprek meetellen',
        unit: 'beloften',
        hint: 'De eerst gedane beloften tellen; latere tellen niet mee, zodat een reeks beloften een score niet kan opkrikken.',
      },
      minPromiseSeconds: {
        label: 'Een belofte die sneller is nagekomen dan dit, telt niet mee',
        unit: 'seconden',
        hint: 'Ook de kortste tijd tussen het doen van een belofte en het moment waarop die moet zijn nagekomen.',
      },
    },
    switches: {
      excludeMemberRatings: {
        label: 'Beoordelingen van je eigen team niet meetellen',
        hint: 'Een beoordeling vanaf een adres waarvandaan een teamlid de afgelopen 24 uur heeft ingelogd, of van een bezoeker met het e-mailadres van een teamlid, wordt bewaard maar telt voor niemand mee. Zet dit uit als je klanten hetzelfde netwerk gebruiken als je team, zoals bij een interne IT-servicedesk.',
      },
      statedReplyFollowsKept: {
        label: 'De reactietijd noemen die je waarmaakt',
        hint: 'De chat zegt “We reageren meestal binnen N minuten”, met N de tijd waarbinnen 80% van de bezoekers de afgelopen 7 dagen hun eerste antwoord kreeg. Scores meten wachttijden nog steeds aan de beloofde reactietijd.',
      },
    },
    retentionTitle: 'Bewaartermijn',
    retentionIntro:
      'Na zoveel dagen zonder activiteit wordt gewist wat er in een gesprek is geschreven (berichten, opmerkingen, contactgegevens, bezoekerskenmerken, de bezochte pagina’s). Tijden en beoordelingen blijven, dus scores veranderen niet. Laat het veld leeg om alles te bewaren.',
    retentionLabel: 'Gesprekstekst wissen na',
    keep: 'Bewaren',
    days: 'dagen',
    retentionHint:
      'Wordt elk uur gecontroleerd. Wil je de gegevens van één bezoeker meteen wissen, gebruik dan Bezoekersgegevens.',
    saved: 'Opgeslagen.',
    save: 'Wijzigingen opslaan',
  },
  timeZone: {
    label: 'Tijdzone',
    named: (zone) => `${zone}.`,
    hint: 'Waar de dagen, weken (vanaf maandag) en maanden van deze site beginnen in Trends. Scores hangen er niet van af.',
  },
  hours: {
    legend: 'Openingstijden',
    hint: 'In de tijdzone van de site. Als niemand de console open heeft, zegt de chat buiten deze tijden “We zijn gesloten, terug om 9:00” en binnen deze tijden (of als geen enkele dag open is) “We zijn er nu niet”, en vraagt de chat bezoekers om hun e-mailadres.',
    opensAt: (day) => `${day} open vanaf`,
    closesAt: (day) => `${day} open tot`,
    day: (day) => `Openingstijden, ${day}`,
  },
  team: {
    loading: 'Team laden…',
    loadFailed: (reason) => `Het team kon niet worden geladen: ${reason}`,
    unknownError: 'Onbekende fout.',
    inviteTitle: 'Iemand uitnodigen',
    inviteIntro:
      'Je krijgt een link die je zelf doorstuurt; die werkt één keer, 7 dagen lang. Wie je uitnodigt, kiest een eigen wachtwoord, of gebruikt het bestaande als die al op een andere site werkt.',
    linkFor: (email) => `Uitnodigingslink voor ${email}`,
    linkLabel: 'Uitnodigingslink',
    copyLink: 'Link kopiëren',
    sendLink: (email, role, as, site, expires) => [
      'Stuur deze link naar ',
      email,
      `. Daarmee wordt die persoon ${role.toLowerCase()} op ${site}${as ? `, ingelogd als ${as}` : ''}. De link werkt één keer en verloopt op ${expires}.`,
    ],
    email: 'E-mailadres',
    emailPlaceholder: 'naam@bedrijf.example',
    role: 'Rol',
    scoredAs: 'Gescoord als',
    newAgent: 'Een nieuwe agent',
    createLink: 'Uitnodigingslink maken',
    roleHint: (role, hint) => `${role}: ${hint}.`,
    teamTitle: 'Team',
    answersHint:
      'Wie geen chats beantwoordt (een beheerder die alleen dingen instelt), telt niet mee in de live scores tot die zelf scores heeft.',
    columns: {
      name: 'Naam',
      email: 'E-mailadres',
      role: 'Rol',
      answersChats: 'Beantwoordt chats',
      access: 'Toegang',
    },
    you: 'Jij',
    roleOf: (name) => `Rol van ${name}`,
    answersChats: (name) => `${name} beantwoordt chats`,
    removeAccess: 'Toegang intrekken',
    removeAccessFor: (name) => `Toegang intrekken voor ${name}`,
    confirmRemove: (name, site, isYou) =>
      `Toegang van ${name} tot ${site} intrekken? ${isYou ? 'Je kunt' : 'Die persoon kan'} hier dan niet meer inloggen; ${isYou ? 'je' : 'de'} scores blijven bewaard.`,
    invitesTitle: 'Nog niet gebruikte uitnodigingen',
    inviteDetails: (role, as, expires) =>
      `${role}${as ? `, als ${as}` : ''} · verloopt op ${expires}`,
    revoke: 'Intrekken',
    revokeFor: (email) => `Uitnodiging voor ${email} intrekken`,
    scoredTitle: 'Gescoord, zonder inlog',
    scoredIntro:
      'Agents die deze site scoort maar die niet kunnen inloggen: genoemd in de gebeurtenissen van je helpdesk, of van wie de toegang is ingetrokken. Geef er een een naam om die overal zo te tonen (de namen uit je helpdesk overschrijven die niet), of nodig er een uit om die de eigen scores te laten zien.',
    nameFor: (agentId) => `Naam voor ${agentId}`,
    saveName: 'Naam opslaan',
    name: 'Naam geven',
    nameAgent: (name) => `${name} een naam geven`,
    invite: 'Uitnodigen',
    inviteAgent: (name) => `${name} uitnodigen`,
  },
  integrations: {
    intro: (site) =>
      `Scoor je agents op de gesprekken die ze al in Chatwoot voeren: de berichten, toewijzingen, afsluitingen en CSAT-antwoorden worden gesprekken van ${site} in Peakend. Plak de webhook-URL in Chatwoot onder Instellingen → Integraties → Webhooks.`,
    enable: 'Chatwoot inschakelen',
    urlTitle: 'Webhook-URL voor Chatwoot',
    urlLabel: 'Webhook-URL',
    copyUrl: 'URL kopiëren',
    urlNote: (site) =>
      `Plak deze in Chatwoot als nieuwe webhook en vink de gebeurtenissen hieronder aan. Wie deze URL heeft, kan gesprekken naar ${site} sturen: houd hem buiten tickets en chats.`,
    enabled: (since) =>
      `${since ? `Ingeschakeld sinds ${since}` : 'Ingeschakeld'}. Peakend bewaart alleen een vingerafdruk van de URL en kan hem dus niet opnieuw tonen: ben je hem kwijt of is hij misschien uitgelekt, maak dan een nieuwe.`,
    eventsTitle: 'Aan te vinken gebeurtenissen in Chatwoot',
    newUrl: 'Nieuwe URL maken',
    confirmNewUrl:
      'De huidige URL werkt meteen niet meer: leveringen van Chatwoot worden geweigerd tot je de nieuwe hebt geplakt. Nieuwe URL maken?',
    makeNewUrl: 'URL vervangen',
    disable: 'Chatwoot uitschakelen',
    confirmDisable:
      'Leveringen van Chatwoot worden vanaf nu geweigerd; wat ze al hebben aangeleverd, blijft. Uitschakelen?',
    disableConfirmed: 'Uitschakelen',
    secretTitle: 'Webhookgeheim van Chatwoot',
    secretIntro:
      'Chatwoot 4.11.2 en later ondertekenen elke levering met het geheim dat in de webhookinstellingen staat. Sla het hier op en Peakend weigert elke levering waarvan de handtekening niet klopt of die meer dan vijf minuten oud is. Optioneel: de URL blijft de eerste controle.',
    secretSet: 'Er is een geheim opgeslagen: handtekeningen worden gecontroleerd.',
    secretUnset: 'Geen geheim opgeslagen: handtekeningen worden niet gecontroleerd.',
    secretLabel: 'Webhookgeheim',
    saveSecret: 'Geheim opslaan',
    forgetSecret: 'Geheim vergeten',
    secretStored: 'Geheim opgeslagen: de handtekening van elke levering wordt gecontroleerd.',
    secretForgotten: 'Geheim vergeten: alleen de URL bepaalt nu welke leveringen binnenkomen.',
  },
  webhooks: {
    eventHints: {
      'rating.saved': 'Een bezoeker heeft een gesprek beoordeeld of de beoordeling gewijzigd',
      'followup.created': 'Een slechte ervaring vraagt om opvolging',
      'followup.updated': 'Een opvolgitem is gewijzigd',
      'promise.broken': 'Een belofte is niet op tijd nagekomen',
      'conversation.reopened': 'Een gesloten gesprek is heropend',
    },
    status: {
      pending: 'In afwachting',
      delivered: 'Afgeleverd',
      failed: 'Mislukt',
      skipped: 'Niets te versturen',
    },
    loading: 'Webhooks laden…',
    loadFailed: (reason) => `De webhooks konden niet worden geladen: ${reason}`,
    addTitle: 'Een webhook toevoegen',
    addIntro:
      'Peakend post elke gebeurtenis naar je URL, ondertekend volgens de Standard Webhooks-specificatie. Een Slack-bestemming krijgt in plaats daarvan een bericht bij elk slecht einde en elke gebroken belofte.',
    secretTitle: 'Ondertekeningsgeheim',
    copySecret: 'Geheim kopiëren',
    verifyNote: (url) => [
      'Controleer met dit geheim elke levering aan ',
      url,
      ' (zie de handleiding voor webhooks).',
    ],
    destination: 'Bestemming',
    standard: 'Je eigen endpoint (ondertekende JSON)',
    slack: 'Slack (inkomende webhook)',
    url: 'URL',
    events: 'Gebeurtenissen',
    add: 'Webhook toevoegen',
    slackAdded: 'Slack-bestemming toegevoegd.',
    listTitle: 'Webhooks',
    none: 'Nog geen webhooks.',
    summary: (slack, events, on, added) =>
      `${slack ? 'Slack · ' : ''}${events} · ${on ? 'Aan' : 'Uit'} · toegevoegd op ${added}`,
    disabledReason: (day, last) =>
      `Uitgeschakeld op ${day}: elke levering mislukte 24 uur lang (laatste: ${last}).`,
    turnOff: 'Uitzetten',
    turnOn: 'Aanzetten',
    turnOffLabel: (url) => `Webhook ${url} uitzetten`,
    turnOnLabel: (url) => `Webhook ${url} aanzetten`,
    ping: 'Testping',
    pingLabel: (url) => `Testping sturen naar ${url}`,
    pinged: 'Testping staat klaar om te versturen.',
    log: 'Leveringslog',
    delete: 'Verwijderen',
    deleteLabel: (url) => `Webhook ${url} verwijderen`,
    confirmDelete:
      'Deze webhook en het bijbehorende leveringslog verwijderen? Er wordt niets meer naartoe gestuurd.',
    deleted: 'Webhook verwijderd.',
    refresh: 'Log vernieuwen',
    refreshed: 'Leveringslog vernieuwd.',
    loadingLog: 'Leveringen laden…',
    nothingSent: 'Nog niets verstuurd.',
    logCaption: (url) => `Laatste leveringen aan ${url}`,
    columns: {
      event: 'Gebeurtenis',
      status: 'Status',
      attempts: 'Pogingen',
      lastAnswer: 'Laatste antwoord',
      resend: 'Opnieuw versturen',
    },
    resend: 'Opnieuw versturen',
    resendLabel: (event, id) => `${event} ${id} opnieuw versturen`,
    resending: (event) => `${event} wordt opnieuw verstuurd.`,
  },
  visitors: {
    title: 'Bezoekersgegevens',
    intro:
      'Exporteer of wis alles wat van één bezoeker is opgeslagen, als die daarom vraagt. Wissen verwijdert wat de bezoeker en je team schreven, de contactgegevens en de bezochte pagina’s; tijden en beoordelingen blijven, dus scores veranderen niet. Dit kan niet ongedaan worden gemaakt.',
    findBy: 'Bezoeker zoeken op',
    kinds: {
      visitor: { choice: 'Bezoekers-id', field: 'Bezoekers-id' },
      user: { choice: 'Gebruikers-id van je site (ingelogde gebruikers)', field: 'Gebruikers-id' },
      conversation: {
        choice: 'Een van hun gesprekken (de id zoals de export van beoordelingen die toont)',
        field: 'Gespreks-id',
      },
    },
    find: 'Zoeken',
    visitor: (id) => `Bezoeker ${id}`,
    found: (id) => ['Bezoeker ', id],
    conversations: (count) => `${count} ${pluralOf(count) === 'one' ? 'gesprek' : 'gesprekken'}`,
    download: 'Gegevens downloaden (JSON)',
    eraseStart: 'Gegevens wissen…',
    eraseLabel: 'Gegevens van deze bezoeker wissen',
    confirmErase:
      'De gegevens van deze bezoeker wissen? Wat er in hun gesprekken is geschreven, hun contactgegevens en de bezochte pagina’s worden definitief verwijderd.',
    erase: 'Wissen',
    nothingToErase: 'Deze site heeft geen gesprekken van die bezoeker: er is niets te wissen.',
    erased: (count) =>
      `Gewist: de inhoud van ${count} ${pluralOf(count) === 'one' ? 'gesprek' : 'gesprekken'} is verwijderd. Scores blijven ongewijzigd.`,
  },
  errors: {
    seeFields: 'Niet alle velden kloppen: zie de meldingen eronder.',
    inField: (field, problem) => `${field}: ${problem}`,
    unauthorized: () => 'Je bent niet meer ingelogd. Log opnieuw in en probeer het nog eens.',
    forbidden: () => 'Alleen de beheerders van deze site mogen dit doen.',
    notFound: () => 'Dit bestaat niet meer. Laad de pagina opnieuw.',
    conflict: () =>
      'Dit kan nu niet: er is intussen iets veranderd. Laad de pagina opnieuw en probeer het nog eens.',
    invalid: () => 'Niet alles wat je hebt ingevuld, is geldig.',
    tooLarge: () => 'Dit is te groot om in één keer te versturen.',
    rateLimited: () => 'Te veel verzoeken in korte tijd. Wacht even en probeer het opnieuw.',
    internal: () =>
      'Er ging iets mis, of de server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    conversationFull: () => 'Dit gesprek kan niets meer bevatten.',
    onlyAdminsCreateSites: () => 'Alleen beheerders kunnen sites aanmaken.',
    onlyAdmin: (_server, name) =>
      `${name} is de enige beheerder van deze site: maak eerst iemand anders beheerder.`,
    alreadyOnTeam: (_server, email) => `${email} zit al in het team van deze site.`,
    alreadyOnTeamOrSignsIn: (_server, email, name) =>
      `${email} zit al in het team van deze site, of ${name} kan er al inloggen.`,
    alreadySignsIn: (_server, name) =>
      `${name} logt in op deze site: de naam komt uit het eigen account.`,
    inviteGone: () =>
      'Deze uitnodiging bestaat niet meer: ze is gebruikt, ingetrokken of verlopen.',
    memberGone: () => 'Deze persoon zit niet meer in het team van deze site.',
    webhookGone: () => 'Deze webhook bestaat niet meer.',
    deliveryGone: () => 'Deze levering bestaat niet meer.',
    tooManyWebhooks: (_server, max) => `Een site kan hoogstens ${max} webhooks hebben.`,
    chatwootOff: () => 'Chatwoot is niet ingeschakeld voor deze site: schakel het eerst in.',
    noSuchVisitor: () => 'Er is geen bezoeker met die id.',
    noSuchConversation: () => 'Deze site heeft geen gesprek met een bezoeker onder die id.',
  },
  problems: {
    required: () => 'mag niet leeg zijn',
    atLeast: (_server, min) => `moet minstens ${min} zijn`,
    moreThan: (_server, min) => `moet groter zijn dan ${min}`,
    atMost: (_server, max) => `mag hoogstens ${max} zijn`,
    lessThan: (_server, max) => `moet kleiner zijn dan ${max}`,
    tooShort: (_server, min) => `moet minstens ${min} tekens lang zijn`,
    tooLong: (_server, max) => `mag hoogstens ${max} tekens lang zijn`,
    tooFew: (_server, min) => `moet minstens ${min} waarden bevatten`,
    tooMany: (_server, max) => `mag hoogstens ${max} waarden bevatten`,
    exactly: (_server, count) => `moet precies ${count} waarden bevatten`,
    wholeNumber: () => 'moet een geheel getal zijn',
    number: () => 'moet een getal zijn',
    origin: () => 'moet een origin zijn zoals https://shop.example (schema en host, zonder pad)',
    timeZone: () => 'moet een IANA-tijdzone zijn, zoals Europe/Amsterdam',
    clock: () => 'moet een tijd zijn zoals 09:00',
    closesBeforeOpens: () => 'de sluitingstijd moet na de openingstijd liggen',
    controlCharacters: () => 'mag geen stuurtekens bevatten',
    plainText: () => 'mag alleen gewone tekst bevatten',
    email: () => 'moet een geldig e-mailadres zijn',
    url: () => 'moet een URL zijn',
    httpUrl: () => 'moet een URL met http:// of https:// zijn',
    urlCredentials: () => 'mag geen gebruikersnaam of wachtwoord bevatten',
    privateAddress: (_server, host) =>
      `${host} verwijst naar een adres dat niet openbaar is (sta het toe met PEAKEND_WEBHOOK_ALLOW)`,
    chooseEvent: () => 'kies minstens één gebeurtenis',
    slackEvents: () => 'een Slack-bestemming ontvangt alleen rating.saved en promise.broken',
    chatwootSecret: () => 'moet het geheim zijn dat Chatwoot toont (minstens 8 tekens)',
    unknownSetting: (_server, names) => `onbekende instelling: ${names}`,
    id: () => 'gebruik alleen letters, cijfers en . _ : @ -',
  },
};
