// tRPC v11 side of Parley's round-trip benchmark (run.sh rtt): the procedures of Parley's
// RoundTripContract that tRPC can serve, on its standalone HTTP server with applyWSSHandler (what
// wsLink talks to) on the same port. `echo` answers its input; `say` hands a stamp to the `said`
// subscribers of its room through an EventEmitter, as tRPC's documentation builds a chat.
// Usage: node rtt-server.mjs PORT   (listens on 127.0.0.1 only)
import { EventEmitter, on } from 'node:events';
import { initTRPC } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { z } from 'zod';

const t = initTRPC.create();
const rooms = new EventEmitter();
rooms.setMaxListeners(0);
const stamp = z.object({ t: z.number().int() });

const appRouter = t.router({
  echo: t.procedure.input(stamp).query(({ input }) => input),
  say: t.procedure.input(z.object({ room: z.string(), t: z.number().int() })).mutation(({ input }) => {
    rooms.emit(input.room, { t: input.t });
  }),
  said: t.procedure.input(z.object({ room: z.string() })).subscription(async function* ({ input, signal }) {
    for await (const [value] of on(rooms, input.room, { signal })) {
      yield value;
    }
  }),
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 3002);
const server = createHTTPServer({ router: appRouter });
const wss = new WebSocketServer({ server });
applyWSSHandler({ wss, router: appRouter });
server.listen(port, '127.0.0.1');
console.log(`trpc round trips listening on ws://127.0.0.1:${port}/`);
