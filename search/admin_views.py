"""The editors' view of failed searches, with a link that turns a query into a synonym."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.auth import permission_required

from search.selectors import failed_queries_list

FAILED_QUERY_DAYS = 30


@permission_required("search.view_zeroresultquery")
def failed_queries(request):
    """The queries that found nothing or led to no chosen result most often in the last 30 days."""
    can_add = request.user.has_perm("search.add_synonym")
    create_url = reverse("search_synonym_modeladmin_create")
    rows = [
        {
            "query": failed,
            "add_url": f"{create_url}?{urlencode({'phrase': failed.query_text})}" if can_add else "",
        }
        for failed in failed_queries_list(days=FAILED_QUERY_DAYS)
    ]
    return TemplateResponse(
        request, "search/admin/failed_queries.html", {"rows": rows, "days": FAILED_QUERY_DAYS}
    )
