// Everyone's accounts, for the views that name people (the map's team list, an admin's to-do owners).

// The service answers at most 200 items per page.
const PAGE_LIMIT = 200;

/** Every user, sorted by name (GET /users is an admin's), through app.js's authed(method, path). */
export async function everyone(authed) {
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
