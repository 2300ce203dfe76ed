from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

RESULTS_PER_PAGE = 20


def search(request):
    """Site-wide search over live pages."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"query": query, "page_obj": page_obj})
