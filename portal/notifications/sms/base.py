class BaseSmsBackend:
    """Subclasses implement `send_message(message) -> str` and raise SmsSendError on failure."""

    def __init__(self, **kwargs):
        self.options = kwargs

    def send_message(self, message) -> str:
        raise NotImplementedError
