from datetime import date

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.notifications.choices import Channel

from .models import AccountCode, AccountType, User
from .roles import Role
from .services import account_code_check, password_changed
from .validators import normalise_phone, normalise_tax_code, validate_citizen_id

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Roles an IT officer may hand out; the system operator role is given by the provincial IT department.
AGENCY_ROLES = [(role.value, role.label) for role in Role if role != Role.OPERATOR]


class PhoneField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


class SignInForm(AuthenticationForm):
    """Sign in with phone, e-mail or staff username; staff who set up TOTP also give its code."""

    username = forms.CharField(
        label=_("Phone number, e-mail or staff username"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    otp_token = forms.CharField(
        label=_("Authenticator code (staff who set up two-step verification)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "otp_invalid": _("The authenticator code is missing or wrong."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is not None and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            token = self.cleaned_data.get("otp_token", "").strip()
            if not token:
                raise ValidationError(self.error_messages["otp_invalid"], code="otp_missing")
            self.otp_device = match_token(user, token)
            if self.otp_device is None:
                # Counted like a wrong password, so django-axes locks out guessing of the code too.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned_data.get("username")},
                    request=self.request,
                )
                raise ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        return cleaned_data


class RegistrationForm(forms.Form):
    account_type = forms.ChoiceField(
        label=_("I register as"), choices=AccountType.choices, widget=forms.RadioSelect, initial="citizen"
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    citizen_id = forms.CharField(label=_("Citizen ID number (CCCD)"), max_length=12, min_length=12)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), input_formats=DATE_INPUT_FORMATS, help_text=_("dd/mm/yyyy")
    )
    phone = PhoneField(label=_("Mobile phone number"), max_length=20)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255)
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=255, required=False)
    tax_code = forms.CharField(label=_("Tax code"), max_length=14, required=False)
    representative = forms.CharField(label=_("Legal representative"), max_length=150, required=False)
    preferred_channel = forms.ChoiceField(
        label=_("Send me the account details by"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        initial=Channel.SMS,
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; a few words you remember are better than a short code."),
    )
    password_confirmation = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_tax_code(self):
        value = self.cleaned_data["tax_code"]
        return normalise_tax_code(value) if value else value

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value > date.today() or value.year < 1900:
            raise ValidationError(_("Enter a real date of birth."), code="date_of_birth")
        return value

    def clean(self):
        data = super().clean()
        if "citizen_id" in data:
            try:
                validate_citizen_id(data["citizen_id"], date_of_birth=data.get("date_of_birth"))
            except ValidationError as error:
                self.add_error("citizen_id", error)
        if data.get("account_type") == AccountType.ORGANISATION:
            for field in ("organisation_name", "tax_code", "representative"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("An organisation must give this."))
        else:
            for field in ("organisation_name", "tax_code", "representative"):
                data[field] = ""
        if (
            data.get("preferred_channel") == Channel.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Give an e-mail address to receive the account details by e-mail."))
        password = data.get("password")
        if password and password != data.get("password_confirmation"):
            self.add_error("password_confirmation", _("The two passwords differ."))
        elif password:
            candidate = User(full_name=data.get("full_name", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return data


class SmsCodeForm(forms.Form):
    phone = forms.CharField(label=_("Mobile phone number"), max_length=20)
    code = forms.CharField(
        label=_("Code received by SMS"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordResetRequestForm(forms.Form):
    identifier = forms.CharField(label=_("Phone number, e-mail or staff username"), max_length=254)


class SmsPasswordResetForm(SmsCodeForm):
    """Code from the SMS plus the new password. The code is spent only when the password is saved."""

    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        self.user = None
        if not data.get("phone") or not data.get("code"):
            return data
        self.user = account_code_check(
            phone=data["phone"], code=data["code"], purpose=AccountCode.Purpose.PASSWORD_RESET
        )
        if self.user is None:
            raise ValidationError(_("The code is wrong or has expired."), code="bad_code")
        if data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("The two passwords differ."))
        elif data.get("new_password1"):
            try:
                password_validation.validate_password(data["new_password1"], self.user)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return data


class PortalSetPasswordForm(SetPasswordForm):
    """Password reset by e-mail link: the chosen password ends any one-time password."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            password_changed(user=user)
        return user


class PortalPasswordChangeForm(PasswordChangeForm):
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            password_changed(user=user)
        return user


class ProfileForm(forms.ModelForm):
    phone = PhoneField(label=_("Mobile phone number"), max_length=20, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), input_formats=DATE_INPUT_FORMATS, required=False, help_text=_("dd/mm/yyyy")
    )

    class Meta:
        model = User
        fields = [
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
        ]
        widgets = {"preferred_channel": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        if self.instance.account_type != AccountType.ORGANISATION:
            for field in ("organisation_name", "tax_code", "representative"):
                del self.fields[field]
        if self.instance.is_agency_staff:
            for field in ("citizen_id", "date_of_birth", "address"):
                del self.fields[field]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_tax_code(self):
        value = self.cleaned_data["tax_code"]
        return normalise_tax_code(value) if value else value

    def clean(self):
        data = super().clean()
        if data.get("citizen_id"):
            try:
                validate_citizen_id(data["citizen_id"], date_of_birth=data.get("date_of_birth"))
            except ValidationError as error:
                self.add_error("citizen_id", error)
        channel = data.get("preferred_channel")
        if channel == Channel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address to receive messages by e-mail."))
        if channel == Channel.SMS and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Give a mobile phone number to receive messages by SMS."))
        return data


class StaffCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150, help_text=_("tencanhan.tendonvi, for example nguyenvana.stp")
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Official e-mail"), required=False)
    phone = PhoneField(label=_("Mobile phone number"), max_length=20, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=AGENCY_ROLES, widget=forms.CheckboxSelectMultiple
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
