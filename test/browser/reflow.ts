/**
 * What axe does not check (decisions.md, "Accessibility of the console"): whether a page reflows
 * (WCAG 1.4.10) and resizes its text (1.4.4) without losing anything, and whether the focus can
 * be seen (2.4.7). Each function runs in the page and returns one line per problem found.
 */
import type { Page } from 'playwright-core';

/**
 * Sets the browser's default text size to twice its usual 16 px, as a reader does in the
 * browser's settings (text only, not page zoom), for this page's documents from now on.
 */
export async function askForBiggerText(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

/**
 * Where the page loses something when narrow or with big text: it scrolls sideways; a control
 * lies outside the screen or is cut by a box that hides its overflow (a control in a box that
 * scrolls is reachable); text is cut by such a box without an ellipsis; two controls overlap.
 * With a modal dialog open, only the dialog is looked at: the page behind it is inert.
 */
export function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (el: Element) => {
      const name =
        el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ') ?? '';
      const classes = typeof el.className === 'string' ? el.className.trim() : '';
      return `<${el.tagName.toLowerCase()}${classes ? ` .${classes.split(/\s+/).join('.')}` : ''}> "${name.slice(0, 40)}"`;
    };
    // Boxes of 1 px or less are the visually-hidden texts for screen readers.
    const shown = (el: Element) => {
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1;
    };
    if (root.scrollWidth > width) {
      // Named by the outermost boxes that stick out.
      const out = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .filter(
          (el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1,
        )
        .slice(0, 3)
        .map(describe);
      problems.push(
        `the page scrolls sideways: ${root.scrollWidth} px wide in ${width} (${out.join(', ')})`,
      );
    }
    const dialog = document.querySelector('[aria-modal="true"], dialog[open]');
    const scope = dialog ?? document.body;

    const controls = [
      ...scope.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      ),
    ].filter(shown);
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      let cut: string | null = null;
      let scrolled = false;
      for (let up = control.parentElement; up && up !== root; up = up.parentElement) {
        const overflow = getComputedStyle(up).overflowX;
        if (overflow === 'auto' || overflow === 'scroll') {
          scrolled = true;
          break;
        }
        if (overflow === 'hidden' || overflow === 'clip') {
          const frame = up.getBoundingClientRect();
          if (box.left < frame.left - 1 || box.right > frame.right + 1) {
            cut = `cut by ${describe(up)}`;
          }
        }
      }
      if (cut) problems.push(`${describe(control)} is ${cut}`);
      else if (!scrolled && (box.left < -1 || box.right > width + 1)) {
        problems.push(
          `${describe(control)} lies outside the screen (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`,
        );
      }
    }

    for (const el of scope.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if ((!hidesX && !hidesY) || !shown(el) || !el.textContent?.trim()) continue;
      // An ellipsis shows that more is there, and the whole text is still what is read out.
      const cutX =
        hidesX && el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis';
      const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
      if (cutX || cutY)
        problems.push(`${describe(el)} cuts its text ${cutX ? 'sideways' : 'short'}`);
    }

    /** The part of a control that shows: its box, less what boxes around it clip or scroll away. */
    const seen = (el: Element) => {
      const box = el.getBoundingClientRect();
      let { left, top, right, bottom } = box;
      for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const frame = up.getBoundingClientRect();
        left = Math.max(left, frame.left);
        top = Math.max(top, frame.top);
        right = Math.min(right, frame.right);
        bottom = Math.min(bottom, frame.bottom);
      }
      return { left, top, right, bottom };
    };
    /** The layer a control is drawn in: the nearest positioned box with a z-index, if any. */
    const layer = (el: Element) => {
      for (let up: Element | null = el; up && up !== root; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.position !== 'static' && style.zIndex !== 'auto') return up;
      }
      return root;
    };
    const boxes = controls
      .map((el) => ({ el, box: seen(el) }))
      .filter(({ box }) => box.right > box.left && box.bottom > box.top);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        // A menu or a popover lies over the page on purpose.
        if (layer(a.el) !== layer(b.el)) continue;
        // Overlapping by more than a border's width.
        const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (x > 2 && y > 2) problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
      }
    }
    return problems;
  });
}

/** What has the focus: its role (tag), its name, and which part of the console it is in. */
export interface FocusStop {
  tag: string;
  name: string;
  /** banner, inbox, conversation, reply, scores, dialog, or other. */
  area: string;
  /** Why the focus cannot be seen, or null when it can. */
  unseen: string | null;
}

/**
 * The focused element, and whether its focus can be seen: an outline or a solid ring (on it or
 * on the box around it, as the reply box has) of at least 3:1 against what it is drawn on.
 */
export function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const opaque = (color: string) => {
      const c = channels(color);
      return c.length === 3 || (c.length === 4 && c[3] === 1);
    };
    /** The first solid background at or above `from`. */
    const backdrop = (from: Element | null) => {
      for (let up = from; up; up = up.parentElement) {
        const color = getComputedStyle(up).backgroundColor;
        if (opaque(color)) return channels(color);
      }
      return [255, 255, 255];
    };
    /** The colours of a solid indicator on `box`: its outline, and box-shadow rings. */
    const indicator = (box: HTMLElement): { color: number[]; inside: boolean }[] => {
      const style = getComputedStyle(box);
      const found: { color: number[]; inside: boolean }[] = [];
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
        found.push({
          color: channels(style.outlineColor),
          inside: parseFloat(style.outlineOffset) < 0,
        });
      }
      for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
        const color = shadow.match(/rgba?\([^)]*\)/)?.[0];
        const lengths = shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? [];
        const spread = parseFloat(lengths[3] ?? '0');
        if (color && opaque(color) && spread >= 1) {
          found.push({ color: channels(color), inside: shadow.includes('inset') });
        }
      }
      return found;
    };
    let unseen: string | null = 'no outline or ring';
    for (let box: HTMLElement | null = el, up = 0; box && up < 3; box = box.parentElement, up++) {
      const rings = indicator(box);
      if (rings.length === 0) continue;
      const best = Math.max(
        ...rings.map((ring) =>
          contrast(ring.color, backdrop(ring.inside ? box : box!.parentElement)),
        ),
      );
      unseen = best >= 3 ? null : `its ring is ${best.toFixed(2)}:1 against what is behind it`;
      break;
    }
    const area =
      el.closest('[aria-modal="true"], dialog[open]') !== null
        ? 'dialog'
        : el.closest('.app > header') !== null
          ? 'banner'
          : el.closest('.workspace > nav') !== null
            ? 'inbox'
            : el.closest('.workspace > main form') !== null
              ? 'reply'
              : el.closest('.workspace > main') !== null
                ? 'conversation'
                : el.closest('.workspace > aside') !== null
                  ? 'scores'
                  : 'other';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const name = (
      el.getAttribute('aria-label') ??
      label?.textContent ??
      el.closest('label')?.textContent ??
      el.textContent ??
      ''
    )
      .trim()
      .replace(/\s+/g, ' ');
    return { tag: el.tagName.toLowerCase(), name, area, unseen };
  });
}
