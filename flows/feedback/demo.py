"""Demo Q&A for `make run`: the Q&A section, a dozen answered questions across fields and agencies,
and a few questions waiting in the Sở Tư pháp's queues (route, draft, approve).

Idempotent: the section is looked up by its slug, questions by their subject.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from flows.feedback import services
from flows.feedback.choices import FeedbackChannel, FeedbackStatus
from flows.feedback.models import Feedback
from services_catalog.models import Agency, ProcedurePage

# (procedure title starts with, field name, agency code, asker, subject, question, answer)
ANSWERED = [
    (
        "Đăng ký khai sinh",
        "Hộ tịch",
        "stp",
        "Nguyễn Thị Mai",
        "Đăng ký khai sinh quá hạn cho con cần giấy tờ gì?",
        "Con tôi sinh được 3 tháng nhưng chưa làm khai sinh. Nay tôi đăng ký thì có bị phạt không và cần "
        "mang theo những giấy tờ gì?",
        "Việc đăng ký khai sinh quá 60 ngày kể từ ngày sinh vẫn được giải quyết. Ông/Bà nộp tờ khai theo "
        "mẫu, giấy chứng sinh (hoặc văn bản của người làm chứng) và xuất trình giấy tờ tùy thân. Mức xử phạt "
        "vi phạm hành chính (nếu có) do UBND cấp xã xem xét theo Nghị định 82/2020/NĐ-CP.",
    ),
    (
        "Đăng ký kết hôn",
        "Hộ tịch",
        "stp",
        "Trần Văn Hùng",
        "Đăng ký kết hôn khác tỉnh thì nộp hồ sơ ở đâu?",
        "Tôi thường trú ở Bến Tre, vợ sắp cưới thường trú ở Tiền Giang. Chúng tôi có thể đăng ký kết hôn "
        "tại Bến Tre không?",
        "Được. Hai bên có thể đăng ký kết hôn tại UBND cấp xã nơi cư trú của một trong hai người. Người "
        "không cư trú tại địa phương cần giấy xác nhận tình trạng hôn nhân do nơi cư trú cấp.",
    ),
    (
        "Cấp Phiếu lý lịch tư pháp",
        "Lý lịch tư pháp",
        "stp",
        "Lê Minh Tâm",
        "Thời hạn cấp Phiếu lý lịch tư pháp số 1",
        "Tôi nộp hồ sơ xin Phiếu lý lịch tư pháp số 1 trực tuyến thì bao lâu nhận được kết quả? Có nhận qua "
        "bưu điện được không?",
        "Thời hạn giải quyết không quá 10 ngày kể từ ngày nhận hồ sơ hợp lệ. Ông/Bà có thể đăng ký nhận "
        "kết quả qua dịch vụ bưu chính công ích khi nộp hồ sơ; phí chuyển phát do người yêu cầu chi trả.",
    ),
    (
        "Chứng thực bản sao",
        "Chứng thực",
        "stp",
        "Phạm Thị Hoa",
        "Chứng thực bản sao từ bản chính có cần mang bản chính không?",
        "Khi đi chứng thực bản sao giấy tờ, tôi có bắt buộc mang theo bản chính không hay chỉ cần bản photo?",
        "Có. Người yêu cầu phải xuất trình bản chính để người thực hiện chứng thực đối chiếu. Trường hợp "
        "chỉ có bản photo thì không thể chứng thực bản sao từ bản chính.",
    ),
    (
        "Cấp giấy phép xây dựng",
        "Hoạt động xây dựng",
        "sxd",
        "Võ Văn Phúc",
        "Sửa chữa nhà ở có cần xin giấy phép xây dựng không?",
        "Tôi muốn sửa lại mái và lát lại nền nhà, không thay đổi kết cấu chịu lực. Có phải xin phép không?",
        "Sửa chữa, cải tạo bên trong công trình không làm thay đổi kết cấu chịu lực, công năng sử dụng và "
        "không ảnh hưởng đến môi trường, an toàn công trình thì được miễn giấy phép xây dựng theo Luật Xây "
        "dựng. Ông/Bà nên thông báo cho UBND cấp xã trước khi thi công.",
    ),
    (
        "",
        "Nhà ở",
        "sxd",
        "Đặng Thị Lan",
        "Điều kiện mua nhà ở xã hội",
        "Tôi là công nhân, chưa có nhà ở. Điều kiện để được mua nhà ở xã hội tại Bến Tre là gì?",
        "Người mua nhà ở xã hội phải chưa có nhà ở thuộc sở hữu của mình tại tỉnh, đáp ứng điều kiện thu "
        "nhập theo quy định và thuộc đối tượng được hỗ trợ. Hồ sơ nộp cho chủ đầu tư dự án; Sở Xây dựng "
        "công bố danh sách dự án trên cổng thông tin của Sở.",
    ),
    (
        "",
        "Đất đai",
        "stnmt",
        "Huỳnh Văn Bình",
        "Thời gian cấp đổi giấy chứng nhận quyền sử dụng đất",
        "Sổ đỏ của gia đình tôi bị rách, muốn cấp đổi thì mất bao lâu và nộp ở đâu?",
        "Hồ sơ cấp đổi nộp tại Bộ phận một cửa hoặc Chi nhánh Văn phòng đăng ký đất đai. Thời gian giải "
        "quyết không quá 7 ngày làm việc, không kể thời gian xem xét xử lý đối với trường hợp vi phạm.",
    ),
    (
        "",
        "Môi trường",
        "stnmt",
        "Ngô Thị Thu",
        "Phản ánh cơ sở chăn nuôi gây ô nhiễm",
        "Gần nhà tôi có trại heo xả nước thải ra kênh, gây mùi hôi. Tôi phản ánh ở đâu?",
        "Sở đã chuyển phản ánh đến UBND huyện để kiểm tra. Ông/Bà có thể phản ánh trực tiếp với UBND cấp "
        "xã hoặc qua mục Hỏi đáp này; cơ quan chức năng sẽ kiểm tra, xử lý và thông báo kết quả.",
    ),
    (
        "",
        "Thành lập và hoạt động của doanh nghiệp",
        "skhdt",
        "Trương Quốc Khánh",
        "Thay đổi địa chỉ trụ sở doanh nghiệp khác quận",
        "Công ty tôi chuyển trụ sở sang huyện khác trong tỉnh thì cần làm thủ tục gì?",
        "Doanh nghiệp nộp thông báo thay đổi nội dung đăng ký doanh nghiệp tại Phòng Đăng ký kinh doanh "
        "trong 10 ngày kể từ ngày thay đổi. Hồ sơ nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký "
        "doanh nghiệp.",
    ),
    (
        "",
        "An toàn thực phẩm",
        "sct",
        "Lý Thị Ngọc",
        "Cơ sở sản xuất kẹo dừa có cần giấy chứng nhận an toàn thực phẩm?",
        "Gia đình tôi làm kẹo dừa bán cho các cửa hàng. Có bắt buộc xin giấy chứng nhận cơ sở đủ điều kiện "
        "an toàn thực phẩm không?",
        "Cơ sở sản xuất nhỏ lẻ thuộc diện không phải cấp giấy chứng nhận nhưng phải ký cam kết bảo đảm an "
        "toàn thực phẩm với cơ quan quản lý. Cơ sở có đăng ký doanh nghiệp thì thuộc diện cấp giấy.",
    ),
    (
        "",
        "Đường bộ",
        "sgtvt",
        "Cao Văn Tài",
        "Đổi giấy phép lái xe bị mất",
        "Tôi làm mất giấy phép lái xe hạng B2. Thủ tục cấp lại thế nào, có phải thi lại không?",
        "Giấy phép còn hạn hoặc quá hạn dưới 3 tháng được cấp lại không phải sát hạch. Ông/Bà nộp hồ sơ "
        "trực tuyến trên Cổng dịch vụ công, kèm giấy khám sức khỏe; thời hạn giải quyết 5 ngày làm việc.",
    ),
    (
        "",
        "Văn bằng, chứng chỉ",
        "sgddt",
        "Đỗ Thị Hạnh",
        "Cấp bản sao bằng tốt nghiệp trung học phổ thông",
        "Tôi tốt nghiệp năm 2005, nay bị mất bằng. Xin cấp bản sao ở đâu?",
        "Ông/Bà đề nghị cấp bản sao từ sổ gốc tại cơ quan đang quản lý sổ gốc (Sở Giáo dục và Đào tạo). "
        "Có thể nộp yêu cầu trực tuyến và nhận kết quả qua bưu điện.",
    ),
]

# (subject, question, asker, how far along: "route", "draft" or "approve")
PENDING = [
    (
        "Hồ sơ khai sinh nộp trực tuyến bị yêu cầu bổ sung nhiều lần",
        "Tôi nộp hồ sơ khai sinh cho con và được yêu cầu bổ sung hai lần với các giấy tờ khác nhau. "
        "Vì sao không yêu cầu một lần?",
        "Bùi Văn Nam",
        "route",
    ),
    (
        "Xin trích lục khai sinh bản sao cho người đã mất",
        "Cha tôi đã mất, tôi cần trích lục khai sinh của cha để làm thủ tục thừa kế. Tôi có được xin không?",
        "Mai Thị Xuân",
        "draft",
    ),
    (
        "Lệ phí chứng thực chữ ký người dịch",
        "Lệ phí chứng thực chữ ký người dịch tính theo trang hay theo bản?",
        "Tạ Minh Đức",
        "approve",
    ),
]


def _procedure(title_start: str, field_name: str):
    pages = ProcedurePage.objects.live().filter(field__name=field_name)
    if title_start:
        pages = pages.filter(title__startswith=title_start)
    return pages.select_related("field", "agency").order_by("pk").first()


def _advance(feedback: Feedback, stage: str) -> None:
    from flows.demo import task_complete
    from flows.feedback.flows import FeedbackFlow
    from portal.accounts.roles import Role

    User = get_user_model()
    staff = {
        Role.RECEPTION: User.objects.filter(username="tiepnhan.stp").first(),
        Role.SPECIALIST: User.objects.filter(username="chuyenvien.stp").first(),
    }
    if stage == "route" or None in staff.values():
        return

    def complete(node, user, perform):
        task = FeedbackFlow.task_class.objects.get(
            process_id=feedback.process_id, flow_task=node, finished__isnull=True
        )
        task_complete(task, user=user, perform=perform)

    def route(activation):
        activation.process.data["decision"] = "route"
        activation.process.save()
        services.feedback_route(feedback=feedback, actor=staff[Role.RECEPTION], agency=feedback.agency)

    complete(FeedbackFlow.route, staff[Role.RECEPTION], route)
    if stage == "approve":
        complete(
            FeedbackFlow.draft,
            staff[Role.SPECIALIST],
            lambda activation: services.feedback_draft(
                feedback=feedback,
                actor=staff[Role.SPECIALIST],
                answer="Lệ phí chứng thực chữ ký người dịch là 10.000 đồng/trường hợp (một bản dịch), "
                "không tính theo số trang.",
                is_private=False,
            ),
        )


def seed(stdout) -> None:
    if services.question_index_ensure() is None:
        return
    now = timezone.now()
    published = 0
    for number, (title_start, field_name, agency_code, asker, subject, question, answer) in enumerate(
        ANSWERED
    ):
        if Feedback.objects.filter(title=subject).exists():
            continue
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            continue
        procedure = _procedure(title_start, field_name)
        received_at = now - timedelta(days=40 - 3 * number, hours=number)
        feedback = Feedback.objects.create(
            code=services._code_new(),
            channel=FeedbackChannel.PORTAL if number % 4 else FeedbackChannel.EMAIL,
            asker_name=asker,
            asker_email=f"hoidap{number}@example.vn",
            title=subject,
            question=question,
            procedure=procedure,
            field=procedure.field if procedure else None,
            agency=agency,
            received_by=agency,
            status=FeedbackStatus.ANSWERED,
            received_at=received_at,
            due_at=services.feedback_due(received_at=received_at),
            answer=answer,
            answered_at=received_at + timedelta(days=1, hours=3),
        )
        if feedback.field is None:
            from services_catalog.models import Field

            feedback.field = Field.objects.filter(name=field_name).first()
            feedback.save(update_fields=["field"])
        if services.question_page_publish(feedback=feedback):
            published += 1
    stp = Agency.objects.filter(code="stp").first()
    waiting = 0
    if stp is not None:
        procedure = ProcedurePage.objects.live().filter(agency=stp).order_by("pk").first()
        for subject, question, asker, stage in PENDING:
            if Feedback.objects.filter(title=subject).exists():
                continue
            feedback = services.feedback_submit(
                title=subject,
                question=question,
                asker=None,
                asker_name=asker,
                asker_email="hoidap.cho@example.vn",
                procedure=procedure,
                agency=stp,
            )
            _advance(feedback, stage)
            waiting += 1
    if published or waiting:
        stdout.write(f"Hỏi đáp demo: {published} câu hỏi đã trả lời, {waiting} câu hỏi đang chờ xử lý.\n")
