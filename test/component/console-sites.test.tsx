// @vitest-environment happy-dom
/**
 * Someone on several sites: the switcher names each site with the chats waiting there, a badge
 * says when chats wait on other sites than the one shown (and switches to it), the tab title
 * counts them, and a new one is said to screen readers naming its site, without moving focus.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignedInAgent } from '../../shared/protocol';
import type { SiteWaiting } from '../../shared/waiting';
import type { AccountApi } from '../../widget/console/accountApi';
import { App } from '../../widget/console/components/App';
import { LanguageProvider } from '../../widget/console/i18n';
import { fr } from '../../widget/console/i18n/fr';
import { conversation, FakeLive, noScores, ok, signedInApi } from '../support/console';

afterEach(cleanup);

/** Mia, an agent on three sites; her console shows the shop. */
const mia: SignedInAgent = {
  id: 'mia',
  name: 'Mia Lund',
  email: 'mia@example.test',
  siteId: 'shop',
  siteName: 'Kestrel Shop',
  role: 'agent',
  sites: [
    { siteId: 'shop', siteName: 'Kestrel Shop', role: 'agent' },
    { siteId: 'books', siteName: 'Heron Books', role: 'supervisor' },
    { siteId: 'toys', siteName: 'Wren Toys', role: 'agent' },
  ],
};

const count = (siteId: string, waiting: number, seq: number): SiteWaiting => ({
  siteId,
  waiting,
  seq,
});

/** One chat waits on the shop; two on the books, none on the toys. */
function liveOf(agent: SignedInAgent = mia) {
  return new FakeLive({
    'inbox:list': () => ok({ agent, conversations: [conversation()], next: null }),
    'scores:get': () => ok(noScores()),
    'sites:waiting': () => ok({ sites: [count('books', 2, 10), count('toys', 0, 4)] }),
  });
}

const account = (): AccountApi => ({
  lookupInvite: vi.fn(),
  acceptInvite: vi.fn(),
  switchSite: vi.fn(async (siteId: string) => {
    const site = mia.sites.find((s) => s.siteId === siteId)!;
    return ok({ ...mia, siteId, siteName: site.siteName, role: site.role });
  }),
});

async function start(live: FakeLive, accountApi: AccountApi = account()) {
  const connect = vi.fn(() => live);
  render(<App api={signedInApi(mia)} connect={connect} account={accountApi} />);
  await waitFor(() => expect(live.subscribed).toBe(true));
  live.state('connected');
  await waitFor(() => expect(live.sent('sites:waiting')).toEqual([{}]));
  return { connect };
}

const switcher = () => screen.getByRole('combobox', { name: 'Site' }) as HTMLSelectElement;
const options = () =>
  within(switcher())
    .getAllByRole('option')
    .map((option) => option.textContent);
/** The top bar's polite live region (Header.tsx). */
const region = () => document.querySelector('.topbar p[role="status"]') as HTMLElement;
const announced = () => region().textContent?.trim();

describe('the site switcher with chats waiting on each site', () => {
  it('names each site with the chats waiting there, the one shown from its inbox', async () => {
    await start(liveOf());
    await waitFor(() =>
      expect(options()).toEqual([
        'Kestrel Shop (1 waiting)',
        'Heron Books (2 waiting)',
        'Wren Toys',
      ]),
    );
    expect(switcher().value).toBe('shop');
    // The tab title counts every site's.
    await waitFor(() => expect(document.title).toBe('(3) Peakend console'));
  });

  it('shows a badge for the chats waiting elsewhere, which switches to that site', async () => {
    const accountApi = account();
    const live = liveOf();
    const { connect } = await start(live, accountApi);
    const badge = await screen.findByRole('button', { name: '2 waiting on Heron Books' });
    expect(badge.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(badge.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Switch to Heron Books',
    );

    // Chats on a second site: the badge sums them, and goes where most wait.
    live.push('site:waiting', count('toys', 3, 5));
    const both = await screen.findByRole('button', { name: '5 waiting on other sites' });
    expect(document.getElementById(both.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Switch to Wren Toys',
    );
    fireEvent.click(both);
    await waitFor(() => expect(accountApi.switchSite).toHaveBeenCalledWith('toys'));
    await waitFor(() => expect(connect).toHaveBeenCalledTimes(2));
  });

  it('shows no badge while nothing waits on other sites', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: mia, conversations: [conversation()], next: null }),
      'scores:get': () => ok(noScores()),
      'sites:waiting': () => ok({ sites: [count('books', 0, 1), count('toys', 0, 1)] }),
    });
    await start(live);
    await waitFor(() => expect(document.title).toBe('(1) Peakend console'));
    expect(screen.queryByRole('button', { name: /waiting on/ })).toBeNull();
    expect(options()).toEqual(['Kestrel Shop (1 waiting)', 'Heron Books', 'Wren Toys']);
  });

  it('says a new chat on another site, naming it, politely and without moving focus', async () => {
    const live = liveOf();
    await start(live);
    await screen.findByRole('button', { name: '2 waiting on Heron Books' });
    // What the console shows when it opens is not news.
    expect(announced()).toBe('');
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    reply.focus();

    live.push('site:waiting', count('books', 3, 11));
    await waitFor(() => expect(announced()).toBe('New chat on Heron Books'));
    expect(document.activeElement).toBe(reply);
    // Said in the polite status region, never as an alert that interrupts.
    expect(document.querySelector('.topbar [role="alert"]')).toBeNull();
    await waitFor(() => expect(document.title).toBe('(4) Peakend console'));
    expect(options()).toContain('Heron Books (3 waiting)');

    // Two more at once, on another site; a count going down is no news.
    live.push('site:waiting', count('toys', 2, 6));
    await waitFor(() => expect(announced()).toBe('2 new chats on Wren Toys'));
    live.push('site:waiting', count('books', 1, 12));
    await waitFor(() => expect(document.title).toBe('(4) Peakend console'));
    expect(announced()).toBe('2 new chats on Wren Toys');
    expect(document.activeElement).toBe(reply);
  });

  it('drops a count older than the one shown, a malformed one, and one of a site not hers', async () => {
    const live = liveOf();
    await start(live);
    await screen.findByRole('button', { name: '2 waiting on Heron Books' });
    // An older count crossing a newer one (an answer and a push).
    live.push('site:waiting', count('books', 7, 9));
    live.push('site:waiting', { siteId: 'books', waiting: -1, seq: 20 });
    live.push('site:waiting', { siteId: 'books', waiting: 5, seq: 20, name: 'x' } as never);
    live.push('site:waiting', count('elsewhere', 9, 99));
    await waitFor(() => expect(document.title).toBe('(3) Peakend console'));
    expect(options()).toEqual(['Kestrel Shop (1 waiting)', 'Heron Books (2 waiting)', 'Wren Toys']);
    expect(screen.getByRole('button', { name: '2 waiting on Heron Books' })).toBeTruthy();
    expect(announced()).toBe('');
  });

  it('speaks the console’s language', async () => {
    const live = liveOf();
    render(
      <LanguageProvider initial={{ lang: 'fr', locale: 'fr-FR' }} dictionary={fr}>
        <App api={signedInApi(mia)} connect={() => live} account={account()} />
      </LanguageProvider>,
    );
    await waitFor(() => expect(live.subscribed).toBe(true));
    live.state('connected');
    const site = (await screen.findByRole('combobox', { name: 'Site' })) as HTMLSelectElement;
    await waitFor(() =>
      expect(
        within(site)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toContain('Heron Books (2 en attente)'),
    );
    expect(
      await screen.findByRole('button', { name: '2 chats en attente sur Heron Books' }),
    ).toBeTruthy();
    live.push('site:waiting', count('books', 3, 11));
    await waitFor(() => expect(announced()).toBe('Nouveau chat sur Heron Books'));
  });
});
