from django.db import migrations

# Frozen copy of home.services.DEFAULT_MAIN_MENU / DEFAULT_FOOTER_LINKS at the time of this migration:
# the links the header and footer had before editors managed them, so that nothing disappears.
MAIN_MENU = [
    ("Thủ tục hành chính", "Administrative procedures", "/thu-tuc-hanh-chinh/"),
    ("Nộp hồ sơ", "Submit a dossier", "/nop-ho-so/"),
    ("Tra cứu hồ sơ", "Dossier look-up", "/tra-cuu-ho-so/"),
    ("Hỏi đáp", "Q&A", "/hoi-dap/"),
    ("Thống kê", "Statistics", "/thong-ke/"),
]
FOOTER_LINKS = [
    ("Thủ tục hành chính", "Administrative procedures", "/thu-tuc-hanh-chinh/"),
    ("Tra cứu hồ sơ", "Dossier look-up", "/tra-cuu-ho-so/"),
    ("Hỏi đáp", "Q&A", "/hoi-dap/"),
]


def create_default_navigation(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    NavigationSettings = apps.get_model("home.NavigationSettings")
    MainMenuItem = apps.get_model("home.MainMenuItem")
    FooterLink = apps.get_model("home.FooterLink")
    for site in Site.objects.all():
        navigation, _ = NavigationSettings.objects.get_or_create(site=site)
        for model, links in ((MainMenuItem, MAIN_MENU), (FooterLink, FOOTER_LINKS)):
            if model.objects.filter(setting=navigation).exists():
                continue
            model.objects.bulk_create(
                model(setting=navigation, label=label, label_en=label_en, link_url=url, sort_order=order)
                for order, (label, label_en, url) in enumerate(links)
            )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_content_pages_navigation")]

    operations = [migrations.RunPython(create_default_navigation, migrations.RunPython.noop)]
