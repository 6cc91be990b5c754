'use strict';
// Small DOM helpers shared by every section: building elements, the notice bar,
// the one modal dialog, and formatting of times and ids.

const $ = (id) => document.getElementById(id);

// el('button', {class: 'primary', onclick: f}, 'Open') builds an element;
// `text` sets textContent, `on…` adds a listener, other keys become attributes.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function facts(pairs) {
  const list = el('dl', { class: 'facts' });
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    list.append(el('dt', { text: name }), el('dd', {}, value === null ? '—' : value));
  }
  return list;
}

// The notice bar under the header: errors stay until dismissed, successes fade.
let noticeTimer = null;
function notify(text, kind = 'error') {
  const bar = $('notice');
  $('notice-text').textContent = text;
  bar.className = kind === 'success' ? 'notice success' : 'notice';
  bar.setAttribute('role', kind === 'success' ? 'status' : 'alert');
  bar.hidden = false;
  clearTimeout(noticeTimer);
  if (kind === 'success') noticeTimer = setTimeout(() => { bar.hidden = true; }, 5000);
}
function notifyError(error) { notify(describeError(error), 'error'); }
function clearNotice() { $('notice').hidden = true; }

// Runs an action from a button: disabled while it runs, its error in the notice bar.
async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    notifyError(error);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

// The modal dialog. `action` runs on confirm: an error is shown in the dialog,
// which stays open; a returned string is shown as the result (the dialog stays
// open with a Close button); anything else closes it.
let currentDialog = null;
function openDialog({ title, body = [], confirm = 'OK', danger = false, action = null, onClose = null }) {
  const dialog = $('dialog');
  currentDialog = { action, onClose };
  $('dialog-title').textContent = title;
  $('dialog-body').replaceChildren(...[body].flat().filter(Boolean));
  $('dialog-error').hidden = true;
  $('dialog-result').hidden = true;
  const button = $('dialog-confirm');
  button.hidden = !action;
  button.disabled = false;
  button.textContent = confirm;
  button.className = danger ? 'danger' : 'primary';
  $('dialog-cancel').textContent = action ? 'Cancel' : 'Close';
  if (!dialog.open) dialog.showModal();
  const first = $('dialog-body').querySelector('input, select');
  if (first) first.focus();
}

function closeDialog() {
  const dialog = $('dialog');
  if (dialog.open) dialog.close();
}

function dialogError(error) {
  const box = $('dialog-error');
  box.textContent = describeError(error);
  box.hidden = false;
}

function dialogResult(text) {
  $('dialog-error').hidden = true;
  const box = $('dialog-result');
  box.textContent = text;
  box.hidden = false;
  $('dialog-cancel').textContent = 'Close';
}

function setUpDialog() {
  const dialog = $('dialog');
  $('dialog-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!currentDialog || !currentDialog.action) return;
    const button = $('dialog-confirm');
    button.disabled = true;
    $('dialog-error').hidden = true;
    $('dialog-result').hidden = true;
    try {
      const outcome = await currentDialog.action();
      if (typeof outcome === 'string') dialogResult(outcome);
      else closeDialog();
    } catch (error) {
      dialogError(error);
    } finally {
      button.disabled = false;
    }
  });
  $('dialog-cancel').addEventListener('click', closeDialog);
  dialog.addEventListener('close', () => {
    // Reopened for another purpose before this event ran: that dialog is not finished.
    if (dialog.open) return;
    const finished = currentDialog;
    currentDialog = null;
    if (finished && finished.onClose) finished.onClose();
  });
}

function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function formatDuration(seconds) {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86400);
  const hours = Math.floor((whole % 86400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (days) return `${days} d ${hours} h`;
  if (hours) return `${hours} h ${minutes} min`;
  return `${minutes} min ${whole % 60} s`;
}

function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

function shortId(id) { return id ? id.slice(0, 8) : '—'; }

// Runs an action from a button inside the open dialog: its error or its result
// (a returned string) shown in the dialog, which stays open.
async function inDialog(button, work) {
  button.disabled = true;
  $('dialog-error').hidden = true;
  $('dialog-result').hidden = true;
  try {
    const outcome = await work();
    if (typeof outcome === 'string') dialogResult(outcome);
  } catch (error) {
    dialogError(error);
  } finally {
    button.disabled = false;
  }
}
