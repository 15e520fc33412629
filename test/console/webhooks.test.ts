import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { launchBrowser, screenshot, signIn } from '../support/browser.ts';
import { LogEvent } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const ConsoleTestEndpoint = graphql(`
  mutation ConsoleTestEndpoint($url: String!) {
    createWebhookEndpoint(input: { url: $url, eventTypes: [EVENT_CREATED] }) {
      endpoint {
        id
      }
    }
  }
`);

describe('the console’s webhooks', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let receiverUrl: string;
  // The receiver fails every request until it is fixed.
  let fixed = false;
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(fixed ? 200 : 500, { 'content-type': 'text/plain' });
      response.end(fixed ? 'thanks' : 'receiver is down');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
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

  it('shows a failing delivery’s attempts, and Redeliver to the fixed receiver succeeds', async () => {
    const { key } = await server.newTenant();
    const created = await server.graphql(ConsoleTestEndpoint, { url: receiverUrl }, { key });
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    await server.graphql(LogEvent, { input: { type: 'order.placed', id: 'order-1' } }, { key });

    const page = await signIn(browser, server.url, key);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    const card = page.getByRole('article', { name: `Endpoint ${receiverUrl}` });
    await card.getByText('enabled').waitFor();
    await card.getByRole('button', { name: 'Deliveries' }).click();
    expect(new URL(page.url()).searchParams.get('endpoint')).toBe(endpointId);
    const delivery = page.getByRole('list', { name: 'Deliveries' }).locator('li').first();
    const attempts = delivery.getByRole('table');
    await attempts.getByRole('cell', { name: '500', exact: true }).first().waitFor();
    await delivery.getByText('receiver is down').first().waitFor();
    await screenshot(page, 'delivery-failing');
    fixed = true;
    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    const manual = attempts.locator('tbody tr', { hasText: 'manual' });
    await manual.getByRole('cell', { name: '200', exact: true }).waitFor();
    await manual.getByText('thanks').waitFor();
    await delivery.getByText('SUCCEEDED').waitFor();
    await page.reload();
    await card.getByTestId('success-rate').getByText('100.0% of 1').waitFor();
    await screenshot(page, 'delivery-redelivered');

    // Recover queues again what the endpoint was sent since a time, and says how many.
    await card.getByLabel('Recover since').fill('2000-01-01T00:00');
    await card.getByRole('button', { name: 'Recover' }).click();
    await card
      .getByRole('status')
      .getByText(/^\d+ queued$/)
      .waitFor();
    await page.context().close();
  });

  it('lists the event catalogue with each type’s schema and example', async () => {
    const { key } = await server.newTenant();
    const page = await signIn(browser, server.url, key);
    await page.goto(`${server.url}/console/webhooks/event-types`);
    const type = page.getByRole('article', { name: 'app_event.logged' });
    await type.getByText('Also: event.created').waitFor();
    await type.getByText('Schema', { exact: true }).click();
    await expect(type.locator('pre').first().textContent()).resolves.toContain('"properties"');
    await type.getByText('Example', { exact: true }).click();
    await expect(type.locator('pre').nth(1).textContent()).resolves.toContain('{');
    await page.context().close();
  });
});
