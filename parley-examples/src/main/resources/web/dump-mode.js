// The page opened with no server: answers its queries from the static dump that dump.js holds
// (written by StaticSite), as the server would have answered them, and turns off what needs a server.
'use strict';

(function () {
  const dump = window.PARLEY_DUMP;
  if (!dump) return;

  /** The canonical JSON of an input, the dump's key: no whitespace, properties sorted by name. */
  function canonical(value) {
    if (value === undefined || value === null) return 'null';
    if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
    if (typeof value === 'object') {
      return '{' + Object.keys(value).filter((k) => value[k] !== undefined).sort()
        .map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
    }
    return JSON.stringify(value);
  }

  function error(code, message) {
    return { error: { message, data: { code } } };
  }

  window.parleyDump = {
    /** The tRPC envelope of a query: the dumped output, else the fallback, else NOT_FOUND. */
    query(name, input) {
      const p = dump.procedures[name];
      const key = canonical(input);
      if (p && Object.prototype.hasOwnProperty.call(p.entries, key)) {
        return { result: { data: p.entries[key] } };
      }
      if (p && Object.prototype.hasOwnProperty.call(p, 'fallback')) {
        return { result: { data: p.fallback } };
      }
      return error('NOT_FOUND', 'The static dump has no answer of "' + name + '" for ' + key);
    },
    /** A mutation's envelope: refused, there is no server to change anything. */
    mutate(name) {
      return error('METHOD_NOT_SUPPORTED',
        'the page answers from a static dump: "' + name + '" needs the server');
    },
  };

  for (const control of document.querySelectorAll('#add-form input, #add-form button')) {
    control.disabled = true;
  }
  const note = document.createElement('p');
  note.id = 'static-note';
  note.className = 'status';
  note.textContent = 'A static copy of the page, answered from a dump: read-only, no server.';
  document.querySelector('header').append(note);
})();
