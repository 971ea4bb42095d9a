import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RequestLogController } from '../../src/http/request-log.js';

/** A Fastify app whose log lines are collected as parsed JSON objects. */
function appLoggingAt(level: string) {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level }, sink), logController: new RequestLogController() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  return { app, lines };
}

const messages = (lines: { msg: string }[]) => lines.map((l) => l.msg);

describe('RequestLogController', () => {
  it('writes no per-request lines at info', async () => {
    const { app, lines } = appLoggingAt('info');
    expect((await app.inject({ url: '/ok' })).statusCode).toBe(200);
    expect(messages(lines)).not.toContain('incoming request');
    expect(messages(lines)).not.toContain('request completed');
    await app.close();
  });

  it('writes both lines at debug', async () => {
    const { app, lines } = appLoggingAt('debug');
    await app.inject({ url: '/ok' });
    expect(messages(lines)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    await app.close();
  });

  it('still logs a failed request at error level', async () => {
    const { app, lines } = appLoggingAt('info');
    expect((await app.inject({ url: '/boom' })).statusCode).toBe(500);
    expect(lines.some((l) => l.level >= 50 && l.msg === 'boom')).toBe(true);
    await app.close();
  });
});
