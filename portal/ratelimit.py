"""A small fixed-window rate limiter on the shared cache (Redis in production), for public endpoints
that need one besides the sign-in (django-axes) and the Q&A form (flows.feedback.services).

Each window starts with the first request counted in it; every server process sees the same counts.
"""

from django.core.cache import cache


def rate_limit_hit(*, scope: str, client: str, limit: int, window_seconds: int) -> bool:
    """Count one request of `client` in `scope`; True when it goes over `limit` in the window."""
    key = f"ratelimit:{scope}:{window_seconds}:{client}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
