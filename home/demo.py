"""Demo content of the public site: settings, notices, menus, news, citizen guides, agency sections.

Idempotent: each item is looked up by its slug (pages) or title (images) before it is created.
"""

import io
from datetime import date, timedelta

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from PIL import Image as PillowImage
from PIL import ImageDraw

from home.models import (
    AgencySectionIndexPage,
    AgencySectionPage,
    Announcement,
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PortalSettings,
)
from home.services import child_page_ensure, site_sections_ensure
from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.models import Agency

DEMO_AGENCIES = {
    "stp": "Sở Tư pháp tỉnh Bến Tre",
    "stttt": "Sở Thông tin và Truyền thông tỉnh Bến Tre",
}
# (title, alt text, two colours of the drawing)
DEMO_IMAGES = [
    ("Minh hoạ: bộ phận một cửa", "Quầy tiếp nhận hồ sơ của bộ phận một cửa", ("#a50e24", "#f4d3a1")),
    ("Minh hoạ: nộp hồ sơ trực tuyến", "Người dân nộp hồ sơ trên máy tính", ("#0b4f8a", "#bfe3f5")),
    ("Minh hoạ: chữ ký số", "Tài liệu điện tử được ký số", ("#1e7b34", "#d7f0c8")),
]


def _demo_image_file(title: str, colours: tuple[str, str], name: str) -> ImageFile:
    """A simple drawing made here (no download): a gradient band, a 'screen' and a 'document'."""
    width, height = 1600, 900
    picture = PillowImage.new("RGB", (width, height), colours[1])
    draw = ImageDraw.Draw(picture)
    for y in range(0, height, 6):
        draw.rectangle([0, y, width, y + 6], fill=colours[0] if y < height * 0.22 else colours[1])
    draw.rounded_rectangle([220, 300, 980, 760], radius=24, fill="white", outline=colours[0], width=10)
    draw.rectangle([260, 340, 940, 700], fill=colours[1])
    draw.rounded_rectangle([1080, 260, 1400, 780], radius=16, fill="white", outline=colours[0], width=8)
    for row in range(6):
        draw.line([1120, 330 + row * 70, 1360, 330 + row * 70], fill=colours[0], width=10)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return ImageFile(buffer, name=name)


def _images() -> list:
    Image = get_image_model()
    root = Collection.get_first_root_node()
    images = []
    for number, (title, alt_text, colours) in enumerate(DEMO_IMAGES, start=1):
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, description=alt_text, collection=root)
            image.file = _demo_image_file(title, colours, f"demo-{number}.jpg")
            image.save()
        images.append(image)
    return images


def _stream(*blocks: tuple[str, object]) -> list[dict]:
    """Stream data in its stored (JSON) form, where chosen images and pages are ids."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def _rich(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _guide_online_submission(image) -> list[dict]:
    return _stream(
        ("heading", {"text": "Mức độ 3 và mức độ 4 là gì?", "level": "h2"}),
        (
            "paragraph",
            _rich(
                "Ở <b>mức độ 3</b> (một phần), bạn nộp hồ sơ trực tuyến; phí, lệ phí nộp tại cơ quan và "
                "kết quả nhận tại bộ phận một cửa hoặc qua dịch vụ bưu chính công ích.",
                "Ở <b>mức độ 4</b> (toàn trình), bạn nộp hồ sơ, thanh toán trực tuyến và nhận kết quả trực "
                "tuyến (hoặc qua bưu chính).",
            ),
        ),
        ("image", {"image": image.pk, "alt_text": image.description, "caption": "Nộp hồ sơ tại nhà"}),
        ("heading", {"text": "Các bước nộp hồ sơ", "level": "h2"}),
        (
            "paragraph",
            "<ol><li>Đăng nhập bằng tài khoản dịch vụ công.</li>"
            "<li>Tìm thủ tục hành chính cần thực hiện và chọn <b>Nộp hồ sơ</b>.</li>"
            "<li>Điền tờ khai, tải lên từng thành phần hồ sơ thành tệp riêng (bản quét hoặc ảnh chụp "
            "từ bản chính).</li>"
            "<li>Với mức độ 4: ký số các tệp (nếu có chữ ký số) và thanh toán trực tuyến.</li>"
            "<li>Ghi lại <b>mã hồ sơ</b> để tra cứu hồ sơ và theo dõi kết quả.</li></ol>",
        ),
        (
            "callout",
            {
                "kind": "warning",
                "title": "Khi không có chữ ký số",
                "text": _rich(
                    "Hồ sơ mức độ 4 không ký số thì gửi thêm bộ hồ sơ giấy qua bưu chính, ghi rõ mã hồ sơ."
                ),
            },
        ),
        (
            "procedure_list",
            {
                "heading": "Một số dịch vụ công toàn trình",
                "procedures": [],
                "field": "",
                "agency": "",
                "service_level": str(ServiceLevel.FULLY_ONLINE.value),
                "limit": 5,
            },
        ),
        (
            "faq",
            {
                "title": "Câu hỏi thường gặp",
                "items": [
                    {
                        "question": "Nộp hồ sơ ngoài giờ hành chính có được không?",
                        "answer": _rich("Được. Hồ sơ được xử lý vào ngày làm việc kế tiếp."),
                    },
                    {
                        "question": "Bao lâu thì có kết quả?",
                        "answer": _rich(
                            "Theo thời hạn giải quyết của từng thủ tục, tính theo ngày làm việc; ngày hẹn "
                            "trả kết quả ghi trên giấy tiếp nhận hồ sơ."
                        ),
                    },
                ],
            },
        ),
    )


def _guide_account() -> list[dict]:
    return _stream(
        (
            "paragraph",
            _rich(
                "Một tài khoản dùng cho mọi dịch vụ công trực tuyến của tỉnh. Nếu bạn đã có tài khoản, "
                "hãy dùng lại tài khoản đó."
            ),
        ),
        ("heading", {"text": "Đăng ký tài khoản", "level": "h2"}),
        (
            "paragraph",
            "<ol><li>Chọn <b>Đăng ký</b> ở đầu trang.</li>"
            "<li>Điền họ tên, số điện thoại hoặc thư điện tử.</li>"
            "<li>Chọn nhận thông tin tài khoản qua thư điện tử hoặc tin nhắn SMS.</li>"
            "<li>Đăng nhập và đổi mật khẩu.</li></ol>",
        ),
        (
            "callout",
            {
                "kind": "info",
                "title": "Giữ an toàn tài khoản",
                "text": _rich("Không chia sẻ mật khẩu. Nếu nghi bị lộ, hãy dùng chức năng Quên mật khẩu."),
            },
        ),
    )


NEWS = [
    (
        "tiep-nhan-ho-so-truc-tuyen-thu-bay",
        "Tiếp nhận hồ sơ trực tuyến cả ngày thứ Bảy",
        2,
        "Bộ phận một cửa các sở, ngành tiếp nhận hồ sơ trực tuyến liên tục, kể cả ngày thứ Bảy.",
        ["một cửa", "dịch vụ công"],
    ),
    (
        "ra-mat-dich-vu-cong-toan-trinh",
        "Ra mắt thêm 20 dịch vụ công trực tuyến toàn trình",
        7,
        "Người dân có thể nộp hồ sơ, thanh toán và nhận kết quả trực tuyến cho 20 thủ tục mới.",
        ["dịch vụ công", "mức độ 4"],
    ),
    (
        "huong-dan-thanh-toan-truc-tuyen",
        "Thanh toán phí, lệ phí trực tuyến qua cổng dịch vụ công",
        15,
        "Phí, lệ phí của hồ sơ mức độ 4 được thanh toán trực tuyến ngay khi nộp hồ sơ.",
        ["thanh toán trực tuyến"],
    ),
]


def _news(index: NewsIndexPage, images: list) -> None:
    today = date.today()
    for number, (slug, title, days_ago, summary, tags) in enumerate(NEWS):
        image = images[number % len(images)]
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        article = NewsPage(
            slug=slug,
            title=title,
            date=today - timedelta(days=days_ago),
            summary=summary,
            search_description=summary,
            image=image,
            image_alt=image.description,
            body=_stream(("paragraph", _rich(summary, "Chi tiết xin liên hệ bộ phận một cửa của cơ quan."))),
        )
        index.add_child(instance=article)
        article.tags.add(*tags)
        article.save_revision().publish()


def _agency_sections(index: AgencySectionIndexPage) -> None:
    for code, name in DEMO_AGENCIES.items():
        agency, _created = Agency.objects.get_or_create(
            code=code, defaults={"name": name, "level": AdministrativeLevel.PROVINCE}
        )
        section = AgencySectionPage.objects.filter(agency=agency).first() or child_page_ensure(
            parent=index,
            model=AgencySectionPage,
            slug=code,
            title=agency.name,
            agency=agency,
            intro=f"Giới thiệu, thủ tục hành chính và tin tức của {agency.name}.",
        )
        child_page_ensure(
            parent=section,
            model=ContentPage,
            slug="gioi-thieu",
            title=f"Giới thiệu {agency.name}",
            intro=f"Chức năng, nhiệm vụ và bộ phận một cửa của {agency.name}.",
            body=_stream(
                ("heading", {"text": "Chức năng, nhiệm vụ", "level": "h2"}),
                (
                    "paragraph",
                    _rich(
                        f"{agency.name} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thực hiện các thủ "
                        "tục hành chính thuộc thẩm quyền và tiếp nhận hồ sơ trực tuyến qua cổng dịch vụ công."
                    ),
                ),
                (
                    "procedure_list",
                    {
                        "heading": "Thủ tục hành chính do cơ quan thực hiện",
                        "procedures": [],
                        "field": "",
                        "agency": str(agency.pk),
                        "service_level": "",
                        "limit": 10,
                    },
                ),
            ),
        )
    return index


def seed(stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    images = _images()
    portal = PortalSettings.for_site(site)
    if not portal.operator_address:
        portal.operator_address = "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, thành phố Bến Tre"
        portal.operator_phone = "0275 3822 338"
        portal.operator_hotline = "1900 0000"
        portal.operator_email = "stttt@bentre.gov.vn"
    if portal.default_social_image_id is None:
        portal.default_social_image = images[0]
    portal.save()

    home = HomePage.objects.get(pk=site.root_page_id)
    if home.title != "Trang chủ":
        home.title = "Trang chủ"
        home.save_revision().publish()

    if not Announcement.objects.exists():
        now = timezone.now()
        Announcement.objects.create(
            title="Tiếp nhận hồ sơ trực tuyến mức độ 3, 4 cả ngày thứ Bảy",
            body="<p>Bộ phận một cửa các sở, ngành tiếp nhận hồ sơ trực tuyến liên tục; hồ sơ nộp "
            "ngoài giờ hành chính được xử lý vào ngày làm việc kế tiếp.</p>",
            starts_at=now - timedelta(days=2),
        )
        Announcement.objects.create(
            title="Hướng dẫn đăng ký tài khoản dịch vụ công",
            body="<p>Người dân đăng ký tài khoản bằng số điện thoại hoặc thư điện tử để nộp hồ sơ "
            "trực tuyến.</p>",
            starts_at=now - timedelta(days=10),
        )

    sections = site_sections_ensure(site=site)
    _news(sections.news, images)
    child_page_ensure(
        parent=sections.guides,
        model=ContentPage,
        slug="nop-ho-so-truc-tuyen-muc-do-3-4",
        title="Hướng dẫn nộp hồ sơ trực tuyến mức độ 3, 4",
        intro="Các bước nộp hồ sơ, thanh toán và nhận kết quả dịch vụ công trực tuyến.",
        search_description="Cách nộp hồ sơ trực tuyến mức độ 3 và mức độ 4.",
        social_image=images[1],
        body=_guide_online_submission(images[1]),
    )
    child_page_ensure(
        parent=sections.guides,
        model=ContentPage,
        slug="dang-ky-tai-khoan",
        title="Hướng dẫn đăng ký tài khoản",
        intro="Tạo tài khoản một lần, dùng cho mọi dịch vụ công trực tuyến.",
        search_description="Cách đăng ký tài khoản dịch vụ công.",
        body=_guide_account(),
    )
    _agency_sections(sections.agencies)
    stdout.write("Trang chủ, tin tức, hướng dẫn, trang cơ quan và thông báo demo: sẵn sàng.\n")
