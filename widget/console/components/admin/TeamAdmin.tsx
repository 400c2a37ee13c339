/**
 * "Team": who can sign in to this site and with which role; invite someone with a link shown
 * once (Peakend sends no email: the admin passes the link on); change a role; remove access
 * (the agent and their scores stay); revoke an invite not used yet. Agents the site scores who
 * cannot sign in (from a helpdesk's events, or whose access was removed) may be invited as
 * themselves, keeping their scores.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { InviteView, MemberView, NewInviteView, Role } from '../../../../shared/accounts';
import { LIMITS } from '../../../../shared/limits';
import type { SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { calendarDate } from '../../format';
import { ROLE_HINT, ROLE_LABEL, ROLES } from '../../roles';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: AdminApi;
  site: SiteView;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; members: MemberView[]; invites: InviteView[] };

export function TeamAdmin({ api, site }: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<AckError | null>(null);
  const [created, setCreated] = useState<NewInviteView | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [scoredAs, setScoredAs] = useState('');
  /** The scored agent being named, and the name typed so far. */
  const [naming, setNaming] = useState<{ agentId: string; name: string } | null>(null);
  const emailField = useRef<HTMLInputElement>(null);

  const load = async () => {
    const [members, invites] = await Promise.all([
      api.listMembers(site.siteId),
      api.listInvites(site.siteId),
    ]);
    if (members.ok && invites.ok) {
      setLoaded({ state: 'ready', members: members.data, invites: invites.data });
    } else {
      const failed = !members.ok ? members.error : !invites.ok ? invites.error : null;
      setLoaded({ state: 'error', message: failed?.message ?? 'Unknown error.' });
    }
  };

  useEffect(() => {
    // Once per site; actions reload what they change.
    void load();
  }, [site.siteId]);

  /** Runs an action; on success reloads the lists, on refusal shows why. */
  const act = async <T,>(
    run: () => Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
  ) => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return null;
    }
    await load();
    return answer.data;
  };

  const invite = async (event: Event) => {
    event.preventDefault();
    const made = await act(() =>
      api.invite(site.siteId, {
        email: email.trim(),
        role,
        ...(scoredAs && { agentId: scoredAs }),
      }),
    );
    if (!made) return;
    setCreated(made);
    setEmail('');
    setScoredAs('');
  };

  const saveName = async (event: Event) => {
    event.preventDefault();
    if (!naming) return;
    const named = await act(() =>
      api.nameAgent(site.siteId, naming.agentId, { name: naming.name.trim() }),
    );
    if (named) setNaming(null);
  };

  const inviteScored = (agent: MemberView) => {
    setScoredAs(agent.agentId);
    setCreated(null);
    emailField.current?.focus();
  };

  if (loaded.state === 'loading') {
    return (
      <p class="admin-empty muted" role="status">
        Loading the team…
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <p class="note note--error" role="alert">
        The team could not be loaded: {loaded.message}
      </p>
    );
  }

  const team = loaded.members.filter((m) => m.hasAccess);
  const scoredOnly = loaded.members.filter((m) => !m.hasAccess);
  const nameOf = (agentId: string | null) =>
    loaded.members.find((m) => m.agentId === agentId)?.name ?? agentId;

  return (
    <div class="admin-sections">
      {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}

      <section class="admin-card" aria-labelledby="invite-title">
        <header class="admin-card-head">
          <h2 id="invite-title" class="admin-card-title">
            Invite someone
          </h2>
          <p class="admin-card-intro">
            You get a link to send them yourself; it works once, for 7 days. They choose their own
            password, or use the one they have if they already work on another site.
          </p>
        </header>
        {created ? (
          <SecretOnce
            title={`Invite link for ${created.email}`}
            label="Invite link"
            value={created.link}
            copyLabel="Copy link"
            onDone={() => {
              setCreated(null);
              // They may have joined while the link was shown.
              void load();
            }}
          >
            Send this link to <strong>{created.email}</strong>. It makes them{' '}
            {ROLE_LABEL[created.role].toLowerCase()}
            {created.agentId ? ` and signs them in as ${nameOf(created.agentId)}` : ''} on{' '}
            {site.name}, works once, and expires on {calendarDate(created.expiresAt)}.
          </SecretOnce>
        ) : (
          <form class="admin-form admin-form--row" onSubmit={invite}>
            <label class="field field--grow">
              <span class="field-label">Email</span>
              <input
                ref={emailField}
                type="email"
                required
                autoComplete="off"
                maxLength={LIMITS.emailLength}
                placeholder="name@company.example"
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </label>
            {/* Labels beside, not around, the lists: their options would join the label's name. */}
            <div class="field">
              <label class="field-label" for="invite-role">
                Role
              </label>
              <select
                id="invite-role"
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
            </div>
            {scoredOnly.length > 0 && (
              <div class="field">
                <label class="field-label" for="invite-scored-as">
                  Scored as
                </label>
                <select
                  id="invite-scored-as"
                  value={scoredAs}
                  onChange={(e) => setScoredAs(e.currentTarget.value)}
                >
                  <option value="">A new agent</option>
                  {scoredOnly.map((agent) => (
                    <option key={agent.agentId} value={agent.agentId}>
                      {agent.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <button type="submit" class="btn btn--primary" disabled={busy}>
              Create invite link
            </button>
            <p class="field-hint admin-form-hint">
              {ROLE_LABEL[role]}: {ROLE_HINT[role]}.
            </p>
          </form>
        )}
      </section>

      <section class="admin-card" aria-labelledby="team-title">
        <header class="admin-card-head">
          <h2 id="team-title" class="admin-card-title">
            Team <span class="count">{team.length}</span>
          </h2>
          <p id="team-answers-hint" class="admin-card-intro">
            Someone who doesn’t answer chats (an admin who only sets things up) is left out of the
            live scores until they have scores of their own.
          </p>
        </header>
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Answers chats</th>
              <th scope="col">
                <span class="sr-only">Access</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((member) =>
              removing === member.agentId ? (
                <tr key={member.agentId} class="is-confirming">
                  <td colSpan={5}>
                    <ConfirmRemove
                      member={member}
                      siteName={site.name}
                      busy={busy}
                      onConfirm={async () => {
                        if (
                          (await act(() => api.removeAccess(site.siteId, member.agentId))) !== null
                        ) {
                          setRemoving(null);
                        }
                      }}
                      onCancel={() => setRemoving(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={member.agentId}>
                  <th scope="row">
                    {member.name}
                    {member.you && <span class="you-tag">You</span>}
                  </th>
                  <td class="admin-table-email">{member.email}</td>
                  <td>
                    <select
                      class="admin-role"
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={busy}
                      onChange={(e) => {
                        const next = e.currentTarget.value as Role;
                        void act(() => api.setRole(site.siteId, member.agentId, next));
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {/* Off for someone who only administers: not listed in the scores. */}
                    <input
                      type="checkbox"
                      class="admin-answers"
                      aria-label={`${member.name} answers chats`}
                      aria-describedby="team-answers-hint"
                      checked={member.answersChats}
                      disabled={busy}
                      onChange={(e) => {
                        const next = e.currentTarget.checked;
                        void act(() => api.setAnswersChats(site.siteId, member.agentId, next));
                      }}
                    />
                  </td>
                  <td class="admin-table-action">
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={`Remove access for ${member.name}`}
                      onClick={() => {
                        setError(null);
                        setRemoving(member.agentId);
                      }}
                    >
                      Remove access
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>

      {loaded.invites.length > 0 && (
        <section class="admin-card" aria-labelledby="invites-title">
          <header class="admin-card-head">
            <h2 id="invites-title" class="admin-card-title">
              Invites not used yet <span class="count">{loaded.invites.length}</span>
            </h2>
          </header>
          <ul class="admin-list">
            {loaded.invites.map((pending) => (
              <li key={pending.inviteId} class="admin-list-item">
                <span class="admin-list-main">
                  <strong>{pending.email}</strong>
                  <span class="muted">
                    {ROLE_LABEL[pending.role]}
                    {pending.agentId ? `, as ${nameOf(pending.agentId)}` : ''} · expires{' '}
                    {calendarDate(pending.expiresAt)}
                  </span>
                </span>
                <button
                  type="button"
                  class="btn btn--quiet btn--small"
                  aria-label={`Revoke invite for ${pending.email}`}
                  disabled={busy}
                  onClick={() => void act(() => api.revokeInvite(site.siteId, pending.inviteId))}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {scoredOnly.length > 0 && (
        <section class="admin-card" aria-labelledby="scored-title">
          <header class="admin-card-head">
            <h2 id="scored-title" class="admin-card-title">
              Scored, without sign-in <span class="count">{scoredOnly.length}</span>
            </h2>
            <p class="admin-card-intro">
              Agents this site scores who cannot sign in: named in your helpdesk's events, or whose
              access was removed. Name one to show them by that name everywhere (your helpdesk's
              names will not override it), or invite one to let them see their own scores.
            </p>
          </header>
          <ul class="admin-list">
            {scoredOnly.map((agent) => (
              <li key={agent.agentId} class="admin-list-item">
                {naming?.agentId === agent.agentId ? (
                  <form class="admin-inline-form" onSubmit={(event) => void saveName(event)}>
                    <label class="field field--grow">
                      <span class="field-label">Name for {agent.agentId}</span>
                      <input
                        type="text"
                        value={naming.name}
                        maxLength={LIMITS.nameLength}
                        required
                        autoFocus
                        onInput={(event) =>
                          setNaming({ ...naming, name: event.currentTarget.value })
                        }
                      />
                    </label>
                    <button type="submit" class="btn btn--primary btn--small" disabled={busy}>
                      Save name
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      onClick={() => setNaming(null)}
                    >
                      Cancel
                    </button>
                  </form>
                ) : (
                  <>
                    <span class="admin-list-main">
                      <strong>{agent.name}</strong>
                      {agent.name !== agent.agentId && <span class="muted">{agent.agentId}</span>}
                    </span>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={`Name ${agent.name}`}
                      onClick={() => setNaming({ agentId: agent.agentId, name: agent.name })}
                    >
                      Name
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={`Invite ${agent.name}`}
                      onClick={() => inviteScored(agent)}
                    >
                      Invite
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

interface ConfirmProps {
  member: MemberView;
  siteName: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Remove Ben's access?": said plainly, focus on the safe choice, Escape cancels. */
function ConfirmRemove({ member, siteName, busy, onConfirm, onCancel }: ConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="group"
      aria-label={`Remove access for ${member.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p class="confirm-text">
        Remove {member.name}’s access to {siteName}? {member.you ? 'You' : 'They'} can no longer
        sign in here; {member.you ? 'your' : 'their'} scores stay.
      </p>
      <div class="confirm-actions">
        <button ref={cancel} type="button" class="btn btn--quiet btn--small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="btn btn--danger btn--small"
          disabled={busy}
          onClick={onConfirm}
        >
          Remove access
        </button>
      </div>
    </div>
  );
}
