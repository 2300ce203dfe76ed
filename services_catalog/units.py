"""Administrative units after the 2025 reorganisation (34 provinces, 3,321 communes), from the offline
data of the `vietnam-provinces` package, and the agencies that govern them."""

from dataclasses import dataclass

from vietnam_provinces import Province, VietNamDivisionType, Ward, WardCode

from services_catalog.text import fold_vietnamese


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # "Xã Cái Nhum", "Phường Thanh Đức", "tỉnh Vĩnh Long", "thành phố Hà Nội"


def province_find(*, name_or_code: str) -> Province | None:
    """The province by its code (86) or its name, typed with or without diacritics ("vinh long")."""
    wanted = fold_vietnamese(name_or_code).lower().strip()
    for province in Province.iter_all():
        names = {
            str(province.code.value),
            fold_vietnamese(province.name).lower(),
            province.codename.replace("_", " "),
        }
        if wanted in names:
            return province
    return None


def province_unit(province: Province) -> Unit:
    kind = "thành phố" if province.division_type != VietNamDivisionType.TINH else "tỉnh"
    name = province.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
    return Unit(code=str(province.code.value), name=f"{kind} {name}")


def province_communes(province: Province) -> list[Unit]:
    return sorted(
        (Unit(code=str(ward.code.value), name=ward.name) for ward in Ward.iter_by_province(province.code)),
        key=lambda unit: fold_vietnamese(unit.name).lower(),
    )


def commune_full_name(*, code: str) -> str:
    """ "Xã Cái Nhum, tỉnh Vĩnh Long" for a commune's (ward's) code; "" when the code is unknown."""
    try:
        ward = Ward.from_code(WardCode(int(code)))
    except (TypeError, ValueError):
        return ""
    return f"{ward.name}, {province_unit(Province.from_code(ward.province_code)).name}"
