"""Writes for accounts: registration, activation, password resets, profile, staff administration."""

import secrets
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext

from portal.notifications.choices import Channel, Event
from portal.notifications.models import Delivery
from portal.notifications.services import notify

from .backends import user_for_identifier
from .models import AccountCode, AccountType, Declaration
from .roles import ROLE_GROUP_NAMES, Role
from .tokens import activation_token_generator
from .validators import normalise_phone, validate_staff_username

User = get_user_model()

# What a person declares at registration and may change on the profile page (R-ACC-6 records both).
DECLARED_FIELDS = (
    "account_type",
    "full_name",
    "citizen_id",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "organisation_name",
    "tax_code",
    "representative",
    "preferred_channel",
)
STAFF_FIELDS = ("username", "full_name", "email", "phone", "is_active", "roles")
MAX_CODE_ATTEMPTS = 5
CODE_RESEND_INTERVAL = timedelta(seconds=60)
NOTICE_RESEND_INTERVAL = timedelta(minutes=10)

AbsoluteUrl = Callable[[str], str]


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def declaration_record(
    *, user, declared_by, source: str, changes: dict, ip_address: str | None = None
) -> Declaration | None:
    if not changes:
        return None
    return Declaration.objects.create(
        user=user, declared_by=declared_by, source=source, changes=changes, ip_address=ip_address
    )


# --- codes sent by SMS ---------------------------------------------------------------------------


def account_code_issue(*, user, purpose: str) -> str | None:
    """A new 6-digit code, replacing older ones; None if one was sent less than a minute ago."""
    now = timezone.now()
    codes = AccountCode.objects.filter(user=user, purpose=purpose)
    if codes.filter(created_at__gte=now - CODE_RESEND_INTERVAL).exists():
        return None
    codes.filter(used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    AccountCode.objects.create(
        user=user,
        purpose=purpose,
        code_hash=make_password(code),
        expires_at=now + settings.ACCOUNT_CODE_VALIDITY,
    )
    return code


def account_code_check(*, phone: str, code: str, purpose: str):
    """The user whose current code this is, or None. Wrong guesses count; five end the code."""
    try:
        phone = normalise_phone(phone)
    except ValidationError:
        return None
    record = (
        AccountCode.objects.filter(
            user__phone=phone, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("user")
        .first()
    )
    if record is None or record.failed_attempts >= MAX_CODE_ATTEMPTS:
        return None
    if not check_password((code or "").strip(), record.code_hash):
        AccountCode.objects.filter(pk=record.pk).update(failed_attempts=F("failed_attempts") + 1)
        return None
    return record.user


def _account_code_use(*, user, purpose: str) -> None:
    AccountCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(
        used_at=timezone.now()
    )


# --- registration and activation -----------------------------------------------------------------


def _existing_account(data: dict):
    match = Q(phone=data["phone"])
    if data.get("email"):
        match |= Q(email__iexact=data["email"])
    if data["account_type"] == AccountType.ORGANISATION:
        match |= Q(account_type=AccountType.ORGANISATION, tax_code=data["tax_code"])
    else:
        match |= Q(account_type=AccountType.CITIZEN, citizen_id=data["citizen_id"], agency__isnull=True)
    return User.objects.filter(match).first()


def _new_username(account_type: str) -> str:
    # Citizens sign in with phone or e-mail; the username is only an internal, unguessable handle.
    prefix = "tc" if account_type == AccountType.ORGANISATION else "cd"
    return f"{prefix}{secrets.token_hex(6)}"


def activation_send(*, user, absolute_url: AbsoluteUrl) -> None:
    context = {"full_name": user.get_full_name()}
    if user.preferred_channel == Channel.SMS:
        code = account_code_issue(user=user, purpose=AccountCode.Purpose.ACTIVATION)
        if code is None:
            return
        context |= {"code": code, "minutes": int(settings.ACCOUNT_CODE_VALIDITY.total_seconds() // 60)}
        context["link"] = absolute_url(reverse("accounts:activate_by_code"))
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = activation_token_generator.make_token(user)
        context["link"] = absolute_url(reverse("accounts:activate", args=[uid, token]))
    notify(
        user_or_contact=user, event=Event.ACCOUNT_ACTIVATION, context=context, channel=user.preferred_channel
    )


def _notice_recently_sent(*, user, event: str) -> bool:
    since = timezone.now() - NOTICE_RESEND_INTERVAL
    return Delivery.objects.filter(user=user, event=event, created_at__gte=since).exists()


def registration_start(*, data: dict, absolute_url: AbsoluteUrl, ip_address: str | None = None) -> None:
    """Create an inactive account and send its activation link or code.

    Whatever happens, the caller answers the same way (no user enumeration): if the phone, e-mail,
    CCCD or tax code already belongs to an account, its owner is told on their own channel instead.
    """
    existing = _existing_account(data)
    if existing is None:
        user = User(
            username=_new_username(data["account_type"]),
            is_active=False,
            **{field: data.get(field) or "" for field in DECLARED_FIELDS if field != "date_of_birth"},
            date_of_birth=data.get("date_of_birth"),
        )
        user.set_password(data["password"])
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            # Someone registered the same phone or e-mail a moment ago.
            existing = _existing_account(data)
        else:
            changes = {field: {"old": "", "new": _text(getattr(user, field))} for field in DECLARED_FIELDS}
            declaration_record(
                user=user,
                declared_by=user,
                source=Declaration.Source.REGISTRATION,
                changes={k: v for k, v in changes.items() if v["new"]},
                ip_address=ip_address,
            )
            activation_send(user=user, absolute_url=absolute_url)
            return
    if existing is None or existing.is_agency_staff:
        return
    if existing.is_pending_activation:
        activation_send(user=existing, absolute_url=absolute_url)
    elif (
        existing.is_active
        and (existing.email or existing.phone)
        and not _notice_recently_sent(user=existing, event=Event.ACCOUNT_ALREADY_EXISTS)
    ):
        notify(
            user_or_contact=existing,
            event=Event.ACCOUNT_ALREADY_EXISTS,
            context={
                "full_name": existing.get_full_name(),
                "sign_in_link": absolute_url(reverse("accounts:login")),
                "reset_link": absolute_url(reverse("accounts:password_reset")),
            },
        )


def account_activate(*, user) -> None:
    user.is_active = True
    user.activated_at = timezone.now()
    user.save(update_fields=["is_active", "activated_at"])
    _account_code_use(user=user, purpose=AccountCode.Purpose.ACTIVATION)


def account_activate_by_token(*, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    if not user.is_pending_activation or not activation_token_generator.check_token(user, token):
        return None
    account_activate(user=user)
    return user


def account_activate_by_code(*, phone: str, code: str):
    user = account_code_check(phone=phone, code=code, purpose=AccountCode.Purpose.ACTIVATION)
    if user is None or not user.is_pending_activation:
        return None
    account_activate(user=user)
    return user


# --- passwords ------------------------------------------------------------------------------------


def password_reset_request(*, identifier: str, absolute_url: AbsoluteUrl) -> None:
    """Send a reset link (e-mail) or code (SMS) on the account's own channel; silent if none."""
    user = user_for_identifier(identifier)
    if user is None or not user.is_active:
        return
    channel = user.preferred_channel
    if channel == Channel.SMS and not user.phone:
        channel = Channel.EMAIL
    if channel == Channel.EMAIL and not user.email:
        channel = Channel.SMS if user.phone else None
    if channel is None:
        return
    context = {"full_name": user.get_full_name()}
    if channel == Channel.SMS:
        code = account_code_issue(user=user, purpose=AccountCode.Purpose.PASSWORD_RESET)
        if code is None:
            return
        context |= {
            "code": code,
            "minutes": int(settings.ACCOUNT_CODE_VALIDITY.total_seconds() // 60),
            "link": absolute_url(reverse("accounts:password_reset_by_code")),
        }
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        context["link"] = absolute_url(reverse("accounts:password_reset_confirm", args=[uid, token]))
    notify(user_or_contact=user, event=Event.PASSWORD_RESET, context=context, channel=channel)


def password_changed(*, user) -> None:
    """The person chose a password themselves: the one-time password rule no longer applies."""
    if user.must_change_password or user.one_time_password_expires_at:
        user.must_change_password = False
        user.one_time_password_expires_at = None
        user.save(update_fields=["must_change_password", "one_time_password_expires_at"])


def password_set_by_code(*, user, new_password: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.one_time_password_expires_at = None
    user.save(update_fields=["password", "must_change_password", "one_time_password_expires_at"])
    _account_code_use(user=user, purpose=AccountCode.Purpose.PASSWORD_RESET)


# --- profile ----------------------------------------------------------------------------------


def profile_update(*, user, data: dict, declared_by, ip_address: str | None = None) -> Declaration | None:
    """Save what changed and record it (R-ACC-6)."""
    # Compared with the stored row: a bound ModelForm has already copied the new values onto `user`.
    stored = User.objects.get(pk=user.pk)
    changes = {}
    for field, new in data.items():
        old = getattr(stored, field)
        if _text(old) != _text(new):
            changes[field] = {"old": _text(old), "new": _text(new)}
            setattr(user, field, new)
    if not changes:
        return None
    user.save(update_fields=list(changes))
    return declaration_record(
        user=user,
        declared_by=declared_by,
        source=Declaration.Source.PROFILE,
        changes=changes,
        ip_address=ip_address,
    )


# --- staff ----------------------------------------------------------------------------------------


def one_time_password_issue(*, user) -> str:
    """Give the account a random password that must be changed at first sign-in, within 72 hours."""
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.must_change_password = True
    user.one_time_password_expires_at = timezone.now() + settings.STAFF_ONE_TIME_PASSWORD_VALIDITY
    user.save(update_fields=["password", "must_change_password", "one_time_password_expires_at"])
    return password


def staff_user_create(
    *,
    agency,
    username: str,
    full_name: str,
    roles: Iterable[str],
    email: str = "",
    phone: str = "",
    created_by=None,
    ip_address: str | None = None,
) -> tuple:
    """A staff account of `agency` with a one-time password, returned once (R-ACC-2, R-ACC-3, R-ACC-5)."""
    try:
        validate_staff_username(username, agency_code=agency.code)
    except ValidationError as error:
        raise ValidationError({"username": error}) from error
    if User.objects.filter(username=username).exists():
        raise ValidationError(
            {
                "username": ValidationError(
                    gettext("A user with that username already exists."), code="duplicate"
                )
            }
        )
    roles = [Role(role) for role in roles]
    user = User(
        username=username, full_name=full_name, email=email, phone=phone, agency=agency, is_active=True
    )
    user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=[ROLE_GROUP_NAMES[role] for role in roles]))
    password = one_time_password_issue(user=user)
    declaration_record(
        user=user,
        declared_by=created_by,
        source=Declaration.Source.STAFF_ADMINISTRATION,
        changes={
            "username": {"old": "", "new": username},
            "full_name": {"old": "", "new": full_name},
            "email": {"old": "", "new": email},
            "phone": {"old": "", "new": phone},
            "roles": {"old": "", "new": ", ".join(sorted(roles))},
        },
        ip_address=ip_address,
    )
    return user, password


def staff_user_set_active(*, user, active: bool, changed_by, ip_address: str | None = None) -> None:
    """Lock (R-ACC-4) or unlock an account. A locked account's open sessions end at their next request."""
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    declaration_record(
        user=user,
        declared_by=changed_by,
        source=Declaration.Source.STAFF_ADMINISTRATION,
        changes={"is_active": {"old": str(not active), "new": str(active)}},
        ip_address=ip_address,
    )


def staff_password_reset(*, user, reset_by, ip_address: str | None = None) -> str:
    password = one_time_password_issue(user=user)
    declaration_record(
        user=user,
        declared_by=reset_by,
        source=Declaration.Source.STAFF_ADMINISTRATION,
        changes={"password": {"old": "", "new": "one-time password issued"}},
        ip_address=ip_address,
    )
    return password


def role_groups_ensure() -> list[Group]:
    """One group per staff role, as the migrations made them (accounts 0002, 0005): recreated if deleted.

    Roles of the Wagtail admin may enter it; IT officers manage their own agency's staff accounts.
    """
    from django.contrib.auth.models import Permission

    from .roles import ADMIN_ROLES

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    manage_staff = Permission.objects.get(content_type__app_label="accounts", codename="manage_agency_staff")
    groups = []
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        if role in ADMIN_ROLES:
            group.permissions.add(access_admin)
        if role == Role.IT_OFFICER:
            group.permissions.add(manage_staff)
        groups.append(group)
    return groups
