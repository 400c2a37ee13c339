/**
 * Hostile input for fuzz and XSS tests: text that breaks naive code (lone surrogates, NUL,
 * right-to-left overrides, zero-width characters, very long strings), markup and script that an
 * unescaped renderer would run, and objects whose keys pollute prototypes when merged carelessly.
 */
import fc from 'fast-check';

/**
 * Markup and script as a visitor, an agent or a webmaster could type it. Each would set
 * `window.__xss` if a page ran it.
 */
export const SCRIPT_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  "'><body onload=window.__xss=1>",
  '<a href="javascript:window.__xss=1">click</a>',
  '<style>*{display:none}</style><b>bold</b>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${window.__xss=1}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
] as const;

/**
 * Searches that are query syntax in SQLite's FTS5 or PostgreSQL's tsquery (quotes, brackets,
 * NEAR, prefixes, negation, column filters, operators), with text that is no words at all.
 */
export const HOSTILE_SEARCHES = [
  '"',
  "'",
  '""',
  '(',
  ')',
  '(a OR b) AND NOT c',
  'NEAR(a b, 2)',
  'a NEAR/2 b',
  '*',
  'a*',
  '-a',
  '^a',
  'text:a',
  'site_id:x',
  'a:*',
  'a & b | !c',
  'a <-> b',
  'a <2> b',
  'OR',
  'AND',
  'NOT',
  "'; DROP TABLE facts; --",
  '\\',
  '%_%',
  '😀🎉',
  'ünïcödé ελληνικά 中文',
  '\u0000',
  'x'.repeat(1000),
  'word '.repeat(200),
] as const;

/** Keys that change a prototype when an object is merged or assigned into another. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Text that naive code mishandles. */
export const TRICKY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  'abc\u202Eevil\u202C',
  '\u200B\u200C\u200D\u2060\uFEFF',
  'e\u0301'.repeat(500),
  '\u{1F600}'.repeat(100),
  '\r\n\t\v\f\b',
  '%00%2e%2e%2f',
  '../../etc/passwd',
  "'; DROP TABLE facts; --",
  'NaN',
  '-1',
  '1e400',
  '0x10',
  'true',
  'null',
  '[object Object]',
  '2026-09-01T08:00:00Z',
  '2026-02-30T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999+14:00',
  'x'.repeat(4001),
  'y'.repeat(20_000),
  ...POLLUTING_KEYS,
  ...SCRIPT_PAYLOADS,
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u202E', '\u200B', '\uFEFF', '<', '"') },
);

/** Any string, usually short, sometimes tricky or long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: oddUnit, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: oddUnit, minLength: 100, maxLength: 3000 }) },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, 3, 5, 6, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
);

/** An object with these entries as its own keys (`__proto__` too, as JSON.parse makes it). */
export function ownObject(
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const hostileKey = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(...POLLUTING_KEYS, 'toString', 'valueOf', 'hasOwnProperty'),
  },
  { weight: 1, arbitrary: hostileString },
);

/** Any JSON-like value: wrong types, nesting, polluting keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject),
  ),
})).value;

/**
 * An object shaped like a valid payload, so parsing goes past the first check: every field as
 * given; or all but one, which is hostile or missing; or each field valid, hostile or missing,
 * with extra keys (polluting ones among them).
 */
export function shaped(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(fields);
  const given = fc.record(fields);
  const change = fc.oneof(
    { weight: 3, arbitrary: hostileValue.map((v) => ({ v })) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const oneOff =
    keys.length === 0
      ? given
      : fc
          .tuple(given, fc.constantFrom(...keys), change)
          .map(([object, key, to]) =>
            ownObject(
              Object.entries(object).flatMap(([k, v]) =>
                k !== key ? [[k, v] as const] : to === null ? [] : [[k, to.v] as const],
              ),
            ),
          );
  const entries = Object.entries(fields).map(([key, valid]) =>
    fc
      .oneof(
        { weight: 3, arbitrary: valid.map((v) => ({ v })) },
        { weight: 1, arbitrary: hostileValue.map((v) => ({ v })) },
        { weight: 1, arbitrary: fc.constant(null) },
      )
      .map((field) => (field === null ? [] : [[key, field.v] as const])),
  );
  const extra = fc.array(fc.tuple(hostileKey, hostileValue), { minLength: 1, maxLength: 2 });
  const mixed = fc
    .tuple(fc.tuple(...entries), fc.oneof(fc.constant([]), extra))
    .map(([fieldsGiven, more]) => ownObject([...fieldsGiven.flat(), ...more]));
  return fc.oneof(
    { weight: 2, arbitrary: given.map((object) => ownObject(Object.entries(object))) },
    { weight: 2, arbitrary: oneOff },
    { weight: 2, arbitrary: mixed },
  );
}

/** Either any hostile value, or a payload shaped like the valid one. */
export function payload(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 1, arbitrary: hostileValue }, { weight: 3, arbitrary: shaped(fields) });
}

/** Percent-encodes every byte of the string's UTF-8 (lone surrogates become U+FFFD). */
export function encodeSegment(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Path segments: valid ones, hostile ones encoded, and broken percent-escapes as they are. */
export function segment(...valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0).map(encodeSegment) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%C0%AF', '..', '.', '%2F'),
    },
  );
}
