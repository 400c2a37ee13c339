// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  httpAccountApi,
  verifyTokenOf,
  type AccountSettingsApi,
} from '../../widget/console/accountApi';
import { httpSessionApi, type SessionApi } from '../../widget/console/api';
import { AccountMenu } from '../../widget/console/components/AccountMenu';
import { SignIn } from '../../widget/console/components/SignIn';
import { Verify } from '../../widget/console/components/Verify';
import { anna } from '../support/console';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function fill(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(cleanup);

describe('console sign-in form', () => {
  it('posts the credentials to the session API and reports the agent', async () => {
    const fetchFn = vi.fn(async () => json(200, { agent: anna }));
    const onSignedIn = vi.fn();
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={onSignedIn} />);

    fill('  anna@demo.test ', 'correct horse');

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(anna));
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/session');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({
      email: 'anna@demo.test',
      password: 'correct horse',
    });
  });

  it("shows the server's message when it answers 401", async () => {
    const fetchFn = vi.fn(async () =>
      json(401, { error: { code: 'unauthorized', message: 'Wrong email or password.' } }),
    );
    const onSignedIn = vi.fn();
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={onSignedIn} />);

    fill('anna@demo.test', 'nope');

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Wrong email or password.',
    );
    expect(onSignedIn).not.toHaveBeenCalled();
    // The form stays usable for another try.
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('says "Enter a valid email address" under a malformed email, without asking the server', async () => {
    const fetchFn = vi.fn(async () => json(200, { agent: anna }));
    const onSignedIn = vi.fn();
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={onSignedIn} />);

    fill('anna@demo', 'correct horse');

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(email.getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe('Enter a valid email address.');
    expect(document.activeElement).toBe(email);
    expect(screen.queryByText(/request body is invalid/)).toBeNull();
    expect(fetchFn).not.toHaveBeenCalled();

    // Fixed, it signs in, and the message goes.
    fill('anna@demo.test', 'correct horse');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(anna));
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Enter a valid email address.')).toBeNull();
  });

  it('asks for the password when it is empty', async () => {
    const fetchFn = vi.fn(async () => json(200, { agent: anna }));
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={vi.fn()} />);
    fill('anna@demo.test', '');
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter your password.',
    );
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached', async () => {
    const fetchFn = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={vi.fn()} />);

    fill('anna@demo.test', 'secret');

    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be reached/);
  });

  it('works with any SessionApi (injected)', async () => {
    const api: SessionApi = {
      current: vi.fn(async () => null),
      signIn: vi.fn(async () => ({ ok: false as const, message: 'Too many attempts.' })),
      signOut: vi.fn(async () => undefined),
    };
    render(<SignIn api={api} onSignedIn={vi.fn()} />);
    fill('anna@demo.test', 'x');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts.');
    expect(api.signIn).toHaveBeenCalledWith('anna@demo.test', 'x');
  });
});

describe('console session API', () => {
  it('reads the current agent, or null on 401', async () => {
    const signedIn = httpSessionApi(vi.fn(async () => json(200, { agent: anna })));
    await expect(signedIn.current()).resolves.toEqual(anna);
    const signedOut = httpSessionApi(
      vi.fn(async () => json(401, { error: { code: 'unauthorized', message: 'Not signed in.' } })),
    );
    await expect(signedOut.current()).resolves.toBeNull();
  });

  it('signs out with DELETE', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 204 }));
    await httpSessionApi(fetchFn).signOut();
    const [, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('DELETE');
  });
});

describe('signing in when one email has an account on several sites', () => {
  it('asks which site only when the server does, then signs in there', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        json(200, {
          chooseSite: [
            { siteId: 'north', siteName: 'Northwind' },
            { siteId: 'south', siteName: 'Southwind' },
          ],
        }),
      )
      .mockResolvedValueOnce(json(200, { agent: { ...anna, siteId: 'south' } }));
    const onSignedIn = vi.fn();
    render(<SignIn api={httpSessionApi(fetchFn)} onSignedIn={onSignedIn} />);
    fill('anna@demo.test', 'correct horse');

    const choice = await screen.findByRole('group', { name: 'Which site?' });
    expect(onSignedIn).not.toHaveBeenCalled();
    fireEvent.click(within(choice).getByRole('radio', { name: 'Southwind' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ ...anna, siteId: 'south' }));
    const bodies = fetchFn.mock.calls.map(([, init]) => JSON.parse(String(init?.body)));
    expect(bodies).toEqual([
      { email: 'anna@demo.test', password: 'correct horse' },
      { email: 'anna@demo.test', password: 'correct horse', siteId: 'south' },
    ]);
  });
});

describe('invite links over HTTP', () => {
  it('sends the link’s secret in the body, never in the path', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => json(200, { agent: anna }));
    const api = httpAccountApi(fetchFn);
    await api.lookupInvite('secret-token-0123456789');
    await api.acceptInvite('secret-token-0123456789', { name: 'Anna', password: 'long password' });
    await api.acceptInvite('secret-token-0123456789', {});
    const calls = fetchFn.mock.calls.map(([url, init]) => [url, JSON.parse(String(init?.body))]);
    expect(calls).toEqual([
      ['/api/v1/invites/lookup', { token: 'secret-token-0123456789' }],
      [
        '/api/v1/invites/accept',
        { token: 'secret-token-0123456789', name: 'Anna', password: 'long password' },
      ],
      ['/api/v1/invites/accept', { token: 'secret-token-0123456789' }],
    ]);
    for (const [url] of calls) expect(String(url)).not.toContain('secret-token');
  });

  it('reads the secret of a link that confirms an email from its page only', () => {
    expect(verifyTokenOf({ pathname: '/console/verify', hash: '#abc_DEF-123' })).toBe(
      'abc_DEF-123',
    );
    expect(verifyTokenOf({ pathname: '/console/join', hash: '#abc' })).toBeNull();
  });
});

function settingsApi(overrides: Partial<AccountSettingsApi> = {}): AccountSettingsApi {
  return {
    changePassword: vi.fn(async () => ({ ok: true as const, data: null })),
    signOutEverywhere: vi.fn(async () => ({ ok: true as const, data: null })),
    emailUnconfirmed: vi.fn(async () => false),
    sendVerification: vi.fn(async () => ({ ok: true as const, data: null })),
    verify: vi.fn(async () => ({ ok: true as const, data: anna })),
    ...overrides,
  };
}

describe('the account menu', () => {
  it('changes the password with the current one, and says what the server refused', async () => {
    const api = settingsApi({
      changePassword: vi
        .fn<AccountSettingsApi['changePassword']>()
        .mockResolvedValueOnce({
          ok: false,
          error: { code: 'forbidden', message: 'That is not your current password.' },
        })
        .mockResolvedValueOnce({ ok: true, data: null }),
    });
    render(<AccountMenu agent={anna} api={api} onSignedOut={vi.fn()} />);
    const toggle = screen.getByRole('button', { name: 'Account' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const panel = screen.getByRole('region', { name: 'Account' });
    const change = (current: string) => {
      fireEvent.input(within(panel).getByLabelText('Current password'), {
        target: { value: current },
      });
      fireEvent.input(within(panel).getByLabelText('New password'), {
        target: { value: 'a brand new password' },
      });
      fireEvent.click(within(panel).getByRole('button', { name: 'Change password' }));
    };
    change('not it');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That is not your current password.',
    );
    change('the old password');
    expect((await screen.findByRole('status')).textContent).toMatch(
      /password is changed\. Every other browser is signed out/,
    );
    expect(api.changePassword).toHaveBeenLastCalledWith({
      currentPassword: 'the old password',
      newPassword: 'a brand new password',
    });
  });

  it('signs out everywhere', async () => {
    const api = settingsApi();
    const onSignedOut = vi.fn();
    render(<AccountMenu agent={anna} api={api} onSignedOut={onSignedOut} />);
    fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(api.signOutEverywhere).toHaveBeenCalledTimes(1);
  });

  it('offers a new link while the email is not confirmed', async () => {
    const confirmed = settingsApi();
    const { unmount } = render(<AccountMenu agent={anna} api={confirmed} onSignedOut={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    await waitFor(() => expect(confirmed.emailUnconfirmed).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Send the link again' })).toBeNull();
    unmount();

    // Asked when the menu opens: the live connection's view of the person does not say.
    const api = settingsApi({ emailUnconfirmed: vi.fn(async () => true) });
    render(<AccountMenu agent={anna} api={api} onSignedOut={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send the link again' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/on its way to anna@demo/);
  });
});

describe('the page of a link that confirms an email', () => {
  it('asks to sign in first, then confirms for that account', async () => {
    const verify = vi
      .fn<AccountSettingsApi['verify']>()
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'unauthorized', message: 'Sign in to the console first.' },
      })
      .mockResolvedValueOnce({ ok: true, data: anna });
    const session: SessionApi = {
      current: vi.fn(async () => null),
      signIn: vi.fn(async () => ({ ok: true as const, agent: anna })),
      signOut: vi.fn(async () => undefined),
    };
    const onDone = vi.fn();
    render(
      <Verify
        api={settingsApi({ verify })}
        session={session}
        token="link-secret-0123456789"
        onDone={onDone}
        onSignIn={vi.fn()}
      />,
    );
    await screen.findByRole('heading', { name: 'Sign in to confirm' });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'anna@demo.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and confirm' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/anna@demo\.test is confirmed/);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify).toHaveBeenLastCalledWith('link-secret-0123456789');
    fireEvent.click(screen.getByRole('button', { name: 'Continue to the console' }));
    expect(onDone).toHaveBeenCalledWith(anna);
  });
});
