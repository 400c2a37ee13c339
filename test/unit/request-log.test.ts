import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../server/http/request-log';

describe('redactUrl', () => {
  it('keeps paths and query values that are not secrets', () => {
    expect(redactUrl('/api/v1/sites/site_abc123xyz/scores?at=2026-11-23T10:00:00Z')).toBe(
      '/api/v1/sites/site_abc123xyz/scores?at=2026-11-23T10:00:00Z',
    );
    expect(redactUrl('/api/v1/invites/lookup')).toBe('/api/v1/invites/lookup');
    expect(redactUrl('/console/')).toBe('/console/');
  });

  it('replaces query values named like secrets, and long opaque ones', () => {
    expect(redactUrl('/x?token=abc&at=1')).toBe('/x?token=[redacted]&at=1');
    expect(redactUrl('/x?access_token=abc&api_key=def&Password=ghi')).toBe(
      '/x?access_token=[redacted]&api_key=[redacted]&Password=[redacted]',
    );
    expect(redactUrl('/x?t%6Fken=abc')).toBe('/x?t%6Fken=[redacted]');
    expect(redactUrl(`/x?next=${'Ab9_'.repeat(10)}`)).toBe('/x?next=[redacted]');
  });

  it('replaces opaque segments after /invites/ and /webhooks/, and long ones anywhere', () => {
    expect(redactUrl('/api/v1/invites/Zk3_q9Lm2Xv8Rt5w')).toBe('/api/v1/invites/[redacted]');
    expect(redactUrl('/webhooks/whk_9f8e7d6c5b4a3921/events')).toBe('/webhooks/[redacted]/events');
    const token = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    expect(redactUrl(`/console/join/${token}`)).toBe('/console/join/[redacted]');
    expect(redactUrl(`/anything/${token}/else`)).toBe('/anything/[redacted]/else');
  });

  it('replaces the token of a Chatwoot webhook URL, however short', () => {
    expect(
      redactUrl('/api/v1/integrations/chatwoot/qmxP0-xl9D00XTPQg_VGNWkqtviAk5WkDlHAQP6SABc'),
    ).toBe('/api/v1/integrations/chatwoot/[redacted]');
    expect(redactUrl('/api/v1/integrations/chatwoot/short-guess-1')).toBe(
      '/api/v1/integrations/chatwoot/[redacted]',
    );
    expect(redactUrl('/api/v1/sites/demo/integrations/chatwoot')).toBe(
      '/api/v1/sites/demo/integrations/chatwoot',
    );
  });

  it('drops any fragment', () => {
    expect(redactUrl('https://chat.example.com/console/join#secret-token')).toBe(
      'https://chat.example.com/console/join',
    );
  });
});
