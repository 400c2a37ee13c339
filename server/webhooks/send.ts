/**
 * One attempt at one delivery: a POST of the message, signed as the Standard Webhooks spec says
 * (webhook-id, webhook-timestamp, webhook-signature: v1 HMAC-SHA256 with the endpoint's `whsec_`
 * secret, by the `standardwebhooks` package), or, to a Slack destination, the message Slack's
 * incoming webhooks take. Any 2xx answer is a success; redirects are not followed.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../../shared/webhooks';
import type { StoredDelivery, StoredWebhook } from '../storage/webhooks';
import type { DestinationGuard } from './guard';
import { slackMessage } from './slack';

/** How long an attempt may take, connection and answer together. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

export type Attempt = { sent: true; status: number } | { sent: false; skipped: true };

export interface SendOptions {
  guard: DestinationGuard;
  /** The time the signature states (the server's clock). */
  now: number;
  /** Stops the attempt (a shutdown); the timeout stops it too. */
  signal: AbortSignal;
  timeoutMs?: number;
  /** The console's address, for links in Slack messages. */
  publicUrl: string;
}

/** The body and headers of one delivery; null when a Slack destination has nothing to say. */
export function messageFor(
  delivery: Pick<StoredDelivery, 'id' | 'payload'>,
  endpoint: Pick<StoredWebhook, 'kind' | 'secret'>,
  now: number,
  publicUrl: string,
): { body: string; headers: Record<string, string> } | null {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Peakend-Webhooks/1',
  };
  if (endpoint.kind === 'slack') {
    const message = slackMessage(JSON.parse(delivery.payload) as WebhookPayload, publicUrl);
    return message && { body: JSON.stringify(message), headers };
  }
  const signature = new Webhook(endpoint.secret).sign(delivery.id, new Date(now), delivery.payload);
  return {
    body: delivery.payload,
    headers: {
      ...headers,
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(now / 1000)),
      'webhook-signature': signature,
    },
  };
}

/** Sends one delivery; throws when no answer came (refused destination, network, timeout). */
export async function attemptDelivery(
  delivery: Pick<StoredDelivery, 'id' | 'payload'>,
  endpoint: Pick<StoredWebhook, 'kind' | 'secret' | 'url'>,
  options: SendOptions,
): Promise<Attempt> {
  const message = messageFor(delivery, endpoint, options.now, options.publicUrl);
  if (!message) return { sent: false, skipped: true };
  const url = new URL(endpoint.url);
  options.guard.checkHost(url.hostname);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.any([
    options.signal,
    AbortSignal.timeout(options.timeoutMs ?? ATTEMPT_TIMEOUT_MS),
  ]);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...message.headers, 'content-length': String(Buffer.byteLength(message.body)) },
        lookup: options.guard.lookup,
        signal,
        // One connection per attempt: a kept-alive socket would skip the address check.
        agent: false,
      },
      (res) => {
        // The answer's body says nothing we keep: read it away, then count the attempt done.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      reject(signal.aborted && !options.signal.aborted ? new Error('timed out after 10 s') : error);
    });
    req.end(message.body);
  });
  return { sent: true, status };
}
