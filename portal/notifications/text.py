import unicodedata


def fold_vietnamese(text: str) -> str:
    """Vietnamese text without diacritics: "Đăng ký" → "Dang ky".

    An SMS with diacritics is sent as Unicode and holds 70 characters a segment instead of 160.
    NFD splits most marks off their letters, but đ/Đ is a letter of its own, so it is mapped first.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)
