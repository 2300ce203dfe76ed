"""Vietnamese text folding: what makes "dang ky" find "đăng ký".

Indexed text and queries go through the same `fold_vi`, on every database backend, so matching never
depends on a database collation or on an `unaccent` that may be missing.
"""

import re
import unicodedata

# NFD does not decompose đ/Đ (they are letters of their own, not d + a mark).
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Vietnamese writes some syllables with either final i or y ("đăng ký" / "đăng kí", "lý lịch" / "lí lịch",
# "quy" / "qui"). Only these consonant + i/y syllables vary: "tay" and "tai", "thuy" and "thui" differ.
_I_OR_Y = re.compile(r"^(k|l|m|t|h|s|qu)y$")


def fold_vi(text: str) -> str:
    """Lowercase `text` and strip Vietnamese diacritics: "ĐĂNG KÝ Khai sinh" -> "dang ky khai sinh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_WITH_STROKE))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, split on anything that is not an ASCII letter or digit.

    Syllables spelt with i or y are written with i: "Đăng ký" gives ["dang", "ki"].
    """
    return [_I_OR_Y.sub(r"\1i", word) for word in _NON_WORD.split(fold_vi(text)) if word]


def indexed_form(text: str) -> str:
    """Folded words joined by single spaces, with a space at both ends.

    The spaces let a plain LIKE express word boundaries: ``'% khai%'`` is "a word starting with khai",
    ``'% khai sinh %'`` the exact phrase.
    """
    found = words(text)
    return f" {' '.join(found)} " if found else ""
