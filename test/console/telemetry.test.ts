import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { launchBrowser, screenshot, signIn } from '../support/browser.ts';
import { chatCompletion } from '../support/llm.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const ConsoleTestFingerprint = graphql(`
  mutation ConsoleTestFingerprint {
    createFingerprint(input: { language: "python", languageVersion: "3.12", system: "linux" }) {
      fingerprint {
        id
      }
    }
  }
`);

const ConsoleTestLlmEvent = graphql(`
  mutation ConsoleTestLlmEvent($input: CreateLlmEventInput!) {
    createLlmEvent(input: $input) {
      id
    }
  }
`);

const ConsoleTestUsage = graphql(`
  query ConsoleTestUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {
    telemetryUsage(groupBy: $groupBy, filter: $filter) {
      day
      model
      count
      inputTokens
      outputTokens
      costUsd
    }
  }
`);

describe('the console’s telemetry', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let key: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ key } = await server.newTenant());
    const fingerprint = await server.graphql(ConsoleTestFingerprint, {}, { key });
    const fingerprintId = fingerprint.data!.createFingerprint.fingerprint.id;
    const calls = [
      { session: 's1', model: 'gpt-4o', prompt: 1000, completion: 200 },
      { session: 's1', model: 'gpt-4o', prompt: 3000, completion: 500 },
      { session: 's2', model: 'gpt-4o-mini', prompt: 800, completion: 100 },
      { session: 's2', model: 'gpt-4o-mini', prompt: 1200, completion: 300 },
    ];
    for (const call of calls) {
      const created = await server.graphql(
        ConsoleTestLlmEvent,
        {
          input: {
            fingerprintId,
            agent: 'chatbot',
            person: 'ada',
            session: call.session,
            properties: chatCompletion(call.model, call),
          },
        },
        { key },
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('charts usage by day with the numbers telemetryUsage gives, and breaks it down', async () => {
    const page = await signIn(browser, server.url, key);
    // The page's Content-Security-Policy ('self' only) must let the chart draw.
    const violations = await page.evaluateHandle(() => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(event.violatedDirective),
      );
      return seen;
    });
    await page.getByRole('link', { name: 'Telemetry' }).click();
    const from = await page.getByLabel('From').inputValue();
    const usage = await server.graphql(
      ConsoleTestUsage,
      { groupBy: ['DAY'], filter: { from: `${from}T00:00:00Z` } },
      { key },
    );
    const days = usage.data!.telemetryUsage;
    // The API stamps each call when it is recorded: all four are today's.
    expect(days).toHaveLength(1);
    const totalCost = days.reduce((sum, day) => sum + day.costUsd!, 0);
    expect(totalCost).toBeGreaterThan(0);

    await expect(page.locator('.chart canvas').count()).resolves.toBe(3);
    await page.getByTestId('total-calls').getByText('4').waitFor();
    await expect(page.getByTestId('total-tokens').textContent()).resolves.toBe(
      String(days.reduce((sum, day) => sum + day.inputTokens + day.outputTokens, 0)),
    );
    await expect(page.getByTestId('total-cost').textContent()).resolves.toBe(
      `$${totalCost.toFixed(6)}`,
    );
    await page.getByText('Per day').click();
    const rows = page.getByRole('table', { name: 'Usage per day' }).locator('tbody tr');
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(shown).toEqual(
      [...days]
        .sort((a, b) => a.day!.localeCompare(b.day!))
        .map((day) => [
          day.day!.slice(0, 10),
          String(day.count),
          String(day.inputTokens + day.outputTokens),
          `$${day.costUsd!.toFixed(6)}`,
        ]),
    );
    const byModel = page.getByRole('table', { name: 'Usage by model' });
    await byModel.getByRole('row', { name: /gpt-4o-mini 2/ }).waitFor();
    await screenshot(page, 'telemetry');
    await expect(violations.jsonValue()).resolves.toEqual([]);

    await page.getByLabel('Model', { exact: true }).fill('gpt-4o-mini');
    await page.getByTestId('total-calls').getByText('2').waitFor();
  });

  it('shows a person’s sessions and a session’s events', async () => {
    const page = await signIn(browser, server.url, key);
    await page.goto(`${server.url}/console/telemetry`);
    await page
      .getByRole('table', { name: 'Usage by person' })
      .getByRole('link', { name: 'ada' })
      .click();
    await page.getByRole('heading', { name: 'Person ada' }).waitFor();
    await page.getByRole('heading', { name: 'Calls (4)' }).waitFor();
    await page.getByRole('listitem').getByRole('link', { name: 's2' }).click();
    await page.getByRole('heading', { name: 'Events (2)' }).waitFor();
    await expect(
      page.getByRole('table', { name: 'Events' }).locator('tbody tr').count(),
    ).resolves.toBe(2);
  });
});
