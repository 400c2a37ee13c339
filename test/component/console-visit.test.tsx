// @vitest-environment happy-dom
/**
 * The conversation pane's "Visitor" section (issue 12, §5): where and how the visitor wrote from,
 * in words an agent reads at a glance, as a labelled list a screen reader can walk.
 */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentConversationView } from '../../shared/protocol';
import { ConversationPane } from '../../widget/console/components/ConversationPane';
import { anna, conversation } from '../support/console';

afterEach(cleanup);

const NOW = Date.parse('2026-11-30T13:05:00Z');
/** 14:05 in Amsterdam, as the browser's locale writes it ("14:05", "2:05 PM"). */
const thereAt = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
}).format(NOW);

function pane(visit: AgentConversationView['visit']) {
  return render(
    <ConversationPane conversation={conversation({ visit })} agent={anna} now={NOW} readOnly />,
  );
}

describe('the Visitor section of a conversation', () => {
  it('shows the page, where they came from, language, their time and device', () => {
    pane({
      pageUrl: 'https://shop.example/checkout?step=2',
      pageTitle: 'Checkout',
      referrer: 'https://www.google.com/',
      language: 'nl-NL',
      timeZone: 'Europe/Amsterdam',
      device: 'mobile',
    });
    const section = screen.getByRole('region', { name: 'Visitor' });
    const link = within(section).getByRole('link', { name: 'Checkout' });
    expect(link.getAttribute('href')).toBe('https://shop.example/checkout?step=2');
    // Opened apart: the visitor's page learns nothing of the console.
    expect(link.getAttribute('rel')).toContain('noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    const terms = within(section)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(terms).toEqual(['Page', 'Came from', 'Language', 'Time zone', 'Device']);
    const details = within(section)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(details).toEqual([
      'Checkout',
      'https://www.google.com/',
      'Dutch (Netherlands)',
      `Europe/Amsterdam (${thereAt} there)`,
      'Phone',
    ]);
  });

  it('names an untitled page by its path, and leaves out what the widget did not say', () => {
    pane({ pageUrl: 'https://shop.example/orders/1234?tab=returns', device: 'desktop' });
    const section = screen.getByRole('region', { name: 'Visitor' });
    expect(within(section).getByRole('link').textContent).toBe('/orders/1234?tab=returns');
    expect(
      within(section)
        .getAllByRole('term')
        .map((t) => t.textContent),
    ).toEqual(['Page', 'Device']);
  });

  it('is absent when nothing is known of the visit', () => {
    pane(null);
    expect(screen.queryByRole('region', { name: 'Visitor' })).toBeNull();
  });

  it('shows a title as text, never as markup', () => {
    pane({ pageTitle: '<img src=x onerror=alert(1)>', timeZone: 'Nowhere/Atlantis' });
    const section = screen.getByRole('region', { name: 'Visitor' });
    expect(section.querySelector('img')).toBeNull();
    expect(section.textContent).toContain('<img src=x onerror=alert(1)>');
    // A zone this browser does not know is shown as given, without a time.
    expect(section.textContent).toContain('Nowhere/Atlantis');
    expect(section.textContent).not.toContain('there');
  });
});
