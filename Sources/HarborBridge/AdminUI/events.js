'use strict';
// Live changes pushed by the bridge (GET /events, Server-Sent Events). The
// browser's EventSource cannot send headers, so the session token goes in the
// URL of this one request. After every (re)connection the whole cabinet is read
// once, so nothing that happened while disconnected is missed.

const live = { source: null, retry: null, reload: null };

function setLive(state) {
  const badge = $('live');
  const words = { on: '● Live', off: 'Reconnecting…', connecting: 'Connecting…' };
  badge.textContent = words[state];
  badge.className = `live ${state}`;
  badge.dataset.state = state;
  badge.hidden = false;
}

// Reads the cabinet again, at most once per burst of requests.
function reloadCabinet() {
  if (live.reload) return;
  live.reload = setTimeout(async () => {
    live.reload = null;
    try {
      await loadCabinet();
    } catch (error) {
      notifyError(error);
    }
  }, 100);
}

function connectEvents() {
  disconnectEvents();
  if (!session.token) return;
  const source = new EventSource(`/events${query({ token: session.token })}`);
  live.source = source;
  setLive('connecting');
  const parsed = (handler) => (event) => {
    try {
      handler(JSON.parse(event.data));
    } catch (error) {
      reloadCabinet();
    }
  };
  source.addEventListener('open', () => {
    setLive('on');
    reloadCabinet();
  });
  source.addEventListener('door', parsed((change) => {
    const locker = cabinet.lockers.get(change.lockerId);
    if (locker) updateLocker({ ...locker, doorState: change.doorState });
  }));
  source.addEventListener('locker', parsed(updateLocker));
  source.addEventListener('controller', parsed((change) => {
    updateController(change.controllerId, change.online);
    if (!change.online && change.message) {
      notify(`Controller ${change.controllerId} went offline: ${change.message} (${change.code})`);
    }
  }));
  source.addEventListener('cabinet', reloadCabinet);
  source.addEventListener('resync', reloadCabinet);
  source.addEventListener('error', () => {
    if (live.source !== source) return;
    setLive('off');
    // The stream ended (session over, gateway restarting, network). Rather than
    // let EventSource retry on its own (a 401 would raise the browser's password
    // prompt), find out with an ordinary call, which signs out on 401, and
    // reconnect while the session holds.
    source.close();
    live.source = null;
    live.retry = setTimeout(async () => {
      live.retry = null;
      try {
        await loadCabinet();
        connectEvents();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) connectEvents();
      }
    }, 3000);
  });
}

function disconnectEvents() {
  clearTimeout(live.retry);
  live.retry = null;
  if (live.source) live.source.close();
  live.source = null;
  $('live').hidden = true;
}
