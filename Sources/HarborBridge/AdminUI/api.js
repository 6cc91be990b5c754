'use strict';
// The gateway's JSON API as the page uses it: the admin session token from
// sessionStorage on every call, and every failure turned into an ApiError that
// can say what went wrong in words (the Error body's message and code).

const session = {
  key: 'harbor.session',
  get token() { return sessionStorage.getItem(this.key); },
  remember(token) { sessionStorage.setItem(this.key, token); },
  forget() { sessionStorage.removeItem(this.key); },
};

class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }

  // "Locker 99 does not exist (LOCKER_NOT_FOUND)", plus the field at fault.
  get words() {
    let text = `${this.message} (${this.code})`;
    if (typeof this.details.field === 'string') text += ` · field ${this.details.field}`;
    return text;
  }
}

// What to do when a call answers 401 although the page believed it was signed in.
let onSessionLost = () => {};

function basicCredentials(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return 'Basic ' + btoa(binary);
}

// Calls the API; resolves to {status, data} for any 2xx answer (207 included),
// rejects with an ApiError otherwise.
async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.basic) {
    headers.Authorization = basicCredentials(options.basic.user, options.basic.password);
  } else if (session.token) {
    headers['X-Session-Token'] = session.token;
  }
  // No cookies or browser-kept credentials: the token is the credential, and a
  // 401 must reach this code rather than raise the browser's own password prompt.
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', 'The gateway did not answer; check the connection to the cabinet');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (cause) { data = null; }
  }
  if (response.ok) return { status: response.status, data };
  let error;
  if (data && typeof data.code === 'string' && typeof data.message === 'string') {
    error = new ApiError(response.status, data.code, data.message, data.details);
  } else {
    const reason = response.statusText ? ` ${response.statusText}` : '';
    error = new ApiError(response.status, `HTTP_${response.status}`, `The gateway answered HTTP ${response.status}${reason}`);
  }
  if (response.status === 401 && !options.basic) onSessionLost(error);
  throw error;
}

// Words for anything a handler caught: API errors as the API put them.
function describeError(error) {
  if (error instanceof ApiError) return error.words;
  return `Something went wrong in the page: ${error && error.message ? error.message : error}`;
}

// Query string of the given parameters, leaving out empty ones.
function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
