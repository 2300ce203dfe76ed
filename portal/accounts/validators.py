"""Checks on what people declare: citizen ID (CCCD), phone, tax code, staff username, password length."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Province codes that open a 12-digit CCCD (Circular 07/2016/TT-BCA, Annex).
CCCD_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
STAFF_USERNAME_RE = re.compile(r"^[a-z0-9]+\.[a-z0-9]+$")
# Vietnamese mobile numbers after the 2018 renumbering: 03x, 05x, 07x, 08x, 09x and 8 more digits.
MOBILE_RE = re.compile(r"^[35789]\d{8}$")


def validate_citizen_id(value: str, *, date_of_birth: date | None = None) -> None:
    """A CCCD has 12 digits: province code (3), century and sex (1), year of birth (2), serial (6)."""
    if not re.fullmatch(r"\d{12}", value or ""):
        raise ValidationError(_("The citizen ID number (CCCD) has exactly 12 digits."), code="cccd_format")
    if value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("The first three digits of the citizen ID number are not a province code."),
            code="cccd_province",
        )
    if date_of_birth is not None:
        century = 1900 + 100 * (int(value[3]) // 2)
        if century + int(value[4:6]) != date_of_birth.year:
            raise ValidationError(
                _("The citizen ID number does not match the date of birth."), code="cccd_birth_year"
            )


def normalise_phone(value: str) -> str:
    """A Vietnamese mobile number in E.164: "0912 345 678", "84912345678" → "+84912345678"."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        national = digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = ""
    if not MOBILE_RE.fullmatch(national):
        raise ValidationError(
            _("Enter a Vietnamese mobile number, for example 0912 345 678."), code="phone_format"
        )
    return "+84" + national


def normalise_tax_code(value: str) -> str:
    """Tax code (mã số thuế): 10 digits, or 13 for a branch, written 0123456789-001."""
    digits = re.sub(r"[\s\-]", "", value or "")
    if not re.fullmatch(r"\d{10}|\d{13}", digits):
        raise ValidationError(_("The tax code has 10 or 13 digits."), code="tax_code_format")
    return digits if len(digits) == 10 else f"{digits[:10]}-{digits[10:]}"


def validate_staff_username(username: str, *, agency_code: str) -> None:
    """R-ACC-2: staff usernames are `tencanhan.tendonvi`, the unit part being the agency's code."""
    if not STAFF_USERNAME_RE.fullmatch(username or ""):
        raise ValidationError(
            _(
                "A staff username has the form tencanhan.tendonvi: lowercase letters without diacritics "
                "and digits, one dot, then the agency code (for example nguyenvana.%(code)s)."
            ),
            code="staff_username_format",
            params={"code": agency_code},
        )
    if username.split(".")[1] != agency_code:
        raise ValidationError(
            _("The part after the dot must be the agency code “%(code)s”, for example nguyenvana.%(code)s."),
            code="staff_username_agency",
            params={"code": agency_code},
        )


class MinimumLengthByAccountValidator:
    """At least 8 characters for citizens, 12 for staff (R-ACC-4). No composition rules, on purpose."""

    def __init__(self, citizen_min_length: int = 8, staff_min_length: int = 12):
        self.citizen_min_length = citizen_min_length
        self.staff_min_length = staff_min_length

    def _min_length(self, user) -> int:
        is_staff = user is not None and getattr(user, "is_agency_staff", False)
        return self.staff_min_length if is_staff else self.citizen_min_length

    def validate(self, password: str, user=None) -> None:
        min_length = self._min_length(user)
        if len(password) < min_length:
            raise ValidationError(
                ngettext(
                    "This password is too short. It must contain at least %(min_length)d character.",
                    "This password is too short. It must contain at least %(min_length)d characters.",
                    min_length,
                ),
                code="password_too_short",
                params={"min_length": min_length},
            )

    def get_help_text(self) -> str:
        return _(
            "Your password must contain at least %(citizen)d characters (%(staff)d for staff accounts)."
        ) % {"citizen": self.citizen_min_length, "staff": self.staff_min_length}
