// tRPC v11 side of Parley's WebSocket fan-out benchmark: the same four procedures as Parley's
// FanoutServer, on tRPC's standalone HTTP server with applyWSSHandler (what wsLink talks to) on the
// same port. Each `fanout` subscription follows an EventEmitter with `on()`, as tRPC's
// documentation fans out, and yields tracked values.
// Usage: node --expose-gc ws-server.mjs PORT   (listens on 127.0.0.1 only)
import { EventEmitter, on } from 'node:events';
import { initTRPC, tracked } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { z } from 'zod';

const t = initTRPC.create();
const feed = new EventEmitter();
feed.setMaxListeners(0);
let followers = 0;
let seq = 0;

const appRouter = t.router({
  // every value published from now on, tracked by its sequence number
  fanout: t.procedure.subscription(async function* ({ signal }) {
    followers++;
    try {
      for await (const [id, stamp] of on(feed, 'stamp', { signal })) {
        yield tracked(id, stamp);
      }
    } finally {
      followers--;
    }
  }),
  publish: t.procedure.input(z.object({ t: z.number().int() })).mutation(({ input }) => {
    feed.emit('stamp', String(++seq), input);
  }),
  followers: t.procedure.query(() => followers),
  // the heap in use after full collections (needs --expose-gc)
  heap: t.procedure.query(() => {
    for (let i = 0; i < 3; i++) globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  }),
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 3001);
const server = createHTTPServer({ router: appRouter });
const wss = new WebSocketServer({ server });
applyWSSHandler({ wss, router: appRouter });
server.listen(port, '127.0.0.1');
console.log(`trpc fan-out listening on ws://127.0.0.1:${port}/ (gc ${typeof globalThis.gc})`);
