"""The Vietnamese texts shipped with the portal; operators edit them afterwards in the admin.

Also lets the system operators' group edit the templates and read the message log.
"""

from django.db import migrations

OPERATOR_GROUP = "Quản trị hệ thống (Sở Thông tin và Truyền thông)"

TEMPLATES = [
    {
        "event": "account_activation",
        "variables": "{{ full_name }}, {{ link }}, {{ code }} (SMS), {{ minutes }} (SMS)",
        "email_subject": "Kích hoạt tài khoản Cổng dịch vụ công",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Tài khoản của Ông/Bà trên Cổng dịch vụ công trực tuyến đã được tạo. "
            "Để kích hoạt tài khoản, vui lòng mở liên kết sau:\n\n{{ link }}\n\n"
            "Sau khi kích hoạt, Ông/Bà đăng nhập bằng địa chỉ e-mail hoặc số điện thoại đã đăng ký.\n"
            "Nếu Ông/Bà không đăng ký tài khoản, xin bỏ qua thư này.\n"
        ),
        "sms_body": (
            "Ma kich hoat tai khoan Cong dich vu cong: {{ code }} (hieu luc {{ minutes }} phut). "
            "Nhap ma tai {{ link }}. Khong cung cap ma cho nguoi khac."
        ),
    },
    {
        "event": "account_already_exists",
        "variables": "{{ full_name }}, {{ sign_in_link }}, {{ reset_link }}",
        "email_subject": "Yêu cầu đăng ký tài khoản đã có",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Có người vừa đăng ký tài khoản trên Cổng dịch vụ công với thông tin của Ông/Bà, "
            "nhưng Ông/Bà đã có tài khoản. Ông/Bà đăng nhập tại:\n{{ sign_in_link }}\n\n"
            "Nếu quên mật khẩu, Ông/Bà có thể đặt lại tại:\n{{ reset_link }}\n\n"
            "Nếu Ông/Bà không thực hiện việc này, xin bỏ qua thư này; tài khoản của Ông/Bà không bị thay đổi.\n"
        ),
        "sms_body": (
            "Ong/Ba da co tai khoan Cong dich vu cong. Dang nhap: {{ sign_in_link }} "
            "Quen mat khau: {{ reset_link }}"
        ),
    },
    {
        "event": "password_reset",
        "variables": "{{ full_name }}, {{ link }}, {{ code }} (SMS), {{ minutes }} (SMS)",
        "email_subject": "Đặt lại mật khẩu Cổng dịch vụ công",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của Ông/Bà. "
            "Để đặt mật khẩu mới, vui lòng mở liên kết sau:\n\n{{ link }}\n\n"
            "Nếu Ông/Bà không yêu cầu, xin bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.\n"
        ),
        "sms_body": (
            "Ma dat lai mat khau Cong dich vu cong: {{ code }} (hieu luc {{ minutes }} phut). "
            "Nhap ma tai {{ link }}. Khong cung cap ma cho nguoi khac."
        ),
    },
    {
        "event": "dossier_status_changed",
        "variables": "{{ full_name }}, {{ dossier_code }}, {{ procedure }}, {{ status }}, {{ note }}, {{ link }}",
        "email_subject": "Hồ sơ {{ dossier_code }}: {{ status }}",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Hồ sơ {{ dossier_code }}{% if procedure %} ({{ procedure }}){% endif %} "
            "chuyển sang trạng thái: {{ status }}.\n"
            "{% if note %}\nGhi chú: {{ note }}\n{% endif %}"
            "{% if link %}\nTra cứu hồ sơ: {{ link }}\n{% endif %}"
        ),
        "sms_body": "Ho so {{ dossier_code }}: {{ status }}.{% if link %} Tra cuu: {{ link }}{% endif %}",
    },
    {
        "event": "dossier_supplement_requested",
        "variables": "{{ full_name }}, {{ dossier_code }}, {{ procedure }}, {{ note }}, {{ link }}",
        "email_subject": "Hồ sơ {{ dossier_code }}: yêu cầu bổ sung, hoàn thiện hồ sơ",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Hồ sơ {{ dossier_code }}{% if procedure %} ({{ procedure }}){% endif %} cần được bổ sung, "
            "hoàn thiện:\n{{ note }}\n\n"
            "Ông/Bà bổ sung trực tuyến trên chính hồ sơ này{% if link %} tại: {{ link }}{% endif %}.\n"
        ),
        "sms_body": (
            "Ho so {{ dossier_code }} can bo sung, hoan thien. Xem yeu cau va bo sung truc tuyen"
            "{% if link %} tai {{ link }}{% else %} tren Cong dich vu cong{% endif %}."
        ),
    },
]


def create_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        MessageTemplate.objects.get_or_create(event=template["event"], defaults=template)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=OPERATOR_GROUP)
    for model, actions in (("messagetemplate", ("change", "view")), ("delivery", ("view",))):
        content_type, _ = ContentType.objects.get_or_create(app_label="notifications", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def remove_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(event__in=[t["event"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(create_templates, remove_templates)]
