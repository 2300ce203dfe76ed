from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from flows import urls as dossier_urls
from flows.documents import urls as document_urls
from flows.feedback import urls as feedback_urls
from flows.workspace import WORKSPACE_PREFIX, workspace_urls
from home.views import robots_txt
from portal import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("portal.accounts.urls")),
    path("", include("search.urls")),
    path("", include("services_catalog.urls")),
    # The dossier flow, its paper documents and the Q&A flow share the `flows:` URL names.
    path(
        "",
        include(
            ([*dossier_urls.urlpatterns, *document_urls.urlpatterns, *feedback_urls.urlpatterns], "flows")
        ),
    ),
    path("", include("flows.payments.urls")),
    path("", include("home.urls")),
    path(WORKSPACE_PREFIX, workspace_urls()),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every path no pattern above took: it must come last.
urlpatterns += [path("", include(wagtail_urls))]
