import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .signals import LAST_ACTIVITY_KEY, TOTP_PENDING_KEY

# The activity stamp is rewritten at most this often, so that a staff page costs no session write.
ACTIVITY_RESOLUTION_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after 30 idle minutes (R-ACC-4), and need the TOTP code when one is set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_agency_staff:
            session = request.session
            if session.get(TOTP_PENDING_KEY):
                logout(request)
                return redirect_to_login(request.get_full_path())
            timeout = int(settings.STAFF_IDLE_TIMEOUT.total_seconds())
            now = int(time.time())
            last_activity = session.get(LAST_ACTIVITY_KEY, now)
            if now - last_activity > timeout:
                logout(request)
                messages.info(
                    request,
                    _("Your session ended after %d idle minutes. Please sign in again.") % (timeout // 60),
                )
                return redirect_to_login(request.get_full_path())
            if now - last_activity >= ACTIVITY_RESOLUTION_SECONDS or LAST_ACTIVITY_KEY not in session:
                session[LAST_ACTIVITY_KEY] = now
                session.set_expiry(timeout)
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """R-ACC-3: with a one-time password, every page but the change form and sign-out leads there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (
                reverse("accounts:password_change"),
                reverse("accounts:logout"),
                reverse("set_language"),
            )
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                target = reverse("accounts:password_change")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
