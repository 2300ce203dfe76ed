import re
import unicodedata

from django.utils.text import slugify


def fold_vietnamese(text: str) -> str:
    """ "Đăng ký khai sinh" → "Dang ky khai sinh": drop diacritics, including the stroke of đ."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def ascii_slug(text: str, *, max_length: int = 80) -> str:
    slug = slugify(fold_vietnamese(text))
    if len(slug) <= max_length:
        return slug
    return slug[:max_length].rsplit("-", 1)[0]


def procedure_slug(*, title: str, code: str) -> str:
    """A readable, unique URL part: the folded name, shortened, then the official code."""
    return f"{ascii_slug(title, max_length=70)}-{slugify(code.replace('.', '-'))}".strip("-")


def agency_code_from_name(name: str) -> str:
    """ "Sở Tư pháp tỉnh Bến Tre" → "stptbt": the initials, as agency codes usually are."""
    words = re.findall(r"[a-z0-9]+", fold_vietnamese(name).lower())
    return "".join(word if word.isdigit() else word[0] for word in words)[:16] or "coquan"
