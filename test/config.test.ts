import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/kernel/config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      DATA_DIR: './.switchboard',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names every bad value', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://x',
        LOG_LEVEL: 'loud',
        SWITCHBOARD_ADMIN_KEY: 'short',
      });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'SWITCHBOARD_ADMIN_KEY'])
      expect(message).toContain(name);
  });

  it('lends OPENAI_API_KEY to tenants only when OPENAI_API_KEY_FOR_TENANTS is true', () => {
    expect(loadConfig({}).OPENAI_API_KEY_FOR_TENANTS).toBe(false);
    expect(loadConfig({ OPENAI_API_KEY_FOR_TENANTS: 'true' }).OPENAI_API_KEY_FOR_TENANTS).toBe(
      true,
    );
    expect(loadConfig({ OPENAI_API_KEY_FOR_TENANTS: 'false' }).OPENAI_API_KEY_FOR_TENANTS).toBe(
      false,
    );
    expect(() => loadConfig({ OPENAI_API_KEY_FOR_TENANTS: 'sometimes' })).toThrow(
      /OPENAI_API_KEY_FOR_TENANTS/,
    );
  });

  it('reads CORS origins as a list and treats empty strings as unset', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      DATABASE_URL: '',
      REDIS_URL: ' ',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads LLM_PRICES as JSON or from a JSON file, and says what is wrong with a bad one', () => {
    const prices = { 'my-model': { input: 1, output: 2 } };
    expect(loadConfig({ LLM_PRICES: JSON.stringify(prices) }).LLM_PRICES).toEqual(prices);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-prices-')), 'prices.json');
    fs.writeFileSync(file, JSON.stringify(prices));
    expect(loadConfig({ LLM_PRICES: file }).LLM_PRICES).toEqual(prices);
    const problems: [string, RegExp][] = [
      ['{not json', /LLM_PRICES: must be a JSON object of model prices or a path to one/],
      [
        '/no/such/file.json',
        /LLM_PRICES: must be a JSON object of model prices or a path to one: ENOENT/,
      ],
      [JSON.stringify({ 'my-model': { input: -1, output: 2 } }), /LLM_PRICES\.my-model\.input/],
      ['{}', /LLM_PRICES: must name at least one model/],
    ];
    for (const [value, message] of problems)
      expect(() => loadConfig({ LLM_PRICES: value }), value).toThrow(message);
  });

  it('reads OUTBOUND_ALLOWED_NETWORKS as a list of range kinds, and refuses unknown kinds and the old name', () => {
    expect(loadConfig({}).OUTBOUND_ALLOWED_NETWORKS).toEqual([]);
    expect(
      loadConfig({ OUTBOUND_ALLOWED_NETWORKS: 'loopback, private' }).OUTBOUND_ALLOWED_NETWORKS,
    ).toEqual(['loopback', 'private']);
    expect(() => loadConfig({ OUTBOUND_ALLOWED_NETWORKS: 'loopback,intranet' })).toThrow(
      /OUTBOUND_ALLOWED_NETWORKS\.1: must list some of unspecified, loopback, private/,
    );
    expect(() => loadConfig({ DELIVERY_ALLOWED_NETWORKS: 'loopback' })).toThrow(
      /DELIVERY_ALLOWED_NETWORKS: was renamed OUTBOUND_ALLOWED_NETWORKS/,
    );
  });

  it('reads TRUST_PROXY as a hop count or a list of ranges, and the metrics settings', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    const hops = loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY!;
    expect([hops('10.0.0.1', 0), hops('10.0.0.1', 1)]).toEqual([true, false]);
    const ranges = loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY!;
    expect([ranges('127.0.0.1', 0), ranges('10.1.2.3', 1), ranges('203.0.113.7', 0)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(
      /TRUST_PROXY: must be a hop count/,
    );
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadConfig({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
