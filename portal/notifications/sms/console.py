import sys
import threading

from .base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    """Prints each SMS, so that `make run` shows the activation code in the terminal."""

    _lock = threading.Lock()

    def __init__(self, *, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.stream = stream or sys.stdout

    def send_message(self, message) -> str:
        with self._lock:
            self.stream.write(f"SMS to {message.to}\n{message.body}\n{'-' * 79}\n")
            self.stream.flush()
        return ""
