import type { ConsoleDictionary } from '..';
import { pluralOf } from '../locale';

export const admin: ConsoleDictionary['admin'] = {
  nav: {
    loading: 'Cargando tus sitios…',
    loadFailed: (reason) => `No se pudieron cargar tus sitios: ${reason}`,
    label: 'Sitios que administras',
    title: 'Sitios',
    newSite: 'Nuevo sitio',
    administer: (site) => `Administrar ${site}`,
    eyebrow: 'Sitio',
    tabsLabel: (site) => `Administración de ${site}`,
  },
  tabs: {
    team: 'Equipo',
    settings: 'Ajustes',
    embed: 'Inserción y clave',
    integrations: 'Integraciones',
    webhooks: 'Webhooks',
    visitors: 'Datos de visitantes',
  },
  copy: {
    copied: 'Copiado',
    copiedStatus: 'Copiado al portapapeles.',
    selectStatus: 'Seleccionado: pulsa Ctrl+C (⌘C en Mac) para copiar.',
  },
  secret: {
    warning:
      'Solo se muestra esta vez: Peakend no guarda ninguna copia que pueda volver a mostrar.',
    done: 'Listo',
  },
  embed: {
    snippetTitle: 'Código de inserción',
    snippetIntro: (site, endOfBody) => [
      `Pégalo en cada página de ${site} donde deba aparecer el chat, justo antes de `,
      endOfBody,
      '. Las páginas deben estar en un origen permitido.',
    ],
    copySnippet: 'Copiar código',
    signingTitle: 'Secreto de firma',
    signingIntro: (rateCall) => [
      'Solo para tus servidores, nunca para una página web: con él firman (HMAC-SHA256) las conversaciones de tu propio helpdesk que los visitantes pueden valorar con ',
      rateCall,
      ', y los ids de tus usuarios con sesión iniciada. Cambia cuando se renueva la clave del sitio.',
    ],
    copySecret: 'Copiar secreto',
    keyTitle: 'Clave del sitio',
    keyIntro: (siteId) => [
      'Tus servidores la envían para publicar eventos de conversaciones y consultar puntuaciones (id del sitio ',
      siteId,
      '). Peakend solo guarda una huella de ella, así que no puede volver a mostrarla: si la has perdido o puede haberse filtrado, renuévala.',
    ],
    newKey: 'Nueva clave del sitio',
    copyKey: 'Copiar clave',
    newKeyNote:
      'La clave anterior ha dejado de funcionar. Pon esta donde tus servidores guardan la clave, y el nuevo secreto de firma (arriba) donde firman usuarios y chats de tu helpdesk.',
    rotate: 'Renovar clave del sitio',
    confirmKey:
      'La clave actual deja de funcionar de inmediato: todo lo que aún la use se rechazará hasta que tenga la nueva.',
    confirmSecret: (userHash) => [
      'El secreto de firma también cambia: los valores ',
      userHash,
      ' de los usuarios con sesión iniciada y las firmas de chats de tu helpdesk hechas con el anterior se rechazan hasta que tus servidores firmen con el nuevo secreto, así que esos visitantes no podrán chatear mientras tanto. ¿Renovar la clave?',
    ],
    rotateKey: 'Renovar',
    graceLegend: 'La clave anterior sigue funcionando durante',
    graceChoice: (hours) =>
      hours === 0
        ? 'Sin margen (se detiene al instante)'
        : hours <= 24
          ? `${hours} ${hours === 1 ? 'hora' : 'horas'}`
          : `${hours / 24} ${hours === 24 ? 'día' : 'días'}`,
    confirmGrace: (period) =>
      `La clave actual sigue funcionando durante ${period} y después se detiene: pon la nueva en su lugar mientras tanto. Puedes revocar la clave anterior antes.`,
    confirmEndsGrace:
      ' La clave anterior que guardó la última renovación se detiene al instante: solo se conserva la clave que se reemplaza ahora.',
    confirmSecretGrace: (userHash) => [
      'El secreto de firma también cambia: los valores ',
      userHash,
      ' de los usuarios con sesión iniciada y las firmas de chats de tu helpdesk hechas con el anterior se rechazarán en cuanto la clave anterior se detenga, así que haz que tus servidores firmen con el nuevo secreto antes. ¿Renovar la clave?',
    ],
    graceRuns: (until) => [
      'La clave anterior funciona hasta ',
      until,
      ', igual que las firmas hechas con el secreto de firma anterior y los tokens de visitante emitidos con ella. Revócala cuando tus servidores usen la nueva clave y el nuevo secreto.',
    ],
    oldKey: 'Clave anterior del sitio',
    revokeNow: 'Revocar ahora',
    revokeQuestion: 'Revocar la clave anterior del sitio',
    confirmRevoke:
      'La clave anterior, las firmas hechas con el secreto de firma anterior y los tokens de visitante emitidos con ella dejan de funcionar al instante, y los visitantes que sigan conectados con ella se desconectan. ¿Revocarla ahora?',
    revokeOld: 'Revocar la clave anterior',
    revoked: 'La clave anterior se ha revocado: ahora solo funciona la clave actual.',
    newKeyNoteGrace: (until) => [
      'La clave anterior sigue funcionando hasta ',
      until,
      '. Pon esta donde tus servidores guardan la clave, y el nuevo secreto de firma (arriba) donde firman usuarios y chats de tu helpdesk; después revoca la clave anterior.',
    ],
  },
  newSite: {
    title: 'Nuevo sitio',
    intro: 'Un sitio por tienda o marca, con su propio equipo, widget, clave y puntuaciones.',
    originsHint: 'Uno por línea, p. ej. https://shop.example. Puedes cambiarlos más tarde.',
    create: 'Crear sitio',
    creating: 'Creando…',
    ready: (site) => `${site} está listo`,
    keyLabel: 'Clave del sitio',
    readyNote:
      'Su clave permite a tus servidores enviar eventos de conversaciones y consultar puntuaciones. Eres su administrador: invita a tu equipo desde la pestaña Equipo.',
  },
  siteFields: {
    name: 'Nombre del sitio',
    origins: 'Orígenes permitidos',
    rewritten: 'Escrito como lo envían los navegadores (con esquema, sin ruta ni barra final):',
    separator: '; ',
    line: (line, problem) => `Línea ${line}: ${problem}`,
    lineWith: (line, origin, problem) => `Línea ${line} (${origin}): ${problem}`,
  },
  settings: {
    siteTitle: 'Sitio',
    originsHint:
      'Uno por línea: las páginas donde puede funcionar el widget, como esquema y host (https://shop.example), sin ruta. Las demás páginas se rechazan.',
    scoringTitle: 'Cálculo de puntuaciones',
    scoringIntro:
      'Cómo se puntúan la rapidez de respuesta, la fiabilidad y la experiencia. Si cambias cualquiera de estos ajustes, se vuelven a puntuar todas las conversaciones del sitio.',
    apiName: 'Su nombre en la API de sitios',
    scoring: {
      targetReplySeconds: { label: 'Tiempo de respuesta que prometes', unit: 'segundos' },
      halfLifeDays: { label: 'La evidencia pierde la mitad de su peso cada', unit: 'días' },
      negativityWeight: { label: 'Un fallo cuenta tanto como', unit: 'éxitos' },
      priorStrength: { label: 'Cada agente empieza con la media del equipo de', unit: 'chats' },
      voiceWeight: { label: 'Peso de lo que el visitante dice que destacó', unit: '×' },
      reopenWindowDays: {
        label: '«Esto no está resuelto» cuenta durante',
        unit: 'días',
        hint: 'También el plazo en que un visitante puede decir que una promesa cumplida no se cumplió.',
      },
      ratingAmendMinutes: {
        label: 'Los visitantes pueden cambiar una valoración durante',
        unit: 'minutos',
      },
      maxPromisesPerConversation: {
        label: 'Promesas que cuentan por conversación',
        unit: 'promesas',
        hint: 'Cuentan las primeras que se hacen; las siguientes no cuentan ni a favor ni en contra, para que una ráfaga de promesas no pueda subir una puntuación.',
      },
      minPromiseSeconds: {
        label: 'Una promesa cumplida antes de este tiempo no cuenta ni a favor ni en contra',
        unit: 'segundos',
        hint: 'También el plazo mínimo que puede tener una promesa desde que se hace.',
      },
    },
    switches: {
      excludeMemberRatings: {
        label: 'Apartar las valoraciones de tu propio equipo',
        hint: 'Una valoración dada desde una dirección desde la que un miembro del equipo inició sesión en las últimas 24 horas, o por un visitante con el correo de un miembro del equipo, se guarda pero no cuenta para nadie. Desactívalo si tus clientes comparten la red de tu equipo, como en un soporte informático interno.',
      },
      statedReplyFollowsKept: {
        label: 'Indicar el tiempo de respuesta que cumples',
        hint: 'El chat dice «Solemos responder en N minutos», siendo N el tiempo en el que el 80 % de los visitantes recibió su primera respuesta en los últimos 7 días. Las puntuaciones siguen midiendo las esperas frente al tiempo de respuesta prometido.',
      },
    },
    retentionTitle: 'Conservación de datos',
    retentionIntro:
      'Tras este número de días sin actividad, se borra lo que se escribió en una conversación (mensajes, comentarios, datos de contacto, atributos del visitante, páginas visitadas). Los tiempos y las valoraciones se mantienen, así que las puntuaciones no cambian. Déjalo vacío para conservarlo todo.',
    retentionLabel: 'Borrar el texto de las conversaciones tras',
    keep: 'Conservar',
    days: 'días',
    retentionHint:
      'Se comprueba cada hora. Para borrar de inmediato los datos de un visitante, usa Datos de visitantes.',
    saved: 'Guardado.',
    save: 'Guardar cambios',
  },
  timeZone: {
    label: 'Zona horaria',
    named: (zone) => `${zone}.`,
    hint: 'Dónde empiezan los días, las semanas (desde el lunes) y los meses de este sitio en Tendencias. Las puntuaciones no dependen de ella.',
  },
  hours: {
    legend: 'Horario de apertura',
    hint: 'En la zona horaria del sitio. Cuando nadie tiene la consola abierta, el chat dice «Estamos cerrados, volvemos a las 9:00» fuera de este horario y «Ahora mismo no estamos» dentro de él (o si ningún día está abierto), y pide a los visitantes su correo.',
    opensAt: (day) => `${day}: apertura`,
    closesAt: (day) => `${day}: cierre`,
    day: (day) => `Horario de apertura, ${day}`,
  },
  team: {
    loading: 'Cargando el equipo…',
    loadFailed: (reason) => `No se pudo cargar el equipo: ${reason}`,
    unknownError: 'Error desconocido.',
    inviteTitle: 'Invitar a alguien',
    inviteIntro:
      'Recibes un enlace para enviarlo tú; funciona una vez, durante 7 días. La persona invitada elige su propia contraseña, o usa la que ya tiene si ya trabaja en otro sitio.',
    linkFor: (email) => `Enlace de invitación para ${email}`,
    linkLabel: 'Enlace de invitación',
    copyLink: 'Copiar enlace',
    sendLink: (email, role, as, site, expires) => [
      'Envía este enlace a ',
      email,
      `. Con él, esa persona se unirá a ${site} con el rol de ${role.toLowerCase()}${as ? ` e iniciará sesión como ${as}` : ''}. Funciona una vez y caduca el ${expires}.`,
    ],
    email: 'Correo electrónico',
    emailPlaceholder: 'nombre@empresa.example',
    role: 'Rol',
    scoredAs: 'Puntuado como',
    newAgent: 'Un agente nuevo',
    createLink: 'Crear enlace de invitación',
    roleHint: (role, hint) => `${role}: ${hint}.`,
    teamTitle: 'Equipo',
    answersHint:
      'Quien no responde chats (un administrador que solo configura) queda fuera de las puntuaciones en directo hasta que tenga puntuaciones propias.',
    columns: {
      name: 'Nombre',
      email: 'Correo electrónico',
      role: 'Rol',
      answersChats: 'Responde chats',
      access: 'Acceso',
    },
    you: 'Tú',
    roleOf: (name) => `Rol de ${name}`,
    answersChats: (name) => `${name} responde chats`,
    removeAccess: 'Quitar acceso',
    removeAccessFor: (name) => `Quitar acceso a ${name}`,
    confirmRemove: (name, site, isYou) =>
      `¿Quitar a ${name} el acceso a ${site}? ${isYou ? 'Ya no podrás iniciar sesión aquí; tus puntuaciones se mantienen.' : 'Ya no podrá iniciar sesión aquí; sus puntuaciones se mantienen.'}`,
    invitesTitle: 'Invitaciones sin usar',
    inviteDetails: (role, as, expires) =>
      `${role}${as ? `, como ${as}` : ''} · caduca el ${expires}`,
    revoke: 'Revocar',
    revokeFor: (email) => `Revocar la invitación de ${email}`,
    scoredTitle: 'Puntuados, sin acceso',
    scoredIntro:
      'Agentes que este sitio puntúa pero que no pueden iniciar sesión: mencionados en los eventos de tu helpdesk, o a los que se les quitó el acceso. Ponle nombre a uno para mostrarlo así en todas partes (los nombres de tu helpdesk no lo sobrescribirán), o invita a uno para que vea sus propias puntuaciones.',
    nameFor: (agentId) => `Nombre para ${agentId}`,
    saveName: 'Guardar nombre',
    name: 'Poner nombre',
    nameAgent: (name) => `Poner nombre a ${name}`,
    invite: 'Invitar',
    inviteAgent: (name) => `Invitar a ${name}`,
  },
  integrations: {
    intro: (site) =>
      `Puntúa a tus agentes a partir de las conversaciones que ya tienen en Chatwoot: sus mensajes, asignaciones, resoluciones y respuestas CSAT se convierten en conversaciones de ${site} en Peakend. Pega la URL del webhook en Chatwoot, en Configuración → Integraciones → Webhooks.`,
    enable: 'Activar Chatwoot',
    urlTitle: 'URL del webhook de Chatwoot',
    urlLabel: 'URL del webhook',
    copyUrl: 'Copiar URL',
    urlNote: (site) =>
      `Pégala en Chatwoot como un webhook nuevo y marca los eventos de abajo. Cualquiera que la tenga puede enviar conversaciones a ${site}: no la pongas en tickets ni en chats.`,
    enabled: (since) =>
      `${since ? `Activado desde el ${since}` : 'Activado'}. Peakend solo guarda una huella de la URL, así que no puede volver a mostrarla: si la has perdido o puede haberse filtrado, crea una nueva.`,
    eventsTitle: 'Eventos que marcar en Chatwoot',
    newUrl: 'Crear una URL nueva',
    confirmNewUrl:
      'La URL actual deja de funcionar de inmediato: los envíos de Chatwoot se rechazan hasta que pegues la nueva. ¿Crear una URL nueva?',
    makeNewUrl: 'Reemplazar URL',
    disable: 'Desactivar Chatwoot',
    confirmDisable:
      'Los envíos de Chatwoot se rechazan a partir de ahora; lo que ya trajeron se mantiene. ¿Desactivar Chatwoot?',
    disableConfirmed: 'Desactivar',
    secretTitle: 'Secreto del webhook de Chatwoot',
    secretIntro:
      'Chatwoot 4.11.2 y posteriores firman cada envío con el secreto que muestra la configuración de su webhook. Guárdalo aquí y Peakend rechazará cualquier envío cuya firma no coincida o que tenga más de cinco minutos. Opcional: la URL sigue siendo la primera comprobación.',
    secretSet: 'Hay un secreto guardado: se comprueban las firmas.',
    secretUnset: 'No hay ningún secreto guardado: no se comprueban las firmas.',
    secretLabel: 'Secreto del webhook',
    saveSecret: 'Guardar secreto',
    forgetSecret: 'Olvidar secreto',
    secretStored: 'Secreto guardado: se comprueba la firma de cada envío.',
    secretForgotten: 'Secreto olvidado: basta con la URL para que se acepten los envíos.',
  },
  webhooks: {
    eventHints: {
      'rating.saved': 'Un visitante valoró una conversación o cambió su valoración',
      'followup.created': 'Una mala experiencia necesita seguimiento',
      'followup.updated': 'Cambió un elemento de seguimiento',
      'promise.broken': 'No se cumplió una promesa a tiempo',
      'conversation.reopened': 'Se volvió a abrir una conversación cerrada',
    },
    status: {
      pending: 'Pendiente',
      delivered: 'Entregado',
      failed: 'Fallido',
      skipped: 'Nada que enviar',
    },
    loading: 'Cargando los webhooks…',
    loadFailed: (reason) => `No se pudieron cargar los webhooks: ${reason}`,
    addTitle: 'Añadir un webhook',
    addIntro:
      'Peakend publica cada evento en tu URL, firmado como indica la especificación Standard Webhooks. Un destino de Slack recibe en su lugar un mensaje por cada mal final y cada promesa incumplida.',
    secretTitle: 'Secreto de firma',
    copySecret: 'Copiar secreto',
    verifyNote: (url) => [
      'Verifica cada envío a ',
      url,
      ' con este secreto (consulta la guía de webhooks).',
    ],
    destination: 'Destino',
    standard: 'Tu endpoint (JSON firmado)',
    slack: 'Slack (webhook entrante)',
    url: 'URL',
    events: 'Eventos',
    add: 'Añadir webhook',
    slackAdded: 'Destino de Slack añadido.',
    listTitle: 'Webhooks',
    none: 'Aún no hay webhooks.',
    summary: (slack, events, on, added) =>
      `${slack ? 'Slack · ' : ''}${events} · ${on ? 'Activado' : 'Desactivado'} · añadido el ${added}`,
    disabledReason: (day, last) =>
      `Desactivado el ${day}: todos los envíos fallaron durante 24 horas (último: ${last}).`,
    turnOff: 'Desactivar',
    turnOn: 'Activar',
    turnOffLabel: (url) => `Desactivar el webhook ${url}`,
    turnOnLabel: (url) => `Activar el webhook ${url}`,
    ping: 'Ping de prueba',
    pingLabel: (url) => `Enviar un ping de prueba a ${url}`,
    pinged: 'Ping de prueba en cola.',
    log: 'Registro de envíos',
    delete: 'Eliminar',
    deleteLabel: (url) => `Eliminar el webhook ${url}`,
    confirmDelete: '¿Eliminar este webhook y su registro de envíos? No se le enviará nada más.',
    deleted: 'Webhook eliminado.',
    refresh: 'Actualizar el registro',
    refreshed: 'Registro de envíos actualizado.',
    loadingLog: 'Cargando los envíos…',
    nothingSent: 'Aún no se ha enviado nada.',
    logCaption: (url) => `Últimos envíos a ${url}`,
    columns: {
      event: 'Evento',
      status: 'Estado',
      attempts: 'Intentos',
      lastAnswer: 'Última respuesta',
      resend: 'Reenviar',
    },
    resend: 'Reenviar',
    resendLabel: (event, id) => `Reenviar ${event} ${id}`,
    resending: (event) => `Reenviando ${event}.`,
  },
  visitors: {
    title: 'Datos de visitantes',
    intro:
      'Exporta o borra todo lo guardado de un visitante cuando te lo pida. Al borrar se elimina lo que escribieron el visitante y tu equipo, sus datos de contacto y las páginas que visitó; los tiempos y las valoraciones se mantienen, así que las puntuaciones no cambian. No se puede deshacer.',
    findBy: 'Buscar al visitante por',
    kinds: {
      visitor: { choice: 'Id de visitante', field: 'Id de visitante' },
      user: {
        choice: 'Id de usuario de tu sitio (usuarios con sesión iniciada)',
        field: 'Id de usuario',
      },
      conversation: {
        choice: 'Una de sus conversaciones (su id, como aparece en la exportación de valoraciones)',
        field: 'Id de conversación',
      },
    },
    find: 'Buscar',
    visitor: (id) => `Visitante ${id}`,
    found: (id) => ['Visitante ', id],
    conversations: (count) =>
      `${count} ${pluralOf(count) === 'one' ? 'conversación' : 'conversaciones'}`,
    download: 'Descargar sus datos (JSON)',
    eraseStart: 'Borrar sus datos…',
    eraseLabel: 'Borrar los datos de este visitante',
    confirmErase:
      '¿Borrar los datos de este visitante? Lo escrito en sus conversaciones, sus datos de contacto y las páginas que visitó se eliminarán para siempre.',
    erase: 'Borrar',
    nothingToErase: 'Este sitio no tiene conversaciones de ese visitante: no hay nada que borrar.',
    erased: (count) =>
      `Borrado: ${count} ${pluralOf(count) === 'one' ? 'conversación anonimizada' : 'conversaciones anonimizadas'}. Las puntuaciones no cambian.`,
  },
  errors: {
    seeFields: 'Algunos campos necesitan cambios: consulta los mensajes debajo de ellos.',
    inField: (field, problem) => `${field}: ${problem}`,
    unauthorized: () => 'Tu sesión ha terminado. Vuelve a iniciar sesión e inténtalo de nuevo.',
    forbidden: () => 'Solo los administradores de este sitio pueden hacer esto.',
    notFound: () => 'Esto ya no existe. Vuelve a cargar la página.',
    conflict: () =>
      'Ahora no es posible: algo ha cambiado mientras tanto. Vuelve a cargar la página e inténtalo de nuevo.',
    invalid: () => 'Algunos de los datos enviados no son válidos.',
    tooLarge: () => 'Es demasiado grande para enviarlo de una vez.',
    rateLimited: () =>
      'Demasiadas solicitudes en poco tiempo. Espera un momento e inténtalo de nuevo.',
    internal: () =>
      'Algo salió mal o no se puede contactar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
    conversationFull: () => 'Esta conversación ya no admite más contenido.',
    onlyAdminsCreateSites: () => 'Solo los administradores pueden crear sitios.',
    onlyAdmin: (_server, name) =>
      `${name} es el único administrador de este sitio: haz primero administradora a otra persona.`,
    alreadyOnTeam: (_server, email) => `${email} ya está en el equipo de este sitio.`,
    alreadyOnTeamOrSignsIn: (_server, email, name) =>
      `${email} ya está en el equipo de este sitio, o ${name} ya puede iniciar sesión en él.`,
    alreadySignsIn: (_server, name) =>
      `${name} inicia sesión en este sitio: su nombre viene de su propia cuenta.`,
    inviteGone: () => 'Esta invitación ya no existe: se usó, se revocó o caducó.',
    memberGone: () => 'Esta persona ya no está en el equipo de este sitio.',
    webhookGone: () => 'Este webhook ya no existe.',
    deliveryGone: () => 'Este envío ya no existe.',
    tooManyWebhooks: (_server, max) => `Un sitio puede tener como máximo ${max} webhooks.`,
    chatwootOff: () => 'Chatwoot no está activado en este sitio: actívalo primero.',
    noSuchVisitor: () => 'Ningún visitante tiene ese id.',
    noSuchConversation: () =>
      'Este sitio no tiene ninguna conversación con un visitante con ese id.',
  },
  problems: {
    required: () => 'no puede estar vacío',
    atLeast: (_server, min) => `debe ser al menos ${min}`,
    moreThan: (_server, min) => `debe ser mayor que ${min}`,
    atMost: (_server, max) => `debe ser como máximo ${max}`,
    lessThan: (_server, max) => `debe ser menor que ${max}`,
    tooShort: (_server, min) => `debe tener al menos ${min} caracteres`,
    tooLong: (_server, max) => `debe tener como máximo ${max} caracteres`,
    tooFew: (_server, min) => `debe tener al menos ${min} elementos`,
    tooMany: (_server, max) => `debe tener como máximo ${max} elementos`,
    exactly: (_server, count) => `debe tener exactamente ${count} elementos`,
    wholeNumber: () => 'debe ser un número entero',
    number: () => 'debe ser un número',
    origin: () => 'debe ser un origen como https://shop.example (esquema y host, sin ruta)',
    timeZone: () => 'debe ser una zona horaria IANA, como Europe/Madrid',
    clock: () => 'debe ser una hora como 09:00',
    closesBeforeOpens: () => 'la hora de cierre debe ser posterior a la de apertura',
    controlCharacters: () => 'no puede contener caracteres de control',
    plainText: () => 'debe ser texto sin formato',
    email: () => 'debe ser un correo electrónico válido',
    url: () => 'debe ser una URL',
    httpUrl: () => 'debe ser una URL con http:// o https://',
    urlCredentials: () => 'no puede llevar nombre de usuario ni contraseña',
    privateAddress: (_server, host) =>
      `${host} apunta a una dirección que no es pública (permítela con PEAKEND_WEBHOOK_ALLOW)`,
    chooseEvent: () => 'elige al menos un evento',
    slackEvents: () => 'un destino de Slack solo recibe rating.saved y promise.broken',
    chatwootSecret: () => 'debe ser el secreto que muestra Chatwoot (al menos 8 caracteres)',
    unknownSetting: (_server, names) => `ajuste desconocido: ${names}`,
    id: () => 'usa solo letras, dígitos y . _ : @ -',
  },
};
