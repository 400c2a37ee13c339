import type { ConsoleDictionary } from '..';

export const common: ConsoleDictionary['common'] = {
  save: 'Guardar',
  saving: 'Guardando…',
  cancel: 'Cancelar',
  close: 'Cerrar',
  back: 'Volver',
  loading: 'Cargando…',
  retry: 'Reintentar',
  somethingWrong: 'Algo salió mal. Inténtalo de nuevo.',
  language: 'Idioma',
  visitor: (code) => `Visitante ${code}`,
};
