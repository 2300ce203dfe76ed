"""Every URL pattern of the project, classified by who may open it, with a way to build a real URL.

The suite walks `get_resolver()`; a pattern that no rule below classifies fails the suite with a
message naming it, so a new view cannot ship unreviewed. To classify a new pattern add a `Rule`:

- ``PUBLIC``: anyone may open it (give the reason). Still checked: no private data of others leaks.
- ``SECRET_LINK``: public, but reached with a secret from an SMS/e-mail (uid + token); a forged
  token must show nothing private.
- ``CITIZEN``: a signed-in user's own pages. Anonymous visitors are sent to sign in; a URL holding
  the id of a private object is refused (404/403/sign-in) to everyone but its owner.
- ``STAFF``: staff areas. Anonymous visitors and citizens are refused; a URL holding the id of a
  private object is refused to staff of another agency too.
- ``ADMIN``: the Wagtail admin's shared catalogue, content and settings. Anonymous visitors and
  citizens are refused; between staff, Wagtail's own permissions decide (no agency owns a sector or
  a page), so for staff of another agency the suite only checks that no private data shows.

A parameter the suite does not know how to fill fails with a message too: teach `param_value`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PUBLIC = "public"
SECRET_LINK = "secret-link"
CITIZEN = "citizen"
STAFF = "staff"
ADMIN = "admin"

# Parameters that name public things: a URL holding only these is not about a private object.
PUBLIC_PARAMS = {"procedure_code"}


@dataclass(frozen=True)
class Rule:
    pattern: str
    kind: str
    reason: str

    def matches(self, route: str) -> bool:
        return re.search(self.pattern, route) is not None


RULES = [
    # Public: probes, catalogue, search, account entry points.
    Rule(r"^(healthz|readyz)/$", PUBLIC, "health probes, no data"),
    Rule(r"^i18n/setlang/$", PUBLIC, "language switcher"),
    Rule(r"^(sitemap\.xml|robots\.txt)$", PUBLIC, "public crawler files"),
    Rule(r"^dang-nhap/$|^dang-xuat/$", PUBLIC, "sign in / sign out"),
    Rule(r"^dang-ky/(da-gui/)?$", PUBLIC, "registration form and its confirmation"),
    Rule(r"^kich-hoat/$", PUBLIC, "activation by SMS code: the code is the secret"),
    Rule(r"^quen-mat-khau/(da-gui/)?$", PUBLIC, "password reset request"),
    Rule(r"^dat-lai-mat-khau/(ma-sms|xong)/$", PUBLIC, "password reset by SMS code; its end page"),
    Rule(r"^(kich-hoat|dat-lai-mat-khau)/<uidb64>/<token>/$", SECRET_LINK, "activation/reset link"),
    Rule(r"^tim-kiem/", PUBLIC, "site search over public pages"),
    Rule(r"^api/v1/procedures/$", PUBLIC, "open data: the public catalogue"),
    Rule(r"^api/v1/communes/<int:province_code>/$", PUBLIC, "public list of a province's communes"),
    Rule(r"^api/v1/statistics/$", PUBLIC, "open data: dossier counts per agency, field and month, no person"),
    Rule(r"^nhung/thu-tuc/$", PUBLIC, "embeddable public catalogue"),
    Rule(r"^nop-ho-so/$", PUBLIC, "list of procedures accepting online dossiers"),
    Rule(r"^tra-cuu-ho-so/$", PUBLIC, "look-up: shows a dossier only with its code and secret"),
    Rule(r"^thong-ke/", PUBLIC, "public statistics and their exports: counts only, no dossier"),
    Rule(r"^(thong-bao-su-co|thong-tin-phien-ban)/$", PUBLIC, "incident notice archive, release notes"),
    Rule(r"^documents/", PUBLIC, "Wagtail documents: public files, collection privacy is Wagtail's"),
    Rule(r"^_util/(login|authenticate_with_password)/", PUBLIC, "Wagtail page-privacy forms"),
    Rule(r"^\^\(\(\?:\[\\w\\-\]\+/\)\*\)\$$", PUBLIC, "Wagtail pages (page privacy is Wagtail's)"),
    Rule(r"^admin/(login|logout)/$", PUBLIC, "Wagtail admin sign in/out (redirects to /dang-nhap/)"),
    Rule(r"^admin/password_reset/", PUBLIC, "Wagtail admin password reset request"),
    Rule(r"^django-admin/(login|logout)/$", PUBLIC, "Django admin sign in/out"),
    Rule(r"^admin/jsi18n/$", PUBLIC, "admin JavaScript translations, no data"),
    Rule(r"^thanh-toan/vnpay/ipn/$", PUBLIC, "VNPay's server-to-server IPN, authenticated by its signature"),
    Rule(
        r"^cong-thanh-toan-thu/$",
        PUBLIC,
        "fake payment gateway: 404 unless PAYMENTS_FAKE_GATEWAY (dev, tests)",
    ),
    Rule(r"^admin/sprite(-\w+)?/$", PUBLIC, "admin icon sprite, no data"),
    # Citizen's own things.
    Rule(r"^(tai-khoan|doi-mat-khau)/", CITIZEN, "the signed-in user's account"),
    Rule(r"^nop-ho-so/<", CITIZEN, "submission form: the signed-in citizen's draft"),
    Rule(r"^ho-so-cua-toi/", CITIZEN, "the citizen's dossiers"),
    Rule(r"^cau-hoi-cua-toi/", CITIZEN, "the citizen's own questions, their answer clocks and answers"),
    Rule(r"^ho-so/", CITIZEN, "private dossier files"),
    Rule(r"^thanh-toan/", CITIZEN, "the signed-in citizen's payment results"),
    # Staff areas.
    Rule(r"^xu-ly/", STAFF, "dossier workspace (Viewflow), scoped by agency"),
    Rule(r"^xu-ly-ho-so/", STAFF, "agency actions on dossiers"),
    Rule(r"^quan-ly/", STAFF, "agency staff management"),
    Rule(r"^admin/users/", STAFF, "Wagtail admin: accounts (staff and citizens)"),
    Rule(r"^admin/\^notifications/delivery/", STAFF, "Wagtail admin: messages sent (phones, e-mails)"),
    Rule(r"^admin/", ADMIN, "Wagtail admin: shared catalogue, content and settings"),
    Rule(r"^django-admin/", STAFF, "Django admin"),
]


NAMED_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")
UNNAMED_GROUP = re.compile(r"\((?!\?)((?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Entry:
    route: str
    callback: object
    name: str | None

    @property
    def params(self) -> list[tuple[str, str, str]]:
        """(name, converter, regex body) of each parameter; unnamed regex groups are named "#0", "#1"."""
        found = [
            (m.group(2), m.group(1) or "str", "")
            for m in re.finditer(r"(?<!\?P)<(?:(\w+):)?(\w+)>", self.route)
        ]
        found += [(m.group(1), "regex", m.group(2)) for m in NAMED_GROUP.finditer(self.route)]
        found += [(f"#{i}", "regex", m.group(1)) for i, m in enumerate(UNNAMED_GROUP.finditer(self.route))]
        return found

    @property
    def private_params(self) -> list[str]:
        return [name for name, _, _ in self.params if name not in PUBLIC_PARAMS]


def url_entries() -> list[Entry]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield Entry(prefix + str(pattern.pattern), pattern.callback, pattern.name)

    return list(walk(get_resolver().url_patterns))


# Vendor views that raise by design or on a malformed POST from signed-in staff (no data shown).
# A 500 from any other pattern fails the suite.
KNOWN_SERVER_ERRORS = {
    ("GET", "admin/failwhale/"): "Wagtail's deliberate error page for testing error reporting",
    ("POST", "admin/failwhale/"): "Wagtail's deliberate error page for testing error reporting",
    ("POST", "admin/account/"): "Wagtail account settings: TypeError on a POST without its panels",
    ("POST", "admin/choose-external-link/"): "Wagtail link chooser: AttributeError without a URL",
    ("POST", "admin/pages/<int:page_to_move_id>/set_position/"): "Wagtail: AttributeError without a parent",
}


def classify(entry: Entry) -> Rule | None:
    return next((rule for rule in RULES if rule.matches(entry.route)), None)


class UnknownParameter(Exception):
    pass


def param_value(entry: Entry, name: str, converter: str, body: str, world) -> str:
    """A real value for one URL parameter, pointing at the owner's objects where it names one."""
    route = entry.route
    if converter == "regex" and re.fullmatch(r"\w+(\|\w+)+", body):
        return body.split("|")[0]  # an alternation of names: the first one
    if body == r"(?:[\w\-]+/)*":
        return ""  # Wagtail's page path: the home page
    dossier = world.dossier
    if name == "process_pk":
        return str(dossier.process_id)
    if name == "task_pk":
        from flows.flows import DossierFlow

        tasks = DossierFlow.task_class.objects.filter(process_id=dossier.process_id).order_by("-pk")
        node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
        matching = [task for task in tasks if node and task.flow_task.name == node.group(1)]
        return str((matching or list(tasks))[0].pk)
    if name == "dossier_pk":
        return str(dossier.pk)
    if name == "file_pk":
        return str(dossier.files.order_by("pk").first().pk)
    if name == "payment_pk":
        return str(world.payment.pk)
    if name == "table" and "thong-ke/xuat/" in route:
        return "agency"  # a statistics table
    if name == "fmt" and "thong-ke/xuat/" in route:
        return "csv"
    if name == "slug" and "/giay-to/" in route:
        return "giay-tiep-nhan"  # a dossier document (PDF) the applicant may download
    if name == "procedure_code":
        return world.procedure.code
    if name == "uidb64":
        return urlsafe_base64_encode(force_bytes(world.owner.pk))
    if name == "token":
        return "c5x-0123456789abcdef0123"  # forged
    model = re.match(r"admin/\^(\w+)/(\w+)/", route)
    if name == "instance_pk" and model:
        # A wagtail-modeladmin page: a real row, the owner's where the model has a user.
        from django.apps import apps

        rows = apps.get_model(model.group(1), model.group(2)).objects.order_by("pk")
        if any(field.name == "user" for field in rows.model._meta.fields):
            rows = rows.filter(user=world.owner)
        row = rows.first()
        return str(row.pk if row else world.owner.pk)
    if name == "pk" and route.startswith(("ho-so-cua-toi/", "xu-ly-ho-so/")):
        return str(dossier.pk)
    if name == "pk" and route.startswith("cau-hoi-cua-toi/"):
        return str(world.feedback.pk)
    if name == "pk" and route.startswith("quan-ly/can-bo/"):
        return str(world.agency_it_officer.pk)
    if route.startswith(("admin/", "django-admin/")) or classify(entry).kind == PUBLIC:
        # Any existing id (the owner's account's, where the URL is about users), or a word.
        if converter in ("int", "path") or name.endswith(("id", "pk")) or "\\d" in body or body == "[-\\w]+":
            return str(world.owner.pk)
        return "x"
    raise UnknownParameter(
        f"{route}: the security suite does not know how to fill <{name}>; "
        "teach tests/security/urlmap.py:param_value which private object it names"
    )


def build_url(entry: Entry, world) -> str:
    """The pattern with real values, checked to resolve back to the same view."""
    path = entry.route
    for name, converter, body in entry.params:
        value = param_value(entry, name, converter, body, world)
        if name.startswith("#"):
            path = UNNAMED_GROUP.sub(value, path, count=1)
        elif converter == "regex":
            path = path.replace(f"(?P<{name}>{body})", value, 1)
        else:
            path = re.sub(r"<(?:\w+:)?" + name + ">", value, path, count=1)
    path = "/" + path.replace("^", "").replace("$", "").replace("\\", "")
    match = resolve(path)
    if match.func is not entry.callback and getattr(match.func, "__wrapped__", None) is not entry.callback:
        raise UnknownParameter(
            f"{entry.route}: built {path}, which resolves to another view ({match.route}); "
            "teach tests/security/urlmap.py:param_value a value that reaches this pattern"
        )
    return path
