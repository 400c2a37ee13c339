/**
 * The admin screens: the sites this person administers on the left, the chosen one on the right
 * in six tabs (Team, Settings, Embed and key, Integrations, Webhooks, Visitor data), and a new site. Shown only to admins; the server
 * refuses everyone else anyway.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { NewSiteView, SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { refusalMessage } from '../../adminRefusals';
import { useT } from '../../i18n';
import { httpIntegrationApi, type IntegrationApi } from '../../integrationApi';
import { httpVisitorDataApi, type VisitorDataApi } from '../../visitorDataApi';
import { httpWebhookApi, type WebhookApi } from '../../webhookApi';
import { PlusIcon } from '../icons';
import { EmbedAndKey } from './EmbedAndKey';
import { Integrations } from './Integrations';
import { NewSiteForm } from './NewSiteForm';
import { SiteSettingsForm } from './SiteSettingsForm';
import { Tabs, type Tab } from './Tabs';
import { TeamAdmin } from './TeamAdmin';
import { VisitorData } from './VisitorData';
import { WebhooksAdmin } from './WebhooksAdmin';

type Section = 'team' | 'settings' | 'embed' | 'integrations' | 'webhooks' | 'visitors';

const SECTIONS: readonly Section[] = [
  'team',
  'settings',
  'embed',
  'integrations',
  'webhooks',
  'visitors',
];

interface Props {
  api: AdminApi;
  /** The webhooks' calls (the server's by default). */
  webhookApi?: WebhookApi;
  /** The site the console shows: opened first when its person administers it. */
  currentSiteId: string;
  /** The person's sites changed (a new one): the session's list of sites is read again. */
  onSitesChanged: () => void;
  /** Helpdesk integrations' calls (tests give their own). */
  integrations?: IntegrationApi;
  /** The site shown (its name), or null (loading, or the new-site form): the header names it. */
  onShowing?: (siteName: string | null) => void;
  /** One visitor's data: export and erase (the server's by default). */
  visitorData?: VisitorDataApi;
}

type Sites =
  | { state: 'loading' }
  | { state: 'error'; error: AckError }
  | { state: 'ready'; sites: SiteView[] };

const serverWebhooks = httpWebhookApi();
const serverVisitorData = httpVisitorDataApi();

export function Admin({
  api,
  webhookApi = serverWebhooks,
  currentSiteId,
  onSitesChanged,
  integrations,
  onShowing,
  visitorData = serverVisitorData,
}: Props) {
  const t = useT();
  const [integrationApi] = useState(() => integrations ?? httpIntegrationApi());
  const [sites, setSites] = useState<Sites>({ state: 'loading' });
  /** The site shown, or null for the new-site form. */
  const [selectedId, setSelectedId] = useState<string | null>(currentSiteId);
  const [section, setSection] = useState<Section>('team');

  useEffect(() => {
    let current = true;
    void api.listSites().then((answer) => {
      if (!current) return;
      setSites(
        answer.ok
          ? { state: 'ready', sites: answer.data }
          : { state: 'error', error: answer.error },
      );
    });
    return () => {
      current = false;
    };
  }, [api]);

  const shownName =
    sites.state !== 'ready' || selectedId === null
      ? null
      : ((sites.sites.find((s) => s.siteId === selectedId) ?? sites.sites[0])?.name ?? null);
  useEffect(() => {
    onShowing?.(shownName);
  }, [shownName]);
  useEffect(() => () => onShowing?.(null), []);

  if (sites.state !== 'ready') {
    return (
      <main class="admin admin--empty">
        {sites.state === 'loading' ? (
          <p class="muted" role="status">
            {t.admin.nav.loading}
          </p>
        ) : (
          <p class="note note--error" role="alert">
            {t.admin.nav.loadFailed(refusalMessage(sites.error, t.admin.errors))}
          </p>
        )}
      </main>
    );
  }

  const list = sites.sites;
  const tabs: Tab<Section>[] = SECTIONS.map((id) => ({ id, label: t.admin.tabs[id] }));
  const site =
    selectedId === null ? null : (list.find((s) => s.siteId === selectedId) ?? list[0] ?? null);
  const replace = (changed: SiteView) =>
    setSites({
      state: 'ready',
      sites: list.map((s) => (s.siteId === changed.siteId ? changed : s)),
    });
  const added = (created: NewSiteView) => {
    // The key stays in the form that shows it once, not in the list.
    const view: SiteView = {
      siteId: created.siteId,
      name: created.name,
      allowedOrigins: created.allowedOrigins,
      settings: created.settings,
      createdAt: created.createdAt,
      snippet: created.snippet,
      signingSecret: created.signingSecret,
      previousKeyUntil: created.previousKeyUntil,
    };
    setSites({ state: 'ready', sites: [...list, view] });
    onSitesChanged();
  };

  return (
    <div class="admin">
      <nav class="admin-nav" aria-label={t.admin.nav.label}>
        <h2 class="admin-nav-title">{t.admin.nav.title}</h2>
        <ul class="admin-nav-list">
          {list.map((s) => (
            <li key={s.siteId}>
              <button
                type="button"
                class={`admin-nav-item${s.siteId === site?.siteId ? ' is-selected' : ''}`}
                aria-current={s.siteId === site?.siteId ? 'page' : undefined}
                title={s.name}
                onClick={() => {
                  setSelectedId(s.siteId);
                  setSection('team');
                }}
              >
                <span class="admin-nav-name">{s.name}</span>
                <span class="admin-nav-id">{s.siteId}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          class={`btn btn--secondary btn--small admin-nav-new${selectedId === null ? ' is-active' : ''}`}
          onClick={() => setSelectedId(null)}
        >
          <PlusIcon /> {t.admin.nav.newSite}
        </button>
      </nav>
      <main
        class="admin-main"
        aria-label={site ? t.admin.nav.administer(site.name) : t.admin.nav.newSite}
      >
        {site ? (
          <>
            <header class="admin-head">
              <p class="admin-eyebrow">{t.admin.nav.eyebrow}</p>
              <h1 class="admin-title">{site.name}</h1>
            </header>
            <Tabs
              label={t.admin.nav.tabsLabel(site.name)}
              idPrefix="admin"
              tabs={tabs}
              selected={section}
              onSelect={setSection}
            >
              {section === 'team' && <TeamAdmin key={site.siteId} api={api} site={site} />}
              {section === 'settings' && (
                <SiteSettingsForm
                  key={site.siteId}
                  api={api}
                  site={site}
                  onSaved={(saved) => {
                    replace(saved);
                    if (saved.name !== site.name) onSitesChanged();
                  }}
                />
              )}
              {section === 'embed' && (
                <EmbedAndKey key={site.siteId} api={api} site={site} onChanged={replace} />
              )}
              {section === 'integrations' && (
                <Integrations key={site.siteId} api={integrationApi} site={site} />
              )}
              {section === 'webhooks' && (
                <WebhooksAdmin key={site.siteId} api={webhookApi} site={site} />
              )}
              {section === 'visitors' && (
                <VisitorData key={site.siteId} api={visitorData} site={site} />
              )}
            </Tabs>
          </>
        ) : (
          <NewSiteForm
            api={api}
            onCreated={added}
            onOpen={(siteId) => {
              setSelectedId(siteId);
              setSection('team');
            }}
            onCancel={() => setSelectedId(list[0]?.siteId ?? currentSiteId)}
          />
        )}
      </main>
    </div>
  );
}
