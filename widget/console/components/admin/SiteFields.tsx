/**
 * A site's name and allowed origins, as typed: the same two fields when a site is created and
 * when it is changed. Origins are written as browsers send them when the field is left or the
 * form sent ("localhost:4260" → "http://localhost:4260", a trailing slash dropped), and the
 * field says what it changed. The server's problems show under the field they are about.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { Issue } from '../../../../shared/ack';
import { LIMITS } from '../../../../shared/limits';
import { normaliseOrigin } from '../../../../shared/sites';
import { wordedProblem } from '../../adminRefusals';
import { sentence } from '../../fieldIssues';
import { useT, type ConsoleDictionary } from '../../i18n';

interface Props {
  /** Makes the origins field's id and its hint's id unique on the page. */
  idPrefix: string;
  name: string;
  onName(value: string): void;
  /** One origin per line. */
  origins: string;
  onOrigins(value: string): void;
  hint: string;
  rows: number;
  nameRef?: Ref<HTMLInputElement>;
  /** The server's problems with each field (`siteFieldOf`), shown under it. */
  errors?: ReadonlyMap<string, string[]>;
}

/** The origins as typed, one per line (or comma), written as browsers send them. */
export function typedOrigins(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(normaliseOrigin);
}

/**
 * Which of these fields a problem of the sites API is about (issuesByField), in `words`: a
 * problem with one origin names its line, and what it said.
 */
export function siteFieldOf(
  issue: Issue,
  sent: readonly string[],
  words: ConsoleDictionary['admin'],
): [string, string] | null {
  const problem = wordedProblem(issue.message, words.problems);
  if (issue.path === 'name') return ['name', sentence(problem)];
  const line = /^allowedOrigins(?:\.(\d+))?$/.exec(issue.path);
  if (!line) return null;
  if (line[1] === undefined) return ['allowedOrigins', sentence(problem)];
  const index = Number(line[1]);
  const value = sent[index];
  const which =
    value === undefined
      ? words.siteFields.line(index + 1, problem)
      : words.siteFields.lineWith(index + 1, value, problem);
  return ['allowedOrigins', `${which}.`.replace(/\.\.$/, '.')];
}

export function SiteFields(props: Props) {
  const t = useT();
  const nameId = `${props.idPrefix}-name`;
  const nameErrorId = `${props.idPrefix}-name-error`;
  const originsId = `${props.idPrefix}-origins`;
  const hintId = `${props.idPrefix}-origins-hint`;
  const noteId = `${props.idPrefix}-origins-note`;
  const originsErrorId = `${props.idPrefix}-origins-error`;
  const nameErrors = props.errors?.get('name') ?? [];
  const originErrors = props.errors?.get('allowedOrigins') ?? [];
  /** What leaving the field rewrote, said until the origins are typed again. */
  const [rewritten, setRewritten] = useState<[typed: string, origin: string][]>([]);

  const tidy = () => {
    const lines = props.origins
      .split(/[\n,]/)
      .map((line) => line.trim())
      .filter(Boolean);
    const changes = lines
      .map((line) => [line, normaliseOrigin(line)] as [string, string])
      .filter(([typed, origin]) => typed !== origin);
    setRewritten(changes);
    if (changes.length > 0) props.onOrigins(lines.map(normaliseOrigin).join('\n'));
  };

  return (
    <div class="admin-form">
      <div class="field">
        <label class="field-label" for={nameId}>
          {t.admin.siteFields.name}
        </label>
        <input
          id={nameId}
          type="text"
          ref={props.nameRef}
          required
          maxLength={LIMITS.nameLength}
          value={props.name}
          onInput={(e) => props.onName(e.currentTarget.value)}
          aria-invalid={nameErrors.length > 0 ? 'true' : undefined}
          aria-describedby={nameErrors.length > 0 ? nameErrorId : undefined}
        />
        {nameErrors.length > 0 && (
          <span id={nameErrorId} class="field-error">
            {nameErrors.join(' ')}
          </span>
        )}
      </div>
      <div class="field">
        <label class="field-label" for={originsId}>
          {t.admin.siteFields.origins}
        </label>
        <textarea
          id={originsId}
          rows={props.rows}
          spellcheck={false}
          placeholder="https://shop.example"
          value={props.origins}
          onInput={(e) => {
            setRewritten([]);
            props.onOrigins(e.currentTarget.value);
          }}
          onBlur={tidy}
          aria-invalid={originErrors.length > 0 ? 'true' : undefined}
          aria-describedby={[
            originErrors.length > 0 ? originsErrorId : '',
            rewritten.length > 0 ? noteId : '',
            hintId,
          ]
            .filter(Boolean)
            .join(' ')}
        />
        {originErrors.length > 0 && (
          <ul id={originsErrorId} class="field-error field-error-list">
            {originErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        {rewritten.length > 0 && (
          <p id={noteId} class="field-hint field-note" role="status">
            {t.admin.siteFields.rewritten}{' '}
            {rewritten.map(([typed, origin], i) => (
              <span key={typed}>
                {i > 0 ? t.admin.siteFields.separator : ''}
                {typed} → <code>{origin}</code>
              </span>
            ))}
            .
          </p>
        )}
        <span id={hintId} class="field-hint">
          {props.hint}
        </span>
      </div>
    </div>
  );
}
