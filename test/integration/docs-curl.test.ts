/**
 * The curl examples of the user docs, run as written against a real server: every shell block
 * that calls curl, file by file in document order, with bash (`-euo pipefail`) and the shell
 * variables the README's "Try the API" tells users to export, for the demo site (with its six
 * weeks of history, as `npm start` seeds it). curl fails on any HTTP error here (`--fail-with-body`),
 * so an example the server refuses fails the test with the server's answer. Where the docs show
 * the answer (a JSON or CSV block right after), the real answer must have its shape.
 *
 * Blocks marked `<!-- example: not run (why) -->` are listed with their reason; none of them may
 * call Peakend's own API. Variables one answer gives the next examples (a follow-up item's id)
 * are read from the answer as the markdown says (`<!-- example: NAME is the answer's PATH -->`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, verifiedVisitorId } from '../../server/auth/tokens';
import { DEMO_SITE_ID, demoCredentials, seedDemo } from '../../server/demo/seed';
import type { Fact } from '../../shared/facts';
import { MINUTE } from '../../shared/time';
import {
  allDocBlocks,
  fieldAt,
  isCurlExample,
  shapeMismatches,
  shownAnswer,
  where,
  type DocBlock,
} from '../support/doc-examples';
import { startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';

const run = promisify(execFile);

/** Whether curl is on this machine: the test is skipped without it, but fails under CI. */
const curlFound = await run('bash', ['-c', 'command -v curl']).then(
  () => true,
  () => false,
);

/** The signed-in user the visitor-data examples look up (docs/operations.md, docs/api.md). */
const EXAMPLE_USER = 'user-81';

const docs = allDocBlocks();
const curlFiles = [...docs].filter(([, blocks]) => blocks.some(isCurlExample));

/**
 * What runs in front of each block: curl as a script should call it, failing on an HTTP error
 * with the server's answer shown, and each answer kept (in `answers`) to compare with the docs.
 */
const prelude = (answers: string) => `
__answers=0
curl() {
  __answers=$((__answers + 1))
  local answer="${answers}/$__answers"
  if ! command curl --fail-with-body --silent --show-error "$@" >"$answer"; then
    cat "$answer" >&2
    return 22
  fi
  cat "$answer"
}
`;

/** The variables the README's "Try the API" tells users to export before the examples. */
function exportedNames(): string[] {
  const readme = docs.get('README.md')!;
  const block = readme.find((b) => b.heading === 'Try the API' && /^export /m.test(b.code));
  if (!block) throw new Error('README.md: no "export" block under "Try the API"');
  return [...block.code.matchAll(/\b([A-Z_]+)=/g)].map((m) => m[1]!).sort();
}

function describeWithCurl(name: string, body: () => void): void {
  if (curlFound || process.env.CI) {
    describe(name, body);
    return;
  }
  console.warn(
    '\n  ⚠ Docs curl examples skipped: no curl on this machine (apt-get install curl).\n',
  );
  describe.skip(name, body);
}

describeWithCurl('the curl examples of the docs', () => {
  const dir = tempDir();
  let server: TestServer;
  let siteKey: string;

  beforeAll(async () => {
    if (!curlFound) throw new Error('curl is required for the docs examples: none on PATH');
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    const { store } = server.application;
    // As `npm start` shows it: the demo with its history, so lists have something to show.
    await seedDemo(store, { now: () => Date.now() }, server.url, { history: true });
    siteKey = (await demoCredentials(store)).siteKey;
    // The signed-in user whose data the visitor-data examples look up, with a conversation.
    const site = (await store.getSite(DEMO_SITE_ID))!;
    const at = Date.now() - 30 * MINUTE;
    const conversationId = 'docs-user-81';
    await server.application.pipeline.record(site, [
      {
        id: `${conversationId}-1`,
        conversationId,
        at,
        type: 'conversation.opened',
        visitorId: verifiedVisitorId(site.id, EXAMPLE_USER),
      },
      { id: `${conversationId}-2`, conversationId, at, type: 'message', from: 'visitor' },
    ] as Fact[]);
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('reads exactly the variables the README tells users to export', () => {
    expect(exportedNames()).toEqual(['PEAKEND_ADMIN_TOKEN', 'PEAKEND_URL', 'SITE_ID', 'SITE_KEY']);
  });

  it('runs every example that calls Peakend, and says which it does not run and why', () => {
    const skipped = [...docs.values()].flat().filter((b) => isCurlExample(b) && b.notRun);
    for (const block of skipped) {
      expect(block.code, `${where(block)} calls Peakend's API: it must run`).not.toMatch(
        /PEAKEND_URL|\/api\/v1\//,
      );
    }
    const count = [...docs.values()].flat().filter(isCurlExample).length;
    console.info(
      `Docs curl examples: ${count - skipped.length} run, ${skipped.length} not run` +
        skipped.map((b) => `\n  ${where(b)}: ${b.notRun}`).join(''),
    );
    expect(count - skipped.length).toBeGreaterThan(20);
  });

  it.each(curlFiles.map(([file, blocks]) => ({ file, blocks })))(
    'work as written in $file',
    async ({ blocks }) => {
      // Each file starts from the demo's own key (an example may rotate it).
      const site = (await server.application.store.getSite(DEMO_SITE_ID))!;
      await server.application.pipeline.updateSite({ ...site, keyHash: sha256(siteKey) });
      const variables: Record<string, string> = {
        PEAKEND_URL: server.url,
        PEAKEND_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        SITE_ID: DEMO_SITE_ID,
        SITE_KEY: siteKey,
      };
      const work = mkdtempSync(join(tmpdir(), 'peakend-docs-curl-'));
      try {
        for (const [index, block] of blocks.entries()) {
          if (!isCurlExample(block) || block.notRun) continue;
          const answer = await runBlock(block, work, variables);
          checkShownAnswer(block, shownAnswer(blocks, index), answer);
          for (const { name, path } of block.captures) {
            const value = fieldAt(JSON.parse(answer.text), path);
            expect(typeof value, `${where(block)}: the answer's ${path}`).toBe('string');
            variables[name] = value as string;
          }
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});

interface BlockAnswer {
  /** The last answer the block printed, or the file its last curl saved (`-o`, `-OJ`). */
  text: string;
  /** The name of that file, when the answer was saved to one. */
  savedAs: string | null;
}

/** Runs one block with bash in `work`, with only the docs' variables set; its last answer. */
async function runBlock(
  block: DocBlock,
  work: string,
  variables: Record<string, string>,
): Promise<BlockAnswer> {
  const answers = mkdtempSync(join(tmpdir(), 'peakend-docs-answers-'));
  const script = join(answers, 'example.sh');
  writeFileSync(script, prelude(answers) + block.code);
  const before = new Set(readdirSync(work));
  try {
    await run('bash', ['-euo', 'pipefail', script], {
      cwd: work,
      env: { PATH: process.env.PATH, HOME: work, LANG: 'C.UTF-8', ...variables },
      timeout: 20_000,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `${where(block)} failed:\n${block.code}\nstderr: ${stderr}\nstdout: ${stdout?.slice(0, 2000)}`,
    );
  }
  try {
    const numbered = readdirSync(answers)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(a) - Number(b));
    const last = numbered.at(-1);
    const text = last ? readFileSync(join(answers, last), 'utf8') : '';
    if (text !== '') return { text, savedAs: null };
    const saved = readdirSync(work).filter((name) => !before.has(name));
    const file = saved.at(-1);
    return file
      ? { text: readFileSync(join(work, file), 'utf8'), savedAs: file }
      : { text, savedAs: null };
  } finally {
    rmSync(answers, { recursive: true, force: true });
  }
}

/** The real answer has the shape of the one the docs show (JSON), or its header row (CSV). */
function checkShownAnswer(block: DocBlock, shown: DocBlock | undefined, answer: BlockAnswer): void {
  if (!shown) return;
  const at = `${where(block)} against the answer shown at ${where(shown)}`;
  if (shown.lang === 'csv') {
    const header = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(header(answer.text), at).toBe(header(shown.code));
    return;
  }
  let real: unknown;
  try {
    real = JSON.parse(answer.text);
  } catch {
    throw new Error(`${at}: the answer is not JSON:\n${answer.text.slice(0, 500)}`);
  }
  expect(shapeMismatches(JSON.parse(shown.code), real), at).toEqual([]);
}
