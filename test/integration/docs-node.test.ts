/**
 * The server-side JavaScript examples of the user docs, run with node as a user would save and
 * run them, against a real server: the signing module's signature and userHash are accepted by
 * Peakend (and a signature for another conversation is not), and the webhook receiver verifies
 * a real delivery from Peakend and refuses a forged one.
 *
 * Every ```js or ```ts block of the docs has a check here, or is marked
 * `<!-- example: not run (why) -->` in the markdown; those are listed with their reason, and
 * still parsed by node, so they cannot rot into invalid code.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocBlocks, ROOT, where, type DocBlock } from '../support/doc-examples';
import {
  call,
  connectVisitor,
  freePort,
  next,
  startServer,
  tempDir,
  TEST_ADMIN_TOKEN,
  type TestServer,
  type VisitorClient,
} from '../support/server';

const run = promisify(execFile);

const isNodeExample = (block: DocBlock): boolean =>
  ['js', 'javascript', 'ts', 'typescript'].includes(block.lang);

const examples = [...allDocBlocks().values()].flat().filter(isNodeExample);

/** How each example that runs is recognised: its file and a line of its own. */
const CHECKED = {
  signing: { file: 'docs/embedding.md', holds: 'export const conversationSignature' },
  receiver: { file: 'docs/webhooks.md', holds: "import { Webhook } from 'standardwebhooks'" },
} as const;

function example(name: keyof typeof CHECKED): DocBlock {
  const { file, holds } = CHECKED[name];
  const found = examples.filter((b) => b.file === file && b.code.includes(holds) && !b.notRun);
  if (found.length !== 1) {
    throw new Error(`${file}: expected one example holding "${holds}", found ${found.length}`);
  }
  return found[0]!;
}

const checkedBy = (block: DocBlock) =>
  Object.values(CHECKED).filter(
    ({ file, holds }) => block.file === file && block.code.includes(holds),
  );

describe('the JavaScript examples of the docs, run with node', () => {
  const dir = tempDir();
  let server: TestServer;
  /** Where examples are saved to run: beside a node_modules, as in a user's project. */
  let work: string;
  const children: ChildProcess[] = [];
  const visitors: VisitorClient[] = [];

  /** Saves an example as a file of its own, `.mjs` (or `.ts`, run with tsx). */
  function save(block: DocBlock, name: string): string {
    const path = join(work, `${name}.${block.lang.startsWith('t') ? 'ts' : 'mjs'}`);
    writeFileSync(path, block.code);
    return path;
  }

  /** Node's options for a saved example: TypeScript runs through tsx. */
  const loader = (path: string) => (path.endsWith('.ts') ? ['--import', 'tsx'] : []);

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    work = mkdtempSync(join(tmpdir(), 'peakend-docs-node-'));
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    visitors.forEach((v) => v.disconnect());
    for (const child of children) child.kill('SIGTERM');
    await server?.stop();
    dir.remove();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('checks every example, or says why it does not run', async () => {
    const unchecked = examples.filter((b) => !b.notRun && checkedBy(b).length === 0);
    expect(
      unchecked.map(where),
      'JavaScript examples with no check here: add one, or mark them "not run (why)"',
    ).toEqual([]);
    const skipped = examples.filter((b) => b.notRun);
    console.info(
      `Docs JavaScript examples (node): ${examples.length - skipped.length} run, ${skipped.length} not run` +
        skipped.map((b) => `\n  ${where(b)}: ${b.notRun}`).join(''),
    );
    // What does not run still parses: JavaScript as node reads it, TypeScript as tsc does.
    for (const block of skipped) {
      const path = save(block, `unrun-${block.line}`);
      if (path.endsWith('.ts')) {
        const { diagnostics = [] } = ts.transpileModule(block.code, {
          reportDiagnostics: true,
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        });
        const problems = diagnostics.map((d) =>
          ts.flattenDiagnosticMessageText(d.messageText, ' '),
        );
        expect(problems, `${where(block)} does not parse`).toEqual([]);
        continue;
      }
      await run(process.execPath, ['--check', path]).catch((error: { stderr?: string }) => {
        throw new Error(`${where(block)} does not parse:\n${error.stderr}`);
      });
    }
  });

  it("signs conversations and users as Peakend checks them (embedding.md's signing module)", async () => {
    const block = example('signing');
    const path = save(block, 'signing');
    const site = await call<{ signingSecret: string }>(server, 'GET', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
    });
    const driver =
      'const m = await import(process.argv[1]);' +
      "console.log(JSON.stringify({ signature: m.conversationSignature('zd-1042'), userHash: m.userHash('customer-42') }));";
    const { stdout } = await run(
      process.execPath,
      [...loader(path), '--input-type=module', '-e', driver, path],
      {
        env: { PATH: process.env.PATH, PEAKEND_SIGNING_SECRET: site.body.signingSecret },
      },
    ).catch((error: { stderr?: string }) => {
      throw new Error(`${where(block)} did not run:\n${error.stderr}`);
    });
    const made = JSON.parse(stdout) as { signature: string; userHash: string };

    // The host-chat rating card's answer, signed for its conversation, is taken...
    const rate = async (conversationId: string, signature: string) => {
      const response = await fetch(`${server.url}/api/v1/sites/demo/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: server.url },
        body: JSON.stringify({
          ratings: [{ conversationId, signature, key: `docs-${conversationId}`, end: 4 }],
        }),
      });
      return ((await response.json()) as { results: { ok: boolean }[] }).results[0]!;
    };
    expect(await rate('zd-1042', made.signature), where(block)).toMatchObject({ ok: true });
    // ...and the same signature does not rate another one.
    expect(await rate('zd-1043', made.signature)).toMatchObject({ ok: false });

    // The signed-in user is let in, and the hash does not pass for another user.
    const user = connectVisitor(server.url, {
      siteId: 'demo',
      userId: 'customer-42',
      userHash: made.userHash,
    });
    visitors.push(user);
    await next(user, 'connect');
    const impostor = connectVisitor(server.url, {
      siteId: 'demo',
      userId: 'customer-43',
      userHash: made.userHash,
    });
    visitors.push(impostor);
    expect(await next<Error>(impostor, 'connect_error')).toMatchObject({
      data: { cause: 'user_hash' },
    });
  });

  it("takes Peakend's deliveries and refuses forged ones (webhooks.md's receiver)", async () => {
    const block = example('receiver');
    const path = save(block, 'receiver');
    const port = await freePort();
    const receiverUrl = `http://127.0.0.1:${port}/peakend`;
    const hook = await call<{ id: string; secret: string }>(
      server,
      'POST',
      '/api/v1/sites/demo/webhooks',
      { token: TEST_ADMIN_TOKEN, body: { url: receiverUrl, events: ['rating.saved'] } },
    );
    expect(hook.status).toBe(201);

    const child = spawn(process.execPath, [...loader(path), path], {
      cwd: work,
      env: { PATH: process.env.PATH, PORT: String(port), PEAKEND_WEBHOOK_SECRET: hook.body.secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    // Listening once it answers (an unsigned body is refused).
    const forged = async (): Promise<number> => {
      const response = await fetch(receiverUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_forged',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': 'v1,bm90IHRoZSByaWdodCBzaWduYXR1cmU=',
        },
        body: JSON.stringify({
          type: 'rating.saved',
          timestamp: new Date().toISOString(),
          data: {},
        }),
      });
      return response.status;
    };
    await expect
      .poll(() => Promise.race([forged().catch(() => 0), exited.then(() => -1)]), {
        timeout: 10_000,
      })
      .not.toBe(0);
    expect(await forged(), `${where(block)} took a forged delivery; output: ${output}`).toBe(400);

    // A real delivery from Peakend: the ping, signed with the endpoint's secret.
    const ping = await call(server, 'POST', `/api/v1/sites/demo/webhooks/${hook.body.id}/ping`, {
      token: TEST_ADMIN_TOKEN,
    });
    expect(ping.status).toBe(202);
    await expect
      .poll(
        async () => {
          const log = await call<{ deliveries: { status: string; lastStatus: number | null }[] }>(
            server,
            'GET',
            `/api/v1/sites/demo/webhooks/${hook.body.id}/deliveries`,
            { token: TEST_ADMIN_TOKEN },
          );
          return log.body.deliveries[0];
        },
        { timeout: 10_000 },
      )
      .toMatchObject({ status: 'delivered', lastStatus: 204 });
    expect(output).toContain('webhook.ping');
    expect(output).not.toContain('msg_forged');
  });
});
