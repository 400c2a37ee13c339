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
import { refusalMessage, wordedRefusal, type Known } from '../../adminRefusals';
import { calendarDate } from '../../format';
import { useT } from '../../i18n';
import { roleHint, roleLabel, ROLES } from '../../roles';
import { ErrorNote } from '../ErrorNote';
import { SecretOnce } from './SecretOnce';

interface Props {
  api: AdminApi;
  site: SiteView;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; error: AckError | null }
  | { state: 'ready'; members: MemberView[]; invites: InviteView[] };

/** A refusal shown, with what the action that met it knows of its codes. */
interface Refused {
  error: AckError;
  known: Known;
}

export function TeamAdmin({ api, site }: Props) {
  const t = useT();
  const words = t.admin.team;
  const errors = t.admin.errors;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<Refused | null>(null);
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
      setLoaded({ state: 'error', error: failed });
    }
  };

  useEffect(() => {
    // Once per site; actions reload what they change.
    void load();
  }, [site.siteId]);

  /**
   * Runs an action; on success reloads the lists, on refusal shows why (`known`: what the
   * action knows its refusals to mean).
   */
  const act = async <T,>(
    run: () => Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
    known: Known = {},
  ) => {
    setBusy(true);
    setError(null);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      setError({ error: answer.error, known });
      return null;
    }
    await load();
    return answer.data;
  };

  const invite = async (event: Event) => {
    event.preventDefault();
    const invited = email.trim();
    const agent =
      loaded.state === 'ready' ? loaded.members.find((m) => m.agentId === scoredAs) : null;
    const made = await act(
      () =>
        api.invite(site.siteId, {
          email: invited,
          role,
          ...(scoredAs && { agentId: scoredAs }),
        }),
      {
        // The address is on the team already, or (rarely) the agent chosen could sign in meanwhile.
        conflict: (server) =>
          agent
            ? errors.alreadyOnTeamOrSignsIn(server, invited, agent.name)
            : errors.alreadyOnTeam(server, invited),
      },
    );
    if (!made) return;
    setCreated(made);
    setEmail('');
    setScoredAs('');
  };

  const saveName = async (event: Event) => {
    event.preventDefault();
    if (!naming) return;
    const { agentId } = naming;
    const agent =
      loaded.state === 'ready' ? loaded.members.find((m) => m.agentId === agentId) : null;
    const named = await act(
      () => api.nameAgent(site.siteId, agentId, { name: naming.name.trim() }),
      { conflict: (server) => errors.alreadySignsIn(server, agent?.name ?? agentId) },
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
        {words.loading}
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <p class="note note--error" role="alert">
        {words.loadFailed(loaded.error ? refusalMessage(loaded.error, errors) : words.unknownError)}
      </p>
    );
  }

  const team = loaded.members.filter((m) => m.hasAccess);
  const scoredOnly = loaded.members.filter((m) => !m.hasAccess);
  const nameOf = (agentId: string | null) =>
    loaded.members.find((m) => m.agentId === agentId)?.name ?? agentId;
  /** What a change to a member's role or access may meet: they are its only admin, or gone. */
  const aboutMember = (member: MemberView): Known => ({
    conflict: (server) => errors.onlyAdmin(server, member.name),
    not_found: (server) => errors.memberGone(server),
  });

  return (
    <div class="admin-sections">
      {error && (
        <ErrorNote
          worded
          error={wordedRefusal(error.error, t.admin, error.known)}
          onDismiss={() => setError(null)}
        />
      )}

      <section class="admin-card" aria-labelledby="invite-title">
        <header class="admin-card-head">
          <h2 id="invite-title" class="admin-card-title">
            {words.inviteTitle}
          </h2>
          <p class="admin-card-intro">{words.inviteIntro}</p>
        </header>
        {created ? (
          <SecretOnce
            title={words.linkFor(created.email)}
            label={words.linkLabel}
            value={created.link}
            copyLabel={words.copyLink}
            onDone={() => {
              setCreated(null);
              // They may have joined while the link was shown.
              void load();
            }}
          >
            {words.sendLink(
              <strong>{created.email}</strong>,
              roleLabel(created.role, t),
              created.agentId ? nameOf(created.agentId) : null,
              site.name,
              calendarDate(created.expiresAt),
            )}
          </SecretOnce>
        ) : (
          <form class="admin-form admin-form--row" onSubmit={invite}>
            <label class="field field--grow">
              <span class="field-label">{words.email}</span>
              <input
                ref={emailField}
                type="email"
                required
                autoComplete="off"
                maxLength={LIMITS.emailLength}
                placeholder={words.emailPlaceholder}
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </label>
            {/* Labels beside, not around, the lists: their options would join the label's name. */}
            <div class="field">
              <label class="field-label" for="invite-role">
                {words.role}
              </label>
              <select
                id="invite-role"
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r, t)}
                  </option>
                ))}
              </select>
            </div>
            {scoredOnly.length > 0 && (
              <div class="field">
                <label class="field-label" for="invite-scored-as">
                  {words.scoredAs}
                </label>
                <select
                  id="invite-scored-as"
                  value={scoredAs}
                  onChange={(e) => setScoredAs(e.currentTarget.value)}
                >
                  <option value="">{words.newAgent}</option>
                  {scoredOnly.map((agent) => (
                    <option key={agent.agentId} value={agent.agentId}>
                      {agent.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <button type="submit" class="btn btn--primary" disabled={busy}>
              {words.createLink}
            </button>
            <p class="field-hint admin-form-hint">
              {words.roleHint(roleLabel(role, t), roleHint(role, t))}
            </p>
          </form>
        )}
      </section>

      <section class="admin-card" aria-labelledby="team-title">
        <header class="admin-card-head">
          <h2 id="team-title" class="admin-card-title">
            {words.teamTitle} <span class="count">{team.length}</span>
          </h2>
          <p id="team-answers-hint" class="admin-card-intro">
            {words.answersHint}
          </p>
        </header>
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{words.columns.name}</th>
              <th scope="col">{words.columns.email}</th>
              <th scope="col">{words.columns.role}</th>
              <th scope="col">{words.columns.answersChats}</th>
              <th scope="col">
                <span class="sr-only">{words.columns.access}</span>
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
                          (await act(
                            () => api.removeAccess(site.siteId, member.agentId),
                            aboutMember(member),
                          )) !== null
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
                    {member.you && <span class="you-tag">{words.you}</span>}
                  </th>
                  <td class="admin-table-email">{member.email}</td>
                  <td>
                    <select
                      class="admin-role"
                      aria-label={words.roleOf(member.name)}
                      value={member.role}
                      disabled={busy}
                      onChange={(e) => {
                        const next = e.currentTarget.value as Role;
                        void act(
                          () => api.setRole(site.siteId, member.agentId, next),
                          aboutMember(member),
                        );
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r, t)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {/* Off for someone who only administers: not listed in the scores. */}
                    <input
                      type="checkbox"
                      class="admin-answers"
                      aria-label={words.answersChats(member.name)}
                      aria-describedby="team-answers-hint"
                      checked={member.answersChats}
                      disabled={busy}
                      onChange={(e) => {
                        const next = e.currentTarget.checked;
                        void act(
                          () => api.setAnswersChats(site.siteId, member.agentId, next),
                          aboutMember(member),
                        );
                      }}
                    />
                  </td>
                  <td class="admin-table-action">
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={words.removeAccessFor(member.name)}
                      onClick={() => {
                        setError(null);
                        setRemoving(member.agentId);
                      }}
                    >
                      {words.removeAccess}
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
              {words.invitesTitle} <span class="count">{loaded.invites.length}</span>
            </h2>
          </header>
          <ul class="admin-list">
            {loaded.invites.map((pending) => (
              <li key={pending.inviteId} class="admin-list-item">
                <span class="admin-list-main">
                  <strong>{pending.email}</strong>
                  <span class="muted">
                    {words.inviteDetails(
                      roleLabel(pending.role, t),
                      pending.agentId ? nameOf(pending.agentId) : null,
                      calendarDate(pending.expiresAt),
                    )}
                  </span>
                </span>
                <button
                  type="button"
                  class="btn btn--quiet btn--small"
                  aria-label={words.revokeFor(pending.email)}
                  disabled={busy}
                  onClick={() =>
                    void act(() => api.revokeInvite(site.siteId, pending.inviteId), {
                      not_found: (server) => errors.inviteGone(server),
                    })
                  }
                >
                  {words.revoke}
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
              {words.scoredTitle} <span class="count">{scoredOnly.length}</span>
            </h2>
            <p class="admin-card-intro">{words.scoredIntro}</p>
          </header>
          <ul class="admin-list">
            {scoredOnly.map((agent) => (
              <li key={agent.agentId} class="admin-list-item">
                {naming?.agentId === agent.agentId ? (
                  <form class="admin-inline-form" onSubmit={(event) => void saveName(event)}>
                    <label class="field field--grow">
                      <span class="field-label">{words.nameFor(agent.agentId)}</span>
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
                      {words.saveName}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      onClick={() => setNaming(null)}
                    >
                      {t.common.cancel}
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
                      aria-label={words.nameAgent(agent.name)}
                      onClick={() => setNaming({ agentId: agent.agentId, name: agent.name })}
                    >
                      {words.name}
                    </button>
                    <button
                      type="button"
                      class="btn btn--quiet btn--small"
                      aria-label={words.inviteAgent(agent.name)}
                      onClick={() => inviteScored(agent)}
                    >
                      {words.invite}
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
  const t = useT();
  const words = t.admin.team;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="group"
      aria-label={words.removeAccessFor(member.name)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p class="confirm-text">{words.confirmRemove(member.name, siteName, member.you)}</p>
      <div class="confirm-actions">
        <button ref={cancel} type="button" class="btn btn--quiet btn--small" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button
          type="button"
          class="btn btn--danger btn--small"
          disabled={busy}
          onClick={onConfirm}
        >
          {words.removeAccess}
        </button>
      </div>
    </div>
  );
}
