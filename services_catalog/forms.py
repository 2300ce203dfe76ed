from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ProcedurePageForm(WagtailAdminPageForm):
    """The procedure editor: a scoped editor can only pick their own agency as implementing agency."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from services_catalog.permissions import user_is_unscoped

        if self.for_user is None or "agency" not in self.fields or user_is_unscoped(self.for_user):
            return
        agency_field = self.fields["agency"]
        # A user without an agency gets an empty choice list, so cannot save a procedure at all.
        agency_field.queryset = agency_field.queryset.filter(pk=self.for_user.agency_id)
        # Only operators may leave a procedure to "each commune" (no handling agency).
        agency_field.required = True
        agency_field.help_text = _("You can only edit procedures of your own agency.")
