"""The fee receipt (biên lai thu phí, lệ phí) of a payment: a PDF laid out as the dossier documents."""

from flows.documents.services import (
    Document,
    DocumentUnavailable,
    format_datetime,
    format_vnd,
    letterhead,
    person_name,
)
from flows.payments.choices import PaymentStatus
from flows.payments.models import Payment

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


def _hundreds_in_words(number: int, *, full: bool) -> list[str]:
    """A group of three digits; `full` when a higher group comes before it (then "không trăm", "linh")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if hundreds or full else []) + [DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units:
        words.append(DIGITS[units])
    return words


def amount_in_words(amount: int) -> str:
    """1508000 → "Một triệu năm trăm linh tám nghìn đồng", as receipts write the amount out."""
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            words += _hundreds_in_words(groups[index], full=bool(words))
            if SCALES[index]:
                words.append(SCALES[index])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]


def payment_receipt_document(*, payment: Payment) -> Document:
    if payment.status != PaymentStatus.PAID:
        raise DocumentUnavailable
    dossier = payment.dossier
    number = (
        payment.receipt_number
        or payment.provider_transaction_no
        or payment.transfer_reference
        or f"{dossier.code}/BL"
    )
    return Document(
        filename=f"bien-lai-{dossier.code}-{payment.pk}.pdf",
        template="payments/documents/payment_receipt.html",
        context={
            **letterhead(
                agency=dossier.agency, moment=payment.paid_at, number=number or f"{dossier.code}/BL"
            ),
            "title": "Biên lai thu phí, lệ phí",
            "dossier": dossier,
            "payment": payment,
            "items": [(item.label, format_vnd(item.amount_vnd)) for item in dossier.fee_items.all()],
            "amount": format_vnd(payment.amount_vnd),
            "amount_in_words": amount_in_words(payment.amount_vnd),
            "paid_at": format_datetime(payment.paid_at),
            "method": payment.get_method_display(),
            "officer": person_name(payment.recorded_by),
        },
    )
