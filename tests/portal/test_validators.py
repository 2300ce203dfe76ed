from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

from portal.accounts.models import User
from portal.accounts.validators import (
    MinimumLengthByAccountValidator,
    normalise_phone,
    normalise_tax_code,
    validate_citizen_id,
    validate_staff_username,
)
from portal.notifications.text import fold_vietnamese


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "+84912345678"),
        ("+84 912.345.678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0386-123-456", "+84386123456"),
    ],
)
def test_vietnamese_mobile_numbers_are_stored_in_e164(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "0212345678", "+1 650 253 0000", "09123456789", "abc"])
def test_other_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_a_cccd_has_twelve_digits_a_province_code_and_the_birth_year():
    validate_citizen_id("083090001234", date_of_birth=date(1990, 5, 1))  # Bến Tre, man born 1990
    validate_citizen_id("083305001234", date_of_birth=date(2005, 1, 1))  # woman born 2005
    for bad in ("08309000123", "0830900012345", "08309000123a"):
        with pytest.raises(ValidationError, match="12"):
            validate_citizen_id(bad)
    with pytest.raises(ValidationError) as error:
        validate_citizen_id("003090001234")  # 003 is no province
    assert error.value.code == "cccd_province"
    with pytest.raises(ValidationError) as error:
        validate_citizen_id("083090001234", date_of_birth=date(1991, 5, 1))
    assert error.value.code == "cccd_birth_year"


def test_tax_codes_have_ten_or_thirteen_digits():
    assert normalise_tax_code("0301234567") == "0301234567"
    assert normalise_tax_code("0301234567-001") == "0301234567-001"
    assert normalise_tax_code("0301234567001") == "0301234567-001"
    for bad in ("030123456", "03012345670", "03012345a7"):
        with pytest.raises(ValidationError):
            normalise_tax_code(bad)


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("NguyenVanA.stp", "format"),
        ("nguyễnvăna.stp", "format"),
        ("nguyenvana", "format"),
        ("nguyen.van.a.stp", "format"),
        ("nguyen_van_a.stp", "format"),
        ("nguyenvana.syt", "agency"),
    ],
)
def test_staff_usernames_must_be_tencanhan_dot_agency_code(username, code):
    with pytest.raises(ValidationError) as error:
        validate_staff_username(username, agency_code="stp")
    assert error.value.code == f"staff_username_{code}"


def test_good_staff_username_passes():
    assert validate_staff_username("nguyenvana2.stp", agency_code="stp") is None  # raises when refused


def test_passwords_need_8_characters_for_citizens_and_12_for_staff(agency_a):
    validator = MinimumLengthByAccountValidator()
    citizen, staff = User(), User(agency=agency_a)
    validator.validate("ba con ga", citizen)
    with pytest.raises(ValidationError):
        validator.validate("ngan123", citizen)
    with pytest.raises(ValidationError):
        validator.validate("ba con ga", staff)
    validator.validate("ba con ga trong vuon", staff)


def test_no_composition_rules_but_common_passwords_are_refused(agency_a):
    validate_password("trời hôm nay thật đẹp", User(agency=agency_a))  # letters and spaces only: fine
    with pytest.raises(ValidationError):
        validate_password("password1234", User(agency=agency_a))


def test_folding_removes_vietnamese_diacritics_including_d_bar():
    assert fold_vietnamese("Đăng ký hồ sơ đất đai") == "Dang ky ho so dat dai"
    assert fold_vietnamese("Ủy ban nhân dân tỉnh Bến Tre").isascii()
