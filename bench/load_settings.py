"""bench/settings.py (production) for the load test on loopback: plain HTTP stands where the TLS proxy
would, so the session and CSRF cookies may travel without TLS and nothing redirects to https."""

from bench.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
