/**
 * The code examples of the user docs (README.md, docs/*.md, docs/integrations/*.md), read from
 * their markdown so tests can run them as a user would copy them.
 *
 * An HTML comment just before a block says what the tests should know about it:
 *
 * - `<!-- example: not run (why) -->`: the block cannot run in a test (it needs a Chatwoot
 *   server, say); the tests list it with its reason.
 * - `<!-- example: NAME is the answer's PATH -->`: after the block, the variable NAME holds that
 *   field of its JSON answer (`items.0.id`), for the blocks after it in the same file, as a user
 *   would copy it from the answer. Several are separated by `;`.
 *
 * Any other `example:` comment is a mistake, and throws.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The user docs, in the order the tests run them: the README, then docs/ by name. */
export const DOC_FILES: readonly string[] = [
  'README.md',
  ...['docs', 'docs/integrations'].flatMap((dir) =>
    readdirSync(`${ROOT}${dir}`)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `${dir}/${name}`),
  ),
];

export interface DocBlock {
  /** The file, from the repository's root. */
  file: string;
  /** The line of the opening fence (1-based). */
  line: number;
  /** The fence's language (`sh`, `json`, …), '' for none. */
  lang: string;
  /** The block's text, without the fences and the fence's indentation. */
  code: string;
  /** The nearest heading above the block. */
  heading: string;
  /** A heading lies between the block before this one and this one. */
  afterHeading: boolean;
  /** Why the block is not run (`not run (…)`), or null. */
  notRun: string | null;
  /** Variables the block's answer gives to the blocks after it. */
  captures: { name: string; path: string }[];
}

const FENCE = /^(\s*)(`{3,})([\w-]*)\s*$/;
const MARKER = /^\s*<!--\s*example:\s*(.*?)\s*-->\s*$/;
const NOT_RUN = /^not run \((.+)\)$/;
const CAPTURE = /^([A-Z][A-Z0-9_]*) is the answer's ([\w.]+)$/;

/** Where a block stands in the docs, for messages: `docs/api.md:142`. */
export const where = (block: DocBlock): string => `${block.file}:${block.line}`;

function parseMarker(text: string, at: string): Pick<DocBlock, 'notRun' | 'captures'> {
  const notRun = NOT_RUN.exec(text);
  if (notRun) return { notRun: notRun[1]!, captures: [] };
  const captures = text.split(';').map((part) => {
    const capture = CAPTURE.exec(part.trim());
    if (!capture) {
      throw new Error(
        `${at}: "<!-- example: ${text} -->" is neither "not run (why)" nor "NAME is the answer's PATH"`,
      );
    }
    return { name: capture[1]!, path: capture[2]! };
  });
  return { notRun: null, captures };
}

/** Every fenced code block of one doc file, in order. */
export function readDocBlocks(file: string): DocBlock[] {
  return parseDocBlocks(file, readFileSync(`${ROOT}${file}`, 'utf8'));
}

/** Every fenced code block of a markdown text (`file` names it in messages), in order. */
export function parseDocBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let heading = '';
  let afterHeading = false;
  let marker: { text: string; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const fence = FENCE.exec(text);
    if (!fence) {
      const comment = MARKER.exec(text);
      if (comment) marker = { text: comment[1]!, line: i + 1 };
      else if (text.trim() !== '') marker = null;
      if (/^#{1,6} /.test(text)) {
        heading = text.replace(/^#+ /, '');
        afterHeading = true;
      }
      continue;
    }
    const [, indent, ticks, lang] = fence;
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== ticks) end++;
    if (end === lines.length) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    for (const inner of lines.slice(i + 1, end)) {
      body.push(inner.startsWith(indent!) ? inner.slice(indent!.length) : inner.trimStart());
    }
    const at = `${file}:${i + 1}`;
    blocks.push({
      file,
      line: i + 1,
      lang: lang!,
      code: body.join('\n') + '\n',
      heading,
      afterHeading,
      ...(marker ? parseMarker(marker.text, at) : { notRun: null, captures: [] }),
    });
    marker = null;
    afterHeading = false;
    i = end;
  }
  if (marker) throw new Error(`${file}:${marker.line}: an example comment with no block after it`);
  return blocks;
}

/** The blocks of every doc file, file by file. */
export function allDocBlocks(): Map<string, DocBlock[]> {
  return new Map(DOC_FILES.map((file) => [file, readDocBlocks(file)]));
}

/** Shell blocks that call curl: the HTTP examples. */
export const isCurlExample = (block: DocBlock): boolean =>
  ['sh', 'bash', 'shell'].includes(block.lang) && /(^|[\s(|;&])curl\s/m.test(block.code);

/**
 * The answer the docs show for the block at `index`: the next block, when it is JSON or CSV and
 * no heading comes between them (a heading starts another subject).
 */
export function shownAnswer(blocks: readonly DocBlock[], index: number): DocBlock | undefined {
  const next = blocks[index + 1];
  if (!next || next.afterHeading || !['json', 'csv'].includes(next.lang)) return undefined;
  return next;
}

/** A field of a JSON value by its dotted path (`items.0.id`). */
export function fieldAt(value: unknown, path: string): unknown {
  let here = value;
  for (const step of path.split('.')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Where a real answer does not have the shape the docs show: a key the docs show that the answer
 * lacks, or a value of another kind (a string where the docs show a number). What the docs
 * elide (`"…": "…"`, or a value of `null`, which says "or null") is not checked. Arrays are
 * compared element by element with the docs' first element, and where the docs show items the
 * answer must have some: an example that finds nothing shows nothing of what it documents.
 */
export function shapeMismatches(shown: unknown, actual: unknown, path = '(answer)'): string[] {
  if (shown === null || actual === null) return [];
  if (kind(shown) !== kind(actual)) {
    return [`${path}: the docs show ${kind(shown)}, the answer is ${kind(actual)}`];
  }
  if (Array.isArray(shown)) {
    const model = shown[0];
    if (model === undefined) return [];
    const items = actual as unknown[];
    if (items.length === 0) return [`${path}: the docs show items, the answer has none`];
    return items.flatMap((item, i) => shapeMismatches(model, item, `${path}.${i}`));
  }
  if (kind(shown) !== 'object') return [];
  const real = actual as Record<string, unknown>;
  return Object.entries(shown as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === '…') return [];
    if (!(key in real)) return [`${path}.${key}: shown in the docs, missing from the answer`];
    return shapeMismatches(value, real[key], `${path}.${key}`);
  });
}
