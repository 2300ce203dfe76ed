from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# The staff areas are not for search engines.
ROBOTS_DISALLOW = ["/admin/", "/django-admin/"]


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def incident_archive(request):
    """Incident notices (R-OPS-1): those going on, then the resolved ones, kept in public."""
    from django.core.paginator import Paginator

    from home.models import IncidentNotice

    notices = IncidentNotice.objects.published().order_by("-starts_at", "-pk")
    page = Paginator(notices, 20).get_page(request.GET.get("trang"))
    return render(request, "home/incident_archive.html", {"page_obj": page, "now": timezone.now()})


@require_safe
def release_notes(request):
    """What changed in each version of the system, for the agencies (R-OPS-2)."""
    from home.models import ReleaseNote

    return render(request, "home/release_notes.html", {"notes": ReleaseNote.objects.all()[:100]})


@login_required
def incident_notify(request, pk: int):
    """The system operator tells the affected people of an incident, by e-mail or SMS (R-OPS-1)."""
    from home import services
    from home.models import IncidentNotice
    from portal.accounts.roles import user_is_operator

    if not user_is_operator(request.user):
        raise Http404
    notice = get_object_or_404(IncidentNotice, pk=pk)
    citizens, staff = services.incident_recipients(notice=notice)
    if request.method == "POST":
        link = request.build_absolute_uri(reverse("home:incident_archive"))
        channel = request.POST.get("channel") or None
        if channel not in (None, "email", "sms"):
            channel = None
        sent = services.incident_notify(notice=notice, link=link, channel=channel)
        messages.success(request, _("%(count)s messages are being sent.") % {"count": sent})
        return redirect("home:incident_notify", pk=notice.pk)
    return render(
        request,
        "home/incident_notify.html",
        {"notice": notice, "citizen_count": len(citizens), "staff_count": len(staff)},
    )
