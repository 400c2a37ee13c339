/**
 * "New site": a name and its allowed origins; the rest can be set afterwards. The answer holds the
 * site's key, shown once, and its snippet. The admin who creates a site is its first admin.
 */
import { useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { NewSiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { formRefusal } from '../../adminRefusals';
import { useT } from '../../i18n';
import { useFocusOnMount } from '../../useFocusOnMount';
import { issuesByField } from '../../fieldIssues';
import { ErrorNote } from '../ErrorNote';
import { CopyField } from './CopyField';
import { SecretOnce } from './SecretOnce';
import { siteFieldOf, SiteFields, typedOrigins } from './SiteFields';

interface Props {
  api: AdminApi;
  /** The site exists: it is listed from now on. */
  onCreated: (site: NewSiteView) => void;
  /** Done with the new site's key: show the site. */
  onOpen: (siteId: string) => void;
  onCancel: () => void;
}

export function NewSiteForm({ api, onCreated, onOpen, onCancel }: Props) {
  const t = useT();
  const words = t.admin.newSite;
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [error, setError] = useState<AckError | null>(null);
  /** The origins as last sent: a problem's line is named with what it said. */
  const [sentOrigins, setSentOrigins] = useState<string[]>([]);
  const issues = issuesByField(error, (issue) => siteFieldOf(issue, sentOrigins, t.admin));
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<NewSiteView | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  useFocusOnMount(nameField);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const allowedOrigins = typedOrigins(origins);
    setSentOrigins(allowedOrigins);
    const answer = await api.createSite({ name, allowedOrigins });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setCreated(answer.data);
    onCreated(answer.data);
  };

  if (created) {
    return (
      <div class="admin-sections">
        <SecretOnce
          title={words.ready(created.name)}
          label={words.keyLabel}
          value={created.key}
          copyLabel={t.admin.embed.copyKey}
          onDone={() => onOpen(created.siteId)}
        >
          {words.readyNote}
        </SecretOnce>
        <section class="admin-card" aria-label={t.admin.embed.snippetTitle}>
          <CopyField
            label={t.admin.embed.snippetTitle}
            value={created.snippet}
            copyLabel={t.admin.embed.copySnippet}
            multiline
          />
        </section>
      </div>
    );
  }

  return (
    <form class="admin-sections" onSubmit={create}>
      {error && (
        <ErrorNote
          worded
          error={formRefusal(error, issues, t.admin, {
            forbidden: (server) => t.admin.errors.onlyAdminsCreateSites(server),
          })}
          onDismiss={() => setError(null)}
        />
      )}
      <section class="admin-card" aria-labelledby="new-site-title">
        <header class="admin-card-head">
          <h2 id="new-site-title" class="admin-card-title">
            {words.title}
          </h2>
          <p class="admin-card-intro">{words.intro}</p>
        </header>
        <SiteFields
          idPrefix="new-site"
          name={name}
          onName={setName}
          origins={origins}
          onOrigins={setOrigins}
          hint={words.originsHint}
          rows={3}
          nameRef={nameField}
          errors={issues.byField}
        />
        <div class="admin-save">
          <button type="button" class="btn btn--quiet" onClick={onCancel}>
            {t.common.cancel}
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? words.creating : words.create}
          </button>
        </div>
      </section>
    </form>
  );
}
