from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def visitor_language(request) -> str:
    """The language the visitor chose with the switcher (its cookie), else Vietnamese."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class VisitorLanguageMiddleware:
    """Vietnamese unless the visitor chose English with the language switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, but many people in Vietnam use
    browsers set to English and still expect the portal of their province in Vietnamese. Only the
    explicit choice (the cookie set by `set_language`) switches the interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = visitor_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
