"""Template fragments rendered once per version (portal.caching), then served as they were.

For the parts of a page that change only when something is published or saved: a procedure's
description, the footer. A tag made by `kept_fragment_tag(version)` wraps such a part:

    {% kept_procedure page.pk catalogue_url %} … {% endkept_procedure %}

The key names the tag, the active language, the current `version()` and the tag's arguments (what
else the part depends on). What is inside must not depend on the visitor: no CSRF token, no user.
A preview (Wagtail's `request.is_preview`) shows the editor's draft: it is rendered, never kept.
"""

import hashlib
from collections.abc import Callable

from django import template
from django.utils.translation import get_language

from portal.caching import versioned_get, versioned_set

FRAGMENT_SECONDS = 60 * 60


class KeptFragmentNode(template.Node):
    def __init__(self, name: str, nodelist, parts: list, version: Callable[[], str]):
        self.name = name
        self.nodelist = nodelist
        self.parts = parts
        self.version = version

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = "\N{UNIT SEPARATOR}".join(str(part.resolve(context)) for part in self.parts)
        digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
        key = f"fragment:{self.name}:{get_language()}:{self.version()}:{digest}"
        html = versioned_get(key)
        if html is None:
            html = self.nodelist.render(context)
            versioned_set(key, html, FRAGMENT_SECONDS)
        return html


def kept_fragment_tag(version: Callable[[], str]):
    """A block tag that keeps what it renders until `version()` changes."""

    def compile_tag(parser, token) -> KeptFragmentNode:
        name, *arguments = token.split_contents()
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return KeptFragmentNode(name, nodelist, [parser.compile_filter(bit) for bit in arguments], version)

    return compile_tag
