"""Editors manage synonyms and read the queries that found nothing."""

from django.db import migrations

EDITOR_GROUP = "Biên tập viên"  # frozen copy of portal.accounts.roles.ROLE_GROUP_NAMES[Role.EDITOR]
PERMISSIONS = {
    "synonym": ("add", "change", "delete", "view"),
    "zeroresultquery": ("view",),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="search", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="search"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_default_synonyms"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
