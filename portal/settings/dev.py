"""The embedded default for `make run`: SQLite, DEBUG, messages printed to the console."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A fixed key is fine here: dev settings never serve real users (production.py refuses to start without one).
SECRET_KEY = "dev-only-insecure-key-change-me-for-anything-but-a-laptop-0123456789"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SMS_BACKEND = "portal.notifications.sms.console.SmsBackend"

# Wagtail logs every page it creates or publishes; loading the demo data would print hundreds of lines.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# Online payment goes to the local test gateway; these values sign nothing real.
PAYMENTS_FAKE_GATEWAY = True
VNPAY_TMN_CODE = "DEVTEST1"
VNPAY_HASH_SECRET = "dev-only-vnpay-secret-not-real"  # noqa: S105
VNPAY_PAYMENT_URL = "/cong-thanh-toan-thu/"
