"""Static files storage for production: WhiteNoise's compressed, hashed files, tolerant of one flaw.

Viewflow's CSS points at Roboto font files it does not ship; Django's manifest storage then stops
`collectstatic` with a MissingFileError. Here a reference that cannot be resolved is left as it
is (the browser falls back to the next font in the stack) and logged; every other file and
reference is still hashed and compressed.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class TolerantManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                logger.warning("%s refers to a missing file, left unhashed: %s", name, matchobj["url"])
                return matchobj[0]

        return converter
