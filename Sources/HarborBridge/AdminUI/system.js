'use strict';
// System: identity, lockers, storage, network and configuration; network
// refresh, the Sentry test, reboot behind a confirmation; logs by level.

async function loadSystem() {
  const { data } = await api('GET', '/system');
  const counts = data.lockers;
  const config = Object.entries(data.config).map(([name, value]) => [name, String(value)]);
  $('system-cards').replaceChildren(
    el('div', { class: 'card' }, el('h3', { text: 'Gateway' }), facts([
      ['Name', data.gatewayName], ['Version', data.version], ['Host name', data.hostname],
      ['Started', formatTime(data.startedAt)], ['Up for', formatDuration(data.uptimeSeconds)],
    ])),
    el('div', { class: 'card' }, el('h3', { text: 'Lockers' }), facts([
      ['Total', String(counts.total)], ['Available', String(counts.available)], ['Occupied', String(counts.occupied)],
      ['Out of service', String(counts.outOfService)], ['Not operational', String(counts.nonOperational)],
      ['Controllers', data.controllers.map((c) => `${c.name} (${c.online ? 'online' : 'offline'})`).join(', ') || 'none'],
    ])),
    el('div', { class: 'card', id: 'network-card' }, networkFacts(data.network)),
    el('div', { class: 'card' }, el('h3', { text: 'Storage' }), facts([
      ['Data directory', data.storage.dataDirectory], ['Database', formatBytes(data.storage.databaseBytes)],
      ['Free', formatBytes(data.storage.freeBytes)],
    ])),
    el('div', { class: 'card' }, el('h3', { text: 'Configuration' }), facts(config)));
}

function networkFacts(network) {
  const rows = network.interfaces.map((item) => [
    item.name,
    [item.up ? 'up' : 'down', item.macAddress, ...item.addresses.map((a) => `${a.address}/${a.prefixLength}`)]
      .filter(Boolean).join(' · '),
  ]);
  return [el('h3', { text: 'Network' }), facts([...rows, ['Read at', formatTime(network.refreshedAt)]])];
}

async function loadLogs() {
  const { data } = await api('GET', '/system/logs' + query({
    level: $('log-level').value, category: $('log-category').value.trim(), limit: 200 }));
  const rows = data.logs.map((entry) => el('tr', {},
    el('td', { class: 'mono', text: formatTime(entry.timestamp) }),
    el('td', { class: `level-${entry.level}`, text: entry.level }),
    el('td', { text: entry.category }),
    el('td', { text: entry.metadata && Object.keys(entry.metadata).length
      ? `${entry.message} ${JSON.stringify(entry.metadata)}` : entry.message })));
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '4', class: 'empty', text: 'No entries at this level.' })));
  $('log-rows').replaceChildren(...rows);
}

function rebootDialog() {
  openDialog({
    title: 'Reboot the gateway?',
    body: el('p', { text: 'The cabinet computer restarts. Lockers cannot be opened until it is back, ' +
      'usually within a minute or two.' }),
    confirm: 'Reboot',
    danger: true,
    action: async () => {
      const { data } = await api('POST', '/system/reboot');
      return `${data.message || 'The gateway is rebooting.'} This page reconnects once it is back.`;
    },
  });
}

function setUpSystem() {
  $('log-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadLogs().catch(notifyError);
  });
  $('refresh-network').addEventListener('click', (event) => busy(event.currentTarget, async () => {
    const { data } = await api('POST', '/system/network/refresh');
    $('network-card').replaceChildren(...networkFacts(data));
    notify('Network information read again.', 'success');
  }));
  $('sentry-test').addEventListener('click', (event) => busy(event.currentTarget, async () => {
    const { data } = await api('POST', '/diagnostics/sentry-test');
    notify(`Sentry accepted test event ${data.eventId}.`, 'success');
  }));
  $('reboot').addEventListener('click', rebootDialog);
}
