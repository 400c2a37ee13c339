/** Inline SVG icons: no image requests, and they take the text colour (currentColor). */

const MOUTHS = [
  'M10.5 23.5c2.9-4.2 8.1-4.2 11 0',
  'M11.5 22.5c2.6-2.2 6.4-2.2 9 0',
  'M11.5 21.5h9',
  'M11.5 19.5c2.6 2.4 6.4 2.4 9 0',
  'M10 18.5h12a6 6 0 0 1-12 0Z',
];

/** A face for an end score, 1 (very bad) to 5 (very good). */
export function Face({ score }: { score: number }) {
  const mouth = MOUTHS[Math.min(5, Math.max(1, score)) - 1];
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" class="pk-face-svg">
      <circle cx="16" cy="16" r="13" fill="none" stroke="currentColor" stroke-width="2" />
      <circle cx="11.5" cy="13" r="1.7" fill="currentColor" />
      <circle cx="20.5" cy="13" r="1.7" fill="currentColor" />
      <path
        d={mouth}
        fill={score === 5 ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

function Icon({ d, size }: { d: string; size?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      class={size ? `pk-icon pk-icon-${size}` : 'pk-icon'}
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

export const IconCheck = () => <Icon d="M5 12.5 10 17.5 19 7" />;
export const IconClose = () => <Icon d="M6 6l12 12M18 6 6 18" />;
export const IconSend = () => <Icon d="M4 12 20 4l-5 16-3.5-6.5L4 12Zm7.5 1.5L20 4" />;
export const IconClock = () => <Icon d="M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />;
export const IconChat = () => (
  <Icon d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z" size="lg" />
);
