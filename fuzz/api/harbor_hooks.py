"""schemathesis hooks of scripts/schemathesis-test.

They keep the gateway under test meaningful for the cases that follow, without
hiding anything from the checks (every response is checked as sent):

* POST /auth/logout ends a spare session made for it, never the run's session
  (when the spares are used up it is sent with Basic credentials only, which
  ends no session);
* a successful PATCH /system/config is followed by one that puts the run's
  settings back, so that a random 10 s open-all spacing or 5 s pulse does not
  slow every later open-all, and a short session limit does not end the session;
* a successful DELETE /controllers/{controllerId} is followed by adding a
  simulated controller, so that later locker cases still find lockers.

`filter_failure` drops only failures the test bench causes, each recognised by
the stable code (and field) of the gateway's Error body; schemathesis counts
them as dropped in its summary:

* 502/503/504 with HARDWARE_BAD_REPLY, CONTROLLER_UNREACHABLE or
  HARDWARE_TIMEOUT: the contract's answers for hardware that does not answer.
  Cases add TCP controllers, which cannot connect from the isolated network the
  bridge runs in, and opening their lockers must answer exactly this;
* 400 answers to schema-valid requests whose validity depends on something the
  document cannot express: a serial device or GPIO chip that does not exist on
  this machine, the kind or hardware of the controller a path names, the caller
  (only admins may open out-of-service lockers), or a rule between two
  properties that the document states in words (a GPIO line per locker).
"""

import base64
import json
import os
import threading
import urllib.request

import schemathesis

BASE_URL = os.environ["HARBOR_ST_BASE_URL"]
API_KEY = os.environ["HARBOR_ST_API_KEY"]
SESSION_TOKEN = os.environ["HARBOR_ST_SESSION_TOKEN"]
ADMIN_PASSWORD = os.environ["HARBOR_ST_ADMIN_PASSWORD"]
RUN_SETTINGS = json.loads(os.environ["HARBOR_ST_RUN_SETTINGS"])

_spare_tokens = [line for line in os.environ.get("HARBOR_ST_SPARE_TOKENS", "").split() if line]
_spares_lock = threading.Lock()


def _send(method, path, body, headers):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE_URL + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name, value)
    # A refusal raises HTTPError: the run then ends in an error instead of going on
    # against a gateway in an unknown state.
    with urllib.request.urlopen(request, timeout=30):
        pass


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.label != "POST /auth/logout":
        return
    headers = case.headers if case.headers is not None else {}
    # Only the session the run authenticates with is at stake: a case that was
    # generated without it (a negative case) is sent as generated.
    if headers.get("X-Session-Token") != SESSION_TOKEN:
        return
    with _spares_lock:
        spare = _spare_tokens.pop() if _spare_tokens else None
    if spare is not None:
        headers["X-Session-Token"] = spare
    else:
        del headers["X-Session-Token"]
        credentials = base64.b64encode(f"admin:{ADMIN_PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {credentials}"
    case.headers = headers


@schemathesis.hook
def after_call(context, case, response):
    if not 200 <= response.status_code < 300:
        return
    label = case.operation.label
    if label == "PATCH /system/config":
        _send("PATCH", "/system/config", RUN_SETTINGS, {"X-API-Key": API_KEY})
    elif label == "DELETE /controllers/{controllerId}":
        cabinet = {"kind": "simulated", "protocol": "simulated", "lockerCount": 16}
        _send("POST", "/controllers", cabinet, {"X-Session-Token": SESSION_TOKEN})


HARDWARE_OUTCOMES = {502: "HARDWARE_BAD_REPLY", 503: "CONTROLLER_UNREACHABLE", 504: "HARDWARE_TIMEOUT"}

# (operation, Error code, details.field or None for any field, words the message must hold)
STATE_DEPENDENT_REFUSALS = [
    ("POST /controllers", "DEVICE_NOT_FOUND", None, ""),
    ("POST /controllers", "VALIDATION_FAILED", "/device", "is not a serial device"),
    ("POST /controllers/{controllerId}/replace", "VALIDATION_FAILED", "/device", "is not a serial device"),
    ("PATCH /controllers/{controllerId}", "VALIDATION_FAILED", "/device", "is not a serial device"),
    ("POST /controllers/{controllerId}/replace", "DEVICE_NOT_FOUND", None, ""),
    ("PATCH /controllers/{controllerId}", "DEVICE_NOT_FOUND", None, ""),
    ("PATCH /controllers/{controllerId}", "VALIDATION_FAILED", None, "does not apply to a"),
    ("PATCH /controllers/{controllerId}", "VALIDATION_FAILED", "/address", "must be within"),
    ("POST /controllers/{controllerId}/replace", "VALIDATION_FAILED", "/protocol", "cannot drive the"),
    ("POST /controllers/{controllerId}/replace", "VALIDATION_FAILED", "/lines", "one line per locker"),
    ("PATCH /controllers/{controllerId}", "VALIDATION_FAILED", "/lines", "one line per locker"),
    ("POST /controllers/{controllerId}/locker-count", "VALIDATION_FAILED", "/lockerCount", "it drives at most"),
    ("POST /lockers/open-all", "VALIDATION_FAILED", "/includeOutOfService", "for admins"),
    # Rules between two properties, which the document states in words only.
    ("POST /controllers", "VALIDATION_FAILED", "/lines", "at least lockerCount"),
    ("POST /controllers", "VALIDATION_FAILED", "/doorLines", "more entries than lines"),
    ("POST /controllers/{controllerId}/replace", "VALIDATION_FAILED", "/doorLines", "more entries than lines"),
    # One GPIO line at most once across lines and doorLines, offsets compared as numbers
    # ("7" and "07") and names as Swift compares text (canonical equivalence).
    ("POST /controllers", "VALIDATION_FAILED", None, "is named twice"),
    ("POST /controllers/{controllerId}/replace", "VALIDATION_FAILED", None, "is named twice"),
    ("PATCH /controllers/{controllerId}", "VALIDATION_FAILED", None, "is named twice"),
]


def _error_body(response):
    try:
        body = response.json()
    except Exception:
        return {}
    return body if isinstance(body, dict) else {}


_dropped_lock = threading.Lock()


def _record_dropped(failure, case, response, code, field):
    """One line per dropped failure, for the script's tally."""
    path = os.environ.get("HARBOR_ST_DROPPED_LOG")
    if not path:
        return
    with _dropped_lock, open(path, "a", encoding="utf-8") as log:
        log.write(f"{failure.code} {response.status_code} {code} {field or '-'} {case.operation.label}\n")


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure but the test bench's own (see the module's description)."""
    if response is None:
        return True
    body = _error_body(response)
    code = body.get("code")
    details = body.get("details") if isinstance(body.get("details"), dict) else {}
    bench_caused = False
    if failure.code == "ST101":
        bench_caused = HARDWARE_OUTCOMES.get(response.status_code) == code
    elif failure.code == "ST202" and response.status_code == 400:
        label = case.operation.label
        message = str(body.get("message", ""))
        bench_caused = any(
            label == operation and code == refusal and field in (None, details.get("field")) and words in message
            for operation, refusal, field, words in STATE_DEPENDENT_REFUSALS
        )
    if bench_caused:
        _record_dropped(failure, case, response, code, details.get("field"))
    return not bench_caused
