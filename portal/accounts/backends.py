from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .validators import normalise_phone


def user_for_identifier(identifier: str):
    """The account a sign-in name points to: an e-mail address, a phone number or a username."""
    User = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        return User.objects.filter(email__iexact=identifier).first()
    try:
        phone = normalise_phone(identifier)
    except ValidationError:
        return User.objects.filter(username=identifier).first()
    return User.objects.filter(phone=phone).first()


def lockout_name(request, credentials) -> str:
    """What django-axes counts failures against: the account, however its name was typed.

    Without this, typing the phone, the e-mail and the username in turn would give 15 tries.
    """
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username", "")
    user = user_for_identifier(identifier or "")
    return f"account:{user.pk}" if user else (identifier or "").strip().lower()


class PhoneEmailOrUsernameBackend(ModelBackend):
    """Sign in with a phone number, an e-mail address or a username (staff).

    A one-time password older than its validity (72 hours) no longer opens the account (R-ACC-3).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        user = user_for_identifier(username)
        if user is None:
            # Same work as for a real account, so that timing does not tell which names exist.
            get_user_model()().set_password(password)
            return None
        if (
            user.check_password(password)
            and self.user_can_authenticate(user)
            and not user.one_time_password_expired
        ):
            return user
        return None
