from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# The public structure every portal needs, and nothing of the demo: no accounts, agencies, procedures
# or dossiers. Each step is idempotent and keeps what editors have changed since; seed_demo runs
# these steps first (home/management/commands/seed_demo.py).
SETUP_STEPS = [
    ("portal.accounts.services.role_groups_ensure", "Vai trò và nhóm quyền của cán bộ"),
    ("home.services.site_sections_ensure", "Tin tức, Hướng dẫn, Cơ quan, đơn vị và menu"),
    ("services_catalog.services.catalogue_index_ensure", "Danh mục thủ tục hành chính /thu-tuc-hanh-chinh/"),
    ("flows.feedback.services.question_index_ensure", "Hỏi đáp /hoi-dap/"),
    ("search.services.search_index_rebuild", "Chỉ mục tìm kiếm /tim-kiem/"),
]


def portal_setup(stdout) -> None:
    with transaction.atomic():
        for dotted_path, description in SETUP_STEPS:
            import_string(dotted_path)()
            stdout.write(f"  {description}: sẵn sàng\n")


class Command(BaseCommand):
    help = (
        "Create the public structure of a new portal (idempotent): home, catalogue, Q&A, news, guides, "
        "agency sections, menus, role groups, search index. No demo data."
    )

    def handle(self, *args, **options):
        self.stdout.write("Cấu trúc cổng dịch vụ công:\n")
        portal_setup(self.stdout)
        self.stdout.write(
            "Tiếp theo: nhập danh mục thủ tục quốc gia (manage.py import_procedures), tạo cán bộ công nghệ "
            "thông tin đầu tiên (manage.py create_staff_user … --role it_officer). Xem docs/deployment.md.\n"
        )
