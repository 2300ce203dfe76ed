"""Citizen payment pages, VNPay's return URL and server notification, and the desk's fee screen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from flows import selectors as flow_selectors
from flows import services as flow_services
from flows.choices import ResultReturnMethod
from flows.documents.services import DocumentUnavailable, pdf_render
from flows.documents.views import attachment_response
from flows.forms import DeliveredForm
from flows.models import Dossier, ResultReturn
from flows.payments import forms, selectors, services
from flows.payments.choices import PaymentStatus
from flows.payments.documents import payment_receipt_document
from flows.payments.gateways.vnpay import provider_default
from flows.payments.models import Payment
from portal.accounts.roles import Role


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@login_required
@require_POST
def dossier_pay_online(request, pk: int):
    """The citizen pays what their level 4 dossier still owes: off to the payment provider."""
    dossier = get_object_or_404(
        flow_selectors.dossiers_for_applicant(user=request.user).select_related("procedure"), pk=pk
    )
    provider = provider_default()
    if not provider.configured:
        messages.error(request, _("Online payment is not available right now. Please pay at the desk."))
        return redirect("flows:dossier_detail", pk=dossier.pk)
    try:
        _payment, url = services.payment_online_start(
            dossier=dossier,
            user=request.user,
            provider=provider,
            return_url=request.build_absolute_uri(reverse("payments:vnpay_return")),
            client_ip=_client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("flows:dossier_detail", pk=dossier.pk)
    return redirect(url)


@login_required
@require_GET
def vnpay_return(request):
    """Where VNPay sends the browser back. It only reads: the IPN alone changes the payment."""
    params = {key: value for key, value in request.GET.items() if key.startswith("vnp_")}
    result = provider_default().verify_return(params)
    if not result.signature_valid:
        return render(request, "payments/return.html", {"invalid": True}, status=400)
    payment = get_object_or_404(
        Payment.objects.select_related("dossier"), txn_ref=result.txn_ref, dossier__applicant=request.user
    )
    return render(request, "payments/return.html", {"payment": payment, "result": result})


@csrf_exempt
@require_GET
def vnpay_ipn(request):
    """VNPay's server-to-server notification (IPN): answers VNPay's RspCode/Message JSON."""
    params = {key: value for key, value in request.GET.items() if key.startswith("vnp_")}
    outcome = provider_default().handle_notification(params)
    return JsonResponse(outcome.body)


# The desk (reception of the dossier's agency)


def _reception_dossier(request, pk: int) -> Dossier:
    if Role.RECEPTION not in flow_selectors.user_roles(request.user):
        raise Http404
    dossiers = flow_selectors.dossiers_of_own_agency(user=request.user)
    return get_object_or_404(dossiers.select_related("procedure", "agency__parent"), pk=pk)


@login_required
def staff_find_dossier(request):
    """Reception opens the fee screen of one of its agency's dossiers by its code."""
    if Role.RECEPTION not in flow_selectors.user_roles(request.user):
        raise Http404
    form = forms.FindDossierForm(request.GET or None)
    if form.is_valid():
        dossier = Dossier.objects.filter(
            agency_id=request.user.agency_id, is_draft=False, code__iexact=form.cleaned_data["code"].strip()
        ).first()
        if dossier is not None:
            return redirect("payments:staff_dossier_fees", pk=dossier.pk)
        form.add_error("code", _("No dossier of your agency has this code."))
    return render(request, "payments/staff/find.html", {"form": form})


STAFF_FORMS = {
    "counter": forms.CounterPaymentForm,
    "transfer": forms.TransferPaymentForm,
    "refund": forms.RefundForm,
    "delivered": DeliveredForm,
}


def _staff_action(request, dossier: Dossier, action: str, form) -> str:
    data, officer = form.cleaned_data, request.user
    if action == "counter":
        services.payment_counter_record(
            dossier=dossier,
            officer=officer,
            amount_vnd=data["amount_vnd"],
            receipt_number=data["receipt_number"],
            paid_at=data.get("paid_at"),
        )
        return _("The payment at the desk was recorded.")
    if action == "transfer":
        services.payment_transfer_record(
            dossier=dossier,
            officer=officer,
            amount_vnd=data["amount_vnd"],
            reference=data["reference"],
            paid_at=timezone.make_aware(
                timezone.datetime.combine(data["paid_on"], timezone.datetime.min.time())
            ),
        )
        return _("The transfer was recorded.")
    if action == "refund":
        services.refund_record(
            dossier=dossier,
            officer=officer,
            amount_vnd=data["amount_vnd"],
            refunded_on=data["refunded_on"],
            reason=data["reason"],
            account_holder=data["account_holder"],
            account_number=data["account_number"],
            bank_name=data["bank_name"],
        )
        return _("The refund was recorded.")
    flow_services.result_delivery_confirm(dossier=dossier, actor=officer, delivered_on=data["delivered_on"])
    return _("The delivery date was recorded.")


@login_required
def staff_dossier_fees(request, pk: int):
    """Fees owed, payments, refunds and the result's return, with the desk's forms (R-SUB-3/5, R-RES)."""
    dossier = _reception_dossier(request, pk)
    account = selectors.dossier_account(dossier=dossier)
    result_return = ResultReturn.objects.filter(dossier=dossier).first()
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in STAFF_FORMS:
            raise Http404
        form = STAFF_FORMS[action](request.POST)
        bound[action] = form
        if form.is_valid():
            try:
                message = _staff_action(request, dossier, action, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect("payments:staff_dossier_fees", pk=dossier.pk)
    show = {
        "counter": selectors.dossier_may_take_payment(dossier=dossier, account=account),
        "transfer": selectors.dossier_may_take_payment(dossier=dossier, account=account),
        "refund": selectors.dossier_refund_offered(dossier=dossier, account=account),
        "delivered": result_return is not None
        and result_return.method == ResultReturnMethod.POST
        and result_return.delivered_on is None,
    }
    initial = {"counter": {"amount_vnd": account.balance}, "transfer": {"amount_vnd": account.balance}}
    initial["refund"] = {"amount_vnd": account.refundable, "refunded_on": timezone.localdate()}
    staff_forms = {
        action: bound.get(action) or form_class(initial=initial.get(action))
        for action, form_class in STAFF_FORMS.items()
        if show[action]
    }
    return render(
        request,
        "payments/staff/dossier_fees.html",
        {
            "dossier": dossier,
            "account": account,
            "fee_items": dossier.fee_items.all(),
            "payments": dossier.payments.filter(status=PaymentStatus.PAID).select_related("recorded_by"),
            "refunds": dossier.refunds.select_related("officer"),
            "result_return": result_return,
            "result_files": dossier.result_files.all(),
            "staff_forms": staff_forms,
        },
    )


def _payment_receipt_response(dossier: Dossier, payment_pk: int) -> HttpResponse:
    payment = get_object_or_404(dossier.payments.select_related("recorded_by"), pk=payment_pk)
    payment.dossier = dossier
    try:
        document = payment_receipt_document(payment=payment)
    except DocumentUnavailable:
        raise Http404 from None
    return attachment_response(
        pdf_render(document=document), filename=document.filename, content_type="application/pdf"
    )


@login_required
def applicant_payment_receipt(request, pk: int, payment_pk: int):
    dossier = get_object_or_404(
        flow_selectors.dossiers_for_applicant(user=request.user).select_related(
            "procedure", "agency__parent"
        ),
        pk=pk,
    )
    return _payment_receipt_response(dossier, payment_pk)


@login_required
def staff_payment_receipt(request, pk: int, payment_pk: int):
    return _payment_receipt_response(_reception_dossier(request, pk), payment_pk)
