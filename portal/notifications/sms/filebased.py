import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    """Writes one text file per SMS into `SMS_FILE_PATH`."""

    def __init__(self, *, file_path=None, **kwargs):
        super().__init__(**kwargs)
        path = file_path or getattr(settings, "SMS_FILE_PATH", None)
        if not path:
            raise ImproperlyConfigured("The file-based SMS backend needs SMS_FILE_PATH.")
        self.directory = Path(path)

    def send_message(self, message) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        message_id = uuid.uuid4().hex
        (self.directory / f"{message_id}.txt").write_text(f"To: {message.to}\n\n{message.body}\n", "utf-8")
        return message_id
