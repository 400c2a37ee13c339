/**
 * A Slack destination (an incoming-webhook URL) hears of a bad ending and a broken promise, as a
 * message a channel can act on: `{text, blocks}`. Everything else says nothing (null).
 */
import { BAD_END } from '../../shared/followups';
import { PING_EVENT, type WebhookPayload } from '../../shared/webhooks';

export interface SlackMessage {
  text: string;
  blocks: { type: 'section'; text: { type: 'mrkdwn'; text: string } }[];
}

/** Slack's mrkdwn takes these three as control characters. */
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const field = (data: Record<string, unknown>, name: string): string | null => {
  const value = data[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

function message(text: string, details: string[]): SlackMessage {
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: [text, ...details].join('\n') } }],
  };
}

export function slackMessage(payload: WebhookPayload, publicUrl: string): SlackMessage | null {
  const { data } = payload;
  const conversation = escape(field(data, 'conversationId') ?? 'a conversation');
  const agent = field(data, 'agentId');
  const by = agent ? ` (agent ${escape(agent)})` : '';
  const link = `<${publicUrl}/console/|Open the console>`;
  if (payload.type === PING_EVENT) {
    return message(
      'Peakend test ping: this channel will hear of bad endings and broken promises.',
      [],
    );
  }
  if (payload.type === 'rating.saved') {
    const end = Number(data.end);
    if (!(end <= BAD_END)) return null;
    const comment = field(data, 'comment');
    return message(`:warning: Conversation ${conversation} ended badly: ${end}/5${by}.`, [
      ...(comment ? [`> ${escape(comment)}`] : []),
      link,
    ]);
  }
  if (payload.type === 'promise.broken') {
    const text = field(data, 'text');
    const due = field(data, 'dueAt');
    return message(`:hourglass: A promise in conversation ${conversation} was broken${by}.`, [
      ...(text ? [`> ${escape(text)}`] : []),
      ...(due ? [`It was due ${due}.`] : []),
      link,
    ]);
  }
  return null;
}
