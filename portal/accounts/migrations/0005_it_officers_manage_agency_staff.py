from django.db import migrations

IT_OFFICER_GROUP = "Cán bộ công nghệ thông tin"


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    user_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="user")
    permission, _ = Permission.objects.get_or_create(
        content_type=user_type,
        codename="manage_agency_staff",
        defaults={"name": "Can manage the staff accounts of their own agency"},
    )
    group, _ = Group.objects.get_or_create(name=IT_OFFICER_GROUP)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="accounts", codename="manage_agency_staff").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_citizen_details_codes_declarations_sign_ins")]

    operations = [migrations.RunPython(grant, revoke)]
