"""The map page's own words (legend title, tooltip lines) in a language: what the page data
carries under ``text``.

The page is a static file and has no Qt to translate with; its words are made here from the
English of cartography.PAGE_TEXT through the app's catalogues and travel with the page data,
which is made (and kept, page_cache.py) per language.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.i18n import text_in
from desktop.map.cartography import DOMAIN_TEXT, PAGE_TEXT

# So that pyside6-lupdate finds them: the same strings as PAGE_TEXT's values (a test checks).
_SOURCES = (
    QT_TRANSLATE_NOOP("MapPage", "Fields"),
    QT_TRANSLATE_NOOP("MapPage", "Projects shown: {count}"),
    QT_TRANSLATE_NOOP("MapPage", "Companies: {count}"),
    QT_TRANSLATE_NOOP("MapPage", "Universities: {count}"),
    QT_TRANSLATE_NOOP("MapPage",
                      "Places: © OpenStreetMap contributors (ODbL), GeoNames (CC BY 4.0)"),
    QT_TRANSLATE_NOOP("MapPage", "Hide the legend"),
    QT_TRANSLATE_NOOP("MapPage", "Show the legend"),
    QT_TRANSLATE_NOOP("MapPage", "Imported organisations"),
    QT_TRANSLATE_NOOP("MapPage", "Companies"),
    QT_TRANSLATE_NOOP("MapPage", "Universities"),
    QT_TRANSLATE_NOOP("MapPage", "Research institutes"),
    QT_TRANSLATE_NOOP("MapPage", "Other organisations"),
)


def page_text(language: str) -> dict[str, str]:
    """PAGE_TEXT and the data layer's words the page shows (DOMAIN_TEXT) in ``language``."""
    return {**{key: text_in(language, "MapPage", english) for key, english in PAGE_TEXT.items()},
            **{key: text_in(language, "Domain", english)
               for key, english in DOMAIN_TEXT.items()}}
