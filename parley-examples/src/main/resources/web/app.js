// The todo page: plain fetch calls on Parley's tRPC v11 HTTP wire, and one WebSocket that tells it
// when another window changed what it shows; no framework, no build step.
'use strict';

const API = '/parley';

/** An error answered by the server: its tRPC `error` object, with `data.code` and `data.issues`. */
class RpcError extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.data && error.data.code;
    this.issues = (error.data && error.data.issues) || [];
  }
}

/** Reads a tRPC answer: the `result` object on success, a thrown RpcError otherwise. */
async function read(response) {
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error('The server answered ' + response.status + ' with no JSON');
  }
  if (body.error) throw new RpcError(body.error);
  return body.result;
}

/** A tRPC envelope's `result`, or its `error` thrown as an RpcError. */
function unwrap(body) {
  if (body.error) throw new RpcError(body.error);
  return body.result;
}

/** A query: GET {base}/{name}, input (if any) as JSON in the `input` parameter. */
async function query(name, input) {
  if (window.parleyDump) return unwrap(window.parleyDump.query(name, input));
  const q = input === undefined ? '' : '?input=' + encodeURIComponent(JSON.stringify(input));
  return read(await fetch(API + '/' + name + q));
}

/** A mutation: POST {base}/{name}, input as the JSON body. */
async function mutate(name, input) {
  if (window.parleyDump) return unwrap(window.parleyDump.mutate(name));
  return read(await fetch(API + '/' + name, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  }));
}

const form = document.getElementById('add-form');
const textInput = document.getElementById('todo-text');
const addButton = document.getElementById('add-button');
const fieldError = document.getElementById('todo-error');
const status = document.getElementById('status');
const list = document.getElementById('todo-list');
const empty = document.getElementById('empty');
const count = document.getElementById('count');
const resources = document.getElementById('resources');

function showStatus(message) {
  status.textContent = message || '';
  status.hidden = !message;
}

function showFieldError(message) {
  fieldError.textContent = message || '';
  fieldError.hidden = !message;
  textInput.setAttribute('aria-invalid', message ? 'true' : 'false');
}

function render(todos) {
  list.replaceChildren(...todos.map((todo) => {
    const li = document.createElement('li');
    li.dataset.id = todo.id;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = todo.text;
    const time = document.createElement('time');
    time.dateTime = todo.createdAt;
    time.textContent = new Date(todo.createdAt).toLocaleTimeString();
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'delete';
    del.textContent = 'Delete';
    del.setAttribute('aria-label', 'Delete "' + todo.text + '"');
    del.disabled = Boolean(window.parleyDump); // a static copy has no server to delete on
    del.addEventListener('click', () => remove(todo.id));
    li.append(text, time, del);
    return li;
  }));
  empty.hidden = todos.length > 0;
  count.textContent = todos.length === 1 ? '1 todo' : todos.length + ' todos';
}

// ---- live queries: refetched when an overlapping mutation happens, here or in another window ----

/**
 * Whether two resource names overlap: equal exact names, or a name below a pattern's prefix
 * (`todo/*` is `todo/3` and `todo/x/y`, not `todos`), or two patterns one below the other.
 * The same rule as the server's (ResourceNames) and the Java client's.
 */
function overlap(a, b) {
  const pa = a.endsWith('/*');
  const pb = b.endsWith('/*');
  if (!pa && !pb) return a === b;
  if (pa && pb) {
    const x = a.slice(0, -1);
    const y = b.slice(0, -1);
    return x.startsWith(y) || y.startsWith(x);
  }
  const prefix = (pa ? a : b).slice(0, -1);
  const name = pa ? b : a;
  return name.length > prefix.length && name.startsWith(prefix);
}

/** Every live query: what its last answer declared it read, and its refetch state. */
const live = [];
let socket = null;

/**
 * Calls `name` now and again each time a mutation overlaps the resources its answer declared: one
 * call at a time, and one more remembered while it runs, however many invalidations come.
 */
function listen(name, input, onValue, onError) {
  const q = { name, input, onValue, onError, resources: [], running: null, next: null };
  const run = async () => {
    try {
      const result = await query(name, input);
      setWatched(q, result.resources || [], result.seq);
      onValue(result.data);
    } catch (e) {
      onError(e);
    }
  };
  // Resolves once an answer asked for after this call was shown.
  q.fetch = () => {
    if (q.next) return q.next; // one call in flight, one more remembered
    if (q.running) {
      q.next = q.running.then(() => {
        q.next = null;
        q.running = run().finally(() => { q.running = null; });
        return q.running;
      });
      return q.next;
    }
    q.running = run().finally(() => { q.running = null; });
    return q.running;
  };
  live.push(q);
  q.fetch();
  return q;
}

/** The names watched: those of every live query's last answer. */
function watchedNames() {
  return [...new Set(live.flatMap((q) => q.resources))];
}

/**
 * Records what `q` read, and tells the server over the WebSocket what is now (un)watched. `seq`
 * is the server's invalidation sequence the answer carried: the watch says it as `since`, so that
 * the server pushes at once a change that landed between the answer and the watch.
 */
function setWatched(q, resources, seq) {
  const before = new Set(watchedNames());
  q.resources = resources;
  const after = new Set(watchedNames());
  send('parley.watch', [...after].filter((r) => !before.has(r)), seq);
  send('parley.unwatch', [...before].filter((r) => !after.has(r)));
}

function send(method, resources, since) {
  if (resources.length > 0 && socket && socket.readyState === WebSocket.OPEN) {
    const params = Number.isInteger(since) && since >= 0 ? { resources, since } : { resources };
    socket.send(JSON.stringify({ method, params }));
  }
}

/**
 * Resources changed: every live query that read an overlapping one is fetched again. Resolves
 * once their new answers are shown.
 */
function invalidate(changed) {
  return Promise.all(live
    .filter((q) => q.resources.some((r) => changed.some((c) => overlap(r, c))))
    .map((q) => q.fetch()));
}

/** A server event: `presence` says how many windows are online now. */
function onEvent(name, payload) {
  if (name === 'presence') {
    document.getElementById('online').textContent = payload.online + ' online';
  }
}

/**
 * One WebSocket to the server, for invalidations and server events: it says hello, watches what the live
 * queries read, and hears of every other window's mutations. Reconnects after a second; after a
 * reconnect every live query is fetched again, since invalidations may have been missed.
 */
function connect(again) {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + API);
  ws.addEventListener('open', () => {
    socket = ws;
    ws.send(JSON.stringify({ method: 'parley.hello', params: { version: 1 } }));
    send('parley.watch', watchedNames());
    if (again) live.forEach((q) => q.fetch());
    if (window.onParleyOpen) window.onParleyOpen(ws); // chat.js: the room channel connects again
  });
  ws.addEventListener('message', (event) => {
    if (event.data === 'PONG') return;
    const message = JSON.parse(event.data);
    if (message.method === 'parley.invalidate') invalidate(message.params.resources);
    else if (message.method === 'parley.event') onEvent(message.params.name, message.params.payload);
    else if (window.onParleyMessage) window.onParleyMessage(message); // chat.js
  });
  ws.addEventListener('close', () => {
    if (socket === ws) socket = null;
    setTimeout(() => connect(true), 1000);
  });
}

const todos = listen('getTodos', undefined, (data) => {
  render(data);
  showStatus('');
}, (e) => showStatus('Could not load the todos: ' + e.message));

/** After this window's mutation: shows what it changed; resolves once overlapping queries refetched. */
function afterMutation(result) {
  const changed = result.resources || [];
  resources.textContent = changed.join(', ') || 'none';
  return invalidate(changed);
}

async function remove(id) {
  try {
    await afterMutation(await mutate('deleteTodo', { id }));
  } catch (e) {
    showStatus(e.code === 'NOT_FOUND' ? 'That todo was already gone.' : 'Could not delete: ' + e.message);
    await todos.fetch();
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  addButton.disabled = true;
  try {
    await afterMutation(await mutate('addTodo', { text: textInput.value }));
    textInput.value = '';
    showFieldError('');
  } catch (e) {
    const issue = e.issues && (e.issues.find((i) => i.path === 'text') || e.issues[0]);
    if (issue) {
      showFieldError(issue.message);
      showStatus('');
    } else {
      showStatus('Could not add: ' + e.message);
    }
  } finally {
    addButton.disabled = false;
    textInput.focus();
  }
});

// a static copy (dump mode) has no server to hear other windows' changes from
if (!window.parleyDump) connect(false);

// buildInfo is a static query: its answer never changes while the server runs (or is the dump's).
query('buildInfo').then((result) => {
  document.getElementById('build').textContent = 'v' + result.data.version + ', started '
    + new Date(result.data.startedAt).toLocaleString();
}).catch(() => {});
