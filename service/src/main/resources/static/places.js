// To-do places on the page: the place picker of the add form (click the small map, or type lat/lng: both stay in
// step), the to-dos' places as circles on the team map (colored by status, titled), and distances as words.
//
// Leaflet is window.L (see map.js). Titles reach Leaflet only as DOM nodes made with textContent.

import { el } from './ui.js';

// The colors of the statuses, as the list shows them (app.css).
const STATUS_COLORS = { pending: '#2563eb', in_progress: '#d97706', completed: '#6b7280' };
const PAGE_LIMIT = 200;
// The team map shows at most this many places; a to-do list longer than that is for the list view.
const MAX_PLACES = 1000;

const byId = (id) => document.getElementById(id);

/** "85 m away", "1.2 km away". */
export function distanceText(metres) {
  return metres < 1000 ? `${metres} m away` : `${(metres / 1000).toFixed(1)} km away`;
}

/** The place of the add form, or null when neither latitude nor longitude is given. */
export function placeOf(form) {
  const lat = form.elements.namedItem('place_lat').value.trim();
  const lng = form.elements.namedItem('place_lng').value.trim();
  const radius = form.elements.namedItem('place_radius').value.trim();
  if (!lat && !lng) {
    return null;
  }
  const place = { lat: Number(lat), lng: Number(lng) };
  if (radius) {
    place.radius_m = Number(radius);
  }
  return place;
}

/**
 * The add form's picker: a small map made when its section is first opened (Leaflet needs a visible container).
 * A click sets latitude and longitude (6 decimals, what the API keeps); typed values move the circle.
 */
export function createPlacePicker({ authed }) {
  const section = byId('place-section');
  const container = byId('place-picker');
  const lat = byId('add-place-lat');
  const lng = byId('add-place-lng');
  const radius = byId('add-place-radius');
  let map = null;
  let circle = null;

  function draw() {
    if (!map) {
      return;
    }
    const centre = [Number(lat.value), Number(lng.value)];
    if (lat.value.trim() === '' || lng.value.trim() === '' || centre.some(Number.isNaN)) {
      circle?.remove();
      circle = null;
      return;
    }
    const metres = Number(radius.value) || 100;
    if (circle) {
      circle.setLatLng(centre).setRadius(metres);
    } else {
      circle = window.L.circle(centre, { radius: metres, color: STATUS_COLORS.pending }).addTo(map);
    }
  }

  async function open() {
    if (map || !section.open) {
      return;
    }
    const leaflet = window.L;
    map = leaflet.map(container, { attributionControl: false }).setView([20, 0], 2);
    map.on('click', (event) => {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = leaflet.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(6);
      draw();
    });
    draw();
    const { data: settings } = await authed('GET', 'map-settings.json');
    leaflet.tileLayer(settings.tile_url, { maxZoom: 19, referrerPolicy: 'strict-origin' }).addTo(map);
  }

  section.addEventListener('toggle', () => {
    open();
  });
  for (const input of [lat, lng, radius]) {
    input.addEventListener('input', draw);
  }
  return {
    reset() {
      circle?.remove();
      circle = null;
    },
  };
}

/** The to-dos' places on the team map: a circle per place, colored by status, with the title beside it. */
export function createPlacesLayer(map, { authed }) {
  const leaflet = window.L;
  const layer = leaflet.featureGroup().addTo(map);
  let fitted = false;

  async function placed() {
    const todos = [];
    let cursor = null;
    do {
      const params = new URLSearchParams({ limit: String(PAGE_LIMIT), sort: 'created_at', order: 'asc' });
      if (cursor) {
        params.set('cursor', cursor);
      }
      const { data } = await authed('GET', `api/v1/todos?${params}`);
      todos.push(...data.items.filter((todo) => todo.place));
      cursor = data.next_cursor;
    } while (cursor && todos.length < MAX_PLACES);
    return todos;
  }

  return {
    async refresh() {
      const todos = await placed();
      layer.clearLayers();
      for (const todo of todos) {
        const color = STATUS_COLORS[todo.status] ?? STATUS_COLORS.pending;
        const circle = leaflet.circle([todo.place.lat, todo.place.lng], {
          radius: todo.place.radius_m, color, fillOpacity: 0.15, className: `place status-${todo.status}`,
        });
        circle.bindTooltip(el('span', { text: todo.title }), {
          permanent: true, direction: 'top', className: `place-label status-${todo.status}`,
        });
        layer.addLayer(circle);
      }
      // Once, and only while the map still shows the whole world (no position to show): go to the places.
      if (!fitted && todos.length > 0 && map.getZoom() <= 2) {
        map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [24, 24] });
        fitted = true;
      }
    },
  };
}
