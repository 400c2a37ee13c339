/**
 * A table wider than the screen scrolls inside this, never the page (WCAG 1.4.10 allows a data
 * table to). It takes the focus, so the keyboard scrolls it too, and the table's caption names
 * it (`captionId`), so a screen reader says what it is on the way in.
 */
import type { ComponentChildren } from 'preact';

export function TableScroll({
  captionId,
  children,
}: {
  captionId: string;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll" role="group" tabIndex={0} aria-labelledby={captionId}>
      {children}
    </div>
  );
}
