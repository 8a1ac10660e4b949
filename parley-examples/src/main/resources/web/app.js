// The todo page: plain fetch calls on Parley's tRPC v11 HTTP wire, no framework, no build step.
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

async function refresh() {
  try {
    const result = await query('getTodos');
    render(result.data);
    showStatus('');
  } catch (e) {
    showStatus('Could not load the todos: ' + e.message);
  }
}

// What the list shows was read from these resources (TodoServer declares the same for getTodos).
// A mutation's answer lists the resources it changed; the list is fetched again when they overlap,
// as Covenant RPC's clients do.
const LIST_READS = ['todos'];

function afterMutation(result) {
  const changed = result.resources || [];
  resources.textContent = changed.join(', ') || 'none';
  return changed.some((r) => LIST_READS.includes(r)) ? refresh() : Promise.resolve();
}

async function remove(id) {
  try {
    await afterMutation(await mutate('deleteTodo', { id }));
  } catch (e) {
    showStatus(e.code === 'NOT_FOUND' ? 'That todo was already gone.' : 'Could not delete: ' + e.message);
    await refresh();
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

refresh();

// buildInfo is a static query: its answer never changes while the server runs (or is the dump's).
query('buildInfo').then((result) => {
  document.getElementById('build').textContent = 'v' + result.data.version + ', started '
    + new Date(result.data.startedAt).toLocaleString();
}).catch(() => {});
