from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from services_catalog.services import unit_agencies_create
from services_catalog.units import province_find


class Command(BaseCommand):
    help = (
        "Create the agencies of one province's administrative units (2025 reorganisation, offline data): "
        "the People's Committee of the province and of each commune, optionally their police."
    )

    def add_arguments(self, parser):
        parser.add_argument("province", help="Name (Vĩnh Long, vinh long) or code (86) of the province.")
        parser.add_argument(
            "--police", action="store_true", help="Also the police of the province and communes."
        )

    def handle(self, *args, province: str, police: bool, **options):
        found = province_find(name_or_code=province)
        if found is None:
            raise CommandError(_("Unknown province: %(name)s") % {"name": province})
        report = unit_agencies_create(province=found, with_police=police)
        self.stdout.write(
            _("%(province)s: %(created)s agencies created, %(updated)s updated.")
            % {"province": found.name, "created": len(report.created), "updated": len(report.updated)}
        )
