// Whose to-dos the list shows. A user's list holds only their own; an admin's holds everyone's, so for an admin
// each to-do names its owner, a "Person" choice narrows the list to one person (GET /todos?owner_id=…), and the
// heading says which list it is.

const PAGE_LIMIT = 200;

const byId = (id) => document.getElementById(id);

/** authed(method, path, options) calls the API with the token, from app.js. */
export function createTodoOwners({ authed }) {
  const field = byId('owner-filter-field');
  const select = byId('owner-filter');
  const heading = byId('todo-heading');

  let me = null;
  // Names by user id, for an admin; a to-do of someone created since the last look shows their id until then.
  let names = new Map();

  /** Every user, sorted by name (GET /users is an admin's). */
  async function everyone() {
    const users = [];
    let cursor = null;
    do {
      const params = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      if (cursor) {
        params.set('cursor', cursor);
      }
      const { data } = await authed('GET', `api/v1/users?${params}`);
      users.push(...data.items);
      cursor = data.next_cursor ?? null;
    } while (cursor);
    return users.sort((a, b) => a.user_name.localeCompare(b.user_name));
  }

  function isAdmin() {
    return me?.role === 'admin';
  }

  function title() {
    if (!isAdmin()) {
      return 'Your to-dos';
    }
    if (!select.value) {
      return 'Everyone’s to-dos';
    }
    return select.value === me.id ? 'Your to-dos' : `${names.get(select.value) ?? 'One person'}’s to-dos`;
  }

  return {
    /** After sign-in: an admin gets the person choice, filled with every user. */
    async enter(caller) {
      me = caller;
      field.hidden = !isAdmin();
      if (!isAdmin()) {
        names = new Map();
        select.replaceChildren(new Option('Everyone', ''));
        heading.textContent = title();
        return;
      }
      const chosen = select.value;
      const users = await everyone();
      names = new Map(users.map((user) => [user.id, user.user_name]));
      select.replaceChildren(new Option('Everyone', ''), ...users.map((user) => new Option(
        user.id === me.id ? `${user.user_name} (you)` : user.user_name, user.id)));
      select.value = names.has(chosen) ? chosen : '';
      heading.textContent = title();
    },

    /** Forgets the last account's people. */
    leave() {
      me = null;
      names = new Map();
      select.replaceChildren(new Option('Everyone', ''));
      field.hidden = true;
    },

    /** Adds the owner filter to a list request. */
    apply(params) {
      if (isAdmin() && select.value) {
        params.set('owner_id', select.value);
      }
      heading.textContent = title();
    },

    /** Whose to-do this is, for an admin's list ("" for a user, whose list is all theirs). */
    ownerLabel(todo) {
      if (!isAdmin()) {
        return '';
      }
      return todo.owner_id === me.id ? `Owner: ${me.user_name} (you)`
        : `Owner: ${names.get(todo.owner_id) ?? todo.owner_id}`;
    },

    select,
  };
}
