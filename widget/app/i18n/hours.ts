/** Whole hours for a stated reply time of an hour or more: never less than the minutes stated. */
export const hours = (minutes: number) => Math.ceil(minutes / 60);
