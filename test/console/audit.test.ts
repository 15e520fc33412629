import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { launchBrowser, screenshot, signIn } from '../support/browser.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const ConsoleTestChainAgent = graphql(`
  mutation ConsoleTestChainAgent($runConfig: RunConfigInput) {
    createAgent(name: "refunds") {
      id
    }
    createAgentVersion(agentName: "refunds", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const ConsoleTestTrigger = graphql(`
  mutation ConsoleTestTrigger($agentId: ID!) {
    createTrigger(agentId: $agentId, input: { id: "orders", name: "Orders" }) {
      webhookUrl
    }
  }
`);

const ConsoleTestChainEndpoint = graphql(`
  mutation ConsoleTestChainEndpoint($url: String!) {
    createWebhookEndpoint(input: { url: $url, eventTypes: [EXECUTION_COMPLETED] }) {
      endpoint {
        id
      }
    }
  }
`);

const ConsoleTestChain = graphql(`
  query ConsoleTestChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {
      edges {
        node {
          id
          eventType
          causationId
        }
      }
    }
  }
`);

describe(
  'a webhook-started run in the console: its audit chain and its trigger',
  { timeout: 90_000 },
  () => {
    let server: TestServer;
    let browser: Browser;
    let key: string;
    let webhookUrl: string;
    const receiver = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      [server, browser] = await Promise.all([
        startServer({ env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback', DELIVERY_POLL_MS: '50' } }),
        launchBrowser(),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      receiver.close();
    });

    it('draws the chain of a webhook-started run as a tree of causes, every hop in it', async () => {
      ({ key } = await server.newTenant());
      const agent = await server.graphql(
        ConsoleTestChainAgent,
        {
          runConfig: {
            provider: {
              type: 'SCRIPTED',
              turns: [
                { text: 'Refunding.', toolCalls: [{ name: 'refund', arguments: { order: 7 } }] },
                { text: 'Refunded.' },
              ],
            },
            tools: [
              {
                name: 'refund',
                requiresApproval: true,
                executor: { type: 'BUILTIN', name: 'ECHO' },
              },
            ],
          },
        },
        { key },
      );
      const agentId = agent.data!.createAgent.id;
      const { port } = receiver.address() as AddressInfo;
      await server.graphql(
        ConsoleTestChainEndpoint,
        { url: `http://127.0.0.1:${port}/completed` },
        { key },
      );
      const trigger = await server.graphql(ConsoleTestTrigger, { agentId }, { key });
      webhookUrl = trigger.data!.createTrigger.webhookUrl;
      const webhook = await fetch(`${server.url}${new URL(webhookUrl).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"order":7}',
      });
      expect(webhook.status).toBe(202);
      const correlationId = webhook.headers.get('x-correlation-id')!;

      // Approve from the console: the run's page links its chain.
      const page = await signIn(browser, server.url, key);
      await page.getByRole('table', { name: 'Executions' }).getByRole('link').first().click();
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByTestId('execution-status').getByText('COMPLETED').waitFor();
      const chain = await eventually(async () => {
        const events = (
          await server.graphql(ConsoleTestChain, { correlationId }, { key })
        ).data!.auditEventsByCorrelation.edges.map(({ node }) => node);
        return events.some((event) => event.eventType === 'webhook_delivery.succeeded') && events;
      }, 'the completion to be delivered');
      for (const hop of [
        'trigger.invoked',
        'execution.created',
        'execution.completed',
        'webhook_delivery.succeeded',
      ])
        expect(chain.map((event) => event.eventType)).toContain(hop);

      await page.getByRole('link', { name: correlationId }).click();
      const tree = page.getByRole('list', { name: 'Chain of causes' });
      await tree.getByText('webhook_delivery.succeeded').waitFor();
      // Every event is drawn once, right under the event that caused it.
      const drawn = await tree.locator('li[data-audit]').evaluateAll((items) =>
        items.map((item) => ({
          id: item.getAttribute('data-audit'),
          under: item.parentElement!.closest('li[data-audit]')?.getAttribute('data-audit') ?? null,
        })),
      );
      const ids = new Set(chain.map((event) => event.id));
      expect(drawn.map((item) => item.id).sort()).toEqual([...ids].sort());
      for (const event of chain)
        expect(drawn.find((item) => item.id === event.id)!.under).toBe(
          event.causationId && ids.has(event.causationId) ? event.causationId : null,
        );
      await screenshot(page, 'audit-chain');

      await page.goto(`${server.url}/console/audit`);
      await page.getByLabel('Event type').fill('trigger.invoked');
      await page.getByRole('button', { name: 'Search' }).click();
      const rows = page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
      await rows.first().getByText('trigger.invoked').waitFor();
      await expect(rows.count()).resolves.toBe(1);
      await page.context().close();
    });

    it('shows the trigger readably, its webhook URL and curl, its invocations, and reruns one', async () => {
      const page = await signIn(browser, server.url, key);
      await page.getByRole('link', { name: 'Triggers' }).click();
      await page
        .getByRole('table', { name: 'Triggers of refunds' })
        .getByRole('link', { name: 'Orders' })
        .click();
      await expect(page.getByTestId('webhook-url').textContent()).resolves.toBe(webhookUrl);
      await expect(page.getByTestId('curl').textContent()).resolves.toContain(
        `curl -X POST '${webhookUrl}'`,
      );
      const rows = page.getByRole('table', { name: 'Invocations' }).locator('tbody tr');
      await rows.first().getByText('SUCCESS').waitFor();
      await page.getByLabel('Invocation status').selectOption('FAILED');
      await page.getByText('Invocations (0)').waitFor();
      await page.getByLabel('Invocation status').selectOption('SUCCESS');
      await page.getByText('Invocations (1)').waitFor();
      await page.getByLabel('Invocation status').selectOption('');
      await rows
        .first()
        .getByRole('button', { name: /^Rerun invocation/ })
        .click();
      // The rerun starts a new invocation, which arrives without a reload.
      await page.getByText('Invocations (2)').waitFor();
      await screenshot(page, 'trigger');
      await page.context().close();
    });
  },
);
