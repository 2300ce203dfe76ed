from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.roles import Role
from portal.accounts.services import staff_user_create
from services_catalog.models import Agency


class Command(BaseCommand):
    help = (
        "Create a staff account (username tencanhan.tendonvi) in an agency with a role, and print its "
        "one-time password, to be changed at first sign-in within 72 hours."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--agency", required=True, help="Agency code, the part after the dot.")
        parser.add_argument(
            "--role", required=True, action="append", choices=Role.values, help="Repeat for several roles."
        )
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, agency, role, full_name, email, **options):
        try:
            agency_obj = Agency.objects.get(code=agency)
        except Agency.DoesNotExist as error:
            raise CommandError(f"No agency with code {agency!r}.") from error
        try:
            user, password = staff_user_create(
                agency=agency_obj, username=username, full_name=full_name, email=email, roles=role
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created {user.username} ({agency_obj.name}), roles: {', '.join(role)}.")
        self.stdout.write(f"One-time password (valid 72 hours, to be changed at first sign-in): {password}")
