/**
 * How the docs-example tests read the markdown and judge an answer against the one the docs
 * show: a misread block or a lenient comparison would let a broken example pass.
 */
import { describe, expect, it } from 'vitest';
import {
  fieldAt,
  isCurlExample,
  parseDocBlocks,
  shapeMismatches,
  shownAnswer,
} from '../support/doc-examples';

const MARKDOWN = `# API

<!-- example: ITEM_ID is the answer's items.0.id -->

\`\`\`sh
curl "$PEAKEND_URL/api/v1/items" -H "Authorization: Bearer $SITE_KEY"
\`\`\`

\`200\`:

\`\`\`json
{ "items": [{ "id": "a1", "n": 2 }] }
\`\`\`

- In a list:

  \`\`\`json
  { "indented": true }
  \`\`\`

## Deploying

<!-- example: not run (needs a Docker daemon) -->

\`\`\`sh
docker run peakend && curl http://localhost:3000/healthz
\`\`\`

### Health

\`\`\`json
{ "after": "a heading" }
\`\`\`
`;

describe('reading the docs’ examples', () => {
  const blocks = parseDocBlocks('test.md', MARKDOWN);

  it('finds every block with its language, line, heading and marker', () => {
    expect(blocks.map((b) => [b.lang, b.line, b.heading])).toEqual([
      ['sh', 5, 'API'],
      ['json', 11, 'API'],
      ['json', 17, 'API'],
      ['sh', 25, 'Deploying'],
      ['json', 31, 'Health'],
    ]);
    expect(blocks[0]!.captures).toEqual([{ name: 'ITEM_ID', path: 'items.0.id' }]);
    expect(blocks[2]!.code).toBe('{ "indented": true }\n');
    expect(blocks[3]!.notRun).toBe('needs a Docker daemon');
    expect(blocks.map(isCurlExample)).toEqual([true, false, false, true, false]);
  });

  it('pairs an example with the answer shown right after it, never across a heading', () => {
    expect(shownAnswer(blocks, 0)?.line).toBe(11);
    expect(shownAnswer(blocks, 3)).toBeUndefined();
  });

  it('refuses an example comment it does not understand, or one with no block after it', () => {
    expect(() => parseDocBlocks('x.md', '<!-- example: skip -->\n```sh\nls\n```\n')).toThrow(
      /x\.md:2: .*neither/,
    );
    expect(() => parseDocBlocks('x.md', 'text\n<!-- example: not run (why) -->\n')).toThrow(
      /x\.md:2: an example comment with no block/,
    );
  });

  it('reads a field of an answer by its path', () => {
    expect(fieldAt({ items: [{ id: 'a1' }] }, 'items.0.id')).toBe('a1');
    expect(fieldAt({ items: [] }, 'items.0.id')).toBeUndefined();
  });
});

describe('an answer against the one the docs show', () => {
  const shown = {
    id: 'wh_1',
    enabled: true,
    disabledReason: null,
    agent: { id: 'anna', name: 'Anna' },
    items: [{ end: 2, peak: null }],
    scores: { '…': '…' },
  };

  it('passes an answer of the same shape, whatever its values, nulls and extra keys', () => {
    const real = {
      id: 'wh_9',
      enabled: false,
      disabledReason: 'Disabled on …',
      agent: null,
      items: [
        { end: 5, peak: { dimension: 'empathy' } },
        { end: 1, peak: null, extra: 1 },
      ],
      scores: { responsiveness: 80 },
      more: 'fields',
    };
    expect(shapeMismatches(shown, real)).toEqual([]);
  });

  it('names every key it lacks, every value of another kind, and a list with nothing in it', () => {
    const real = { id: 7, agent: { id: 'anna' }, items: [], scores: {}, enabled: true };
    expect(shapeMismatches(shown, real)).toEqual([
      '(answer).id: the docs show string, the answer is number',
      '(answer).disabledReason: shown in the docs, missing from the answer',
      '(answer).agent.name: shown in the docs, missing from the answer',
      '(answer).items: the docs show items, the answer has none',
    ]);
    expect(shapeMismatches({ list: [{ a: 1 }] }, { list: [{ a: 1 }, { b: 2 }] })).toEqual([
      '(answer).list.1.a: shown in the docs, missing from the answer',
    ]);
  });
});
