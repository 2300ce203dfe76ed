"""The eSMS adapter against a fake gateway on 127.0.0.1 (random port): success, refusal, timeout."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from portal.notifications import sms
from portal.notifications.choices import DeliveryStatus
from portal.notifications.models import Delivery
from portal.notifications.services import deliveries_retry_due
from portal.notifications.sms.esms import SEND_PATH

from .test_registration import citizen_form

User = get_user_model()


class FakeEsms(BaseHTTPRequestHandler):
    mode = "success"
    requests: list = []

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeEsms.requests.append((self.path, payload))
        if FakeEsms.mode == "timeout":
            time.sleep(1.5)
        if FakeEsms.mode == "error":
            answer = {"CodeResult": "101", "ErrorMessage": "Authorize Failed"}
        else:
            answer = {"CodeResult": "100", "CountRegenerate": 0, "SMSID": "fake-sms-id-1"}
        body = json.dumps(answer).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout case)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeEsms)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeEsms.mode, FakeEsms.requests = "success", []
    settings.SMS_BACKEND = "portal.notifications.sms.esms.SmsBackend"
    settings.ESMS_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY, settings.ESMS_BRANDNAME = "key", "secret", "BENTRE"
    settings.ESMS_TIMEOUT = 0.5
    yield FakeEsms
    server.shutdown()
    server.server_close()


def test_the_adapter_speaks_the_esms_json_api(gateway):
    message_id = sms.send_sms(to="+84912345678", body="Ma kich hoat 123456")
    assert message_id == "fake-sms-id-1"
    path, payload = gateway.requests[0]
    assert path == SEND_PATH
    assert payload["Phone"] == "0912345678"
    assert payload["Content"] == "Ma kich hoat 123456"
    assert (payload["ApiKey"], payload["SecretKey"], payload["Brandname"]) == ("key", "secret", "BENTRE")
    assert payload["SmsType"] == "2" and payload["IsUnicode"] == "0"


def test_unicode_text_is_flagged(gateway):
    sms.send_sms(to="+84912345678", body="Mã kích hoạt")
    assert gateway.requests[0][1]["IsUnicode"] == "1"


@pytest.mark.parametrize(("mode", "error"), [("error", "101"), ("timeout", "did not answer")])
def test_gateway_failures_raise(gateway, mode, error):
    gateway.mode = mode
    with pytest.raises(sms.SmsSendError, match=error):
        sms.send_sms(to="+84912345678", body="x")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mode", "error"), [("success", ""), ("error", "101"), ("timeout", "did not answer")]
)
def test_registration_succeeds_whatever_the_gateway_does(client, gateway, mode, error):
    gateway.mode = mode
    response = client.post("/dang-ky/", citizen_form())
    assert response.status_code == 302
    assert User.objects.filter(phone="+84912345678").exists()
    delivery = Delivery.objects.get()
    if mode == "success":
        assert delivery.status == DeliveryStatus.SENT and delivery.gateway_message_id == "fake-sms-id-1"
    else:
        assert delivery.status == DeliveryStatus.RETRYING
        assert error in delivery.last_error
        assert delivery.body  # kept for the retry
        gateway.mode = "success"
        deliveries_retry_due(now=timezone.now() + timedelta(minutes=2))
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2
        assert delivery.body == ""  # the activation code leaves the log once delivered
