/**
 * "That didn't happen", in real Chromium against the built widget and console: an agent marks a
 * promise kept, the visitor disputes it by keyboard, and the console shows the promise disputed
 * and the agent's reliability as "too little evidence" with its range, never a bare number, with
 * a breakdown whose two parts add up (scoring.md, disputes and showing a score).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { describeInBrowser, screenshot } from '../support/browser';
import { startWidgetStage, type WidgetStage } from '../support/stage';
import { axeViolations } from './axe';
import { focused, openChat, sendMessage } from './widget';

describeInBrowser('disputing a kept promise', () => {
  let stage: WidgetStage;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    stage = await startWidgetStage();
    visitor = await (
      await stage.browser.newContext({ viewport: { width: 1024, height: 760 } })
    ).newPage();
    agent = await (
      await stage.browser.newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage();
    visitor.setDefaultTimeout(8000);
    agent.setDefaultTimeout(8000);
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('offers "That didn\'t happen" once the agent marks the promise kept', async () => {
    await visitor.goto(`${stage.hosts.url}/clean`);
    await openChat(visitor);
    await sendMessage(visitor, 'My parcel never arrived.');

    await agent.goto(`${stage.server.url}/console/`);
    await agent.getByLabel('Email').fill('anna@demo.peakend.test');
    await agent.getByLabel('Password').fill(DEMO_PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /parcel never arrived/ })
      .click();
    await agent.getByRole('textbox', { name: 'Reply' }).fill('I will send the tracking link.');
    await agent.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await agent.getByRole('button', { name: 'Make a promise' }).click();
    await agent.getByRole('textbox', { name: 'What will you do?' }).fill('Email the tracking link');
    await agent.getByRole('button', { name: 'Confirm promise' }).click();
    await agent.getByRole('button', { name: 'Mark promise kept' }).click();

    const promises = visitor.getByRole('list', { name: 'Promises' });
    await promises.getByRole('button', { name: "That didn't happen" }).waitFor();
    expect(await promises.getByText('Kept', { exact: true }).count()).toBe(1);
    expect(await axeViolations(visitor), 'kept promise with its dispute button').toEqual([]);
    await screenshot(visitor, 'dispute-1-kept');
  });

  it('disputes it by keyboard, says so, and keeps the focus on the answer', async () => {
    const promises = visitor.getByRole('list', { name: 'Promises' });
    await promises.getByRole('button', { name: "That didn't happen" }).focus();
    await visitor.keyboard.press('Enter');
    await promises.getByText("You said this didn't happen").waitFor();
    expect(await promises.getByRole('button', { name: "That didn't happen" }).count()).toBe(0);
    expect(await promises.getByText('Kept', { exact: true }).count()).toBe(0);
    expect((await focused(visitor)).tag).toBe('span');
    expect(await axeViolations(visitor), 'disputed promise').toEqual([]);
    await screenshot(visitor, 'dispute-2-disputed');
  });

  it('shows the console the promise disputed, and a score too thin to be a number', async () => {
    const promise = agent.getByRole('region', { name: 'Promises' }).getByRole('listitem');
    await expect
      .poll(() => promise.textContent())
      .toMatch(/Disputed: the visitor says it didn’t happen.*counts as broken/);

    // Kept within a minute and then disputed: broken, weighing λ = 2 against the prior's 4.
    const reliability = agent
      .getByRole('region', { name: 'Live scores' })
      .getByRole('row', { name: /Anna Jansen/ })
      .getByRole('cell')
      .nth(1);
    await expect
      .poll(() => reliability.textContent())
      .toMatch(/^too little evidence, range \d+–\d+, n=1$/);
    await screenshot(agent, 'dispute-3-console');

    await agent
      .getByRole('region', { name: 'Live scores' })
      .getByRole('button', { name: /Anna Jansen/ })
      .click();
    const group = agent
      .getByRole('dialog', { name: /Score breakdown/ })
      .getByRole('region', { name: /Reliability/ });
    await group.getByText(/the visitor said it didn’t happen/).waitFor();
    // As seen on screen: without the words only screen readers hear.
    const sum = await group.locator('.bd-parts-sum').evaluate((element) => {
      const copy = element.cloneNode(true) as Element;
      copy.querySelectorAll('.sr-only').forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    const parts =
      /^Own evidence (\d+) \(weight ([\d.]+)\) · Team mean (\d+) \(weight ([\d.]+)\) → (\d+)$/.exec(
        sum,
      );
    expect(parts, sum).not.toBeNull();
    const [own, ownWeight, team, teamWeight, score] = parts!.slice(1).map(Number) as number[];
    expect(own).toBe(0);
    expect(ownWeight).toBeLessThan(teamWeight!);
    // What is on screen adds up (to rounding).
    const mean = (own! * ownWeight! + team! * teamWeight!) / (ownWeight! + teamWeight!);
    expect(Math.abs(mean - score!)).toBeLessThanOrEqual(1);
    await screenshot(agent, 'dispute-4-breakdown');
  });
});
