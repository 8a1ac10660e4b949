// Subscriptions of the Parley demo through the real @trpc/client: httpSubscriptionLink inside a
// splitLink (queries and mutations through httpBatchLink) and wsLink. Imported by
// trpc-client.test.mjs, which runs every group and prints one line per check.
//
// A TCP proxy in front of the demo drops connections on demand, so that resuming is checked
// against real dropped connections: EventSource reconnects with Last-Event-ID, wsLink with
// params.lastEventId.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import {
  createTRPCClient, createWSClient, httpBatchLink, httpSubscriptionLink, splitLink, wsLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';

const WAIT_MS = 15_000;

/** A TCP proxy to `target` (an http URL) on a free port: `drop()` cuts every connection. */
export async function startProxy(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let connections = 0;
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = new URL(target);
  base.host = `127.0.0.1:${server.address().port}`;
  return {
    url: base.toString().replace(/\/$/, ''),
    get connections() { return connections; },
    /** Destroys every open connection at once, both ways: the peers see a reset or an end. */
    drop() {
      for (const s of sockets) s.destroy();
    },
    close() {
      this.drop();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const wsUrlOf = (httpUrl) => httpUrl.replace(/^http/, 'ws');

/** A client whose subscriptions go over SSE and whose other calls go through httpBatchLink. */
export function sseClient(url) {
  return createTRPCClient({
    links: [splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url, EventSource }),
      false: httpBatchLink({ url }),
    })],
  });
}

/** A client of one WebSocket (counted in `sockets.opened`) for every call, and its wsClient. */
export function wsClientOf(url) {
  const sockets = { opened: 0 };
  class CountingWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      sockets.opened++;
    }
  }
  const ws = createWSClient({ url: wsUrlOf(url), WebSocket: CountingWebSocket, retryDelayMs: () => 200 });
  return { client: createTRPCClient({ links: [wsLink({ client: ws })] }), ws, sockets };
}

/**
 * Subscribes to `path` with `input` and records what arrives: `values` (what onData got), whether
 * it `started`, and `done`, a promise of how it ended ({completed: true} or {error}).
 */
export function record(client, path, input) {
  const rec = { values: [], started: 0, states: [], waiters: [] };
  let finish;
  rec.done = new Promise((resolve) => { finish = resolve; });
  const wake = () => {
    rec.waiters = rec.waiters.filter((w) => !w());
  };
  const procedure = path.split('.').reduce((p, part) => p[part], client);
  rec.subscription = procedure.subscribe(input, {
    onStarted() { rec.started++; wake(); },
    onData(value) { rec.values.push(value); wake(); },
    onError(error) { rec.error = error; finish({ error }); wake(); },
    onComplete() { rec.completed = true; finish({ completed: true }); wake(); },
    onConnectionStateChange(state) { rec.states.push(state.state); },
  });
  /** Resolves once `test()` holds, or fails after WAIT_MS naming `what`. */
  rec.until = (what, test) => new Promise((resolve, reject) => {
    if (test()) { resolve(); return; }
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${
      JSON.stringify({ values: rec.values, started: rec.started, error: rec.error?.message, states: rec.states })}`)), WAIT_MS);
    rec.waiters.push(() => {
      if (!test()) return false;
      clearTimeout(timer);
      resolve();
      return true;
    });
  });
  rec.count = (n) => rec.until(`${n} values`, () => rec.values.length >= n);
  rec.ended = () => Promise.race([rec.done, new Promise((_, reject) => setTimeout(
    () => reject(new Error(`no end within ${WAIT_MS} ms; got ${JSON.stringify(rec.values)}`)), WAIT_MS))]);
  rec.stop = () => rec.subscription.unsubscribe();
  return rec;
}

/** Polls `read()` until it returns `expected`, for at most WAIT_MS. */
async function eventually(what, read, expected) {
  const until = Date.now() + WAIT_MS;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: expected ${expected}, still ${last} after ${WAIT_MS} ms`);
}

const ticks = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => ({ id: String(from + i), data: { n: from + i } }));

function assertTypedError(error, code, httpStatus) {
  assert.ok(error instanceof TRPCClientError, `expected a TRPCClientError, got ${error}`);
  assert.equal(error.data?.code, code, `data.code of ${JSON.stringify(error.shape)}`);
  if (httpStatus) assert.equal(error.data?.httpStatus, httpStatus, `httpStatus of ${JSON.stringify(error.shape)}`);
}

/**
 * The checks of one link. `link` is 'httpSubscriptionLink' or 'wsLink' (the child mode below
 * subscribes over it); `clientOf(url)` makes {client} whose subscriptions use it; `proxy` is a
 * proxy to `url` (startProxy).
 */
export function subscriptionChecks(link, url, clientOf, proxy) {
  const { client } = clientOf(url);
  const tag = `${link}-${process.pid}`;
  const checks = {
    async tickerEmitsTrackedValuesThenCompletes() {
      const rec = record(client, 'ticker', { from: 5, count: 3, intervalMs: 10 });
      assert.deepEqual(await rec.ended(), { completed: true });
      assert.equal(rec.started, 1, 'started once');
      assert.deepEqual(rec.values, ticks(5, 7));
    },

    async tickerResumesAfterTheLastEventIdOfItsInput() {
      const rec = record(client, 'ticker', { from: 0, count: 5, intervalMs: 0, lastEventId: '2' });
      assert.deepEqual(await rec.ended(), { completed: true });
      assert.deepEqual(rec.values, ticks(3, 4));
      const before = record(client, 'ticker', { from: 10, count: 2, intervalMs: 0, lastEventId: '-4' });
      await before.ended();
      assert.deepEqual(before.values, ticks(10, 11), 'resumed before `from`, it starts at `from`');
    },

    async tickerResumesAfterADroppedConnectionWithNothingLostOrDoubled() {
      const { client: proxied } = clientOf(proxy.url);
      const connections = proxy.connections;
      const rec = record(proxied, 'ticker', { from: 100, count: 24, intervalMs: 40 });
      await rec.count(5);
      proxy.drop();
      await rec.until('values after the drop', () => rec.values.length > 12);
      proxy.drop();
      assert.deepEqual(await rec.ended(), { completed: true });
      assert.deepEqual(rec.values, ticks(100, 123));
      assert.ok(proxy.connections >= connections + 3, `reconnected twice: ${proxy.connections - connections} connections`);
    },

    async chatOnMessageGetsTheRoomsMessagesLiveAndByResumeAfterADrop() {
      const { client: proxied } = clientOf(proxy.url);
      const room = `room-${tag}`;
      const sent = [];
      const say = async (text) => {
        const { id } = await client.chat.send.mutate({ room, text });
        sent.push({ id, data: { id, room, text } });
      };
      await say('before'); // followed from its id, so that nothing sent next can be missed
      const rec = record(proxied, 'chat.onMessage', { room, lastEventId: sent[0].id });
      await client.chat.send.mutate({ room: `other-${tag}`, text: 'elsewhere' });
      for (const text of ['one', 'two', 'three']) await say(text);
      await rec.count(3);
      const connections = proxy.connections;
      proxy.drop();
      for (const text of ['while', 'it', 'was', 'away']) await say(text);
      await rec.count(7);
      await say('live again');
      await rec.count(8);
      rec.stop();
      assert.deepEqual(rec.values, sent.slice(1));
      assert.ok(proxy.connections > connections, 'it reconnected');
      assert.ok(sent.every((m, i) => i === 0 || Number(m.id) > Number(sent[i - 1].id)), 'ids increase');
    },

    async stoppingEndsTheServersSubscriptionAndSlowActiveDropsBack() {
      await eventually('slow.active before', () => client.slow.active.query(), 0);
      const a = record(client, 'slow', undefined);
      const b = record(client, 'slow', undefined);
      await a.count(1);
      await b.count(2);
      assert.deepEqual(b.values.slice(0, 2), [0, 1].map((n) => ({ n })));
      assert.equal(await client.slow.active.query(), 2);
      a.stop();
      await eventually('slow.active after one stop', () => client.slow.active.query(), 1);
      b.stop();
      await eventually('slow.active after both stopped', () => client.slow.active.query(), 0);
    },

    async aClientThatVanishesIsNoLongerCounted() {
      const child = spawn(process.execPath, [new URL(import.meta.url).pathname, 'slow', link, url],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => { if (String(d).includes('subscribed')) resolve(); });
        child.on('exit', (code) => reject(new Error(`the child exited ${code} before subscribing`)));
        setTimeout(() => reject(new Error('the child did not subscribe')), WAIT_MS);
      });
      assert.equal(await client.slow.active.query(), 1);
      child.kill('SIGKILL');
      await eventually('slow.active after the client was killed', () => client.slow.active.query(), 0);
    },

    async aBadInputIsATypedBadRequest() {
      const rec = record(client, 'ticker', { from: 0, count: 0, intervalMs: 0 });
      const { error } = await rec.ended();
      assertTypedError(error, 'BAD_REQUEST', 400);
      assert.ok(error.data.issues.some((i) => i.path === 'count'), JSON.stringify(error.data.issues));
      assert.equal(error.data.path, 'ticker');
      assert.deepEqual(rec.values, []);

      const notDecimal = record(client, 'ticker', { from: 0, count: 3, intervalMs: 0, lastEventId: 'abc' });
      assertTypedError((await notDecimal.ended()).error, 'BAD_REQUEST', 400);
      const badRoom = record(client, 'chat.onMessage', { room: '' });
      assertTypedError((await badRoom.ended()).error, 'BAD_REQUEST', 400);
    },
  };
  return checks;
}

/** Checks only wsLink has: many subscriptions on its one WebSocket. */
export function webSocketChecks(url) {
  return {
    async twoHundredSubscriptionsAtOnceOnOneWebSocket() {
      const { client, ws, sockets } = wsClientOf(url);
      try {
        const recs = Array.from({ length: 200 }, (_, i) =>
          record(client, 'ticker', { from: i * 1000, count: 5, intervalMs: 20 }));
        const ends = await Promise.all(recs.map((r) => r.ended()));
        ends.forEach((end, i) => assert.deepEqual(end, { completed: true }, `subscription ${i}: ${end.error?.message}`));
        recs.forEach((r, i) => assert.deepEqual(r.values, ticks(i * 1000, i * 1000 + 4), `subscription ${i}`));
        assert.equal(sockets.opened, 1, 'one WebSocket for all');
      } finally {
        await ws.close();
      }
    },

    async anUnknownSubscriptionIsATypedNotFound() {
      const { client, ws } = wsClientOf(url);
      try {
        const missing = record(client, 'noSuchSubscription', {});
        assertTypedError((await missing.ended()).error, 'NOT_FOUND', 404);
      } finally {
        await ws.close();
      }
    },

    async queriesAndMutationsGoOverTheSameWebSocket() {
      const { client, ws, sockets } = wsClientOf(url);
      try {
        const { id } = await client.chat.send.mutate({ room: 'ws', text: 'hi' });
        assert.match(id, /^[0-9]+$/);
        assert.ok(Array.isArray(await client.getTodos.query()));
        let error;
        try { await client.addTodo.mutate({ text: '' }); } catch (e) { error = e; }
        assertTypedError(error, 'BAD_REQUEST', 400);
        assert.equal(sockets.opened, 1);
      } finally {
        await ws.close();
      }
    },
  };
}

// Child mode, for aClientThatVanishesIsNoLongerCounted: subscribes to `slow` over LINK, prints
// "subscribed" after the first value, and waits to be killed.
//   node subscriptions.mjs slow httpSubscriptionLink|wsLink URL
if (process.argv[2] === 'slow' && import.meta.url === new URL(process.argv[1], 'file:').href) {
  const [, , , link, url] = process.argv;
  const client = link === 'wsLink' ? wsClientOf(url).client : sseClient(url);
  client.slow.subscribe(undefined, {
    onData() { console.log('subscribed'); },
    onError(e) { console.error(`child: ${e}`); process.exit(1); },
  });
}
