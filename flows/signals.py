from django.dispatch import Signal

# Sent after every change of a dossier's status, once the change is committed.
# Keyword arguments: dossier, from_status, to_status, event (the DossierEvent recorded).
# Notifications to the applicant (R-SUB-7, R-PRO-2/3) connect here.
dossier_status_changed = Signal()

# Sent when a draft is submitted, inside its transaction and before the flow starts. Keyword argument:
# dossier. The rooms above the dossier flow connect here (payments copies the procedure's fees), so
# that the flow never imports them.
dossier_submitted = Signal()
