/**
 * A site's name and allowed origins, as typed: the same two fields when a site is created and
 * when it is changed.
 */
import type { Ref } from 'preact';
import { LIMITS } from '../../../../shared/limits';

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
}

export function SiteFields(props: Props) {
  const originsId = `${props.idPrefix}-origins`;
  const hintId = `${props.idPrefix}-origins-hint`;
  return (
    <div class="admin-form">
      <label class="field">
        <span class="field-label">Site name</span>
        <input
          type="text"
          ref={props.nameRef}
          required
          maxLength={LIMITS.nameLength}
          value={props.name}
          onInput={(e) => props.onName(e.currentTarget.value)}
        />
      </label>
      <div class="field">
        <label class="field-label" for={originsId}>
          Allowed origins
        </label>
        <textarea
          id={originsId}
          rows={props.rows}
          spellcheck={false}
          placeholder="https://shop.example"
          value={props.origins}
          onInput={(e) => props.onOrigins(e.currentTarget.value)}
          aria-describedby={hintId}
        />
        <span id={hintId} class="field-hint">
          {props.hint}
        </span>
      </div>
    </div>
  );
}
