/**
 * A visitor's name in the console's language. The server names an anonymous visitor "Visitor
 * 3F2A" (server/live/views.ts: short, stable, and says nothing about who they are); the console
 * says it in the language shown ("Besucher 3F2A"). Anything else is shown as it is.
 */
import type { ConsoleDictionary } from './i18n';

const ANONYMOUS = /^Visitor ([0-9A-F]{4})$/;

export function visitorName(label: string, t: ConsoleDictionary): string {
  const code = ANONYMOUS.exec(label)?.[1];
  return code ? t.common.visitor(code) : label;
}
