/**
 * Focuses an element when it appears. The `autofocus` attribute is not enough: browsers honour it
 * once per page, so a form that appears later (a confirmation, a secret just made) would not get
 * the focus a keyboard or screen-reader user expects there.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

export function useFocusOnMount(ref: RefObject<HTMLElement | null>, when = true): void {
  useLayoutEffect(() => {
    if (when) ref.current?.focus();
    // Only when the element appears.
  }, []);
}
