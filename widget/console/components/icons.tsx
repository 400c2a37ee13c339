/** Small inline icons. Decorative: the text next to them carries the meaning. */
import type { JSX } from 'preact';

const MOUTHS: Record<number, string> = {
  1: 'M7.5 16.5q4.5-4 9 0',
  2: 'M8 16q4-2.5 8 0',
  3: 'M8 15.5h8',
  4: 'M8 14.5q4 3 8 0',
  5: 'M7.5 14q4.5 4.5 9 0z',
};

/** A face for an end score, 1 (very bad) to 5 (very good). */
export function Face({ end, size = 16 }: { end: number; size?: number }) {
  const mouth = MOUTHS[Math.min(5, Math.max(1, Math.round(end)))];
  return (
    <svg
      class="face"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="10" fill="currentColor" opacity="0.16" />
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.6" />
      <circle cx="8.7" cy="9.8" r="1.3" fill="currentColor" />
      <circle cx="15.3" cy="9.8" r="1.3" fill="currentColor" />
      <path
        d={mouth}
        fill={end >= 5 ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linecap="round"
      />
    </svg>
  );
}

function Icon({ children, size = 16 }: { children: JSX.Element | JSX.Element[]; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SendIcon = () => (
  <Icon>
    <path d="M4 12l16-8-6 16-2.5-6.5z" />
    <path d="M11.5 13.5L20 4" />
  </Icon>
);

export const ClockIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <path d="M12 3.5l9.5 16.5h-19z" />
    <path d="M12 10v4.5M12 17.5v.01" />
  </Icon>
);

export const HandIcon = () => (
  <Icon>
    <path d="M8 12V5.5a1.5 1.5 0 013 0V11m0-1V4.5a1.5 1.5 0 013 0V11m0-.5V6a1.5 1.5 0 013 0v8a6.5 6.5 0 01-6.5 6.5h-.8a6 6 0 01-4.6-2.2L4.4 15a1.5 1.5 0 012.3-1.9L8 14.5" />
  </Icon>
);

export const PromiseIcon = () => (
  <Icon>
    <rect x="4" y="5" width="16" height="15" rx="2" />
    <path d="M4 10h16M9 3v4M15 3v4M9 15l2 2 4-4" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);

export const BackIcon = () => (
  <Icon>
    <path d="M15 6l-6 6 6 6" />
  </Icon>
);

export const XIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const InboxIcon = ({ size = 16 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M3 13l3-8h12l3 8v6H3z" />
    <path d="M3 13h5l1.5 3h5L16 13h5" />
  </Icon>
);

export const KeyIcon = () => (
  <Icon>
    <circle cx="8" cy="15" r="4" />
    <path d="M11 12l9-9M17 6l3 3M15 8l2 2" />
  </Icon>
);

export const PlusIcon = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);

export const UsersIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0113 0M16 4.8a3.5 3.5 0 010 6.4M18.5 14.5a6.5 6.5 0 013 5.5" />
  </Icon>
);
