/**
 * The roles in the console's words: names, the name inside a sentence, and what each may do on
 * its site, in the language shown (the shell area's dictionary holds them).
 */
import { ROLES, type Role } from '../../shared/roles';
import type { ConsoleDictionary } from './i18n';

export { ROLES };

/** "Supervisor". */
export function roleLabel(role: Role, t: ConsoleDictionary): string {
  return t.shell.roles[role];
}

/** The role inside a sentence: "as a supervisor", "als Supervisor", "en tant que superviseur". */
export function roleAs(role: Role, t: ConsoleDictionary): string {
  return t.shell.roleAs[role];
}

/** What the role may do: "also opens every agent’s breakdown and reads the scores API". */
export function roleHint(role: Role, t: ConsoleDictionary): string {
  return t.shell.roleHints[role];
}
