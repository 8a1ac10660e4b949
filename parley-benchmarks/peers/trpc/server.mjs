// tRPC v11 standalone server for Parley's load benchmark: an `echo` query that returns its input,
// validated as Parley's echo is ({text}, at most 1000 characters).
// Usage: node server.mjs PORT [zod|plain]   (listens on 127.0.0.1 only)
//   zod   (default) the input schema in zod, as tRPC's documentation and most tRPC apps write it
//   plain a hand-written validator function, the lightest check tRPC accepts
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { z } from 'zod';

const t = initTRPC.create();

const plainEcho = (value) => {
  if (typeof value !== 'object' || value === null || typeof value.text !== 'string' || value.text.length > 1000) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'text: expected a string of at most 1000 characters' });
  }
  return { text: value.text };
};
const zodEcho = z.object({ text: z.string().max(1000) });

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const validator = (process.argv[3] ?? 'zod') === 'plain' ? plainEcho : zodEcho;

const appRouter = t.router({
  echo: t.procedure.input(validator).query(({ input }) => input),
});

createHTTPServer({ router: appRouter }).listen(port, '127.0.0.1');
console.log(`trpc echo (${process.argv[3] ?? 'zod'}) listening on http://127.0.0.1:${port}/echo`);
