import pytest

from search.text import fold_vi, indexed_form, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"),
        ("sổ đỏ", "so do"),
        ("Thủ tục hộ tịch", "thu tuc ho tich"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        # the same letter typed as one code point (NFC) or as a letter plus combining marks (NFD)
        ("Nguye\u0302\u0303n", "nguyen"),
    ],
)
def test_fold_vi_drops_diacritics_and_case(text, folded):
    assert fold_vi(text) == folded


def test_words_split_on_punctuation_and_codes():
    assert words("Đăng kí nhận cha, mẹ, con (1.001193)") == [
        "dang",
        "ki",
        "nhan",
        "cha",
        "me",
        "con",
        "1",
        "001193",
    ]


def test_words_write_syllables_spelt_with_i_or_y_one_way():
    assert words("Đăng ký, đăng kí; lý lịch, lí lịch; QUY định") == [
        "dang",
        "ki",
        "dang",
        "ki",
        "li",
        "lich",
        "li",
        "lich",
        "qui",
        "dinh",
    ]
    assert words("máy tay tai thủy") == ["may", "tay", "tai", "thuy"]


def test_indexed_form_marks_word_boundaries_with_spaces():
    assert indexed_form("Cấp lại  GIẤY phép") == " cap lai giay phep "
    assert indexed_form(" ,; ") == ""
