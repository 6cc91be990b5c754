'use strict';
// The controller form shared by add, replace and edit: the connection fields of
// the chosen kind only, read back into the body the Admin API expects. Values
// are checked by the API, whose errors the dialog shows in words.

const boardProtocols = ['cu-xor', 'kerong-cu16', 'kerong-cu48', 'modbus-relay'];
const protocolsByKind = { serial: boardProtocols, tcp: boardProtocols, gpio: ['gpio-relay'], simulated: ['simulated'] };
const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

// Field name → [label, kinds it belongs to (all when absent), modes it appears in, input factory].
const controllerFields = [
  ['name', 'Name', null, ['add', 'replace', 'edit'], () => el('input', { maxlength: '64', placeholder: 'optional' })],
  ['kind', 'Kind', null, ['add', 'replace', 'edit'],
    () => el('select', {}, Object.keys(protocolsByKind).map((kind) => el('option', { value: kind, text: kind })))],
  ['protocol', 'Protocol', null, ['add', 'replace', 'edit'], () => el('select')],
  ['lockerCount', 'Lockers', null, ['add'], () => el('input', { type: 'number', min: '1', max: '64', value: '16' })],
  ['device', 'Serial device', ['serial'], ['add', 'replace', 'edit'],
    () => el('input', { placeholder: '/dev/serial/by-id/…' })],
  ['baudRate', 'Baud rate', ['serial'], ['add', 'replace', 'edit'],
    () => el('select', {}, baudRates.map((rate) => el('option', { value: rate, text: rate, selected: rate === 9600 })))],
  ['host', 'Host', ['tcp'], ['add', 'replace', 'edit'], () => el('input', { placeholder: '192.168.1.50' })],
  ['port', 'Port', ['tcp'], ['add', 'replace', 'edit'], () => el('input', { type: 'number', min: '1', max: '65535' })],
  ['address', 'Board address', ['serial', 'tcp', 'simulated'], ['add', 'replace', 'edit'],
    () => el('input', { type: 'number', min: '0', max: '247' })],
  ['chip', 'GPIO chip', ['gpio'], ['add', 'replace'], () => el('input', { placeholder: 'gpiochip0 or a label' })],
  ['lines', 'Relay lines', ['gpio'], ['add', 'replace', 'edit'], () => el('input', { placeholder: 'GPIO17, GPIO27, …' })],
  ['doorLines', 'Door lines', ['gpio'], ['add', 'replace', 'edit'], () => el('input', { placeholder: 'optional' })],
  ['activeLow', 'Active low', ['gpio'], ['add', 'replace', 'edit'], () => el('input', { type: 'checkbox' })],
  ['pulseMs', 'Pulse (ms)', null, ['add', 'replace', 'edit'],
    () => el('input', { type: 'number', min: '50', max: '5000', placeholder: 'system default' })],
  ['feedbackPolarity', 'Door feedback', null, ['add', 'replace', 'edit'],
    () => el('select', {}, el('option', { value: '', text: 'default (set-closed)' }),
      el('option', { value: 'set-closed', text: 'set-closed' }), el('option', { value: 'set-open', text: 'set-open' }))],
];

const numberFields = new Set(['lockerCount', 'baudRate', 'port', 'address', 'pulseMs']);
const listFields = new Set(['lines', 'doorLines']);

function splitLines(text) { return text.split(/[\s,]+/).filter(Boolean); }

// Builds the form for `mode` ('add', 'replace', 'edit'), prefilled from `initial`.
function controllerForm(mode, initial = {}) {
  const inputs = {};
  const rows = {};
  const grid = el('div', { class: 'form-grid', id: 'controller-form' });
  for (const [name, label, kinds, modes, make] of controllerFields) {
    if (!modes.includes(mode)) continue;
    const input = make();
    input.id = `controller-${name}`;
    inputs[name] = input;
    rows[name] = { node: el('label', {}, label, input), kinds };
    grid.append(rows[name].node);
  }
  const fillProtocols = () => {
    const kind = inputs.kind.value;
    const current = inputs.protocol.value;
    inputs.protocol.replaceChildren(...protocolsByKind[kind].map((value) => el('option', { value, text: value })));
    if (protocolsByKind[kind].includes(current)) inputs.protocol.value = current;
    for (const row of Object.values(rows)) row.node.hidden = Boolean(row.kinds && !row.kinds.includes(kind));
  };
  inputs.kind.value = initial.kind || 'tcp';
  fillProtocols();
  for (const [name, input] of Object.entries(inputs)) {
    const value = initial[name];
    if (value === undefined || value === null || name === 'kind') continue;
    if (input.type === 'checkbox') input.checked = Boolean(value);
    else input.value = Array.isArray(value) ? value.join(', ') : String(value);
  }
  if (mode === 'edit') {
    inputs.kind.disabled = true;
    inputs.protocol.disabled = true;
  }
  inputs.kind.addEventListener('change', fillProtocols);
  return { node: grid, read: () => readControllerForm(mode, inputs, initial) };
}

function fieldValue(name, input) {
  if (input.type === 'checkbox') return input.checked;
  const text = input.value.trim();
  if (text === '') return undefined;
  if (numberFields.has(name)) return Number(text);
  if (listFields.has(name)) return splitLines(text);
  return text;
}

// The request body: for add and replace every filled field of the kind; for
// edit only what differs from the controller (an emptied pulse or door lines
// return to none with null).
function readControllerForm(mode, inputs, initial) {
  const kind = inputs.kind.value;
  const body = {};
  for (const [name, label, kinds] of controllerFields) {
    const input = inputs[name];
    if (!input || (kinds && !kinds.includes(kind))) continue;
    if (mode === 'edit' && (name === 'kind' || name === 'protocol')) continue;
    const value = fieldValue(name, input);
    if (mode !== 'edit') {
      if (value !== undefined && !(input.type === 'checkbox' && value === false)) body[name] = value;
      continue;
    }
    const before = initial[name] === undefined ? null : initial[name];
    if (value === undefined) {
      if (before !== null && (name === 'pulseMs' || name === 'doorLines')) body[name] = null;
      continue;
    }
    if (JSON.stringify(value) !== JSON.stringify(before)) body[name] = value;
  }
  return body;
}
