from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperDocumentsConfig(AppConfig):
    name = "flows.documents"
    label = "paper_documents"
    verbose_name = _("Dossier documents")
