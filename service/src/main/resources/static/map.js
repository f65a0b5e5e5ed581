// The map view: the latest position of everyone the caller may see (an admin everyone, a user themself) with its
// age, one person's track for a chosen day, and for an admin the team's accounts (role, delete). It refreshes
// every few seconds while it is shown.
//
// Leaflet (served from the jar under webjars/leaflet/) is loaded by index.html as a classic deferred script, so
// window.L exists before this module runs. Leaflet turns strings it is given as content into HTML, so names reach
// it only as DOM nodes made with textContent. The tiles come from the server's setting (map-settings.json); when
// they cannot be loaded (offline, or no network in the field) the markers and the track still show on an empty
// background, and the list beside the map says the same in words.

import { everyone } from './people.js';
import { revalidating } from './revalidate.js';
import { createPlacesLayer } from './places.js';
import { button, el, say } from './ui.js';

// New positions show within 5 s: a refresh every 3 s plus its requests. An unchanged answer is a 304 without a
// body (revalidate.js), so an idle open page costs little (bench/map-polling prints requests and bytes a minute).
const REFRESH_MS = 3000;
// The service answers at most 100 users per latest-positions call, and at most 200 items per page.
const LATEST_PER_CALL = 100;
const PAGE_LIMIT = 200;
// A ping every 10 s for a whole day is 8,640 points; beyond this the day is cut (the newest points are kept).
const MAX_TRACK_POINTS = 10_000;
const HOUR_MS = 3_600_000;
const ROLE_LABELS = { admin: 'Admin', user: 'User' };

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const byId = (id) => document.getElementById(id);

/**
 * authed(method, path, options) calls the API with the token (a 401 sends the user to sign-in); run(scope, action)
 * runs a user's action with its buttons disabled and reports failures. Both come from app.js.
 */
export function createMapView({ authed, run }) {
  const polled = revalidating(authed);
  const view = byId('map-view');
  const mapElement = byId('map');
  const mapNote = byId('map-note');
  const attribution = byId('map-attribution');
  const trackForm = byId('track-form');
  const trackUser = byId('track-user');
  const trackDay = byId('track-day');
  const trackSummary = byId('track-summary');
  const peopleHeading = byId('people-heading');
  const peopleList = byId('people');
  const updated = byId('map-updated');

  let me = null;
  let map = null;
  let mapReady = null;
  let positionLayer = null;
  let placesLayer = null;
  let trackLayer = null;
  let timer = null;
  let refreshing = null;
  let fittedPositions = false;
  // Rows and markers by user id, updated in place, so a refresh never takes away the focus or a half-made choice.
  const rows = new Map();
  const markers = new Map();
  // What the track on the map shows: user, day and a fingerprint of its points, to redraw only when it changed.
  let track = { key: null, fingerprint: null };
  let trackRequest = 0;
  let pollError = null;

  // --- entering and leaving -----------------------------------------------------------------------------------

  async function enter(caller) {
    if (me?.id !== caller.id) {
      forget();
    }
    me = caller;
    view.hidden = false;
    peopleHeading.textContent = me.role === 'admin' ? 'Team' : 'Your position';
    if (!trackDay.value) {
      trackDay.value = localDay(new Date());
      trackDay.max = trackDay.value;
    }
    if (!map) {
      // One map per page, however often the view is entered while the settings are on their way.
      mapReady ??= createMap().catch((error) => {
        mapReady = null;
        throw error;
      });
      map = await mapReady;
      if (view.hidden || me !== caller) {
        return; // left (or signed out) meanwhile
      }
    }
    // Leaflet measures its container when it is created or told to; the view was hidden until now.
    map.invalidateSize();
    stopTimer();
    timer = setInterval(tick, REFRESH_MS);
    await refresh();
  }

  function leave({ forget: forgetAll = false } = {}) {
    stopTimer();
    view.hidden = true;
    if (forgetAll) {
      forget();
    }
  }

  function stopTimer() {
    clearInterval(timer);
    timer = null;
  }

  /** Drops everything one signed-in person saw, so the next one starts from nothing. */
  function forget() {
    me = null;
    polled.forget();
    trackRequest += 1;
    rows.clear();
    markers.clear();
    positionLayer?.clearLayers();
    trackLayer?.clearLayers();
    track = { key: null, fingerprint: null };
    fittedPositions = false;
    peopleList.replaceChildren();
    trackUser.replaceChildren();
    trackSummary.textContent = '';
    updated.textContent = '';
    trackDay.value = '';
  }

  // A refresh while the tab is in the background would only use the battery; catch up when it is visible again.
  document.addEventListener('visibilitychange', () => {
    if (timer && document.visibilityState === 'visible') {
      tick();
    }
  });

  function tick() {
    if (document.visibilityState !== 'visible' || refreshing) {
      return;
    }
    refresh().then(() => {
      pollError = null;
    }, (error) => {
      if (!timer) {
        return; // left meanwhile, e.g. a 401 sent the user back to sign-in
      }
      // Said once, not every few seconds; the next refresh that works clears it.
      if (error.message !== pollError) {
        pollError = error.message;
        say(`The map could not be updated: ${error.message}`, 'error');
      }
    });
  }

  // --- the map --------------------------------------------------------------------------------------------------

  async function createMap() {
    const { data: settings } = await authed('GET', 'map-settings.json');
    const leaflet = window.L;
    // The credit is ours, not Leaflet's attribution control, which would parse the configured text as HTML.
    const leafletMap = leaflet.map(mapElement, { attributionControl: false, worldCopyJump: true }).setView([20, 0], 2);
    // The page sends no Referer (Referrer-Policy: no-referrer), but OpenStreetMap's tile policy wants one from web
    // pages: the tiles, and only they, tell the tile server this origin (never a path).
    const tiles = leaflet.tileLayer(settings.tile_url, { maxZoom: 19, referrerPolicy: 'strict-origin' });
    let anyTileLoaded = false;
    tiles.on('tileload', () => {
      anyTileLoaded = true;
      mapNote.hidden = true;
    });
    tiles.on('tileerror', () => {
      mapNote.hidden = anyTileLoaded;
    });
    tiles.addTo(leafletMap);
    attribution.replaceChildren(settings.attribution_url
      ? el('a', { text: settings.attribution, attrs: { href: settings.attribution_url, target: '_blank', rel: 'noopener' } })
      : settings.attribution);
    trackLayer = leaflet.layerGroup().addTo(leafletMap);
    positionLayer = leaflet.layerGroup().addTo(leafletMap);
    placesLayer = createPlacesLayer(leafletMap, { authed });
    return leafletMap;
  }

  async function refresh() {
    const caller = me;
    refreshing = (async () => {
      const people = caller.role === 'admin' ? await everyone(authed) : [caller];
      const latest = await latestOf(people.map((person) => person.id));
      if (view.hidden || me !== caller) {
        return; // left, or signed out, while the answers were on their way
      }
      showPeople(people, latest);
      showPositions(people, latest);
      await placesLayer?.refresh();
      updateTrackChoices(people);
      await refreshTrack();
      updated.textContent = `Updated ${timeFormat.format(new Date())}; the map refreshes every ${REFRESH_MS / 1000} seconds.`;
    })();
    try {
      await refreshing;
    } finally {
      refreshing = null;
    }
  }

  /** The latest ping of each of these users who has one, by user id. */
  async function latestOf(ids) {
    const latest = new Map();
    for (let start = 0; start < ids.length; start += LATEST_PER_CALL) {
      const params = new URLSearchParams();
      ids.slice(start, start + LATEST_PER_CALL).forEach((id) => params.append('user_id', id));
      const { data } = await polled(`api/v1/locations/latest?${params}`);
      data.items.forEach((ping) => latest.set(ping.user_id, ping));
    }
    return latest;
  }

  function showPositions(people, latest) {
    const leaflet = window.L;
    const names = new Map(people.map((person) => [person.id, person.user_name]));
    for (const [id, shown] of markers) {
      if (!latest.has(id)) {
        positionLayer.removeLayer(shown.marker);
        markers.delete(id);
      }
    }
    for (const [id, ping] of latest) {
      const stale = Date.now() - Date.parse(ping.recorded_at) > HOUR_MS;
      const name = names.get(id) ?? id;
      let shown = markers.get(id);
      if (!shown) {
        const marker = leaflet.circleMarker([ping.lat, ping.lng], {
          radius: 9, weight: 3, color: '#ffffff', fillColor: '#0b6e4f', fillOpacity: 1, className: 'position',
        }).bindTooltip('', { permanent: true, direction: 'top', offset: [0, -8], className: 'position-label' });
        shown = { marker: marker.addTo(positionLayer), name: null };
        markers.set(id, shown);
      }
      if (shown.name !== name) {
        shown.name = name;
        shown.marker.setTooltipContent(el('span', { text: name }));
      }
      shown.marker.setLatLng([ping.lat, ping.lng]);
      // A position more than an hour old is drawn faded: it tells where someone was, not where they are.
      shown.marker.setStyle({ fillOpacity: stale ? 0.45 : 1 });
    }
    if (!fittedPositions && markers.size > 0) {
      fittedPositions = true;
      fit(leaflet.featureGroup([...markers.values()].map((shown) => shown.marker)).getBounds());
    }
  }

  function fit(bounds) {
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
    }
  }

  // --- the list of people beside the map ------------------------------------------------------------------------

  function showPeople(people, latest) {
    const wanted = people.map((person) => rowFor(person, latest.get(person.id)));
    const ids = new Set(people.map((person) => person.id));
    for (const id of rows.keys()) {
      if (!ids.has(id)) {
        rows.delete(id);
      }
    }
    // Re-insert only when the set or its order changed: moving a row would take the focus from its buttons.
    const shown = [...peopleList.children];
    if (shown.length !== wanted.length || wanted.some((row, i) => row !== shown[i])) {
      peopleList.replaceChildren(...wanted);
    }
  }

  function rowFor(person, ping) {
    let row = rows.get(person.id);
    if (!row) {
      const node = el('li', { className: 'person', attrs: { 'data-id': person.id } });
      row = {
        node,
        name: el('h4', { className: 'name' }),
        role: el('span', { className: 'role' }),
        position: el('span', { className: 'position-text' }),
        age: el('span', { className: 'age' }),
        device: el('span', { className: 'device-status' }),
        actions: el('div', { className: 'actions' }),
        actionsKey: null,
        confirming: false,
      };
      node.append(row.name, el('p', { className: 'meta' }, [row.role, row.age, row.position]), row.device, row.actions);
      rows.set(person.id, row);
    }
    row.name.textContent = person.id === me.id ? `${person.user_name} (you)` : person.user_name;
    row.role.textContent = ROLE_LABELS[person.role] ?? person.role;
    if (ping) {
      const time = el('time', {
        text: age(ping.recorded_at), attrs: { datetime: ping.recorded_at, title: fullFormat.format(new Date(ping.recorded_at)) },
      });
      row.age.replaceChildren(time);
      const accuracy = ping.accuracy_m == null ? '' : ` ±${Math.round(ping.accuracy_m)} m`;
      row.position.textContent = `${ping.lat}, ${ping.lng}${accuracy}`;
      row.device.textContent = deviceStatus(ping);
      row.node.classList.toggle('silent', ping.silent === true);
      row.node.classList.toggle('low-battery', ping.low_battery === true);
    } else {
      row.age.textContent = 'No position yet';
      row.position.textContent = '';
      row.device.textContent = '';
      row.node.classList.remove('silent', 'low-battery');
    }
    const key = `${person.user_name}:${person.role}`;
    if (!row.confirming && row.actionsKey !== key) {
      row.actionsKey = key;
      row.actions.replaceChildren(...actionsFor(person, row));
    }
    return row.node;
  }

  /** The device, its battery and the marks of the team view: "Pixel · battery 12 % (low) · silent". */
  function deviceStatus(ping) {
    const parts = [];
    if (ping.device_name) {
      parts.push(ping.device_name);
    }
    if (ping.battery_pct != null) {
      parts.push(`battery ${Math.round(ping.battery_pct)} %${ping.low_battery ? ' (low)' : ''}`);
    }
    if (ping.silent) {
      parts.push('silent');
    }
    return parts.join(' · ');
  }

  function actionsFor(person, row) {
    const show = button('Show track', `Show the track of ${person.user_name}`, 'secondary', () => {
      trackUser.value = person.id;
      run(row.node, () => refreshTrack({ fitTo: true }));
    });
    // An admin keeps their own role and account here: demoting or deleting themselves would lock them out.
    if (me.role !== 'admin' || person.id === me.id) {
      return [show];
    }
    const promote = person.role !== 'admin';
    const role = button(promote ? 'Make admin' : 'Make user',
      promote ? `Make ${person.user_name} an admin` : `Make ${person.user_name} a user`, 'secondary',
      () => run(row.node, async () => {
        await authed('PATCH', userPath(person), { json: { role: promote ? 'admin' : 'user' }, mergePatch: true });
        say(promote ? `${person.user_name} is now an admin.` : `${person.user_name} is now a user.`);
        await refresh();
      }));
    const remove = button('Delete', `Delete ${person.user_name}`, 'danger', () => confirmDelete(person, row));
    return [show, role, remove];
  }

  /** Deleting a user deletes their to-dos and pings too, so it takes a second, explicit click. */
  function confirmDelete(person, row) {
    row.confirming = true;
    const cancel = button('Cancel', `Keep ${person.user_name}`, 'secondary', () => {
      row.confirming = false;
      row.actionsKey = null;
      row.actions.replaceChildren(...actionsFor(person, row));
      row.actions.querySelector('button.danger')?.focus();
    });
    const confirm = button('Yes, delete', `Yes, delete ${person.user_name}`, 'danger', () => run(row.node, async () => {
      await authed('DELETE', userPath(person));
      row.confirming = false;
      if (trackUser.value === person.id) {
        trackUser.value = me.id;
      }
      say(`Deleted ${person.user_name}, with their to-dos and pings.`);
      await refresh();
      peopleHeading.focus();
    }));
    row.actions.replaceChildren(
      el('p', { className: 'confirm', text: `Delete ${person.user_name} with all their to-dos and pings?` }), confirm, cancel);
    cancel.focus();
  }

  function userPath(person) {
    return `api/v1/users/${encodeURIComponent(person.id)}`;
  }

  // --- a person's track for a day -------------------------------------------------------------------------------

  function updateTrackChoices(people) {
    const chosen = trackUser.value || me.id;
    const current = [...trackUser.options].map((option) => `${option.value}:${option.text}`).join('\n');
    const next = people.map((person) => `${person.id}:${person.user_name}`).join('\n');
    if (current !== next) {
      trackUser.replaceChildren(...people.map((person) => {
        const option = el('option', { text: person.user_name });
        option.value = person.id;
        return option;
      }));
    }
    trackUser.value = people.some((person) => person.id === chosen) ? chosen : me.id;
  }

  /** Loads the chosen track when the choice changed, or when its day is today (new pings may have come). */
  async function refreshTrack({ fitTo = false } = {}) {
    const userId = trackUser.value;
    const day = trackDay.value;
    if (!userId || !day) {
      return;
    }
    const key = `${userId}/${day}`;
    const [from, to] = dayRange(day);
    if (!fitTo && key === track.key && Date.now() >= Date.parse(to)) {
      return;
    }
    const request = ++trackRequest;
    const { points, cut } = await trackOf(userId, from, to);
    if (request !== trackRequest) {
      return;
    }
    const fingerprint = `${points.length}:${points.at(-1)?.id}:${points[0]?.id}`;
    const sameTrack = key === track.key;
    if (sameTrack && fingerprint === track.fingerprint && !fitTo) {
      return;
    }
    track = { key, fingerprint };
    drawTrack(points);
    if (fitTo || !sameTrack) {
      fit(window.L.latLngBounds(points.map((point) => [point.lat, point.lng])));
    }
    const summary = describeTrack(points, cut, day);
    // Said in the live region only when the person asked for it: a track that grows must not chatter.
    if (fitTo) {
      say(summary);
    }
  }

  async function trackOf(userId, from, to) {
    const points = [];
    let cursor = null;
    do {
      const params = new URLSearchParams({ from, to, limit: String(PAGE_LIMIT) });
      if (cursor) {
        params.set('cursor', cursor);
      }
      const { data } = await polled(`api/v1/users/${encodeURIComponent(userId)}/locations?${params}`);
      points.push(...data.items);
      cursor = data.next_cursor ?? null;
    } while (cursor && points.length < MAX_TRACK_POINTS);
    // The API pages newest first; the line runs from the day's first ping to its last.
    return { points: points.reverse(), cut: cursor !== null };
  }

  function drawTrack(points) {
    const leaflet = window.L;
    trackLayer.clearLayers();
    if (points.length === 0) {
      return;
    }
    const line = points.map((point) => [point.lat, point.lng]);
    leaflet.polyline(line, { color: '#b25e00', weight: 4, opacity: 0.85, className: 'track-line' }).addTo(trackLayer);
    for (const point of points) {
      leaflet.circleMarker([point.lat, point.lng], {
        radius: 4, weight: 2, color: '#ffffff', fillColor: '#b25e00', fillOpacity: 1, className: 'track-point',
      }).bindTooltip(() => el('span', { text: timeFormat.format(new Date(point.recorded_at)) })).addTo(trackLayer);
    }
  }

  function describeTrack(points, cut, day) {
    const name = trackUser.selectedOptions[0]?.text ?? '';
    const date = dayFormat.format(localMidnight(day));
    let text;
    if (points.length === 0) {
      text = `${name} has no pings on ${date}.`;
    } else {
      const first = timeFormat.format(new Date(points[0].recorded_at));
      const last = timeFormat.format(new Date(points.at(-1).recorded_at));
      const count = points.length === 1 ? '1 point' : `${points.length} points`;
      text = `${name} on ${date}: ${count}, ${first} to ${last}.`;
      if (cut) {
        text += ` Only the last ${points.length} points of the day are shown.`;
      }
    }
    trackSummary.textContent = text;
    return text;
  }

  trackForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(trackForm, () => refreshTrack({ fitTo: true }));
  });
  trackUser.addEventListener('change', () => run(trackForm, () => refreshTrack({ fitTo: true })));
  trackDay.addEventListener('change', () => run(trackForm, () => refreshTrack({ fitTo: true })));

  return { enter, leave };
}

// --- time -----------------------------------------------------------------------------------------------------

/** How long ago, in words ("5 minutes ago"); a device clock a little ahead counts as now. */
function age(instant) {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(instant)) / 1000));
  for (const [unit, size] of [['day', 86_400], ['hour', 3_600], ['minute', 60]]) {
    if (seconds >= size) {
      return relativeTime.format(-Math.floor(seconds / size), unit);
    }
  }
  return relativeTime.format(0, 'second');
}

/** A date input's value ("2026-05-01") for this local day. */
function localDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localMidnight(day) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

/** The local day as the API's from (inclusive) and to (exclusive) instants; a day may have 23 or 25 hours. */
function dayRange(day) {
  const start = localMidnight(day);
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return [start.toISOString(), end.toISOString()];
}
