'use strict';
// Transactions: a filtered, paged list with release, and a new transaction for
// a technician testing a locker.

const transactionPage = { limit: 25, offset: 0, total: 0 };

function transactionFilters() {
  return { status: $('filter-status').value, lockerId: $('filter-locker').value.trim() };
}

async function loadTransactions() {
  const filters = transactionFilters();
  const { data } = await api('GET', '/transactions' + query({ ...filters, limit: transactionPage.limit,
    offset: transactionPage.offset }));
  transactionPage.total = data.total;
  const rows = data.transactions.map(transactionRow);
  if (!rows.length) {
    rows.push(el('tr', {}, el('td', { colspan: '7', class: 'empty', text: 'No transactions match these filters.' })));
  }
  $('transaction-rows').replaceChildren(...rows);
  const first = data.total ? transactionPage.offset + 1 : 0;
  const last = Math.min(transactionPage.offset + data.transactions.length, data.total);
  $('page-label').textContent = `${first}–${last} of ${data.total}`;
  $('page-previous').disabled = transactionPage.offset === 0;
  $('page-next').disabled = last >= data.total;
}

function transactionRow(transaction) {
  const actions = el('td');
  if (transaction.status === 'active') {
    actions.append(el('button', { type: 'button', class: 'small', text: 'Release',
      onclick: () => releaseDialog(transaction) }));
  }
  return el('tr', { id: `transaction-${transaction.id}` },
    el('td', { class: 'mono', title: transaction.id, text: shortId(transaction.id) }),
    el('td', { text: String(transaction.lockerId) }),
    el('td', { text: transaction.status }),
    el('td', { text: formatTime(transaction.createdAt) }),
    el('td', { text: formatTime(transaction.releasedAt) }),
    el('td', { text: transaction.reference || '—' }),
    actions);
}

function releaseDialog(transaction) {
  openDialog({
    title: 'Release transaction?',
    body: el('p', { text: `Transaction ${transaction.id} ends and locker ${transaction.lockerId} becomes free ` +
      'for the next customer.' }),
    confirm: 'Release',
    action: async () => {
      await api('POST', `/transactions/${transaction.id}/release`);
      notify(`Transaction ${shortId(transaction.id)} released; locker ${transaction.lockerId} is free.`, 'success');
      await loadTransactions();
    },
  });
}

function newTransactionDialog() {
  const locker = el('input', { id: 'new-transaction-locker', type: 'number', min: '1', inputmode: 'numeric',
    placeholder: 'any free locker' });
  const reference = el('input', { id: 'new-transaction-reference', maxlength: '200', placeholder: 'optional' });
  openDialog({
    title: 'New transaction',
    body: el('div', { class: 'form-grid' }, el('label', {}, 'Locker', locker), el('label', {}, 'Reference', reference)),
    confirm: 'Create',
    action: async () => {
      const body = {};
      if (locker.value.trim()) body.lockerId = Number(locker.value);
      if (reference.value.trim()) body.reference = reference.value.trim();
      const { data } = await api('POST', '/transactions', body);
      notify(`Transaction ${shortId(data.id)} holds locker ${data.lockerId}.`, 'success');
      await loadTransactions();
    },
  });
}

function setUpTransactions() {
  $('transaction-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    transactionPage.offset = 0;
    loadTransactions().catch(notifyError);
  });
  $('page-previous').addEventListener('click', () => {
    transactionPage.offset = Math.max(0, transactionPage.offset - transactionPage.limit);
    loadTransactions().catch(notifyError);
  });
  $('page-next').addEventListener('click', () => {
    transactionPage.offset += transactionPage.limit;
    loadTransactions().catch(notifyError);
  });
  $('new-transaction').addEventListener('click', newTransactionDialog);
}
