"""The image sizes the site's templates ask for, and their generation ahead of the first visitor.

Templates use Wagtail's ``{% picture %}`` tag with exactly these spec patterns: WebP for browsers
that take it, JPEG as the fallback. Keep each template and its constant here in step; a test renders
the pages after an upload and fails if a rendition had to be made during the request.
"""

import logging

from django.db import transaction

from wagtail.images import get_image_model
from wagtail.images.models import Filter

from django_tasks import task

logger = logging.getLogger(__name__)

# Body images (image block, news article header): full width of the reading column.
CONTENT_IMAGE_SPECS = "width-{480,800,1200}|format-{webp,jpeg}"
# Cards in news lists and agency pages.
CARD_IMAGE_SPECS = "fill-{400x225,800x450}|format-{webp,jpeg}"
# Open Graph: the size Facebook, Zalo and others show; JPEG because not every crawler reads WebP.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"

PREGENERATED_SPECS = [
    *Filter.expand_spec(CONTENT_IMAGE_SPECS),
    *Filter.expand_spec(CARD_IMAGE_SPECS),
    SOCIAL_IMAGE_SPEC,
]


@task()
def renditions_pregenerate_task(image_id: int) -> int:
    """Make every rendition the templates use for one image; returns how many exist afterwards."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted before the task ran
        return 0
    try:
        return len(image.get_renditions(*PREGENERATED_SPECS))
    except Exception:  # a broken upload must not break saving; the page then renders lazily
        logger.exception("could not pregenerate renditions of image %s", image_id)
        return 0


def renditions_pregenerate_on_save(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of the image model: queue the renditions once the upload is committed."""
    if raw:  # loading fixtures
        return
    # Also on edits: a new file or focal point means new crops; existing renditions are found in one query.
    image_id = instance.pk
    transaction.on_commit(lambda: renditions_pregenerate_task.enqueue(image_id))
