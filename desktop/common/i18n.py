"""The interface's language: Qt's translators for the app's strings and Qt's own dialogs.

One place decides which language the interface speaks and installs the catalogues for it:
``resources/i18n/cluster_explorer_<lang>.qm`` (made from the ``.ts`` sources by ``make
translations``) and, for Japanese, Qt's own ``qtbase_ja.qm`` so that standard dialogs and
buttons speak Japanese too. English loads its catalogue as well: it holds only the plural forms
of the ``%n`` strings ("1 project", "2 projects"), as Qt's plural handling wants.

The window installs the translators into the QApplication (switching them at run time sends
every widget a LanguageChange event; each retranslates itself). The command line parses its
arguments and prints its help before any QCoreApplication exists, so it keeps its own
translator and translates through ``translate`` below.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from desktop.common.resources import resources_dir

ENGLISH, JAPANESE = "en", "ja"
LANGUAGES = (JAPANESE, ENGLISH)
LANGUAGE_NAMES = {JAPANESE: "日本語", ENGLISH: "English"}
"""Each language named in itself, as a language menu lists them (never translated)."""
CATALOGUE = "cluster_explorer"
QT_CATALOGUES = ("qtbase",)
TRANSLATOR_NAME = "cluster-explorer-translator"
LANGUAGE_PROPERTY = "cluster_explorer_language"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence


def catalogue_dir() -> Path:
    return resources_dir() / "i18n"


def catalogue_path(language: str) -> Path:
    """The compiled catalogue of the app's own strings for ``language``."""
    return catalogue_dir() / f"{CATALOGUE}_{language}.qm"


def language_of_locale(name: str) -> str:
    """'ja' for a Japanese locale name ('ja_JP.UTF-8', 'ja-JP', 'ja'), else 'en'."""
    return JAPANESE if name.strip().lower().startswith("ja") else ENGLISH


def system_language() -> str:
    """The language of the system's locale (what a first start uses)."""
    from PySide6.QtCore import QLocale

    return language_of_locale(QLocale.system().name())


def environment_language(environ: Mapping[str, str] = os.environ) -> str:
    """The command line's language: LC_ALL, LC_MESSAGES or LANG as POSIX reads them; where
    none is set (a Windows console) the system locale's."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return language_of_locale(value)
    return system_language()


# --- the window: translators installed into the application ------------------------------------
def load_translators(language: str) -> list:
    """The loaded QTranslators for ``language``: the app's catalogue, then Qt's own for
    Japanese. A catalogue that cannot be read is an error, never a silent English window."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translators = []
    app_catalogue = QTranslator()
    if not app_catalogue.load(str(catalogue_path(language))):
        raise FileNotFoundError(f"the {language} translation is missing: "
                                f"{catalogue_path(language)}")
    translators.append(app_catalogue)
    if language != ENGLISH:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            qt_catalogue = QTranslator()
            if qt_catalogue.load(f"{name}_{language}", qt_folder):
                translators.append(qt_catalogue)
    return translators


def set_language(language: str) -> None:
    """Speak ``language`` in every window from now on: the translators installed before are
    removed, the new ones installed (Qt then sends every widget a LanguageChange)."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; valid: {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    translators = load_translators(language)
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        QCoreApplication.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    for translator in translators:
        translator.setObjectName(TRANSLATOR_NAME)
        translator.setParent(app)  # owned by the application, found again by the name
        QCoreApplication.installTranslator(translator)
    app.setProperty(LANGUAGE_PROPERTY, language)


def language_installed() -> bool:
    """Whether set_language has run in this application."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    return app is not None and app.property(LANGUAGE_PROPERTY) in LANGUAGES


def current_language() -> str:
    """The language set_language installed last (English before any)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    language = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return language if language in LANGUAGES else ENGLISH


# --- the command line: one translator of its own -------------------------------------------------
_cli_translator = None
"""The command line's translator (None: English), set by ``cli_language``."""
_cli_spoken = ENGLISH


@contextlib.contextmanager
def cli_language(language: str) -> Iterator[None]:
    """Within this block ``translate`` speaks ``language`` (the command's ``--lang``)."""
    global _cli_translator, _cli_spoken
    kept, kept_language = _cli_translator, _cli_spoken
    _cli_translator, _cli_spoken = None, language
    if language != ENGLISH:
        from PySide6.QtCore import QTranslator

        _cli_translator = QTranslator()
        if not _cli_translator.load(str(catalogue_path(language))):
            raise FileNotFoundError(f"the {language} translation is missing: "
                                    f"{catalogue_path(language)}")
    try:
        yield
    finally:
        _cli_translator, _cli_spoken = kept, kept_language


def cli_spoken_language() -> str:
    """The language ``cli_language`` speaks now (English outside it): what ``export`` and
    ``report`` write their files in."""
    return _cli_spoken


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate finds
    """``text``, marked for translation in ``context`` (``pyside6-lupdate`` finds the call by
    this name) without loading Qt, for registries the command line reads before Qt starts."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None) -> str:
    """``text`` in the command's language, with or without a QCoreApplication.

    The command line's messages and help call this (``translate("CLI", "...")``, which
    ``pyside6-lupdate`` finds like Qt's own ``translate``); English needs no Qt at all, so
    ``validate`` still answers without loading it.
    """
    if _cli_translator is None:
        return text
    return _cli_translator.translate(context, text, disambiguation) or text


# --- text in a language of the caller's choosing (exports, page data) ----------------------------
class Speaker:
    """Translates into one language, whatever the interface speaks: an export is written in
    the language asked for (``export --lang ja``, or the window's), through the same
    catalogues as the window but with a translator of its own.

    ``speaker.translate("Export", "...")`` is found by ``pyside6-lupdate`` like Qt's own
    ``translate``; ``n`` picks a plural form of a ``%n`` string and fills it in, as ``tr``.
    """

    def __init__(self, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; valid: {', '.join(LANGUAGES)}")
        from PySide6.QtCore import QTranslator

        self.language = language
        self._translator = QTranslator()
        if not self._translator.load(str(catalogue_path(language))):
            raise FileNotFoundError(f"the {language} translation is missing: "
                                    f"{catalogue_path(language)}")

    def translate(self, context: str, text: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        translated = self._translator.translate(context, text, disambiguation or None, n) or text
        return translated.replace("%n", str(n)) if n >= 0 else translated


_speakers: dict[str, Speaker] = {}


def speaker(language: str) -> Speaker:
    """The Speaker of ``language`` (made once per language and kept)."""
    if language not in _speakers:
        _speakers[language] = Speaker(language)
    return _speakers[language]


def text_in(language: str, context: str, text: str, n: int = -1) -> str:
    """``text`` (a source string of ``context``) in ``language``."""
    return speaker(language).translate(context, text, None, n)


# --- how fiscal years are written: 西暦 or the Japanese era ------------------------------------
YEAR_STYLE_PROPERTY = "cluster_explorer_year_style"


def set_year_style(style: str) -> None:
    """Write fiscal years in ``style`` (geodata.fiscal_years: "western", "era") from now on.

    Every widget is sent a LanguageChange, as for a new language: whatever shows a year
    (timeline, charts, tables, status bar) writes it again the new way.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    from geodata.fiscal_years import YEAR_STYLES

    if style not in YEAR_STYLES:
        raise ValueError(f"unknown year style {style!r}; valid: {', '.join(YEAR_STYLES)}")
    app = QCoreApplication.instance()
    if app.property(YEAR_STYLE_PROPERTY) == style:
        return
    app.setProperty(YEAR_STYLE_PROPERTY, style)
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def current_year_style() -> str:
    """The style set_year_style set last (西暦, "western", before any)."""
    from PySide6.QtCore import QCoreApplication

    from geodata.fiscal_years import WESTERN, YEAR_STYLES

    app = QCoreApplication.instance()
    style = app.property(YEAR_STYLE_PROPERTY) if app is not None else None
    return style if style in YEAR_STYLES else WESTERN


def year_text(fiscal_year: int, language: str | None = None, style: str | None = None) -> str:
    """``fiscal_year`` in the interface's language and year style (or those given)."""
    from geodata.fiscal_years import fiscal_year_text

    return fiscal_year_text(fiscal_year, language or current_language(),
                            style or current_year_style())


def export_language() -> dict[str, str]:
    """An ExportSpec's ``language`` and ``year_style`` as the window shows them now: what the
    window exports is written as the user reads it."""
    return {"language": current_language(), "year_style": current_year_style()}
