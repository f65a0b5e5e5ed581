// The Devices view: the caller's phones (an admin sees everyone's), each with its own key for the ingest endpoints.
// A new device's key and the settings to type into each app are shown once, right after it is added: the service
// keeps only the key's hash. docs/phone-apps.md walks through each app with the same settings.

import { button, el, say } from './ui.js';

const byId = (id) => document.getElementById(id);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function createDevicesView({ authed, run }) {
  const view = byId('devices-view');
  const form = byId('device-form');
  const list = byId('device-list');
  const setup = byId('device-setup');
  const empty = byId('devices-empty');

  async function enter() {
    view.hidden = false;
    await load();
  }

  /** Leaving forgets the settings shown: the key is not to stay on the screen. */
  function leave() {
    view.hidden = true;
    setup.hidden = true;
    setup.replaceChildren();
  }

  async function load() {
    const items = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) {
        query.set('cursor', cursor);
      }
      const { data } = await authed('GET', `api/v1/devices?${query}`);
      items.push(...data.items);
      cursor = data.next_cursor;
    } while (cursor);
    list.replaceChildren(...items.map(row));
    empty.hidden = items.length > 0;
  }

  function row(device) {
    const item = el('li', { className: 'device', attrs: { 'data-id': device.id } });
    const remove = button('Remove', `Remove the device ${device.name}`, 'secondary', () => run(item, async () => {
      await authed('DELETE', `api/v1/devices/${encodeURIComponent(device.id)}`);
      say(`Removed ${device.name}: its key no longer works.`);
      await load();
    }));
    item.append(
      el('h3', { className: 'name', text: device.name }),
      el('p', { className: 'meta', text: `Added ${dateFormat.format(new Date(device.created_at))}` }),
      el('div', { className: 'actions' }, [remove]),
    );
    return item;
  }

  function setting(label, value, name) {
    return [
      el('dt', { text: label }),
      el('dd', {}, [el('code', { text: value, attrs: { 'data-setting': name } })]),
    ];
  }

  /** The settings of a new device, once: per app, what to type in, and OwnTracks' QR code to scan instead. */
  function showSetup(device) {
    const s = device.setup;
    const qr = el('img', {
      className: 'qr',
      attrs: {
        src: `data:image/svg+xml;base64,${btoa(s.owntracks.qr_svg)}`,
        alt: 'QR code of the OwnTracks configuration link: scan it with the OwnTracks app',
        width: '220',
        height: '220',
      },
    });
    const link = el('a', { text: 'Open in OwnTracks', attrs: { href: s.owntracks.config_link } });
    setup.replaceChildren(
      el('h3', { text: `Settings for ${device.name}` }),
      el('p', {
        className: 'hint',
        text: 'Copy these now: the key is shown only this once. Remove the device to end its key.',
      }),
      el('dl', { className: 'settings' }, setting('Device key', device.key, 'key')),
      el('h4', { text: 'OwnTracks (Android, iOS)' }),
      el('p', { className: 'hint', text: 'Scan the code with the app, or set Mode HTTP and type these in.' }),
      qr,
      el('p', {}, [link]),
      el('dl', { className: 'settings' }, [
        ...setting('URL', s.owntracks.url, 'owntracks-url'),
        ...setting('User name', s.owntracks.user_name, 'owntracks-user'),
        ...setting('Password', s.owntracks.password, 'owntracks-password'),
      ]),
      el('h4', { text: 'Traccar Client' }),
      el('dl', { className: 'settings' }, [
        ...setting('Server URL', s.traccar_client.server_url, 'traccar-url'),
        ...setting('Device identifier', s.traccar_client.device_identifier, 'traccar-id'),
      ]),
      el('h4', { text: 'GPSLogger (Android): Log to custom URL, method GET' }),
      el('dl', { className: 'settings' }, setting('URL', s.gpslogger_url, 'gpslogger-url')),
      el('h4', { text: 'Overland (iOS)' }),
      el('dl', { className: 'settings' }, [
        ...setting('Receiver endpoint', s.overland.receiver_endpoint, 'overland-url'),
        ...setting('Access token', s.overland.access_token, 'overland-token'),
      ]),
    );
    setup.hidden = false;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(form, async () => {
      const name = form.elements.name.value;
      const { data } = await authed('POST', 'api/v1/devices', { json: { name } });
      form.reset();
      showSetup(data);
      await load();
      setup.querySelector('h3').focus?.();
    });
  });

  return { enter, leave };
}
