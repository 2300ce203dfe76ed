from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.notifications.choices import Channel

from .validators import validate_staff_username


class AccountType(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ORGANISATION = "organisation", _("Organisation")


class User(AbstractUser):
    """A citizen, an organisation's representative or a staff member.

    Vietnamese names are written whole ("Nguyễn Văn An"), so the full name is one field rather than
    Django's first/last name pair. Staff are the users with an agency; their username follows
    R-ACC-2. Citizens and organisations sign in with their phone number or e-mail address.
    """

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "services_catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
        help_text=_("Staff only: the agency this person works for. Citizens have none."),
    )
    account_type = models.CharField(
        _("account type"), max_length=20, choices=AccountType.choices, default=AccountType.CITIZEN
    )
    citizen_id = models.CharField(_("citizen ID number (CCCD)"), max_length=12, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    preferred_channel = models.CharField(
        _("receive messages by"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set for a one-time password: every page leads to the change form until it is changed."),
    )
    one_time_password_expires_at = models.DateTimeField(_("one-time password expires"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"
        permissions = [("manage_agency_staff", "Can manage the staff accounts of their own agency")]
        constraints = [
            # Phone and e-mail are sign-in names, so one of each per account.
            models.UniqueConstraint(
                fields=["phone"],
                condition=~models.Q(phone=""),
                name="user_phone_unique",
                violation_error_message=_("This phone number is already used by another account."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_ci_unique",
                violation_error_message=_("This e-mail address is already used by another account."),
            ),
        ]

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def __str__(self) -> str:
        return self.get_full_name()

    @property
    def is_agency_staff(self) -> bool:
        return self.agency_id is not None

    @property
    def is_pending_activation(self) -> bool:
        return not self.is_active and self.activated_at is None and not self.is_agency_staff

    @property
    def one_time_password_expired(self) -> bool:
        expires_at = self.one_time_password_expires_at
        return self.must_change_password and expires_at is not None and expires_at < timezone.now()

    def clean(self):
        super().clean()
        if self.agency_id is not None:
            try:
                validate_staff_username(self.username, agency_code=self.agency.code)
            except ValidationError as error:
                raise ValidationError({"username": error}) from error


class AccountCode(models.Model):
    """A short code sent by SMS to activate an account or reset its password. Stored hashed."""

    class Purpose(models.TextChoices):
        ACTIVATION = "activation", _("Account activation")
        PASSWORD_RESET = "password_reset", _("Password reset")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_codes")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("account code")
        verbose_name_plural = _("account codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.user}"


class Declaration(models.Model):
    """R-ACC-6: who declared what about an account, and when (registration, profile edits, IT officers)."""

    class Source(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        PROFILE = "profile", _("Profile edit")
        STAFF_ADMINISTRATION = "staff_administration", _("Staff administration")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="declarations")
    declared_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("declared by")
    )
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    # {"field name": {"old": "…", "new": "…"}}
    changes = models.JSONField(_("changes"), default=dict)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} · {self.user} · {self.created_at:%d/%m/%Y %H:%M}"


class SignInEvent(models.Model):
    """One sign-in attempt, for the IT officers' sign-in log (R-ACC-4)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, related_name="sign_ins")
    identifier = models.CharField(_("sign-in name entered"), max_length=150, blank=True)
    succeeded = models.BooleanField(_("succeeded"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.identifier} · {self.created_at:%d/%m/%Y %H:%M}"
