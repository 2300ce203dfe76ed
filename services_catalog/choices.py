from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeLevel(models.TextChoices):
    """The level of government that carries out a procedure (cấp). Values are the import codes."""

    PROVINCE = "tinh", _("Province level")
    DISTRICT = "huyen", _("District level")
    COMMUNE = "xa", _("Commune level")


class ServiceLevel(models.IntegerChoices):
    """Decree 43/2011, Art. 3.4: what part of a procedure can be done online (mức độ)."""

    NOT_CLASSIFIED = 0, _("Service level not yet classified")
    INFORMATION = 1, _("Level 1")
    FORMS = 2, _("Level 2")
    PARTLY_ONLINE = 3, _("Level 3")
    FULLY_ONLINE = 4, _("Level 4")


SERVICE_LEVEL_DESCRIPTIONS = {
    ServiceLevel.NOT_CLASSIFIED: _(
        "The province has not yet classified this procedure: information only, no online submission."
    ),
    ServiceLevel.INFORMATION: _("Information about the procedure only."),
    ServiceLevel.FORMS: _("Information and downloadable forms."),
    ServiceLevel.PARTLY_ONLINE: _(
        "Partly online: submit the dossier online; pay the fee and receive the result at the office "
        "or by post."
    ),
    ServiceLevel.FULLY_ONLINE: _(
        "Fully online: submit, pay the fee and receive the result online (or by post)."
    ),
}

# Levels at which a citizen can submit a dossier through the portal.
ONLINE_SUBMISSION_LEVELS = (ServiceLevel.PARTLY_ONLINE, ServiceLevel.FULLY_ONLINE)


class GoverningBody(models.TextChoices):
    """Which body of an administrative unit an agency is: what "Ủy ban nhân dân cấp xã" or "Công an cấp
    xã" in the national list mean for one commune."""

    PEOPLES_COMMITTEE = "ubnd", _("People's Committee")
    POLICE = "congan", _("Police")
