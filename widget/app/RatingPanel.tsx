/**
 * Host-chat mode: the rating card on its own, for a conversation held in the host's helpdesk
 * (`peakend('rate', {conversationId, signature})`). Same frame as the chat panel, no chat.
 */
import { useEffect, useRef } from 'preact/hooks';
import { Avatar } from './Avatar';
import { t } from './i18n';
import { IconClose } from './icons';
import { RatingCard, type SaveRating } from './RatingCard';

export interface RatingPanelProps {
  open: boolean;
  conversationId: string;
  agentName: string | null;
  avatar?: string;
  save: SaveRating;
  /** The card may ask how to reach the visitor: the page did not say who they are. */
  askContact?: boolean;
  onClose(): void;
}

export function RatingPanel(props: RatingPanelProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const headingId = 'pk-rate-title';

  useEffect(() => {
    if (props.open) panelRef.current?.focus();
  }, [props.open, props.conversationId]);

  return (
    <div
      class="pk-panel pk-panel-rating"
      role="dialog"
      aria-labelledby={headingId}
      hidden={!props.open}
      ref={panelRef}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.isComposing) {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="pk-header">
        <Avatar src={props.avatar} name={props.agentName} />
        <div class="pk-heading">
          <h2 id={headingId} class="pk-title">
            {t.rateTitle}
          </h2>
          {props.agentName && <p class="pk-subtitle">{props.agentName}</p>}
        </div>
        <button type="button" class="pk-icon-button" aria-label={t.close} onClick={props.onClose}>
          <IconClose />
        </button>
      </div>
      <div class="pk-body">
        <RatingCard
          key={props.conversationId}
          conversationId={props.conversationId}
          agentName={props.agentName}
          existing={null}
          save={props.save}
          askContact={props.askContact}
        />
      </div>
    </div>
  );
}
