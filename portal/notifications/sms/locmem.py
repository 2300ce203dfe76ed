from portal.notifications import sms

from .base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    """Keeps messages in `portal.notifications.sms.outbox` for tests."""

    def send_message(self, message) -> str:
        sms.outbox.append(message)
        return f"locmem-{len(sms.outbox)}"
