/** Spanish (informal "tú", as the widget): the shell. */
import type { ConsoleDictionary } from '..';

export const shell: ConsoleDictionary['shell'] = {
  app: {
    loading: 'Cargando la consola…',
    signedOut: 'Has cerrado sesión.',
    sessionEnded: 'Tu sesión ha terminado. Vuelve a iniciar sesión.',
    documentTitle: (waiting: number) =>
      waiting > 0 ? `(${waiting}) Consola de Peakend` : 'Consola de Peakend',
  },

  header: {
    connection: {
      connecting: 'Conectando…',
      connected: 'En vivo',
      reconnecting: 'Reconectando…',
      unauthorized: 'Sesión cerrada',
    },
    sections: {
      live: 'En vivo',
      followup: 'Seguimiento',
      conversations: 'Conversaciones',
      trends: 'Tendencias',
      segments: 'Segmentos',
      report: 'Informe',
      admin: 'Administración',
    },
    navigation: 'Consola',
    site: 'Sitio',
    administering: 'Administrando',
    administeringTitle: (site: string) => `Administrando ${site}`,
    newItems: (count: number) => (count === 1 ? 'nuevo' : 'nuevos'),
    signOut: 'Cerrar sesión',
  },

  roles: { agent: 'Agente', supervisor: 'Supervisor', admin: 'Administrador' },
  roleAs: { agent: 'como agente', supervisor: 'como supervisor', admin: 'como administrador' },
  roleHints: {
    agent: 'responde chats, ve su propio desglose y las puntuaciones del equipo',
    supervisor: 'además abre el desglose de cada agente y lee la API de puntuaciones',
    admin: 'además gestiona el sitio, su clave y su equipo',
  },

  signIn: {
    title: 'Inicia sesión en tu consola',
    intro: 'Responde chats, cumple tus promesas y sigue tus puntuaciones en vivo.',
    submit: 'Iniciar sesión',
    busy: 'Iniciando sesión…',
    email: 'Correo electrónico',
    password: 'Contraseña',
    invalidEmail: 'Escribe un correo electrónico válido.',
    noPassword: 'Escribe tu contraseña.',
    whichSite: '¿En qué sitio?',
    whichSiteHint:
      'Tu correo tiene una cuenta distinta en cada uno de estos sitios. Elige dónde iniciar sesión.',
    wrongPassword: () => 'El correo electrónico o la contraseña no son correctos.',
    noAccess: () =>
      'Tu cuenta no tiene acceso a este sitio (o ya no lo tiene). Pide una nueva invitación a un administrador del sitio.',
    unexpected: () => 'No se pudo iniciar sesión. Inténtalo de nuevo.',
  },

  join: {
    checking: 'Comprobando tu invitación…',
    joinSite: (site: string) => `Unirme a ${site}`,
    busy: 'Uniéndote…',
    invited: (site: string, roleAs: string, email: string) =>
      `Te han invitado a ${site} ${roleAs}, con ${email}.`,
    checkingSignedIn: 'Comprobando si has iniciado sesión…',
    signInTitle: 'Inicia sesión para aceptar',
    signInIntro: (email: string, site: string) =>
      `Ya tienes una cuenta de Peakend con ${email}: inicia sesión con ella y te unirás a ${site}.`,
    signInAndJoin: (site: string) => `Iniciar sesión y unirme a ${site}`,
    invitedNew: (roleAs: string): [string, string] => [
      `Te han invitado ${roleAs}, con `,
      '. Dinos cómo llamarte y elige una contraseña.',
    ],
    yourName: 'Tu nombre',
    choosePassword: 'Elige una contraseña',
    passwordIssue: 'Contraseña',
    goneTitle: 'Este enlace de invitación no funciona',
    gone: () =>
      'Este enlace de invitación ya no funciona: ya se usó, se revocó o caducó. Pide uno nuevo a un administrador del sitio.',
    conflict: () =>
      'Ya formas parte del equipo de este sitio, o tu cuenta se acaba de crear: inicia sesión con ella.',
    goToSignIn: 'Ir a iniciar sesión',
  },

  verify: {
    title: 'Confirma tu correo electrónico',
    checking: 'Confirmando…',
    signInTitle: 'Inicia sesión para confirmar',
    signInIntro: 'Inicia sesión con la cuenta de Peakend para la que se envió este enlace.',
    signInAndConfirm: 'Iniciar sesión y confirmar',
    done: (email: string) => `Tu correo ${email} está confirmado.`,
    continue: 'Continuar a la consola',
    failed: () =>
      'Este enlace no funciona: ya se usó, caducó o se envió para otra cuenta. Inicia sesión con la cuenta para la que se envió o pide un enlace nuevo.',
    goToConsole: 'Ir a la consola',
  },

  password: {
    atLeast: (characters: number) => `Al menos ${characters} caracteres.`,
  },

  account: {
    account: 'Cuenta',
    changed: 'Tu contraseña ha cambiado. Se ha cerrado la sesión en todos los demás navegadores.',
    linkSent: (email: string) => `Te hemos enviado a ${email} un enlace para confirmar tu correo.`,
    unconfirmed:
      'Tu correo aún no está confirmado: hasta entonces, ninguna invitación de otro sitio puede llegar a esta cuenta.',
    sendLink: 'Volver a enviar el enlace',
    changePassword: 'Cambiar contraseña',
    currentPassword: 'Contraseña actual',
    newPassword: 'Contraseña nueva',
    othersSignedOut: 'Se cerrará la sesión en los demás navegadores.',
    wrongPassword: () => 'Esa no es tu contraseña actual.',
    signOutEverywhere: 'Cerrar sesión en todas partes',
  },

  errorNote: {
    dismiss: 'Descartar',
  },

  errors: {
    invalid: () => 'Hay datos que debes corregir.',
    unauthorized: () => 'Tu sesión ya no está activa. Vuelve a iniciar sesión.',
    forbidden: () => 'No tienes permiso para hacer esto.',
    not_found: () => 'No se encontró: no existe o ya no existe.',
    conflict: () =>
      'Ahora no es posible: algo ha cambiado mientras tanto. Revisa el estado actual.',
    too_large: () => 'Es demasiado para enviarlo de una vez.',
    conversation_full: () => 'Esta conversación ya tiene el número máximo de mensajes.',
    rate_limited: (_serverMessage: string, seconds?: number) =>
      seconds === undefined
        ? 'Demasiados intentos. Espera un momento y vuelve a intentarlo.'
        : `Demasiados intentos. Espera ${seconds === 1 ? '1 segundo' : `${seconds} segundos`} y vuelve a intentarlo.`,
    internal: () => 'Algo salió mal. Inténtalo de nuevo.',
    offline:
      'La consola está sin conexión ahora mismo; vuelve a intentarlo cuando se haya reconectado.',
    notConnected: 'La consola no está conectada.',
    timeout: 'El servidor no respondió a tiempo. Inténtalo de nuevo.',
    unreachable:
      'No se puede conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.',
    issue: (field: string, problem: string) => `${field}: ${problem}`,
  },

  arrivals: {
    newChat: (visitor: string) => `Nuevo chat en espera: ${visitor}`,
    newChats: (count: number) => `${count} chats nuevos en espera`,
    newFollowups: (count: number) =>
      count === 1 ? 'Nuevo elemento de seguimiento' : `${count} elementos nuevos de seguimiento`,
    notificationTitle: 'Peakend: seguimiento',
    notificationBody: (count: number) =>
      count === 1 ? 'Un elemento espera seguimiento.' : `${count} elementos esperan seguimiento.`,
  },
};
