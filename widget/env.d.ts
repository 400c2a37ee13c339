/** Ambient declarations for the widget bundles (see vite.config.ts). */

/** The hashed file name of the app chunk ("app-abc123.js"), defined by the `loader` build. */
declare const __PEAKEND_APP_CHUNK__: string;

/** CSS imported as a string (`?inline`), adopted into the widget's shadow root. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}

/** Each language chunk's file name by language ("lang-nl-abc123.js"), defined by vite.config.ts. */
declare const __PEAKEND_LANGUAGE_CHUNKS__: Record<string, string>;
