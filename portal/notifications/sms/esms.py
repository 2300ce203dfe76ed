"""eSMS.vn gateway (https://esms.vn): the JSON "SendMultipleMessage_V4_post_json" call.

Settings: ESMS_API_KEY, ESMS_SECRET_KEY, ESMS_BRANDNAME (registered sender name), ESMS_URL (the
gateway's base URL; tests point it at a local fake), ESMS_TIMEOUT in seconds, ESMS_SANDBOX.
The gateway answers HTTP 200 with {"CodeResult": "100", "SMSID": …} on success and another
CodeResult with an ErrorMessage otherwise.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings

from . import SmsSendError
from .base import BaseSmsBackend

DEFAULT_URL = "https://rest.esms.vn"
SEND_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
SUCCESS = "100"
CUSTOMER_CARE_SMS_TYPE = "2"  # "tin chăm sóc khách hàng": sent under the registered brand name


def local_phone_number(e164: str) -> str:
    """eSMS expects the national form: +84912345678 → 0912345678."""
    return "0" + e164.removeprefix("+84") if e164.startswith("+84") else e164


class SmsBackend(BaseSmsBackend):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.url = getattr(settings, "ESMS_URL", DEFAULT_URL).rstrip("/") + SEND_PATH
        self.api_key = getattr(settings, "ESMS_API_KEY", "")
        self.secret_key = getattr(settings, "ESMS_SECRET_KEY", "")
        self.brandname = getattr(settings, "ESMS_BRANDNAME", "")
        self.timeout = float(getattr(settings, "ESMS_TIMEOUT", 10))
        self.sandbox = bool(getattr(settings, "ESMS_SANDBOX", False))

    def send_message(self, message) -> str:
        is_ascii = message.body.isascii()
        payload = {
            "ApiKey": self.api_key,
            "SecretKey": self.secret_key,
            "Phone": local_phone_number(message.to),
            "Content": message.body,
            "Brandname": self.brandname,
            "SmsType": CUSTOMER_CARE_SMS_TYPE,
            "IsUnicode": "0" if is_ascii else "1",
            "Sandbox": "1" if self.sandbox else "0",
        }
        request = urllib.request.Request(  # noqa: S310 (the URL comes from settings, not from users)
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read().decode() or "{}")
        except TimeoutError as error:
            raise SmsSendError(f"eSMS did not answer within {self.timeout:g} s") from error
        except urllib.error.HTTPError as error:
            raise SmsSendError(f"eSMS answered HTTP {error.code}") from error
        except urllib.error.URLError as error:
            raise SmsSendError(f"eSMS unreachable: {error.reason}") from error
        except ValueError as error:
            raise SmsSendError("eSMS answered with something that is not JSON") from error
        code = str(answer.get("CodeResult", ""))
        if code != SUCCESS:
            raise SmsSendError(f"eSMS refused the message: {code} {answer.get('ErrorMessage', '')}".strip())
        return str(answer.get("SMSID", ""))
