'use strict';
// The locker grid, grouped by controller: each tile shows status, door, the
// out-of-service reason and the transaction. Tapping a tile opens the locker's
// actions. Live changes arrive through events.js; the grid is never polled.

const cabinet = { lockers: new Map(), controllers: new Map() };
const reasonCodes = ['MANUAL_DISABLE', 'MAINTENANCE', 'HARDWARE_FAULT', 'LOCK_FAULT', 'DOOR_SENSOR_FAULT', 'DAMAGED',
  'CLEANING', 'OTHER'];
const statusWords = { available: 'Available', occupied: 'Occupied', out_of_service: 'Out of service' };
const doorWords = { open: 'Door open', closed: 'Door closed', unknown: 'Door unknown' };
let lockerInDialog = null;

async function loadCabinet() {
  const [lockers, controllers] = await Promise.all([api('GET', '/lockers'), api('GET', '/controllers')]);
  cabinet.lockers = new Map(lockers.data.lockers.map((locker) => [locker.id, locker]));
  cabinet.controllers = new Map(controllers.data.controllers.map((controller) => [controller.id, controller]));
  renderGrid();
}

function renderGrid() {
  const byController = new Map();
  for (const locker of [...cabinet.lockers.values()].sort((a, b) => a.id - b.id)) {
    if (!byController.has(locker.controllerId)) byController.set(locker.controllerId, []);
    byController.get(locker.controllerId).push(locker);
  }
  const ids = [...new Set([...cabinet.controllers.keys(), ...byController.keys()])].sort((a, b) => a - b);
  const groups = ids.map((id) => renderGroup(id, byController.get(id) || []));
  if (!groups.length) groups.push(el('p', { class: 'empty', text: 'No controllers yet: add one under Controllers.' }));
  $('locker-groups').replaceChildren(...groups);
  renderSummary();
  refreshLockerDialog();
}

function renderGroup(controllerId, lockers) {
  const controller = cabinet.controllers.get(controllerId);
  const head = el('div', { class: 'group-head' },
    el('h2', { text: controller ? controller.name : `Controller ${controllerId}` }),
    el('span', { class: 'badge', text: `#${controllerId}` }),
    controller && el('span', { class: 'badge', text: `${controller.kind} · ${controller.protocol}` }),
    controllerBadge(controllerId));
  const grid = el('div', { class: 'grid' }, lockers.map(lockerTile));
  if (!lockers.length) grid.append(el('p', { class: 'empty', text: 'No lockers on this controller.' }));
  return el('div', { class: 'group', id: `group-${controllerId}` }, head, grid);
}

function controllerBadge(controllerId) {
  const badge = el('span', { id: `controller-state-${controllerId}` });
  fillControllerBadge(badge, cabinet.controllers.get(controllerId));
  return badge;
}

function fillControllerBadge(badge, controller) {
  const online = Boolean(controller && controller.online);
  badge.className = `badge ${online ? 'online' : 'offline'}`;
  badge.textContent = online ? 'online' : 'offline';
}

function lockerTile(locker) {
  const tile = el('button', { type: 'button', class: 'locker', id: `locker-${locker.id}`,
    onclick: () => openLockerDialog(locker.id) });
  fillTile(tile, locker);
  return tile;
}

function lockerDetail(locker) {
  if (locker.outOfService) return [locker.reasonCode, locker.reason].filter(Boolean).join(' · ');
  if (locker.transactionId) return `tx ${shortId(locker.transactionId)}`;
  return '';
}

function fillTile(tile, locker) {
  tile.className = ['locker', locker.status, locker.doorState === 'open' && 'door-open',
    !locker.operational && 'not-operational'].filter(Boolean).join(' ');
  tile.dataset.status = locker.status;
  tile.dataset.door = locker.doorState;
  tile.dataset.operational = String(locker.operational);
  tile.replaceChildren(
    el('span', { class: 'top' }, el('span', { class: 'number', text: String(locker.id) }),
      el('span', { class: 'channel', text: `ch ${locker.channel}` })),
    el('span', { class: 'status', text: statusWords[locker.status] || locker.status }),
    el('span', { class: 'door', text: doorWords[locker.doorState] || locker.doorState }),
    el('span', { class: 'detail', text: lockerDetail(locker) || '\u00a0' }));
  const words = [`Locker ${locker.id}`, statusWords[locker.status], doorWords[locker.doorState], lockerDetail(locker)];
  tile.setAttribute('aria-label', words.filter(Boolean).join(', '));
  tile.title = tile.getAttribute('aria-label');
}

function renderSummary() {
  const all = [...cabinet.lockers.values()];
  const count = (test) => all.filter(test).length;
  const part = (label, value) => el('span', {}, `${label} `, el('b', { text: String(value) }));
  $('locker-summary').replaceChildren(
    part('Lockers', all.length),
    part('Available', count((l) => l.status === 'available')),
    part('Occupied', count((l) => l.status === 'occupied')),
    part('Out of service', count((l) => l.status === 'out_of_service')),
    part('Doors open', count((l) => l.doorState === 'open')),
    part('Faulty', count((l) => !l.operational)));
}

// A locker as the bridge reported it just now (an event, or an answer).
function updateLocker(locker) {
  const known = cabinet.lockers.has(locker.id);
  cabinet.lockers.set(locker.id, locker);
  const tile = $(`locker-${locker.id}`);
  if (!known || !tile) {
    renderGrid();
    return;
  }
  fillTile(tile, locker);
  renderSummary();
  refreshLockerDialog();
}

function updateController(controllerId, online) {
  const controller = cabinet.controllers.get(controllerId);
  if (!controller) return;
  controller.online = online;
  const badge = $(`controller-state-${controllerId}`);
  if (badge) fillControllerBadge(badge, controller);
}

async function refreshLocker(id) {
  const { data } = await api('GET', `/lockers/${id}`);
  updateLocker(data);
}

function openLockerDialog(id) {
  const locker = cabinet.lockers.get(id);
  if (!locker) return;
  lockerInDialog = id;
  const open = el('button', { type: 'button', class: 'primary', id: 'locker-open', text: 'Open locker' });
  open.addEventListener('click', () => inDialog(open, async () => {
    const { data } = await api('POST', `/lockers/${id}/open`);
    return `Locker ${id} opened; its door reads ${data.doorState}.`;
  }));
  openDialog({
    title: `Locker ${id}`,
    body: [el('p', { class: 'state-line', id: 'locker-dialog-state' }), el('div', { class: 'choice' }, open),
      el('div', { id: 'locker-service' })],
    onClose: () => { lockerInDialog = null; },
  });
  refreshLockerDialog();
}

// Keeps the open locker dialog in step with the grid.
function refreshLockerDialog() {
  if (lockerInDialog === null) return;
  const locker = cabinet.lockers.get(lockerInDialog);
  const line = $('locker-dialog-state');
  if (!locker || !line) return;
  const controller = cabinet.controllers.get(locker.controllerId);
  line.textContent = [`${statusWords[locker.status] || locker.status}`, doorWords[locker.doorState],
    locker.operational ? 'operational' : 'not operational (controller offline or faulty)',
    `${controller ? controller.name : `controller ${locker.controllerId}`}, channel ${locker.channel}`,
    locker.transactionId && `transaction ${locker.transactionId}`].filter(Boolean).join(' · ');
  const service = $('locker-service');
  if (service.dataset.outOfService !== String(locker.outOfService)) renderServiceControls(service, locker);
}

function renderServiceControls(box, locker) {
  box.dataset.outOfService = String(locker.outOfService);
  const id = locker.id;
  if (locker.outOfService) {
    const back = el('button', { type: 'button', id: 'locker-back-in-service', text: 'Back in service' });
    back.addEventListener('click', () => inDialog(back, async () => {
      await api('PATCH', `/lockers/${id}`, { outOfService: false });
      await refreshLocker(id);
      return `Locker ${id} is back in service.`;
    }));
    const reason = [locker.reasonCode, locker.reason].filter(Boolean).join(': ');
    box.replaceChildren(el('h3', { text: 'Out of service' }), el('p', { text: reason || 'No reason given.' }), back);
    return;
  }
  const code = el('select', { id: 'out-of-service-code' }, reasonCodes.map((value) => el('option', { value, text: value })));
  const reason = el('input', { id: 'out-of-service-reason', maxlength: '500', placeholder: 'Note for colleagues (optional)' });
  const take = el('button', { type: 'button', class: 'danger', id: 'locker-out-of-service', text: 'Put out of service' });
  take.addEventListener('click', () => inDialog(take, async () => {
    const body = { outOfService: true, reasonCode: code.value };
    if (reason.value.trim()) body.reason = reason.value.trim();
    await api('PATCH', `/lockers/${id}`, body);
    await refreshLocker(id);
    return `Locker ${id} is out of service (${code.value}).`;
  }));
  box.replaceChildren(el('h3', { text: 'Take out of service' }),
    el('div', { class: 'form-grid' }, el('label', {}, 'Reason code', code), el('label', {}, 'Reason', reason)),
    el('div', { class: 'choice' }, take));
}

function openAllDialog() {
  const inService = [...cabinet.lockers.values()].filter((locker) => !locker.outOfService).length;
  const include = el('input', { type: 'checkbox', id: 'open-all-include' });
  openDialog({
    title: 'Open all lockers?',
    body: [
      el('p', { text: `All ${inService} lockers in service unlock, a few at a time. Whatever is inside becomes ` +
        'reachable: do this only with the cabinet attended.' }),
      el('label', {}, include, 'Also open lockers that are out of service'),
    ],
    confirm: 'Open all',
    danger: true,
    action: async () => {
      const { data } = await api('POST', '/lockers/open-all', { includeOutOfService: include.checked });
      let text = `Opened ${data.opened}, failed ${data.failed}, skipped ${data.skipped} ` +
        `in ${(data.durationMs / 1000).toFixed(1)} s.`;
      const failures = data.results.filter((result) => !result.success);
      if (failures.length) {
        text += ' Not opened: ' + failures.map((result) =>
          `locker ${result.lockerId}: ${result.message || result.outcome} (${result.errorCode})`).join('; ');
      }
      return text;
    },
  });
}
