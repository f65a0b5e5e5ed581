// The page: signing in, the two views (to-dos, and the map in map.js) and the to-do list. Every piece of text
// that comes from a user or the API is put into the page with textContent (or as a form field's value), never
// parsed as HTML, so a title like <img src=x onerror=...> stays plain text.

import { ApiError, call, session } from './api.js';
import { createDevicesView } from './devices.js';
import { createMapView } from './map.js';
import { createLocationSharing } from './share-location.js';
import { createTodoOwners } from './todo-owners.js';
import { createPlacePicker, distanceText, placeOf } from './places.js';
import { button, clearInvalid, clearMessages, el, say, sayProblem } from './ui.js';

const STATUS_LABELS = { pending: 'Pending', in_progress: 'In progress', completed: 'Completed' };
const VIEWS = {
  todos: { title: 'Waymark to-dos', heading: 'todo-heading' },
  map: { title: 'Waymark map', heading: 'map-heading' },
  devices: { title: 'Waymark devices', heading: 'devices-heading' },
};
const PAGE_SIZE = 50;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const byId = (id) => document.getElementById(id);
const signInView = byId('sign-in-view');
const signInForm = byId('sign-in-form');
const todoView = byId('todo-view');
const addForm = byId('add-form');
const statusFilter = byId('status-filter');
const sortOrder = byId('sort-order');
const list = byId('todo-list');
const empty = byId('empty');
const loadMore = byId('load-more');
const account = byId('account');
const viewLinks = byId('views');

let nextCursor = null;
// Who is signed in (GET /auth/me), or null.
let me = null;
// Only the newest list request may render: a slow answer to an older filter must not overwrite a newer one.
let listRequest = 0;

/** Thrown after a 401 has sent the user back to sign-in, so callers stop without reporting twice. */
class SessionEnded extends Error {}

// What a stale view gets told before the list is reloaded with the server's current state.
const STALE = {
  404: 'This to-do is gone: it was deleted somewhere else. The list now shows what is left.',
  412: 'This to-do was changed somewhere else in the meantime. The list now shows the latest version; '
    + 'please make your change again.',
};

/**
 * Runs one user action started inside scope (a form or a to-do item): disables its buttons meanwhile, so a double
 * click sends one request; reports API errors in words; and after a 401 the user is back at sign-in.
 */
async function run(scope, action) {
  clearInvalid(scope);
  const buttons = scope ? [...scope.querySelectorAll('button')] : [];
  buttons.forEach((button) => { button.disabled = true; });
  scope?.setAttribute('aria-busy', 'true');
  try {
    await action();
  } catch (error) {
    if (error instanceof SessionEnded) {
      return;
    }
    if (!(error instanceof ApiError)) {
      console.error(error);
      say(`Something went wrong on this page: ${error.message}`, 'error');
      return;
    }
    if (STALE[error.status] && !todoView.hidden) {
      sayProblem(error, null, STALE[error.status]);
      await loadTodos().catch(() => {});
      return;
    }
    sayProblem(error, scope);
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
    scope?.removeAttribute('aria-busy');
  }
}

/** A call made while signed in: a 401 means the token expired or was revoked, so the user must sign in again. */
async function authed(method, path, options) {
  try {
    return await call(method, path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn();
      say('Your session has ended. Please sign in again.', 'error');
      throw new SessionEnded();
    }
    throw error;
  }
}

// --- signing in and out ---------------------------------------------------------------------------------------

function showSignIn() {
  session.token = null;
  me = null;
  nextCursor = null;
  listRequest += 1;
  list.replaceChildren();
  mapView.leave({ forget: true });
  sharing.disable();
  owners.leave();
  devicesView.leave();
  byId('account-name').textContent = '';
  account.hidden = true;
  viewLinks.hidden = true;
  todoView.hidden = true;
  signInView.hidden = false;
  signInForm.reset();
  byId('user-name').focus();
}

async function enterApp() {
  me = (await authed('GET', 'api/v1/auth/me')).data;
  byId('account-name').textContent = me.user_name;
  account.hidden = false;
  viewLinks.hidden = false;
  signInView.hidden = true;
  sharing.enable();
  await owners.enter(me);
  await showView();
}

// --- the views: #todos (the default) and #map, so a reload or a shared link keeps the view ---------------------

function currentView() {
  const name = window.location.hash.slice(1);
  return Object.hasOwn(VIEWS, name) ? name : 'todos';
}

async function showView({ focus = false } = {}) {
  const name = currentView();
  document.title = VIEWS[name].title;
  document.body.dataset.view = name;
  for (const link of viewLinks.querySelectorAll('a')) {
    if (link.hash === `#${name}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  todoView.hidden = name !== 'todos';
  if (focus) {
    byId(VIEWS[name].heading).focus();
  }
  if (name !== 'devices') {
    devicesView.leave();
  }
  if (name === 'map') {
    await mapView.enter(me);
  } else if (name === 'devices') {
    mapView.leave();
    await devicesView.enter();
  } else {
    mapView.leave();
    await loadTodos();
  }
}

window.addEventListener('hashchange', () => {
  if (me) {
    clearMessages();
    run(null, () => showView({ focus: true }));
  }
});

async function signIn(userName, password) {
  const { data } = await call('POST', 'api/v1/auth/token', {
    form: { grant_type: 'password', username: userName, password }, anonymous: true,
  });
  session.token = data.access_token;
}

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const register = event.submitter?.value === 'register';
  const userName = signInForm.elements.namedItem('user_name').value.trim();
  const password = signInForm.elements.namedItem('password').value;
  run(signInForm, async () => {
    if (register) {
      await call('POST', 'api/v1/users', { json: { user_name: userName, password }, anonymous: true });
    }
    await signIn(userName, password);
    signInForm.reset();
    await enterApp();
    say(register ? `Welcome, ${userName}. Your account is ready.` : `Signed in as ${userName}.`);
  });
});

// Forgetting the token in this tab is not enough: a copy of it (a stolen one) would keep working until it expires,
// so the server ends it first (RFC 7009). The tab forgets it even when the server cannot be reached.
async function signOut() {
  const token = session.token;
  let ended = true;
  if (token) {
    try {
      await call('POST', 'api/v1/auth/revoke', { form: { token }, anonymous: true });
    } catch {
      ended = false;
    }
  }
  showSignIn();
  if (ended) {
    say('You have signed out.');
  } else {
    say('You have signed out here, but Waymark could not be reached to end the session; it ends when it expires.',
      'error');
  }
}

byId('sign-out').addEventListener('click', () => {
  signOut();
});

// --- the list -------------------------------------------------------------------------------------------------

async function loadTodos({ append = false } = {}) {
  const request = ++listRequest;
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (statusFilter.value) {
    params.set('status', statusFilter.value);
  }
  const [sort, order] = sortOrder.value.split(':');
  params.set('sort', sort);
  params.set('order', order);
  if (sort === 'distance') {
    params.set('near', 'me');
  }
  if (append && nextCursor) {
    params.set('cursor', nextCursor);
  }
  owners.apply(params);
  list.setAttribute('aria-busy', 'true');
  try {
    const { data } = await authed('GET', `api/v1/todos?${params}`);
    await owners.learnOwnersOf(data.items);
    if (request !== listRequest) {
      return;
    }
    const items = data.items.map(renderTodo);
    if (append) {
      list.append(...items);
    } else {
      list.replaceChildren(...items);
    }
    nextCursor = data.next_cursor ?? null;
    loadMore.hidden = !nextCursor;
    empty.hidden = list.children.length > 0;
    empty.textContent = statusFilter.value
      ? `No ${STATUS_LABELS[statusFilter.value].toLowerCase()} to-dos.`
      : 'No to-dos yet. Add your first one above.';
  } finally {
    if (request === listRequest) {
      list.setAttribute('aria-busy', 'false');
    }
  }
}

function renderTodo(todo) {
  const item = el('li', { className: `todo status-${todo.status}`, attrs: { 'data-id': todo.id } });
  item.append(...todoContent(item, todo));
  return item;
}

function todoContent(item, todo) {
  const meta = el('p', { className: 'meta' }, [
    el('span', { className: 'status', text: STATUS_LABELS[todo.status] ?? todo.status }),
  ]);
  if (todo.deadline) {
    const due = new Date(todo.deadline);
    const deadline = el('span', { className: 'deadline', text: 'Due ' }, [
      el('time', { text: dateFormat.format(due), attrs: { datetime: todo.deadline } }),
    ]);
    if (todo.status !== 'completed' && due.getTime() < Date.now()) {
      deadline.append(el('strong', { className: 'overdue', text: ' (overdue)' }));
    }
    meta.append(deadline);
  }
  if (todo.priority) {
    meta.append(el('span', { className: 'priority', text: `Priority ${todo.priority}` }));
  }
  const owner = owners.ownerLabel(todo);
  if (owner) {
    meta.append(el('span', { className: 'owner', text: owner }));
  }
  if (todo.distance_m != null) {
    meta.append(el('span', { className: 'distance', text: distanceText(todo.distance_m) }));
  }
  const content = [el('h3', { className: 'title', text: todo.title }), meta];
  if (todo.description) {
    content.push(el('p', { className: 'description', text: todo.description }));
  }
  const done = todo.status === 'completed';
  const toggle = button(done ? 'Reopen' : 'Mark complete', `${done ? 'Reopen' : 'Mark complete'} “${todo.title}”`,
    'secondary', () => run(item, async () => {
      await authed('PATCH', todoPath(todo), {
        json: { status: done ? 'pending' : 'completed' }, mergePatch: true, ifMatch: etagOf(todo),
      });
      say(done ? `“${todo.title}” is open again.` : `“${todo.title}” is complete.`);
      await loadTodos();
    }));
  const edit = button('Edit', `Edit “${todo.title}”`, 'secondary', () => {
    clearMessages();
    const form = editForm(item, todo);
    item.replaceChildren(form);
    form.elements.namedItem('title').focus();
  });
  const remove = button('Delete', `Delete “${todo.title}”`, 'danger', () => run(item, async () => {
    await authed('DELETE', todoPath(todo), { ifMatch: etagOf(todo) });
    say(`Deleted “${todo.title}”.`);
    await loadTodos();
    byId('todo-heading').focus();
  }));
  content.push(el('div', { className: 'actions' }, [toggle, edit, remove]));
  return content;
}

function todoPath(todo) {
  return `api/v1/todos/${encodeURIComponent(todo.id)}`;
}

// The list carries versions, not ETag headers; the service's ETag is the quoted version (web/ETags), so edits
// are guarded by the version the user saw: a change made elsewhere meanwhile gives 412 instead of being lost.
function etagOf(todo) {
  return `"${todo.version}"`;
}

// --- adding and editing ---------------------------------------------------------------------------------------

function field(labelText, control) {
  return el('label', { className: 'field' }, [el('span', { text: labelText }), control]);
}

function control(tag, properties, attrs = {}) {
  const node = el(tag, { attrs });
  Object.assign(node, properties);
  return node;
}

function editForm(item, todo) {
  const status = control('select', { name: 'status' });
  for (const [value, label] of Object.entries(STATUS_LABELS)) {
    status.append(control('option', { value, textContent: label, selected: value === todo.status }));
  }
  const form = el('form', { className: 'edit', attrs: { 'aria-label': `Edit “${todo.title}”` } }, [
    field('Title', control('input', { name: 'title', value: todo.title, required: true, maxLength: 200 })),
    field('Description', control('textarea', { name: 'description', value: todo.description ?? '', rows: 3 })),
    field('Deadline', control('input', { name: 'deadline', type: 'datetime-local', value: toInputValue(todo.deadline) })),
    field('Status', status),
    field('Priority (0 to 1000)', control('input', {
      name: 'priority', type: 'number', min: 0, max: 1000, step: 1, value: String(todo.priority ?? 0),
    })),
  ]);
  const cancel = button('Cancel', 'Cancel editing', 'secondary', () => {
    item.replaceChildren(...todoContent(item, todo));
    item.querySelector('button[aria-label^="Edit"]')?.focus();
  });
  form.append(el('div', { className: 'actions' }, [el('button', { text: 'Save', attrs: { type: 'submit' } }), cancel]));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = form.elements;
    // A merge patch of the fields the user changed only: an untouched deadline keeps its seconds (the input shows
    // minutes), and null removes a value, so clearing the description or deadline clears it on the server.
    const patch = {};
    const title = values.namedItem('title').value;
    if (title !== todo.title) {
      patch.title = title;
    }
    const description = values.namedItem('description').value;
    if (description !== (todo.description ?? '')) {
      patch.description = description || null;
    }
    const deadline = values.namedItem('deadline').value;
    if (deadline !== toInputValue(todo.deadline)) {
      patch.deadline = fromInputValue(deadline);
    }
    const status = values.namedItem('status').value;
    if (status !== todo.status) {
      patch.status = status;
    }
    const priority = values.namedItem('priority').value;
    if (priority !== String(todo.priority ?? 0)) {
      patch.priority = priority === '' ? 0 : Number(priority);
    }
    if (Object.keys(patch).length === 0) {
      item.replaceChildren(...todoContent(item, todo));
      say(`No changes to “${todo.title}”.`);
      return;
    }
    run(form, async () => {
      const { data } = await authed('PATCH', todoPath(todo), { json: patch, mergePatch: true, ifMatch: etagOf(todo) });
      say(`Saved “${data.title}”.`);
      await loadTodos();
    });
  });
  return form;
}

addForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const values = addForm.elements;
  const todo = { title: values.namedItem('title').value };
  const description = values.namedItem('description').value;
  const deadline = fromInputValue(values.namedItem('deadline').value);
  const priority = values.namedItem('priority').value;
  if (description) {
    todo.description = description;
  }
  if (deadline) {
    todo.deadline = deadline;
  }
  if (priority !== '') {
    todo.priority = Number(priority);
  }
  const place = placeOf(addForm);
  if (place) {
    todo.place = place;
  }
  run(addForm, async () => {
    const { data } = await authed('POST', 'api/v1/todos', { json: todo });
    addForm.reset();
    placePicker.reset();
    say(`Added “${data.title}”.`);
    await loadTodos();
    values.namedItem('title').focus();
  });
});

statusFilter.addEventListener('change', () => run(null, () => loadTodos()));
sortOrder.addEventListener('change', () => run(null, () => loadTodos()));
byId('owner-filter').addEventListener('change', () => run(null, () => loadTodos()));
loadMore.addEventListener('click', () => run(null, () => loadTodos({ append: true })));

// datetime-local inputs speak local wall-clock time without a zone; the API speaks RFC 3339 instants.
function toInputValue(instant) {
  if (!instant) {
    return '';
  }
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromInputValue(local) {
  return local ? new Date(local).toISOString() : null;
}

// --- start ----------------------------------------------------------------------------------------------------

const mapView = createMapView({ authed, run });
const sharing = createLocationSharing({ authed });
const owners = createTodoOwners({ authed });
const devicesView = createDevicesView({ authed, run });
const placePicker = createPlacePicker({ authed });

if (session.token) {
  run(null, enterApp);
} else {
  showSignIn();
}
