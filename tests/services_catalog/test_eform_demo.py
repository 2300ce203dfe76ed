"""The demo's four e-forms: made by the catalogue's seeder, online at level 3 at least, and the demo
dossiers' answers to them pass the form's own checks."""

import io

from django.http import QueryDict

import pytest

from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.demo import seed
from services_catalog.eform_demo import DEMO_EFORMS, demo_answers
from services_catalog.eform_forms import EForm
from services_catalog.eforms import EFormVersion
from services_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db


def as_posted(form: EForm) -> QueryDict:
    """What a browser would send back for the form as shown."""
    data = QueryDict(mutable=True)
    for bound in form:
        value = bound.value()
        if value in (None, False):
            continue
        if isinstance(value, list):
            data.setlist(bound.html_name, value)
        else:
            data[bound.html_name] = (
                value if isinstance(value, str) else bound.field.widget.format_value(value)
            )
    for key, count in form.row_counts.items():
        data[f"ef-{key}-rows"] = str(count)
    return data


def test_the_demo_e_forms_are_seeded_once_and_their_demo_answers_are_valid(site):
    seed(io.StringIO())
    versions_before = EFormVersion.objects.count()
    seed(io.StringIO())  # a second run keeps the editors' forms as they are
    assert EFormVersion.objects.count() == versions_before == len(DEMO_EFORMS)
    for code in DEMO_EFORMS:
        procedure = ProcedurePage.objects.get(code=code)
        assert procedure.live and procedure.service_level in ONLINE_SUBMISSION_LEVELS, code
        version = EFormVersion.objects.get(procedure=procedure)
        answers = demo_answers(code=code, name="Lê Thị Hoa", number=17)
        shown = EForm(schema=version.schema, answers=answers)
        checked = EForm(as_posted(shown), schema=version.schema)
        assert checked.is_valid(), (code, checked.errors)
        assert checked.answers == answers, code
    birth = EFormVersion.objects.get(procedure__code="1.001193").schema
    labels = {field["label"] for field in birth}
    for label in ("Họ, chữ đệm, tên người được khai sinh", "Giới tính", "Ngày, tháng, năm sinh", "Nơi sinh"):
        assert label in labels
    for label in ("Năm sinh của người mẹ", "Nơi cư trú của người cha", "Quan hệ với người được khai sinh"):
        assert label in labels
