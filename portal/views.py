"""Liveness and readiness probes for load balancers and benchmarks."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """The process answers. Touches neither the database nor the cache: benchmarks use it as a baseline."""
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


READINESS_CHECKS = {"database": _check_database, "cache": _check_cache}


@never_cache
@require_safe
def readyz(request):
    """Every dependency a request needs answers; 503 names the ones that do not."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as exc:  # a probe reports any failure instead of raising it
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = "error"
        else:
            results[name] = "ok"
    failing = [name for name, outcome in results.items() if outcome != "ok"]
    return JsonResponse(
        {"status": "ok" if not failing else "unavailable", "checks": results, "failing": failing},
        status=503 if failing else 200,
    )
