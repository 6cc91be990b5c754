'use strict';
// Controllers: the list with scan, add, details, edit, replace, locker count
// and remove. Every refusal of the API is shown in the dialog in words.

async function loadControllers() {
  const { data } = await api('GET', '/controllers');
  const cards = data.controllers.map(controllerCard);
  if (!cards.length) cards.push(el('p', { class: 'empty', text: 'No controllers. Scan or add one.' }));
  $('controller-cards').replaceChildren(...cards);
}

function connectionOf(controller) {
  switch (controller.kind) {
    case 'serial': return `${controller.device} @ ${controller.baudRate} baud, address ${controller.address}`;
    case 'tcp': return `${controller.host}:${controller.port}, address ${controller.address}`;
    case 'gpio': return `${controller.chip}: ${(controller.lines || []).join(', ')}`;
    default: return controller.address === null || controller.address === undefined
      ? 'in-process simulation' : `in-process simulation, address ${controller.address}`;
  }
}

function controllerCard(controller) {
  const id = controller.id;
  const action = (label, handler, extra = {}) =>
    el('button', { type: 'button', class: 'small', text: label, onclick: () => handler(controller), ...extra });
  return el('div', { class: 'card', id: `controller-${id}` },
    el('h3', {}, el('span', { text: controller.name }),
      el('span', { class: `badge ${controller.online ? 'online' : 'offline'}`, text: controller.online ? 'online' : 'offline' })),
    facts([
      ['Id', String(id)],
      ['Kind', `${controller.kind} · ${controller.protocol}`],
      ['Connection', connectionOf(controller)],
      ['Lockers', String(controller.lockerCount)],
      ['Pulse', controller.pulseMs ? `${controller.pulseMs} ms` : 'system default'],
      ['Last seen', formatTime(controller.lastSeenAt)],
    ]),
    el('div', { class: 'actions' },
      action('Details', detailsDialog),
      action('Edit', editDialog, { id: `edit-controller-${id}` }),
      action('Replace', replaceDialog),
      action('Locker count', lockerCountDialog, { id: `count-controller-${id}` }),
      action('Remove', removeDialog, { id: `remove-controller-${id}`, class: 'small danger' })));
}

async function afterControllerChange(message) {
  notify(message, 'success');
  await loadControllers();
  reloadCabinet();
}

function addDialog(initial = {}) {
  const form = controllerForm('add', initial);
  openDialog({
    title: 'Add controller',
    body: form.node,
    confirm: 'Add',
    action: async () => {
      const { data } = await api('POST', '/controllers', form.read());
      await afterControllerChange(`Controller ${data.id} (${data.name}) added with ${data.lockerCount} lockers.`);
    },
  });
}

function editDialog(controller) {
  const form = controllerForm('edit', controller);
  openDialog({
    title: `Edit ${controller.name}`,
    body: form.node,
    confirm: 'Save',
    action: async () => {
      const body = form.read();
      if (!Object.keys(body).length) return 'Nothing was changed.';
      await api('PATCH', `/controllers/${controller.id}`, body);
      await afterControllerChange(`Controller ${controller.id} saved.`);
    },
  });
}

function replaceDialog(controller) {
  const form = controllerForm('replace', controller);
  openDialog({
    title: `Replace ${controller.name}`,
    body: [el('p', { text: 'The new hardware takes over the same lockers, channels and transactions.' }), form.node],
    confirm: 'Replace',
    danger: true,
    action: async () => {
      const { data } = await api('POST', `/controllers/${controller.id}/replace`, form.read());
      await afterControllerChange(`Controller ${controller.id} replaced by controller ${data.id}.`);
    },
  });
}

function lockerCountDialog(controller) {
  const count = el('input', { type: 'number', id: 'locker-count', min: '0', max: '64', value: String(controller.lockerCount) });
  openDialog({
    title: `Locker count of ${controller.name}`,
    body: [el('p', { text: 'New lockers get new ids; removed lockers must hold no active transaction.' }),
      el('div', { class: 'form-grid' }, el('label', {}, 'Lockers', count))],
    confirm: 'Apply',
    action: async () => {
      const { data } = await api('POST', `/controllers/${controller.id}/locker-count`, { lockerCount: Number(count.value) });
      const list = (ids) => (ids.length ? ids.join(', ') : 'none');
      await loadControllers();
      reloadCabinet();
      return `Controller ${data.controllerId} now has ${data.lockerCount} lockers; added ${list(data.addedLockerIds)}, ` +
        `removed ${list(data.removedLockerIds)}.`;
    },
  });
}

function removeDialog(controller) {
  openDialog({
    title: `Remove ${controller.name}?`,
    body: el('p', { text: `Controller ${controller.id} and its ${controller.lockerCount} lockers leave the gateway. ` +
      'Refused while any of them holds an active transaction.' }),
    confirm: 'Remove',
    danger: true,
    action: async () => {
      await api('DELETE', `/controllers/${controller.id}`);
      await afterControllerChange(`Controller ${controller.id} removed.`);
    },
  });
}

async function detailsDialog(controller) {
  try {
    const { data } = await api('GET', `/controllers/${controller.id}`);
    const counters = data.errorCounters;
    openDialog({
      title: data.controller.name,
      body: facts([
        ['Connection', connectionOf(data.controller)],
        ['Model', data.model], ['Firmware', data.firmware],
        ['Lockers', data.lockers.map((locker) => locker.id).join(', ') || 'none'],
        ['Opens', String(counters.opens)],
        ['Errors', `${counters.timeouts} timeouts, ${counters.badReplies} bad replies, ` +
          `${counters.transportFailures} transport failures`],
        ['Last error', data.lastError ? `${data.lastError.message} (${data.lastError.code}) ${formatTime(data.lastError.at)}` : null],
      ]),
    });
  } catch (error) {
    notifyError(error);
  }
}

function scanDialog() {
  const mdns = el('input', { type: 'checkbox', id: 'scan-mdns', checked: true });
  const serial = el('input', { type: 'checkbox', id: 'scan-serial', checked: true });
  const timeout = el('input', { type: 'number', id: 'scan-timeout', min: '500', max: '10000', value: '3000' });
  const results = el('div', { id: 'scan-results' });
  openDialog({
    title: 'Scan for controllers',
    body: [el('div', { class: 'choice' }, el('label', {}, mdns, 'mDNS (TCP bridges)'),
      el('label', {}, serial, 'USB serial adapters'), el('label', {}, 'Time (ms)', timeout)), results],
    confirm: 'Scan',
    action: async () => {
      const { data } = await api('POST', '/controllers/scan',
        { mdns: mdns.checked, serial: serial.checked, timeoutMs: Number(timeout.value) });
      results.replaceChildren(...data.found.map(foundRow));
      await loadControllers();
      const fresh = data.found.filter((found) => !found.known).length;
      return `Found ${data.found.length} controller(s), ${fresh} not yet known, in ${data.durationMs} ms.`;
    },
  });
}

function foundRow(found) {
  const where = found.host ? `${found.host}:${found.port}` : found.device;
  const state = found.added ? 'added' : found.known ? `known as controller ${found.controllerId}` : 'new';
  const row = el('div', { class: 'choice' },
    el('span', { text: `${found.name} · ${found.protocol} · ${where} · address ${found.address ?? '—'} · ${state}` }));
  if (!found.known) {
    row.append(el('button', { type: 'button', class: 'small', text: 'Add…', onclick: () => addDialog({
      name: found.name, kind: found.host ? 'tcp' : 'serial', protocol: found.protocol, host: found.host,
      port: found.port, device: found.device, address: found.address, lockerCount: found.lockerCount,
    }) }));
  }
  return row;
}

function setUpControllers() {
  $('add-controller').addEventListener('click', () => addDialog());
  $('scan-controllers').addEventListener('click', scanDialog);
}
