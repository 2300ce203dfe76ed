from django.db import migrations

# Frozen copy of portal.accounts.roles at the time of this migration.
ROLE_GROUP_NAMES = {
    "editor": "Biên tập viên",
    "reception": "Cán bộ tiếp nhận (Bộ phận một cửa)",
    "specialist": "Chuyên viên xử lý (Bộ phận chuyên môn)",
    "head": "Lãnh đạo cơ quan",
    "it_officer": "Cán bộ công nghệ thông tin",
    "operator": "Quản trị hệ thống (Sở Thông tin và Truyền thông)",
}
ADMIN_ROLES = ("editor", "it_officer", "operator")


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for role, name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        if role in ADMIN_ROLES:
            group.permissions.add(access_admin)


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=ROLE_GROUP_NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
