/**
 * The sign-in form: email and password, the server's refusal shown as it says it. When the email
 * and password open accounts on several sites (one account per site: docs/accounts.md), the
 * server asks which site, and the form asks the person, then signs in again with their choice.
 *
 * The join page uses it too, for someone whose account an invite joins: the email is then the
 * invite's, fixed, and the title and button say what signing in is for.
 */
import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../shared/ack';
import type { SiteChoice } from '../../../shared/accounts';
import { ZEmail } from '../../../shared/facts';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import type { SessionApi } from '../api';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';

interface Props {
  api: SessionApi;
  onSignedIn: (agent: SignedInAgent) => void;
  /** Why the agent is here again (a session that ended), shown above the form. */
  notice?: string | null;
  /** The only email this form signs in with (shown, not editable). */
  email?: string;
  /** The heading, the line under it and the button, when signing in is for something else. */
  title?: string;
  intro?: string;
  submitLabel?: string;
  /** Inside another card (the join page): a section rather than the whole page. */
  embedded?: boolean;
  /** The secret of the invite link whose page this is: signing in joins its site. */
  invite?: string;
}

export function SignIn({
  api,
  onSignedIn,
  notice,
  email: fixedEmail,
  title,
  intro,
  submitLabel,
  embedded = false,
  invite,
}: Props) {
  const t = useT();
  const words = t.shell.signIn;
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  /** The server's refusal: its words, and its code when known (worded in the language shown). */
  const [error, setError] = useState<{ message: string; code?: ErrorCode } | null>(null);
  /** What is wrong with each field, found before asking the server; shown under it. */
  const [fieldErrors, setFieldErrors] = useState<{ email?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  /** The sites to choose from, once the server asked which. */
  const [sites, setSites] = useState<SiteChoice[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const found = {
      ...(!ZEmail.safeParse(email).success && { email: true }),
      ...(password === '' && { password: true }),
    };
    setFieldErrors(found);
    if (found.email || found.password) {
      // To the first field to fix, whose message its description reads out.
      const form = event.currentTarget as HTMLFormElement;
      form
        .querySelector<HTMLInputElement>(found.email ? '[name=email]' : '[name=password]')
        ?.focus();
      return;
    }
    setBusy(true);
    const choice = sites && siteId ? { siteId } : invite !== undefined ? { invite } : null;
    const result = choice
      ? await api.signIn(email.trim(), password, choice)
      : await api.signIn(email.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.agent);
    else if ('chooseSite' in result) {
      setSites(result.chooseSite);
      setSiteId(result.chooseSite[0]?.siteId ?? null);
    } else setError({ message: result.message, code: result.code });
  };

  const form = (
    <form
      class={embedded ? 'signin-embedded' : 'signin-card'}
      onSubmit={submit}
      // The form's own messages, in words, rather than the browser's bubble.
      noValidate
      aria-labelledby="signin-title"
    >
      {!embedded && <CardBrand />}
      {embedded ? (
        <h2 id="signin-title">{title ?? words.title}</h2>
      ) : (
        <h1 id="signin-title">{title ?? words.title}</h1>
      )}
      <p class="muted">{intro ?? words.intro}</p>
      {notice && !error && (
        <p class="note note--info" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="note note--error" role="alert">
          {error.code
            ? errorText({ code: error.code, message: error.message }, t, {
                unauthorized: words.wrongPassword,
                forbidden: words.noAccess,
                internal: words.unexpected,
              })
            : error.message}
        </p>
      )}
      <label class="field">
        <span class="field-label">{words.email}</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          maxLength={LIMITS.emailLength}
          value={email}
          readOnly={fixedEmail !== undefined || sites !== null}
          onInput={(e) => setEmail(e.currentTarget.value)}
          autoFocus={fixedEmail === undefined}
          aria-invalid={fieldErrors.email ? 'true' : undefined}
          aria-describedby={fieldErrors.email ? 'signin-email-error' : undefined}
        />
      </label>
      {/* Outside the label, so the field's name stays "Email"; tied by aria-describedby. */}
      {fieldErrors.email && (
        <p id="signin-email-error" class="field-error signin-field-error">
          {words.invalidEmail}
        </p>
      )}
      <label class="field">
        <span class="field-label">{words.password}</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={LIMITS.passwordLength}
          value={password}
          readOnly={sites !== null}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autoFocus={fixedEmail !== undefined}
          aria-invalid={fieldErrors.password ? 'true' : undefined}
          aria-describedby={fieldErrors.password ? 'signin-password-error' : undefined}
        />
      </label>
      {/* Outside the label, so the field's name stays "Password"; tied by aria-describedby. */}
      {fieldErrors.password && (
        <p id="signin-password-error" class="field-error signin-field-error">
          {words.noPassword}
        </p>
      )}
      {sites && (
        <fieldset class="field site-choice">
          <legend class="field-label">{words.whichSite}</legend>
          <p class="field-hint">{words.whichSiteHint}</p>
          {sites.map((site) => (
            <label key={site.siteId} class="site-choice-option">
              <input
                type="radio"
                name="site"
                value={site.siteId}
                checked={siteId === site.siteId}
                onChange={() => setSiteId(site.siteId)}
              />
              {site.siteName}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
        {busy ? words.busy : (submitLabel ?? words.submit)}
      </button>
    </form>
  );
  return embedded ? (
    form
  ) : (
    <main class="signin">
      {form}
      <LanguageSelect class="signin-language" />
    </main>
  );
}

/** The brand over a sign-in card (sign in, join, confirm an email). */
export function CardBrand() {
  return (
    <div class="brand brand--large" aria-hidden="true">
      <span class="brand-mark" />
      Peakend
    </div>
  );
}
