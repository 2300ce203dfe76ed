"""The Q&A section's pages (served by QuestionIndexPage's routes) and the staff's feedback register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from flows.feedback import forms, selectors, services
from flows.feedback.choices import OPEN_STATUSES
from flows.selectors import user_is_processing_staff, user_roles
from portal.accounts.roles import Role
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def question_list(request, *, index_page):
    listing = selectors.question_listing(params=request.GET, index_page=index_page)
    context = index_page.get_context(request)
    context["listing"] = listing
    context["answer_times"] = selectors.answer_times_per_agency()
    return TemplateResponse(request, "flows/feedback/question_index_page.html", context)


def question_ask(request, *, index_page):
    """Ask a question or send a petition (R-FB-2), with spam limits but no third-party service."""
    user = request.user if request.user.is_authenticated else None
    if user is not None and user_is_processing_staff(user):
        messages.info(
            request, _("Staff record feedback received by phone, e-mail or letter in the register.")
        )
        return redirect("flows:feedback_register")
    initial = {}
    procedure_code = request.GET.get("thu-tuc")
    if procedure_code:
        initial["procedure"] = procedure_code
    form = forms.AskForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    address = _client_address(request)
    user_id = user.pk if user is not None else None
    if request.method == "POST":
        if services.feedback_rate_limited(address=address, user_id=user_id):
            refusal = _(
                "You have sent too many questions in a short time. Please wait a minute and send "
                "it again; what you wrote is kept below."
            )
            return TemplateResponse(
                request,
                "flows/feedback/ask.html",
                {**index_page.get_context(request), "form": form, "refusal": refusal},
                status=429,
            )
        if form.is_valid():
            services.feedback_rate_record(address=address, user_id=user_id)
            if form.is_spam_trap_filled:
                # Robots see the same thanks as people, so they learn nothing; nothing is stored.
                return redirect(index_page.url + "dat-cau-hoi/?da-gui=1")
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit(
                    title=data["title"],
                    question=data["question"],
                    asker=user,
                    asker_name=data.get("asker_name", ""),
                    asker_email=data.get("asker_email", ""),
                    asker_phone=data.get("asker_phone", ""),
                    kind=data["kind"],
                    procedure=data.get("procedure"),
                    dossier=data.get("dossier"),
                    agency=data.get("agency"),
                    wants_private=data["wants_private"],
                    attachment=data.get("attachment"),
                )
            except ValidationError as error:
                form.add_error("attachment" if data.get("attachment") else None, error)
            except PermissionDenied:
                form.add_error("dossier", _("Choose one of your own dossiers."))
            else:
                messages.success(
                    request,
                    _(
                        "Your question was received with reference %(code)s. The agency answers within "
                        "3 working days, by %(due)s; we will send you the answer."
                    )
                    % {
                        "code": feedback.code,
                        "due": timezone.localtime(feedback.due_at).strftime("%d/%m/%Y %H:%M"),
                    },
                )
                return redirect(index_page.url + "dat-cau-hoi/?da-gui=1")
    context = index_page.get_context(request)
    context.update(form=form, sent=request.GET.get("da-gui") == "1")
    return TemplateResponse(request, "flows/feedback/ask.html", context)


def agency_contacts(request, *, index_page):
    """Every agency's address, phone and e-mail for feedback (R-FB-1, R-CAT-5)."""
    context = index_page.get_context(request)
    level_order = Case(
        *(When(level=level, then=Value(rank)) for rank, level in enumerate(AdministrativeLevel.values)),
        default=Value(len(AdministrativeLevel.values)),
        output_field=IntegerField(),
    )
    context["agencies"] = Agency.objects.order_by(level_order, "name")
    return TemplateResponse(request, "flows/feedback/agency_contacts.html", context)


@login_required
def my_questions(request):
    """The signed-in citizen's questions and petitions, their state and the answers."""
    items = (
        selectors.feedback_of_asker(user=request.user)
        .select_related("agency", "page")
        .order_by("-received_at", "-pk")[:200]
    )
    return TemplateResponse(
        request, "flows/feedback/my_questions.html", {"rows": selectors.answer_clocks(items=items)}
    )


@login_required
def my_question_detail(request, pk: int):
    """One of the signed-in person's questions or petitions: the answer clock, then the answer."""
    item = get_object_or_404(
        selectors.feedback_of_asker(user=request.user).select_related("agency", "page"), pk=pk
    )
    [(item, clock)] = selectors.answer_clocks(items=[item])
    return TemplateResponse(request, "flows/feedback/my_question.html", {"item": item, "clock": clock})


def _staff_only(request):
    if not user_is_processing_staff(request.user):
        raise Http404


@login_required
def feedback_register(request):
    """The agency's register of feedback: every item, its channel, due time and overdue flag."""
    _staff_only(request)
    items = selectors.feedback_for_staff(user=request.user)
    counts = selectors.feedback_counts(queryset=items)
    shown = request.GET.get("loc", "")
    if shown == "dang-xu-ly":
        items = items.filter(status__in=OPEN_STATUSES)
    elif shown == "qua-han":
        items = items.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    return TemplateResponse(
        request,
        "flows/feedback/staff_register.html",
        {
            "items": items.select_related("procedure", "received_by")[:200],
            "counts": counts,
            "shown": shown,
            "may_record": Role.RECEPTION in user_roles(request.user),
        },
    )


@login_required
def feedback_record(request):
    """Reception records feedback received by phone, e-mail or in writing (R-FB-2)."""
    if Role.RECEPTION not in user_roles(request.user):
        raise Http404
    form = forms.RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.feedback_submit(
                title=data["title"],
                question=data["question"],
                asker=None,
                asker_name=data["asker_name"],
                asker_email=data["asker_email"],
                asker_phone=data["asker_phone"],
                kind=data["kind"],
                procedure=data["procedure"],
                agency=request.user.agency,
                wants_private=data["wants_private"],
                attachment=data.get("attachment"),
                channel=data["channel"],
                received_at=data["received_at"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error("attachment" if data.get("attachment") else None, error)
        else:
            messages.success(
                request,
                _("Recorded with reference %(code)s; it is in the routing queue.") % {"code": feedback.code},
            )
            return redirect("flows:feedback_register")
    return TemplateResponse(request, "flows/feedback/staff_record.html", {"form": form})


@login_required
def feedback_attachment(request, pk: int):
    """The item's attachment, for the staff of the agency that holds it only."""
    feedback = get_object_or_404(selectors.feedback_for_staff(user=request.user), pk=pk)
    if not feedback.attachment:
        raise Http404
    return FileResponse(
        feedback.attachment.open("rb"),
        as_attachment=True,
        filename=feedback.attachment_name,
        content_type=feedback.attachment_type,
    )
