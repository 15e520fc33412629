import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.ts';
import { CreateApiKey, CreateProject } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

describe('the web console: served and signed in to', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves its page under /console with a strict policy and its hashed assets for good', async () => {
    const page = await fetch(`${server.url}/console/executions/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = html.match(/src="(\/console\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect(html).not.toMatch(/https?:\/\//);
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/console/assets/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('refuses a bad key where it was typed, with its code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('API key').fill('sb_nope_nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('UNAUTHENTICATED');
    await context.close();
  });

  it('signs in with a key kept for the session, and shows whom it belongs to', async () => {
    const { key, tenantId } = await server.newTenant();
    const page = await signIn(browser, server.url, key);
    await expect(page.getByLabel('Signed in as').textContent()).resolves.toBe(
      `tenant ${tenantId} · all projects`,
    );
    await screenshot(page, 'sign-in');
    await page.reload();
    await page.getByLabel('Signed in as').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await page.reload();
    await page.getByLabel('API key').waitFor();
    await page.context().close();
  });

  it('limits a project key to its project, at 390 pixels too', async () => {
    const { key } = await server.newTenant();
    const project = await server.graphql(CreateProject, { name: 'web' }, { key });
    const projectId = project.data!.createProject.id;
    const created = await server.graphql(CreateApiKey, { name: 'console', projectId }, { key });
    const page = await signIn(browser, server.url, created.data!.createApiKey.secret, 390);
    await expect(page.getByLabel('Signed in as').textContent()).resolves.toContain(
      `project ${projectId}`,
    );
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'executions-390');
    await page.context().close();
  });
});
