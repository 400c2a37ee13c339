import type { ConsoleDictionary } from '..';

export const common: ConsoleDictionary['common'] = {
  save: 'Opslaan',
  saving: 'Opslaan…',
  cancel: 'Annuleren',
  close: 'Sluiten',
  back: 'Terug',
  loading: 'Laden…',
  retry: 'Opnieuw proberen',
  somethingWrong: 'Er ging iets mis. Probeer het opnieuw.',
  language: 'Taal',
  visitor: (code) => `Bezoeker ${code}`,
};
