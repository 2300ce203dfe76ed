"""The staff roles of the one-stop system (REQUIREMENTS, Actors). Each role is a Django group."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    RECEPTION = "reception", _("Reception officer")
    SPECIALIST = "specialist", _("Specialist")
    HEAD = "head", _("Agency head")
    IT_OFFICER = "it_officer", _("IT officer")
    OPERATOR = "operator", _("System operator")


# Group names are stored in Vietnamese because the Wagtail admin shows them as they are.
ROLE_GROUP_NAMES = {
    Role.EDITOR: "Biên tập viên",
    Role.RECEPTION: "Cán bộ tiếp nhận (Bộ phận một cửa)",
    Role.SPECIALIST: "Chuyên viên xử lý (Bộ phận chuyên môn)",
    Role.HEAD: "Lãnh đạo cơ quan",
    Role.IT_OFFICER: "Cán bộ công nghệ thông tin",
    Role.OPERATOR: "Quản trị hệ thống (Sở Thông tin và Truyền thông)",
}

# Roles that work in the Wagtail admin (catalogue, content, users, settings).
ADMIN_ROLES = (Role.EDITOR, Role.IT_OFFICER, Role.OPERATOR)


def user_is_operator(user) -> bool:
    """The system operator (or a superuser), asked once per request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_stats_is_operator", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=ROLE_GROUP_NAMES[Role.OPERATOR]).exists()
        user._stats_is_operator = cached
    return cached
