/**
 * Mounts the app into the loader's shadow root: adopts the stylesheet, adds a container, and
 * connects the socket on first open (never before).
 */
import { render } from 'preact';
import type { AppHandle, Mount } from './bridge';
import { connect, type Chat } from './connection';
import { App } from './App';
import { applyLanguage } from './i18n';
import css from './styles.css?inline';

function adoptStyles(root: ShadowRoot, nonce: string | undefined): void {
  // Constructable stylesheets need no nonce under a strict CSP; <style nonce> is the fallback.
  if (root.adoptedStyleSheets && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.appendChild(style);
}

export const mount: Mount = (options): AppHandle => {
  adoptStyles(options.root, options.nonce);
  const container = document.createElement('div');
  container.className = 'pk-root';
  // Screen readers pronounce the widget in its own language, whatever the host page's is.
  container.lang = applyLanguage(options.lang).lang;
  options.root.appendChild(container);
  let chat: Chat | undefined;

  function draw(open: boolean): void {
    chat ||= connect(options.server, options.site);
    render(
      <App
        chat={chat}
        open={open}
        title={options.title}
        onClose={options.requestClose}
        onRated={(detail) => options.emit('rated', detail)}
      />,
      container,
    );
  }

  return {
    open: () => draw(true),
    close: () => draw(false),
  };
};
