/** Words used all over the console. */
export const common = {
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  close: 'Close',
  back: 'Back',
  loading: 'Loading…',
  retry: 'Try again',
  /** A failure the console cannot word more precisely. */
  somethingWrong: 'Something went wrong. Please try again.',
  /** The console's language menu. */
  language: 'Language',
  /** An anonymous visitor, by the short code the server gives them ("Visitor 3F2A"). */
  visitor: (code: string) => `Visitor ${code}`,
};
