/**
 * The account menu in the top bar: the person's own account, whatever site the console shows.
 * A new password (with the current one; every other browser is then signed out), sign out
 * everywhere (every session of the account, this one too), and, when Peakend sends email and the
 * address is not confirmed yet, a new link to confirm it (docs/accounts.md).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import { httpAccountSettingsApi, type AccountSettingsApi } from '../accountApi';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';
import { AccountUsername, NewPasswordField } from './PasswordFields';

interface Props {
  agent: SignedInAgent;
  /** The account's calls (over HTTP unless given). */
  api?: AccountSettingsApi;
  /** Signed out everywhere: this browser too. */
  onSignedOut: () => void;
}

/** What the last action came to: done (which), or refused. */
type Outcome = { ok: true; done: 'password' | 'link' } | { ok: false; error: AckError } | null;

export function AccountMenu({ agent, api: given, onSignedOut }: Props) {
  const t = useT();
  const words = t.shell.account;
  const [api] = useState(() => given ?? httpAccountSettingsApi());
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [unconfirmed, setUnconfirmed] = useState(agent.emailUnconfirmed === true);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input:not([hidden])')?.focus();
    // Read afresh: the live connection's view of the person does not say.
    let current = true;
    void api
      .emailUnconfirmed()
      .catch(() => false)
      .then((waiting) => {
        if (current) setUnconfirmed(waiting);
      });
    return () => {
      current = false;
    };
  }, [open, api]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const changePassword = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const answer = await api.changePassword({ currentPassword: current, newPassword: next });
    setBusy(false);
    if (answer.ok) {
      setCurrent('');
      setNext('');
      setOutcome({ ok: true, done: 'password' });
    } else setOutcome({ ok: false, error: answer.error });
  };

  const signOutEverywhere = async () => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const answer = await api.signOutEverywhere();
    setBusy(false);
    if (answer.ok) onSignedOut();
    else setOutcome({ ok: false, error: answer.error });
  };

  const sendLink = async () => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const answer = await api.sendVerification();
    setBusy(false);
    setOutcome(answer.ok ? { ok: true, done: 'link' } : { ok: false, error: answer.error });
  };

  return (
    <div
      class="account-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) close();
      }}
    >
      <button
        type="button"
        class="btn btn--ghost-dark"
        ref={toggle}
        aria-expanded={open}
        aria-controls="account-panel"
        onClick={() => setOpen(!open)}
      >
        {words.account}
      </button>
      {open && (
        <div
          class="account-panel"
          id="account-panel"
          role="region"
          aria-label={words.account}
          ref={panel}
        >
          <p class="account-email">{agent.email}</p>
          <LanguageSelect class="field" />
          {outcome && (
            <p
              class={`note ${outcome.ok ? 'note--info' : 'note--error'}`}
              role={outcome.ok ? 'status' : 'alert'}
            >
              {outcome.ok
                ? outcome.done === 'password'
                  ? words.changed
                  : words.linkSent(agent.email)
                : errorText(outcome.error, t, { forbidden: words.wrongPassword })}
              {!outcome.ok && outcome.error.issues && outcome.error.issues.length > 0 && (
                <> {outcome.error.issues.map((issue) => issue.message).join('; ')}</>
              )}
            </p>
          )}
          {unconfirmed && (
            <div class="note note--info">
              {words.unconfirmed}{' '}
              <button
                type="button"
                class="btn btn--secondary"
                disabled={busy}
                onClick={() => void sendLink()}
              >
                {words.sendLink}
              </button>
            </div>
          )}
          <form onSubmit={changePassword} aria-labelledby="password-title">
            <h2 id="password-title" class="account-heading">
              {words.changePassword}
            </h2>
            <AccountUsername email={agent.email} />
            <label class="field">
              <span class="field-label">{words.currentPassword}</span>
              <input
                type="password"
                name="current-password"
                autoComplete="current-password"
                required
                maxLength={LIMITS.passwordLength}
                value={current}
                onInput={(e) => setCurrent(e.currentTarget.value)}
              />
            </label>
            <NewPasswordField
              id="account-new-password"
              label={words.newPassword}
              name="new-password"
              value={next}
              onInput={setNext}
              hint={words.othersSignedOut}
            />
            <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
              {words.changePassword}
            </button>
          </form>
          <button
            type="button"
            class="btn btn--secondary btn--block"
            disabled={busy}
            onClick={() => void signOutEverywhere()}
          >
            {words.signOutEverywhere}
          </button>
        </div>
      )}
    </div>
  );
}
