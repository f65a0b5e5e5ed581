// The Waymark API as the page uses it: the bearer token lives in sessionStorage (it survives a reload of the tab,
// dies with the tab, and is never sent by the browser on its own, so there is no cookie to forge requests with),
// and every failure becomes an ApiError carrying the service's problem+json document.

const TOKEN_KEY = 'waymark.token';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The request failed with status ${status}.`);
    this.status = status;
    this.problem = problem;
  }

  /** The per-field errors of a validation problem: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/**
 * Sends one request. Paths are relative (`api/v1/...`) so the page also works behind a path prefix.
 * Options: json (a body), form (an object sent form-encoded), mergePatch (send json as a JSON Merge Patch),
 * ifMatch (an ETag), ifNoneMatch (an ETag: a 304 answer then comes back as { status: 304, data: null }, see
 * revalidate.js), idempotencyKey (makes a retried write safe), keepalive (the request outlives the page),
 * anonymous (send no token: a stale token would make even sign-in fail with 401).
 */
export async function call(method, path, {
  json, form, mergePatch = false, ifMatch, ifNoneMatch, idempotencyKey, keepalive = false, anonymous = false,
} = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = session.token;
  if (token && !anonymous) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  if (ifNoneMatch) {
    headers['If-None-Match'] = ifNoneMatch;
  }
  let body;
  if (form) {
    body = new URLSearchParams(form);
  } else if (json !== undefined) {
    headers['Content-Type'] = mergePatch ? 'application/merge-patch+json' : 'application/json';
    body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, keepalive, cache: 'no-store' });
  } catch {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'Waymark cannot be reached. Check your connection and try again.',
    });
  }
  const data = await readBody(response);
  if (!response.ok && response.status !== 304) {
    throw new ApiError(response.status, problemOf(response, data));
  }
  return { status: response.status, etag: response.headers.get('ETag'), data };
}

async function readBody(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function problemOf(response, data) {
  if (data && typeof data === 'object' && (data.detail || data.title)) {
    return data;
  }
  // A proxy or gateway in front of the service may answer without a problem document.
  const reason = response.statusText ? ` (${response.statusText})` : '';
  return { title: 'Error', detail: `The server answered with status ${response.status}${reason}.` };
}
