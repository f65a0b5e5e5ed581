// "Share my location": while the page is open and only after the user asks, the browser's own positions
// (navigator.geolocation.watchPosition, with the accuracy it reports) go to POST /api/v1/locations in batches.
// Nothing is asked of the browser before the button is pressed, so its permission prompt always follows a
// person's choice. Sharing stops when asked, on sign-out, and when the page is closed (the last batch is sent
// with keepalive, so it outlives the page).

// The first position goes at once (the map should show it); later ones are gathered for this long, so a phone
// sends a request every few seconds, not one per fix.
const BATCH_MS = 10_000;
// The API takes at most 1,000 pings a batch; what waits beyond that while offline is cut, oldest first.
const MAX_WAITING = 1000;
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const byId = (id) => document.getElementById(id);

/** authed(method, path, options) calls the API with the token (a 401 sends the user to sign-in), from app.js. */
export function createLocationSharing({ authed }) {
  const panel = byId('share-location');
  const start = byId('share-start');
  const stop = byId('share-stop');
  const status = byId('share-status');

  let watch = null;
  let waiting = [];
  let timer = null;
  let sending = null;
  let sentAny = false;

  start.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      show('This browser cannot tell Waymark where it is.');
      return;
    }
    watch = navigator.geolocation.watchPosition(received, failed, {
      enableHighAccuracy: true, maximumAge: 5000, timeout: 60_000,
    });
    start.hidden = true;
    stop.hidden = false;
    panel.classList.add('sharing');
    show('Waiting for this device’s position…');
    stop.focus();
  });

  stop.addEventListener('click', async () => {
    end();
    await send();
    show(`Stopped. ${status.dataset.last ?? 'Nothing was sent.'}`);
    start.focus();
  });

  // pagehide, not unload: it also fires when a phone's browser puts the page away, and never blocks the bfcache.
  window.addEventListener('pagehide', () => {
    if (watch !== null) {
      end();
      send({ keepalive: true });
    }
  });

  function received(position) {
    const { latitude, longitude, accuracy } = position.coords;
    waiting.push({
      // The service keeps six decimals (about 11 cm); more would be refused as false precision.
      lat: Number(latitude.toFixed(6)),
      lng: Number(longitude.toFixed(6)),
      accuracy_m: Math.round(accuracy * 10) / 10,
      recorded_at: new Date(position.timestamp).toISOString(),
    });
    if (waiting.length > MAX_WAITING) {
      waiting = waiting.slice(-MAX_WAITING);
    }
    status.dataset.waiting = String(waiting.length);
    if (!sentAny && !sending) {
      send();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        send();
      }, BATCH_MS);
    }
  }

  function failed(error) {
    if (error.code === error.PERMISSION_DENIED) {
      end();
      show('The browser did not allow Waymark to know this device’s position. Nothing was sent; you can allow '
        + 'it in the browser’s site settings and try again.');
      return;
    }
    // POSITION_UNAVAILABLE or TIMEOUT: the watch goes on and may still get a fix.
    show(`No position from this device yet (${error.message || 'unavailable'}); still trying.`);
  }

  async function send({ keepalive = false } = {}) {
    if (sending) {
      await sending;
    }
    if (waiting.length === 0) {
      return;
    }
    const batch = waiting;
    waiting = [];
    status.dataset.waiting = '0';
    sending = (async () => {
      try {
        await authed('POST', 'api/v1/locations', {
          json: { pings: batch }, idempotencyKey: crypto.randomUUID(), keepalive,
        });
        sentAny = true;
        const newest = batch[batch.length - 1];
        const last = `Last sent at ${timeFormat.format(new Date())}: ${batch.length === 1 ? 'one position'
          : `${batch.length} positions`}, the newest ±${Math.round(newest.accuracy_m)} m.`;
        status.dataset.last = last;
        status.dataset.sentAt = new Date().toISOString();
        show(watch === null ? `Stopped. ${last}` : `Sharing. ${last}`);
      } catch (error) {
        // Kept for the next try, oldest first, so a dead zone loses nothing but what is over the cap.
        waiting = [...batch, ...waiting].slice(-MAX_WAITING);
        status.dataset.waiting = String(waiting.length);
        if (watch !== null) {
          show(`Could not send (${error.message}); will try again with the next position.`);
        }
        if (error.status === 401) {
          end();
        }
      } finally {
        sending = null;
      }
    })();
    await sending;
  }

  /** Stops watching (and sending later); what is waiting stays for one last send. */
  function end() {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
    clearTimeout(timer);
    timer = null;
    start.hidden = false;
    stop.hidden = true;
    panel.classList.remove('sharing');
  }

  function show(text) {
    status.textContent = text;
  }

  return {
    /** Shown once someone is signed in. */
    enable() {
      panel.hidden = false;
    },
    /** On sign-out: stop at once and forget what was waiting; it belongs to the account that left. */
    disable() {
      end();
      waiting = [];
      sentAny = false;
      delete status.dataset.last;
      delete status.dataset.sentAt;
      status.textContent = '';
      panel.hidden = true;
    },
  };
}
