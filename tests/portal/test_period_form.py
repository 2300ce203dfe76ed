"""The period of a register or export: typed as people write dates, in order, at most a year long."""

from django.utils import translation

import pytest

from flows.access_log.views import AccessExportForm
from flows.documents.views import RegisterPeriodForm
from portal.forms import PeriodForm


@pytest.mark.parametrize("form_class", [PeriodForm, RegisterPeriodForm, AccessExportForm])
@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        ("01/01/2026", "31/12/2026", None),
        ("2026-01-01", "2027-01-02", None),  # 366 days: a leap year's worth
        ("01/01/2026", "03/01/2027", "Hãy chọn khoảng thời gian không quá một năm."),
        ("02/03/2026", "01/03/2026", "Ngày kết thúc không được trước ngày bắt đầu."),
    ],
)
def test_a_period_is_in_order_and_at_most_a_year_long(form_class, start, end, error):
    with translation.override("vi"):
        form = form_class(
            {"start": start, "end": end, "format": "xlsx" if form_class is AccessExportForm else "pdf"}
        )
        assert form.is_valid() is (error is None)
        assert form.errors.get("end", [None]) == [error]


def test_a_date_typed_otherwise_is_refused_with_a_message():
    with translation.override("vi"):
        form = PeriodForm({"start": "1/13/2026", "end": "31/12/2026"})
        assert not form.is_valid()
        assert form.errors["start"] == ["Nhập một ngày hợp lệ."]
