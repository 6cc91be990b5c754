'use strict';
// Sign in and out, switching sections, and start-up. The session token lives
// in sessionStorage: it survives a reload of this tab and ends with the tab.

const sections = {
  lockers: () => loadCabinet(),
  transactions: () => loadTransactions(),
  controllers: () => loadControllers(),
  system: () => Promise.all([loadSystem(), loadLogs()]),
};
let currentSection = 'lockers';

function showSection(name) {
  currentSection = name;
  for (const section of Object.keys(sections)) $(`${section}-section`).hidden = section !== name;
  for (const tab of document.querySelectorAll('#nav .tab')) {
    if (tab.dataset.section === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  return sections[name]().catch(notifyError);
}

function showSignedIn() {
  $('login-section').hidden = true;
  $('nav').hidden = false;
  $('logout').hidden = false;
  connectEvents();
  return showSection(currentSection);
}

function showSignedOut(message) {
  disconnectEvents();
  closeDialog();
  session.forget();
  for (const section of Object.keys(sections)) $(`${section}-section`).hidden = true;
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('login-section').hidden = false;
  const error = $('login-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('login-password').value = '';
  $('login-password').focus();
}

async function signIn(event) {
  event.preventDefault();
  const button = $('login-submit');
  button.disabled = true;
  $('login-error').hidden = true;
  try {
    const { data } = await api('POST', '/auth/login', undefined,
      { basic: { user: $('login-user').value, password: $('login-password').value } });
    session.remember(data.token);
    $('login-password').value = '';
    clearNotice();
    await showSignedIn();
  } catch (error) {
    $('login-error').textContent = describeError(error);
    $('login-error').hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  try {
    await api('POST', '/auth/logout');
  } catch (error) {
    // Signed out here either way; a session the gateway no longer knows is ended already.
  }
  clearNotice();
  showSignedOut('');
}

document.addEventListener('DOMContentLoaded', () => {
  setUpDialog();
  setUpTransactions();
  setUpControllers();
  setUpSystem();
  onSessionLost = (error) => {
    if (session.token) showSignedOut(`Your session has ended; sign in again. ${describeError(error)}`);
  };
  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', signOut);
  $('notice-close').addEventListener('click', clearNotice);
  $('open-all').addEventListener('click', openAllDialog);
  for (const tab of document.querySelectorAll('#nav .tab')) {
    tab.addEventListener('click', () => showSection(tab.dataset.section));
  }
  // A token kept from before a reload is tried with an ordinary call first: one
  // that has ended signs out (onSessionLost) before any event stream is opened.
  if (session.token) api('GET', '/controllers').then(showSignedIn, (error) => { if (session.token) notifyError(error); });
  else showSignedOut('');
});
