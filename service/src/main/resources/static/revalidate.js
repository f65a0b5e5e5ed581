// Reads a page repeats every few seconds, made cheap: the last answer to each path and its ETag are kept in memory,
// the ETag goes back as If-None-Match, and the service answers 304 with no body when nothing changed (it hashes
// the answer, so any instance gives the same tag for the same data). The browser's own cache is not used: the API
// answers no-store, so positions never reach the disk.

/** How many paths are remembered; the oldest is forgotten first (a map page reads a handful). */
const KEPT = 64;

/**
 * revalidating(authed) returns get(path) → { data, changed }: changed is false when the service said 304 and
 * data is the answer kept from before. get.forget() drops everything (sign-out, another user).
 */
export function revalidating(authed) {
  const kept = new Map();
  async function get(path) {
    const known = kept.get(path);
    const answer = await authed('GET', path, { ifNoneMatch: known?.etag });
    kept.delete(path);
    if (answer.status === 304 && known) {
      kept.set(path, known);
      return { data: known.data, changed: false };
    }
    if (answer.etag) {
      kept.set(path, { etag: answer.etag, data: answer.data });
      if (kept.size > KEPT) {
        kept.delete(kept.keys().next().value);
      }
    }
    return { data: answer.data, changed: true };
  }
  get.forget = () => kept.clear();
  return get;
}
