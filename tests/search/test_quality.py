"""Search quality: what citizens really type finds the procedure they mean, in the first five results."""

from django.db import connection

import pytest

from search.procedures import procedures_matching
from services_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db

BIRTH = "Đăng ký khai sinh"
MARRIAGE = "Đăng ký kết hôn"
LAND_FIRST = (
    "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với "
    "đất lần đầu"
)
LAND_LOST = (
    "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất do bị mất"
)
BUILDING = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
CRIMINAL_RECORD = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
ID_CARD = "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên"
HEALTH_CARD = "Cấp thẻ bảo hiểm y tế cho người tham gia bảo hiểm y tế"
CERTIFIED_COPY = "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp"
SINGLE_STATUS = "Cấp Giấy xác nhận tình trạng hôn nhân"
UNEMPLOYMENT = "Giải quyết hưởng trợ cấp thất nghiệp"
WORK_PERMIT = "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam"

NO_DIACRITICS = [
    ("dang ky khai sinh", BIRTH),
    ("dang ky ket hon", MARRIAGE),
    ("dang ky khai tu", "Đăng ký khai tử"),
    ("cap giay phep xay dung", BUILDING),
    ("dang ky thuong tru", "Đăng ký thường trú"),
    ("ly lich tu phap", CRIMINAL_RECORD),
    ("chung thuc ban sao", CERTIFIED_COPY),
    ("giay phep lai xe quoc te", "Cấp giấy phép lái xe quốc tế"),
    ("tro cap that nghiep", UNEMPLOYMENT),
    ("the bao hiem y te", HEALTH_CARD),
    ("ho chieu", "Cấp hộ chiếu phổ thông ở trong nước"),
    ("xac nhan tinh trang hon nhan", SINGLE_STATUS),
    ("nuoi con nuoi", "Đăng ký việc nuôi con nuôi trong nước"),
    ("thanh lap ho kinh doanh", "Đăng ký thành lập hộ kinh doanh"),
    ("giay phep karaoke", "Cấp giấy phép kinh doanh dịch vụ karaoke"),
    ("tam vang", "Khai báo tạm vắng"),
    ("dang ki khai sinh", BIRTH),  # kí and ký are both correct spellings
    ("lí lịch tư pháp", CRIMINAL_RECORD),
]
CAPITALS = [
    ("ĐĂNG KÝ KHAI SINH", BIRTH),
    ("DANG KY KET HON", MARRIAGE),
    ("Đăng Ký Tạm Trú", "Đăng ký tạm trú"),
    ("CĂN CƯỚC", ID_CARD),
    ("GIẤY PHÉP LAO ĐỘNG", WORK_PERMIT),
]
PARTIAL = [
    ("dang ky khai si", BIRTH),
    ("ket ho", MARRIAGE),
    ("giay phep moi truo", "Cấp giấy phép môi trường"),
    ("thue nha o xa h", "Thuê nhà ở xã hội"),
    ("cong ty co ph", "Đăng ký thành lập công ty cổ phần"),
    ("khuyet tat", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật"),
    ("tau ca", "Đăng ký tàu cá"),
    ("quoc tich", "Nhập quốc tịch Việt Nam"),
    ("1.000007", MARRIAGE),  # the official code
]
COLLOQUIAL = [
    ("sổ đỏ", LAND_FIRST),
    ("so do", LAND_FIRST),
    ("cap lai so do", LAND_LOST),
    ("làm khai sinh", BIRTH),
    ("giay khai sinh", BIRTH),
    ("khai sanh", BIRTH),
    ("giấy độc thân", SINGLE_STATUS),
    ("bằng lái xe", "Cấp mới giấy phép lái xe"),
    ("doi bang lai", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"),
    ("lam cccd", ID_CARD),
    ("mo cong ty", "Đăng ký thành lập doanh nghiệp tư nhân"),
    ("cách làm giấy phép xây nhà", BUILDING),
    ("xin giấy phép kinh doanh", "Đăng ký thành lập hộ kinh doanh"),
    ("bhyt", HEALTH_CARD),
    ("sao y", CERTIFIED_COPY),
    ("ho ngheo", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm"),
]
ONE_TYPO = [
    ("dang ky khai sihn", BIRTH),
    ("giay phep xay dunh", BUILDING),
    ("dang ky ket hom", MARRIAGE),
    ("ly lich tu phapp", CRIMINAL_RECORD),
    ("tro cap that nghep", UNEMPLOYMENT),
    ("dang ky tamm tru", "Đăng ký tạm trú"),
]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="one-typo matching needs pg_trgm; SQLite matches exact folded prefixes only",
)


def top_titles(query: str, count: int = 5) -> list[str]:
    results = procedures_matching(ProcedurePage.objects.live(), query=query)
    return list(results.values_list("title", flat=True)[:count])


@pytest.mark.parametrize(("query", "expected"), NO_DIACRITICS + CAPITALS + PARTIAL + COLLOQUIAL)
def test_query_finds_the_procedure_in_the_top_five(catalogue, query, expected):
    assert expected in catalogue
    assert expected in top_titles(query), top_titles(query)


@postgresql_only
@pytest.mark.parametrize(("query", "expected"), ONE_TYPO)
def test_one_wrong_letter_still_finds_the_procedure(catalogue, query, expected):
    assert expected in top_titles(query), top_titles(query)


def test_the_quality_set_is_large_and_varied():
    assert len(NO_DIACRITICS + CAPITALS + PARTIAL + COLLOQUIAL + ONE_TYPO) >= 40
    assert min(len(NO_DIACRITICS), len(CAPITALS), len(PARTIAL), len(COLLOQUIAL), len(ONE_TYPO)) >= 5


@pytest.mark.parametrize(
    ("query", "first"),
    [("dang ky khai sinh", BIRTH), ("dang ky ket hon", MARRIAGE), ("giấy khai sinh", BIRTH)],
)
def test_the_exact_name_comes_first(catalogue, query, first):
    assert top_titles(query, 1) == [first]


def test_a_synonym_ending_the_query_makes_its_last_word_whole(catalogue):
    """ "so do" means sổ đỏ, not every title with "số"/"sở" and a word starting with "do"."""
    titles = list(
        procedures_matching(ProcedurePage.objects.live(), query="so do").values_list("title", flat=True)
    )
    assert LAND_FIRST in titles[:5]
    assert all("quyền sử dụng đất" in title or " do " in f" {title} " for title in titles), titles
