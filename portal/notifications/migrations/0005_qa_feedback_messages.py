"""Messages of the Q&A section and feedback (R-FB-2, R-FB-3): receipt and answer to the asker, and the
reminder to the agency's officers before the 3-working-day due time."""

from django.db import migrations, models

TEMPLATES = [
    {
        "event": "feedback_received",
        "variables": "{{ full_name }}, {{ code }}, {{ title }}, {{ due }}",
        "email_subject": "Đã tiếp nhận câu hỏi, phản ánh {{ code }}",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Cổng dịch vụ công đã tiếp nhận câu hỏi, phản ánh, kiến nghị của Ông/Bà:\n"
            "Mã số: {{ code }}\n"
            "Nội dung: {{ title }}\n\n"
            "Cơ quan có thẩm quyền sẽ trả lời trong 3 ngày làm việc, chậm nhất {{ due }}.\n"
        ),
        "sms_body": "Da tiep nhan cau hoi {{ code }}. Co quan se tra loi truoc {{ due }}.",
    },
    {
        "event": "feedback_answered",
        "variables": "{{ full_name }}, {{ code }}, {{ title }}, {{ agency }}, {{ answer }}, {{ link }}",
        "email_subject": "Trả lời câu hỏi, phản ánh {{ code }}",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "{{ agency }} trả lời câu hỏi, phản ánh {{ code }} ({{ title }}) của Ông/Bà như sau:\n\n"
            "{{ answer }}\n\n"
            "{% if link %}Câu trả lời được đăng công khai tại: {{ link }}\n{% endif %}"
        ),
        "sms_body": (
            "Cau hoi {{ code }} da duoc {{ agency }} tra loi."
            "{% if link %} Xem tai {{ link }}{% else %} Vui long xem thu dien tu.{% endif %}"
        ),
    },
    {
        "event": "feedback_due_soon",
        "variables": "{{ full_name }}, {{ code }}, {{ title }}, {{ agency }}, {{ status }}, {{ due }}",
        "email_subject": "Sắp đến hạn trả lời phản ánh, kiến nghị {{ code }}",
        "email_body": (
            "Kính gửi {{ full_name }},\n\n"
            "Câu hỏi, phản ánh {{ code }} ({{ title }}) của {{ agency }} phải được trả lời trước {{ due }}.\n"
            "Tình trạng hiện tại: {{ status }}.\n"
            "Vui lòng xử lý trong khu vực xử lý phản ánh, kiến nghị.\n"
        ),
        "sms_body": "Phan anh {{ code }} sap den han tra loi ({{ due }}).",
    },
]


def forwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        MessageTemplate.objects.get_or_create(event=template["event"], defaults=template)


def backwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(event__in=[template["event"] for template in TEMPLATES]).delete()



class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0004_stats_incident_notice_template'),
    ]

    operations = [
        migrations.AlterField(
            model_name='delivery',
            name='event',
            field=models.CharField(choices=[('account_activation', 'Account activation'), ('account_already_exists', 'Registration attempt for an existing account'), ('password_reset', 'Password reset'), ('dossier_status_changed', 'Dossier status changed'), ('dossier_supplement_requested', 'Request to supplement a dossier'), ('malware_upload_refused', 'Upload refused: malware found'), ('incident_notice', 'System incident notice'), ('feedback_received', 'Question or petition received'), ('feedback_answered', 'Question or petition answered'), ('feedback_due_soon', 'Question or petition due soon (to staff)')], max_length=50, verbose_name='event'),
        ),
        migrations.AlterField(
            model_name='messagetemplate',
            name='event',
            field=models.CharField(choices=[('account_activation', 'Account activation'), ('account_already_exists', 'Registration attempt for an existing account'), ('password_reset', 'Password reset'), ('dossier_status_changed', 'Dossier status changed'), ('dossier_supplement_requested', 'Request to supplement a dossier'), ('malware_upload_refused', 'Upload refused: malware found'), ('incident_notice', 'System incident notice'), ('feedback_received', 'Question or petition received'), ('feedback_answered', 'Question or petition answered'), ('feedback_due_soon', 'Question or petition due soon (to staff)')], max_length=50, unique=True, verbose_name='event'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
