/**
 * The sign-in form: email and password, the server's refusal shown as it says it. When the email
 * and password open accounts on several sites (one account per site: docs/accounts.md), the
 * server asks which site, and the form asks the person, then signs in again with their choice.
 *
 * The join page uses it too, for someone whose account an invite joins: the email is then the
 * invite's, fixed, and the title and button say what signing in is for.
 */
import { useState } from 'preact/hooks';
import type { SiteChoice } from '../../../shared/accounts';
import { ZEmail } from '../../../shared/facts';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import type { SessionApi } from '../api';
import { LanguageSelect } from './LanguageSelect';

interface Props {
  api: SessionApi;
  onSignedIn: (agent: SignedInAgent) => void;
  /** Why the agent is here again (a session that ended), shown above the form. */
  notice?: string | null;
  /** The only email this form signs in with (shown, not editable). */
  email?: string;
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
  title = 'Sign in to your console',
  intro = 'Answer chats, keep your promises and watch your scores live.',
  submitLabel = 'Sign in',
  embedded = false,
  invite,
}: Props) {
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** What is wrong with each field, found before asking the server; shown under it. */
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  /** The sites to choose from, once the server asked which. */
  const [sites, setSites] = useState<SiteChoice[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const found = {
      ...(!ZEmail.safeParse(email).success && { email: 'Enter a valid email address.' }),
      ...(password === '' && { password: 'Enter your password.' }),
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
    } else setError(result.message);
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
      {embedded ? <h2 id="signin-title">{title}</h2> : <h1 id="signin-title">{title}</h1>}
      <p class="muted">{intro}</p>
      {notice && !error && (
        <p class="note note--info" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="note note--error" role="alert">
          {error}
        </p>
      )}
      <label class="field">
        <span class="field-label">Email</span>
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
          {fieldErrors.email}
        </p>
      )}
      <label class="field">
        <span class="field-label">Password</span>
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
          {fieldErrors.password}
        </p>
      )}
      {sites && (
        <fieldset class="field site-choice">
          <legend class="field-label">Which site?</legend>
          <p class="field-hint">
            Your email has a separate account on each of these sites. Choose where to sign in.
          </p>
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
        {busy ? 'Signing in…' : submitLabel}
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
