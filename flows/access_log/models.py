"""Who opened my dossier (ai đã xem hồ sơ của tôi): one row each time a staff member opens a dossier,
one of its files, its result, its documents or its declaration.

The rows are an audit trail: the application only ever adds them. `save` refuses to change a stored
row, `delete` and the queryset's `update`/`delete` refuse too, the model has only the "view"
permission, and on PostgreSQL a trigger (migration 0007) refuses UPDATE and DELETE for every client.
Who, their role and their agency are copied at the moment of access, so a later rename or a moved
account does not rewrite what the citizen was shown.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import Role


class AccessKind(models.TextChoices):
    DOSSIER = "dossier", _("opened the dossier")
    DECLARATION = "declaration", _("viewed the declaration")
    FILE = "file", _("downloaded a file")
    RESULT = "result", _("downloaded the result")
    DOCUMENT = "document", _("opened a document")


class AccessLogImmutable(Exception):
    """An attempt to change or delete an access record."""


class DossierAccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessLogImmutable("Access records cannot be changed.")

    def delete(self):
        raise AccessLogImmutable("Access records cannot be deleted.")


class DossierAccess(models.Model):
    """One staff access to a dossier: who, in which role and agency, when, and what they opened."""

    dossier = models.ForeignKey(
        "flows.Dossier", on_delete=models.PROTECT, related_name="accesses", verbose_name=_("dossier")
    )
    # No database constraint: the record outlives the account (a deleted account keeps its trail).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("staff account"),
    )
    actor_name = models.CharField(_("staff member"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    agency = models.ForeignKey(
        "services_catalog.Agency",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    agency_name = models.CharField(_("agency name"), max_length=500)
    kind = models.CharField(_("what was opened"), max_length=20, choices=AccessKind.choices)
    # The file's or document's name, empty for the dossier and the declaration.
    item = models.CharField(_("item"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    objects = DossierAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("dossier access")
        verbose_name_plural = _("dossier accesses")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["dossier", "-at"], name="dossier_access_dossier_at")]

    def __str__(self) -> str:
        return f"{self.actor_name} · {self.get_kind_display()} · {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AccessLogImmutable("Access records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogImmutable("Access records cannot be deleted.")
