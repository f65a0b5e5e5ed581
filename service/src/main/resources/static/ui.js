// What every view of the page shares: building elements (text always through textContent, never parsed as
// HTML), buttons with an accessible name of their own, and the one live message region under the header.

const FIELD_LABELS = {
  user_name: 'User name', username: 'User name', password: 'Password', title: 'Title', description: 'Description',
  deadline: 'Deadline', status: 'Status', priority: 'Priority', role: 'Role',
};

const messages = document.getElementById('messages');

export function el(tag, { text, className, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  for (const [name, value] of Object.entries(attrs ?? {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

export function button(text, label, className, onClick) {
  const node = el('button', { text, className, attrs: { type: 'button', 'aria-label': label } });
  node.addEventListener('click', onClick);
  return node;
}

export function say(text, kind = 'info') {
  messages.replaceChildren(el('p', { text }));
  messages.className = `messages ${kind}`;
}

export function clearMessages() {
  messages.replaceChildren();
  messages.className = 'messages';
}

export function sayProblem(error, form, lead) {
  const parts = [];
  if (lead) {
    parts.push(el('p', { text: lead }));
  }
  parts.push(el('p', { text: error.message }));
  const errors = error.fieldErrors;
  if (errors.length > 0) {
    parts.push(el('ul', {}, errors.map((e) => el('li', { text: `${FIELD_LABELS[e.field] ?? e.field}: ${e.message}` }))));
  }
  messages.replaceChildren(...parts);
  messages.className = 'messages error';
  markInvalid(form, errors);
}

function markInvalid(scope, errors) {
  if (!(scope instanceof HTMLFormElement)) {
    return;
  }
  let first = null;
  for (const { field } of errors) {
    const input = scope.elements.namedItem(field === 'username' ? 'user_name' : field);
    if (input instanceof HTMLElement) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
  }
  first?.focus();
}

export function clearInvalid(scope) {
  scope?.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}
