// Calls a Parley todo server with the real @trpc/client, through httpBatchLink, httpBatchStreamLink
// (trpc-accept: application/jsonl) and httpLink; then subscribes to its ticker, chat and slow
// through httpSubscriptionLink (in a splitLink) and wsLink (subscriptions.mjs).
// Usage: node trpc-client.test.mjs http://127.0.0.1:8080/parley USER_TOKEN AGENT_TOKEN
// (the tokens the demo printed at start-up; the role checks run only when they are given)
// Exits 0 when every check passes, 1 when one fails, 2 on bad usage.
import assert from 'node:assert/strict';
import {
  createTRPCClient, httpBatchLink, httpBatchStreamLink, httpLink, TRPCClientError,
} from '@trpc/client';
import {
  sseClient, startProxy, subscriptionChecks, webSocketChecks, wsClientOf,
} from './subscriptions.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node trpc-client.test.mjs <base url, e.g. http://127.0.0.1:8080/parley>');
  process.exit(2);
}

const [userToken, agentToken] = process.argv.slice(3);
const links = { httpBatchLink, httpBatchStreamLink, httpLink };
/** A client of `link` that sends `token` as a bearer token, or none. */
const clientOf = (link, token) => createTRPCClient({
  links: [links[link]({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })],
});
const clients = Object.fromEntries(Object.keys(links).map((link) => [link, clientOf(link)]));

/** Awaits `promise`, expecting it to reject with a TRPCClientError of `code`; returns the error. */
async function rejectsWith(promise, code, httpStatus) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected ${code}, got the value ${JSON.stringify(value)}`);
  } catch (e) {
    error = e;
  }
  if (error instanceof assert.AssertionError) throw error;
  assert.ok(error instanceof TRPCClientError, `expected a TRPCClientError, got ${error}`);
  assert.equal(error.data?.code, code, `data.code of ${JSON.stringify(error.shape)}`);
  assert.equal(error.data?.httpStatus, httpStatus, `data.httpStatus of ${JSON.stringify(error.shape)}`);
  assert.equal(typeof error.message, 'string');
  return error;
}

function assertTodo(todo, text) {
  assert.equal(typeof todo.id, 'string');
  assert.equal(todo.text, text);
  assert.ok(!Number.isNaN(Date.parse(todo.createdAt)), `createdAt ${todo.createdAt} is a date`);
}

function checks(linkName, client) {
  const tag = `${linkName} ${process.pid}`;
  return {
    async listsAddsAndDeletes() {
      const before = await client.getTodos.query();
      assert.ok(Array.isArray(before), 'getTodos returns an array');

      const added = await client.addTodo.mutate({ text: `milk (${tag})` });
      assertTodo(added, `milk (${tag})`);

      const during = await client.getTodos.query();
      assert.deepEqual(during.find((t) => t.id === added.id), added);
      assert.equal(during.length, before.length + 1);

      const deleted = await client.deleteTodo.mutate({ id: added.id });
      assert.equal(deleted, undefined, 'deleteTodo returns no data');

      const after = await client.getTodos.query();
      assert.equal(after.find((t) => t.id === added.id), undefined);
    },

    async callsIssuedTogetherAllSucceed() {
      const [a, b, list] = await Promise.all([
        client.addTodo.mutate({ text: `a (${tag})` }),
        client.addTodo.mutate({ text: `b (${tag})` }),
        client.getTodos.query(),
      ]);
      assertTodo(a, `a (${tag})`);
      assertTodo(b, `b (${tag})`);
      assert.notEqual(a.id, b.id);
      assert.ok(Array.isArray(list));
      await Promise.all([client.deleteTodo.mutate({ id: a.id }), client.deleteTodo.mutate({ id: b.id })]);
    },

    async emptyTextIsBadRequestWithIssueAtText() {
      const error = await rejectsWith(client.addTodo.mutate({ text: '' }), 'BAD_REQUEST', 400);
      assert.ok(Array.isArray(error.data.issues), `data.issues in ${JSON.stringify(error.shape)}`);
      assert.ok(error.data.issues.some((i) => i.path === 'text' && typeof i.message === 'string'),
        `an issue at "text" in ${JSON.stringify(error.data.issues)}`);
      assert.equal(error.data.path, 'addTodo');
    },

    async textOverTwoHundredCharsIsBadRequest() {
      const error = await rejectsWith(client.addTodo.mutate({ text: 'x'.repeat(201) }), 'BAD_REQUEST', 400);
      assert.ok(error.data.issues.some((i) => i.path === 'text'));
    },

    async missingTextIsBadRequest() {
      const error = await rejectsWith(client.addTodo.mutate({}), 'BAD_REQUEST', 400);
      assert.ok(error.data.issues.some((i) => i.path === 'text'));
    },

    async deletingAnUnknownIdIsNotFound() {
      await rejectsWith(client.deleteTodo.mutate({ id: `no-such-id-${tag}` }), 'NOT_FOUND', 404);
    },

    async oneFailureInABatchLeavesTheOthersAlone() {
      const [good, bad] = await Promise.allSettled([
        client.addTodo.mutate({ text: `good (${tag})` }),
        client.addTodo.mutate({ text: '' }),
      ]);
      assert.equal(good.status, 'fulfilled', `the good call: ${good.reason}`);
      assert.equal(bad.status, 'rejected');
      assert.equal(bad.reason.data?.code, 'BAD_REQUEST');
      await client.deleteTodo.mutate({ id: good.value.id });
    },

    async aDiscriminatedUnionRoundTrips() {
      const added = await client.addTodo.mutate({ text: `union ${tag}` });
      const containing = await client.findTodos.query({ type: 'containing', text: `UNION ${tag}` });
      assert.deepEqual(containing, [added]);
      const newest = await client.findTodos.query({ type: 'newest', count: 1 });
      assert.equal(newest.length, 1);
      assert.ok((await client.findTodos.query({ type: 'all' })).some((t) => t.id === added.id));
      assert.deepEqual(await client.getTodo.query({ id: added.id }), { type: 'Found', todo: added });
      await client.deleteTodo.mutate({ id: added.id });
      assert.deepEqual(await client.getTodo.query({ id: added.id }), { type: 'Missing', id: added.id });
    },

    async anUnknownOrMissingVariantIsBadRequestAtType() {
      for (const input of [{ type: 'oldest', count: 1 }, { count: 1 }]) {
        const error = await rejectsWith(client.findTodos.query(input), 'BAD_REQUEST', 400);
        assert.ok(error.data.issues.some((i) => i.path === 'type'),
          `an issue at "type" in ${JSON.stringify(error.data.issues)}`);
      }
      const error = await rejectsWith(client.findTodos.query({ type: 'newest', count: 0 }),
        'BAD_REQUEST', 400);
      assert.ok(error.data.issues.some((i) => i.path === 'count'),
        `an issue at "count" in ${JSON.stringify(error.data.issues)}`);
    },

    async unknownProcedureIsNotFound() {
      await rejectsWith(client.noSuchProcedure.query(), 'NOT_FOUND', 404);
    },

    async aMutationCalledAsAQueryIsRefused() {
      await rejectsWith(client.addTodo.query({ text: 'by GET' }), 'METHOD_NOT_SUPPORTED', 405);
    },
  };
}

function roleChecks(linkName) {
  const user = clientOf(linkName, userToken);
  const agent = clientOf(linkName, agentToken);
  const anonymous = clientOf(linkName);
  return {
    async aUserSaysAndEveryoneReadsIt() {
      const said = await user.say.mutate({ text: `hi from ${linkName}` });
      assert.equal(said.author, 'ada');
      assert.equal(said.role, 'user');
      const messages = await anonymous.messages.query();
      assert.ok(messages.some((m) => m.id === said.id), 'the message is listed for everyone');
    },

    async anAgentAnnounces() {
      const announced = await agent.announce.mutate({ text: `release from ${linkName}` });
      assert.equal(announced.author, 'bot');
    },

    async anotherRolesVerbIsNotFound() {
      await rejectsWith(agent.say.mutate({ text: 'hi' }), 'NOT_FOUND', 404);
      await rejectsWith(user.announce.mutate({ text: 'hi' }), 'NOT_FOUND', 404);
      await rejectsWith(anonymous.say.mutate({ text: 'hi' }), 'NOT_FOUND', 404);
    },

    async aWrongTokenIsUnauthorized() {
      await rejectsWith(clientOf(linkName, 'guess').messages.query(), 'UNAUTHORIZED', 401);
    },
  };
}

let failed = 0;
let passed = 0;
const groups = Object.entries(clients).map(([linkName, client]) => [linkName, checks(linkName, client)]);
if (userToken && agentToken) {
  for (const linkName of Object.keys(links)) groups.push([linkName, roleChecks(linkName)]);
}
const proxy = await startProxy(url);
groups.push(['httpSubscriptionLink',
  subscriptionChecks('httpSubscriptionLink', url, (u) => ({ client: sseClient(u) }), proxy)]);
groups.push(['wsLink', subscriptionChecks('wsLink', url, wsClientOf, proxy)]);
groups.push(['wsLink', webSocketChecks(url)]);
for (const [linkName, group] of groups) {
  for (const [name, check] of Object.entries(group)) {
    try {
      await check();
      passed++;
      console.log(`ok   ${linkName} ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${linkName} ${name}\n     ${String(e?.stack ?? e).replaceAll('\n', '\n     ')}`);
    }
  }
}
await proxy.close();
console.log(`${passed} passed, ${failed} failed (@trpc/client against ${url})`);
process.exit(failed === 0 ? 0 : 1);
