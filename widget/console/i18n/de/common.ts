import type { ConsoleDictionary } from '..';

export const common: ConsoleDictionary['common'] = {
  save: 'Speichern',
  saving: 'Wird gespeichert…',
  cancel: 'Abbrechen',
  close: 'Schließen',
  back: 'Zurück',
  loading: 'Wird geladen…',
  retry: 'Erneut versuchen',
  somethingWrong: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  language: 'Sprache',
  visitor: (code) => `Besucher ${code}`,
};
