/**
 * The round picture in the panel's header: the site's agent avatar (`data-avatar`) when given,
 * else the helping agent's initial, else a chat icon. Decorative: the heading names the chat.
 */
import { useState } from 'preact/hooks';
import { IconChat } from './icons';

export function Avatar({ src, name }: { src?: string; name: string | null }) {
  // A broken image URL falls back to the initial instead of a broken-image icon.
  const [failed, setFailed] = useState(false);
  return (
    <div class="pk-avatar" aria-hidden="true">
      {src && !failed ? (
        <img class="pk-avatar-image" src={src} alt="" onError={() => setFailed(true)} />
      ) : name ? (
        name.trim().charAt(0).toUpperCase()
      ) : (
        <IconChat />
      )}
    </div>
  );
}
