// Whose to-dos the list shows. A user's list holds only their own; an admin's holds everyone's, so for an admin
// each to-do names its owner, a "Person" choice narrows the list to one person (GET /todos?owner_id=…), and the
// heading says which list it is.

import { everyone } from './people.js';

const byId = (id) => document.getElementById(id);

/** authed(method, path, options) calls the API with the token, from app.js. */
export function createTodoOwners({ authed }) {
  const field = byId('owner-filter-field');
  const select = byId('owner-filter');
  const heading = byId('todo-heading');

  let me = null;
  // Names by user id, for an admin; read again when a to-do's owner is not among them (someone new).
  let names = new Map();

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

  /** Fills the person choice with every user, keeping the choice made. */
  async function learnNames() {
    const chosen = select.value;
    const users = await everyone(authed);
    names = new Map(users.map((user) => [user.id, user.user_name]));
    select.replaceChildren(new Option('Everyone', ''), ...users.map((user) => new Option(
      user.id === me.id ? `${user.user_name} (you)` : user.user_name, user.id)));
    select.value = names.has(chosen) ? chosen : '';
    heading.textContent = title();
  }

  return {
    /** After sign-in: an admin gets the person choice, filled with every user. */
    async enter(caller) {
      me = caller;
      field.hidden = !isAdmin();
      if (isAdmin()) {
        await learnNames();
      } else {
        names = new Map();
        select.replaceChildren(new Option('Everyone', ''));
        heading.textContent = title();
      }
    },

    /** Before a page of to-dos is shown: someone who joined since the names were read gets a name too. */
    async learnOwnersOf(todos) {
      if (isAdmin() && todos.some((todo) => !names.has(todo.owner_id))) {
        await learnNames();
      }
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
  };
}
