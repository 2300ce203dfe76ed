import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from django_otp.plugins.otp_totp.models import TOTPDevice

from .backends import user_for_identifier
from .models import SignInEvent

LAST_ACTIVITY_KEY = "portal_last_activity"
TOTP_PENDING_KEY = "portal_totp_pending"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _user_agent(request) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:255]


@receiver(user_logged_in, dispatch_uid="portal.accounts.sign_in_succeeded")
def sign_in_succeeded(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    SignInEvent.objects.create(
        user=user,
        identifier=user.get_username(),
        succeeded=True,
        ip_address=client_ip(request),
        user_agent=_user_agent(request),
    )
    if user.is_agency_staff:
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
        request.session.set_expiry(int(settings.STAFF_IDLE_TIMEOUT.total_seconds()))
        # Whatever page signed the person in, a staff member with TOTP is not in until the code is
        # checked: the sign-in view clears this after checking it, the middleware enforces it.
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            request.session[TOTP_PENDING_KEY] = True


@receiver(user_login_failed, dispatch_uid="portal.accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    identifier = (credentials or {}).get("username", "") or ""
    SignInEvent.objects.create(
        user=user_for_identifier(identifier),
        identifier=identifier[:150],
        succeeded=False,
        ip_address=client_ip(request),
        user_agent=_user_agent(request),
    )
