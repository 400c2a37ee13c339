/**
 * Three browser bundles, one config; `--mode` picks which (see package.json "build"):
 *
 * - `widget`:  the visitor app (Preact + socket.io-client + CSS), one IIFE chunk with a content
 *              hash, loaded by the loader only when the visitor opens the chat or a rating is due;
 *              and one small chunk per language, of which the app loads only the visitor's
 *              (built first, as environments of one `vite build`).
 * - `loader`:  `widget.js`, the tiny script webmasters embed. Built after `widget` so it can carry
 *              the hashed name of the app chunk.
 * - `console`: the agent and supervisor console, a normal single-page app served at /console/.
 * - `server`:  the server itself, compiled ahead of time for Node (`dist/server/index.js`, and
 *              `backup.js` for `npm run backup`); its dependencies stay in node_modules.
 *
 * Both widget bundles are classic scripts (IIFE), not ES modules: module scripts would need CORS on
 * every host page and cannot take a CSP nonce the way an injected <script> can.
 */
/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions, type Plugin, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const widgetOut = `${root}dist/widget`;

/** The hashed file name of the app chunk, read from the manifest of the `widget` build. */
function appChunkName(): string {
  const manifestPath = `${widgetOut}/.vite/manifest.json`;
  let manifest: Record<string, { file: string; isEntry?: boolean }>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    throw new Error(
      `${manifestPath} is missing: run "vite build --mode widget" before the loader.`,
    );
  }
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`${manifestPath} names no entry chunk.`);
  return entry.file;
}

/** The languages the widget loads on demand, English too (the fallback): the app has none. */
const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es'] as const;

/** What a language chunk runs: it hands its dictionary to the app (widget/app/languages.ts). */
const languageEntry = (lang: string) =>
  `import { ${lang} } from '${root}widget/app/i18n/${lang}';\n` +
  `const api = window.peakend;\n` +
  `if (api) (api.__languages ||= {}).${lang} = ${lang};\n`;

/**
 * A language chunk's file name, hashed from its source, so the app (built separately) knows it
 * at build time and a changed dictionary is never served from a stale cache.
 */
const languageChunks = Object.fromEntries(
  LANGUAGES.map((lang) => {
    const hash = createHash('sha256')
      .update(readFileSync(`${root}widget/app/i18n/${lang}.ts`))
      .update(languageEntry(lang))
      .digest('base64url')
      .slice(0, 10);
    return [lang, `lang-${lang}-${hash}.js`];
  }),
);

const LANGUAGE_ENTRY_PREFIX = '\0peakend-language:';

/** Resolves each language chunk's virtual entry to `languageEntry`. */
const languageEntries: Plugin = {
  name: 'peakend-language-entries',
  resolveId: (id) => (id.startsWith(LANGUAGE_ENTRY_PREFIX) ? id : undefined),
  load: (id) =>
    id.startsWith(LANGUAGE_ENTRY_PREFIX)
      ? languageEntry(id.slice(LANGUAGE_ENTRY_PREFIX.length))
      : undefined,
};

const languageEnvironment = (lang: string): EnvironmentOptions => ({
  consumer: 'client',
  build: {
    outDir: widgetOut,
    emptyOutDir: false,
    target: 'es2019',
    rolldownOptions: {
      input: LANGUAGE_ENTRY_PREFIX + lang,
      output: { format: 'iife', entryFileNames: languageChunks[lang] },
    },
  },
});

const jsx = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

export default defineConfig(({ mode }): UserConfig => {
  switch (mode) {
    case 'widget':
      return {
        oxc: jsx,
        publicDir: false,
        define: { __PEAKEND_LANGUAGE_CHUNKS__: JSON.stringify(languageChunks) },
        plugins: [languageEntries],
        builder: {
          // An IIFE build has one entry: each language is an environment of its own.
          async buildApp(builder) {
            const build = (name: string) => {
              const environment = builder.environments[name];
              if (!environment) throw new Error(`vite.config.ts defines no "${name}" environment.`);
              return builder.build(environment);
            };
            rmSync(widgetOut, { recursive: true, force: true });
            for (const lang of LANGUAGES) await build(lang);
            await build('client');
          },
        },
        environments: {
          ...Object.fromEntries(LANGUAGES.map((lang) => [lang, languageEnvironment(lang)])),
          client: {
            build: {
              outDir: widgetOut,
              emptyOutDir: false,
              manifest: true,
              target: 'es2019',
              // Terser packs the app a few hundred bytes tighter than the default minifier: every
              // visitor who opens the chat downloads it, within a 25 kB budget.
              minify: 'terser',
              terserOptions: { compress: { passes: 3 } },
              rolldownOptions: {
                input: `${root}widget/app/main.tsx`,
                output: { format: 'iife', entryFileNames: 'app-[hash].js' },
              },
            },
          },
        },
      };
    case 'loader':
      return {
        publicDir: false,
        define: { __PEAKEND_APP_CHUNK__: JSON.stringify(appChunkName()) },
        build: {
          outDir: widgetOut,
          emptyOutDir: false,
          // Every browser with constructable stylesheets reads ES2020 (optional catch binding, ?.).
          target: 'es2020',
          rolldownOptions: {
            input: `${root}widget/loader.ts`,
            output: { format: 'iife', entryFileNames: 'widget.js' },
          },
        },
      };
    case 'console':
      return {
        oxc: jsx,
        root: `${root}widget/console`,
        base: '/console/',
        publicDir: false,
        build: { outDir: `${root}dist/console`, emptyOutDir: true, target: 'es2022' },
      };
    case 'server':
      return {
        publicDir: false,
        // server/paths.ts: the compiled code runs from dist/server/, not server/.
        define: { __PEAKEND_COMPILED__: 'true' },
        build: {
          // An SSR build keeps every package of node_modules external: imported at run time.
          ssr: true,
          outDir: `${root}dist/server`,
          emptyOutDir: true,
          target: 'node20',
          minify: false,
          sourcemap: true,
          rolldownOptions: {
            input: { index: `${root}server/index.ts`, backup: `${root}server/backup.ts` },
            // Shared chunks sit beside the entries, so every file is one level under dist/.
            output: {
              format: 'esm',
              entryFileNames: '[name].js',
              chunkFileNames: '[name]-[hash].js',
            },
          },
        },
      };
    default:
      // vitest loads this file with mode "test". Tests by layer: see test/README.md.
      return {
        oxc: jsx,
        define: { __PEAKEND_LANGUAGE_CHUNKS__: JSON.stringify(languageChunks) },
        test: {
          include: ['test/**/*.test.{ts,tsx}'],
          // The widget's words are a chunk the app loads; tests start with English loaded.
          setupFiles: ['test/support/english.ts'],
          // Integration and browser tests start servers and browsers: room on a busy machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      };
  }
});
