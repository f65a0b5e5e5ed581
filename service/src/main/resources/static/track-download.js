// The map view's "Download GPX" and "Download GeoJSON" buttons: the track of the person and day chosen in the
// track form, asked for by Accept from the same endpoint the map draws it from. The service writes it as it reads
// it, oldest first; the browser keeps the file as a Blob until it is saved (a fetch with a bearer token cannot be
// handed to the browser's own download manager).
//
// A module of its own, loaded by index.html: it reads the form's fields, not map.js's state.

import { session } from './api.js';
import { el, say } from './ui.js';

const FORMATS = {
  gpx: { accept: 'application/gpx+xml', extension: 'gpx', name: 'GPX' },
  geojson: { accept: 'application/geo+json', extension: 'geojson', name: 'GeoJSON' },
};

for (const trigger of document.querySelectorAll('[data-track-download]')) {
  trigger.addEventListener('click', () => download(FORMATS[trigger.dataset.trackDownload], trigger));
}

async function download(format, trigger) {
  const person = document.getElementById('track-user');
  const day = document.getElementById('track-day').value;
  if (!person.value || !day) {
    say('Choose a person and a day to download their track.', 'error');
    return;
  }
  const name = person.selectedOptions[0]?.text ?? person.value;
  const [from, to] = dayRange(day);
  const path = `api/v1/users/${encodeURIComponent(person.value)}/locations?${new URLSearchParams({ from, to })}`;
  trigger.disabled = true;
  try {
    const response = await fetch(path, {
      headers: { Accept: `${format.accept}, application/problem+json`, Authorization: `Bearer ${session.token}` },
      cache: 'no-store',
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      say(`The track could not be downloaded: ${problem.detail || problem.title || `status ${response.status}`}`, 'error');
      return;
    }
    const file = URL.createObjectURL(await response.blob());
    const link = el('a', { attrs: { href: file, download: `${name}-${day}.${format.extension}` } });
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked later: the browser reads the Blob after the click has returned.
    setTimeout(() => URL.revokeObjectURL(file), 60_000);
    say(`Downloaded the track of ${name} on ${day} as ${format.name}.`);
  } catch {
    say('The track could not be downloaded: Waymark cannot be reached.', 'error');
  } finally {
    trigger.disabled = false;
  }
}

/** The local day as the API's from (inclusive) and to (exclusive) instants, as the map asks for it. */
function dayRange(day) {
  const [year, month, date] = day.split('-').map(Number);
  return [new Date(year, month - 1, date).toISOString(), new Date(year, month - 1, date + 1).toISOString()];
}
