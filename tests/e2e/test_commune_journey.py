"""A procedure each commune carries out, in the browser (issue 16): the citizen picks their commune for
birth registration, and that commune's reception officer finds the dossier in the queue."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from flows.models import Dossier
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.demo import FIRST_CODE
from services_catalog.models import Agency, ProcedurePage
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, DEMO_PASSWORD, HOME, seed
from tests.e2e.test_eform_journey import birth_eform_fill
from tests.e2e.test_journeys import PDF_BYTES, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CAI_NHUM = "x29641"


def test_citizen_picks_their_commune_and_its_reception_finds_the_dossier(page, clamd):
    seed(HOME, CATALOGUE, ACCOUNTS)
    birth = ProcedurePage.objects.get(code=FIRST_CODE)
    commune = Agency.objects.get(code=CAI_NHUM)
    officer = get_user_model().objects.create_user(
        username=f"tiepnhan.{CAI_NHUM}", password=DEMO_PASSWORD, full_name="Phạm Thị Tiếp", agency=commune
    )
    officer.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.RECEPTION]))

    sign_in(page, "congdan@example.vn")
    page.goto(page.base_url + f"/nop-ho-so/{FIRST_CODE}/")
    form = page.locator("main form")
    # The filter box narrows the list as the citizen types, without diacritics.
    form.get_by_role("searchbox").fill("cai nhum")
    visible = form.locator("select[name=commune] option:not([hidden])").all_inner_texts()
    assert "Xã Cái Nhum" in visible and len(visible) <= 3, visible
    form.locator("select[name=commune]").select_option(CAI_NHUM)
    assert_accessible(page)
    form.locator("[name=applicant_name]").fill("Nguyễn Văn An")
    birth_eform_fill(form, birth_date="02/03/2025")  # birth registration has its e-form (issue 18)
    for document in birth.documents.filter(is_required=True):
        form.locator(f"#id_document_{document.pk}").set_input_files(
            {"name": f"giay-to-{document.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
    save_screenshot(page, "journey-commune-choice")
    with page.expect_navigation():
        form.locator("button[name=submit]").click()

    dossier = Dossier.objects.get(applicant__username="congdan", procedure=birth)
    assert dossier.agency == commune and dossier.code.startswith(CAI_NHUM.upper() + "-")

    sign_in(page, f"tiepnhan.{CAI_NHUM}")
    page.goto(page.base_url + "/xu-ly/dossier/queue/")
    assert dossier.code in page.locator("body").inner_text()
    save_screenshot(page, "journey-commune-queue")
