"""SMS sending, shaped like `django.core.mail`: a `SMS_BACKEND` setting names the backend class.

Backends: `console` (prints, for `make run`), `filebased` (one file per message in `SMS_FILE_PATH`),
`locmem` (keeps messages in `portal.notifications.sms.outbox`, for tests) and `esms` (the eSMS.vn
HTTP gateway). A backend raises `SmsSendError` when the message could not be handed over.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_SMS_BACKEND = "portal.notifications.sms.console.SmsBackend"

# Filled by the locmem backend; tests read and empty it, as with django.core.mail.outbox.
outbox: list["SmsMessage"] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164, e.g. +84912345678
    body: str


class SmsSendError(Exception):
    """The gateway refused the message or could not be reached."""


def get_connection(backend: str | None = None, **kwargs):
    backend_class = import_string(backend or getattr(settings, "SMS_BACKEND", DEFAULT_SMS_BACKEND))
    return backend_class(**kwargs)


def send_sms(*, to: str, body: str, connection=None) -> str:
    """Send one SMS and return the gateway's message id ("" when the backend has none)."""
    connection = connection or get_connection()
    return connection.send_message(SmsMessage(to=to, body=body))
