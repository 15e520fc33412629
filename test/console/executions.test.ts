import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { launchBrowser, screenshot, signIn } from '../support/browser.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const ConsoleTestAgent = graphql(`
  mutation ConsoleTestAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const ConsoleTestVersion = graphql(`
  mutation ConsoleTestVersion($agentName: String!, $runConfig: RunConfigInput) {
    createAgentVersion(agentName: $agentName, name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const ConsoleTestRun = graphql(`
  mutation ConsoleTestRun($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

describe('the console’s executions', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let key: string;
  let agentId: string;
  let page: Page;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ key } = await server.newTenant());
    agentId = (await server.graphql(ConsoleTestAgent, { name: 'support' }, { key })).data!
      .createAgent.id;
    await server.graphql(
      ConsoleTestVersion,
      {
        agentName: 'support',
        runConfig: {
          provider: {
            type: 'SCRIPTED',
            turns: [
              {
                text: 'Refunding order 42.',
                toolCalls: [{ name: 'refund', arguments: { order: 42 } }],
              },
              { text: 'Order 42 is refunded.' },
            ],
          },
          tools: [
            { name: 'refund', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
          ],
        },
      },
      { key },
    );
    page = await signIn(browser, server.url, key);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const run = async () =>
    (
      await server.graphql(
        ConsoleTestRun,
        { input: { agentId, messages: [{ role: 'user', content: 'Refund order 42' }] } },
        { key },
      )
    ).data!.createExecution.id;

  it('shows a run started through the API live, streams its journal, and Approve finishes it', async () => {
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    const id = await run();
    const row = page.locator(`tr[data-execution="${id}"]`);
    await row.getByText('SUSPENDED').waitFor();
    await row.getByRole('link', { name: id }).click();
    const journal = page.getByRole('list', { name: 'Journal' });
    await journal.getByText('Refunding order 42.').waitFor();
    await journal.getByText('approval requested for refund').waitFor();
    await page.getByLabel('Reason for refund').fill('customer is right');
    await page.getByRole('button', { name: 'Approve' }).click();
    await journal.getByText('approved: customer is right').waitFor();
    await journal.getByText('Order 42 is refunded.').waitFor();
    await page.getByTestId('execution-status').getByText('COMPLETED').waitFor();
    await expect(page.getByRole('button', { name: 'Cancel execution' }).count()).resolves.toBe(0);
    await screenshot(page, 'execution-approved');
  });

  it('denies with a reason, cancels a waiting run, and filters the list by status', async () => {
    const denied = await run();
    await page.goto(`${server.url}/console/executions/${denied}`);
    await page.getByLabel('Reason for refund').fill('not eligible');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('list', { name: 'Journal' }).getByText('denied: not eligible').waitFor();

    const cancelled = await run();
    await page.goto(`${server.url}/console/executions/${cancelled}`);
    await page.getByRole('button', { name: 'Cancel execution' }).click();
    await page.getByTestId('execution-status').getByText('CANCELLED').waitFor();

    await page.getByRole('link', { name: 'Executions' }).first().click();
    await page.getByLabel('Status').selectOption('CANCELLED');
    const rows = page.getByRole('table', { name: 'Executions' }).locator('tbody tr');
    // The unfiltered list also starts with the cancelled run: wait for the filter's answer.
    await eventually(async () => (await rows.count()) === 1, 'the filtered list');
    await rows.first().getByText('CANCELLED').waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute('data-execution')).resolves.toBe(cancelled);
  });
});
