// Bare node:http server for Parley's load benchmark: every request gets the same fixed JSON body.
// Usage: node bare.mjs PORT   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';

const body = Buffer.from('{"result":{"data":{"text":"hi"}}}');
const port = Number(process.argv[2] ?? process.env.PORT ?? 3001);

createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`bare node:http listening on http://127.0.0.1:${port}/`));
