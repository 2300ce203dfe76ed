"""The everyday phrases citizens type for common procedures, mapped to the official terms.

Editors add and change synonyms in the admin (Tìm kiếm › Từ đồng nghĩa); this is the starting set.
"""

import re
import unicodedata

from django.db import migrations

DEFAULT_SYNONYMS = [
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất"),
    ("bìa đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("làm sổ đỏ", "đăng ký đất đai"),
    ("làm khai sinh", "đăng ký khai sinh"),
    ("giấy khai sinh", "đăng ký khai sinh"),
    ("khai sanh", "khai sinh"),
    ("làm khai tử", "đăng ký khai tử"),
    ("giấy chứng tử", "đăng ký khai tử"),
    ("báo tử", "khai tử"),
    ("làm giấy kết hôn", "đăng ký kết hôn"),
    ("giấy đăng ký kết hôn", "đăng ký kết hôn"),
    ("cưới", "kết hôn"),
    ("giấy độc thân", "xác nhận tình trạng hôn nhân"),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("công chứng", "chứng thực"),
    ("sao y", "chứng thực bản sao từ bản chính"),
    ("phô tô công chứng", "chứng thực bản sao từ bản chính"),
    ("lý lịch tư pháp", "phiếu lý lịch tư pháp"),
    ("hộ khẩu", "thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("tạm trú", "đăng ký tạm trú"),
    ("giấy phép kinh doanh", "đăng ký thành lập hộ kinh doanh"),
    ("mở quán", "đăng ký thành lập hộ kinh doanh"),
    ("mở công ty", "đăng ký thành lập doanh nghiệp"),
    ("thành lập công ty", "thành lập doanh nghiệp"),
    ("giấy phép xây nhà", "giấy phép xây dựng"),
    ("xin phép xây nhà", "cấp giấy phép xây dựng"),
    ("bằng lái", "giấy phép lái xe"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("đổi bằng lái", "đổi giấy phép lái xe"),
    ("chứng minh nhân dân", "căn cước"),
    ("cmnd", "căn cước"),
    ("cccd", "căn cước"),
    ("thẻ bhyt", "thẻ bảo hiểm y tế"),
    ("bhyt", "bảo hiểm y tế"),
    ("bhxh", "bảo hiểm xã hội"),
    ("nuôi con nuôi", "đăng ký nuôi con nuôi"),
    ("nhận con", "nhận cha, mẹ, con"),
    ("đổi tên", "thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("sửa tên", "thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("trợ cấp", "trợ cấp xã hội"),
]


def _fold(text):
    # The same folding as search.text.indexed_form, frozen here as migrations must not import app code.
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans({"đ": "d", "Đ": "D"})))
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    found = (word for word in re.split(r"[^0-9a-z]+", bare.casefold()) if word)
    return " ".join(re.sub(r"^(k|l|m|t|h|s|qu)y$", r"\1i", word) for word in found)


def add_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for phrase, term in DEFAULT_SYNONYMS:
        Synonym.objects.get_or_create(
            phrase_folded=_fold(phrase),
            official_term_folded=_fold(term),
            defaults={"phrase": phrase, "official_term": term},
        )


def remove_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for phrase, term in DEFAULT_SYNONYMS:
        Synonym.objects.filter(phrase_folded=_fold(phrase), official_term_folded=_fold(term)).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_text_search")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
