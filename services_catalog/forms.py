from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ProcedurePageForm(WagtailAdminPageForm):
    """The procedure editor: a scoped editor can only pick their own agency as implementing agency; the
    e-form's fields are checked together (conditions, groups, choices, ages, labels)."""

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

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("eform_fields")
        if formset is not None and formset.is_valid():
            from services_catalog.eform_rules import eform_fields_problems

            forms = (
                list(formset.ordered_forms)
                if formset.can_order
                else [
                    form
                    for form in formset.forms
                    if form.has_changed() and not formset._should_delete_form(form)
                ]
            )
            for position, name, message in eform_fields_problems([form.cleaned_data for form in forms]):
                forms[position].add_error(name if name in forms[position].fields else None, message)
        return cleaned
