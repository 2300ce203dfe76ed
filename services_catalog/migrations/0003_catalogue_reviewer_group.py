from django.db import migrations

# Frozen copy of services_catalog.editing.REVIEWER_GROUP_NAME at the time of this migration.
REVIEWER_GROUP_NAME = "Người duyệt thủ tục hành chính"


def create_reviewer_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP_NAME)
    group.permissions.add(access_admin)


def remove_reviewer_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=REVIEWER_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("services_catalog", "0002_catalogue_editing"),
        ("accounts", "0002_role_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_reviewer_group, remove_reviewer_group)]
