// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignedInAgent } from '../../shared/protocol';
import { httpSessionApi, type SessionApi } from '../../widget/console/api';
import { SignIn } from '../../widget/console/components/SignIn';

const anna: SignedInAgent = {
  id: 'agent-anna',
  name: 'Anna Berg',
  email: 'anna@demo.test',
  siteId: 'demo',
  siteName: 'Demo shop',
  role: 'agent',
  sites: [{ siteId: 'demo', siteName: 'Demo shop', role: 'agent' }],
};

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
