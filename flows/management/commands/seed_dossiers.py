from django.core.management.base import BaseCommand

from flows.seeding import dossiers_seed


class Command(BaseCommand):
    help = "Create N dossiers over agencies, procedures, channels and every status (benchmarks, reports)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="how many dossiers to add")
        parser.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")

    def handle(self, *args, count, seed, **options):
        created = dossiers_seed(count=count, stdout=self.stdout, rng_seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {created} hồ sơ."))
