"""The workspace menu leads each role to its desk pages, which otherwise have no link."""

import pytest

from portal.accounts.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("urls_loaded")]

DESK_PAGES = {
    "/xu-ly-ho-so/tiep-nhan/": {Role.RECEPTION},
    "/xu-ly-ho-so/thu-phi/": {Role.RECEPTION},
    "/xu-ly-ho-so/tep-ma-doc/": {Role.HEAD},
}


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.SPECIALIST, Role.HEAD])
def test_the_menu_shows_the_desk_pages_of_the_role(client, staff, role):
    client.force_login(staff[role])
    menu = client.get("/xu-ly/dossier/queue/").content.decode()
    for url, roles in DESK_PAGES.items():
        assert (f'href="{url}"' in menu) == (role in roles), url
        if role in roles:
            assert client.get(url).status_code == 200
