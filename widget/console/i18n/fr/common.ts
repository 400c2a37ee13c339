import type { ConsoleDictionary } from '..';

export const common: ConsoleDictionary['common'] = {
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  cancel: 'Annuler',
  close: 'Fermer',
  back: 'Retour',
  loading: 'Chargement…',
  retry: 'Réessayer',
  somethingWrong: 'Une erreur s’est produite. Veuillez réessayer.',
  language: 'Langue',
  visitor: (code) => `Visiteur ${code}`,
};
