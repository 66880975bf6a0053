"""A machine check of the Japanese interface: no generic English word anywhere a reader of
Japanese looks — every visible widget, header, cell, tooltip, menu, chart and dialog of the
window (a bureau and a project selected, tie-ups on), and the text of each Japanese export
(the map as SVG, the region report as PDF, the charts deck as PPTX with its categories and
series).

What counts as English, by rule rather than by a list of exceptions:

- an *English word* is a word (three letters or more) of the English source strings of the
  catalogue (resources/i18n/cluster_explorer_ja.ts), or of the English name of a row whose
  Japanese name the dataset gives (Kinki, Osaka) or of a country, that no Japanese
  translation uses (so "PDF" or "PowerPoint", written in the translations too, are not);
- *data text* is what the dataset holds as the sources wrote it (names, partners, notes,
  descriptions, titles, ids; a partner the source names by its country), and is allowed —
  except the English name of a row whose Japanese name the dataset gives, a country's ISO
  code (CLDR names every country), and the fixed vocabulary (qualifiers, units, kinds, the
  date heads of ``as_of``, ``period`` and a source's ``date``) the interface must say in
  Japanese.

A shown text has its data texts taken out (a run of Latin text that is a piece of one, cut
to its room, too) and must then hold no English word, no English date form (c. 2003,
FY2005) and no tie-up country's ISO code.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from webpage import PAGE_TIMEOUT_MS, wait_drawn

from desktop.app.main_window import MainWindow
from desktop.common import i18n
from desktop.common.resources import resources_dir
from geodata import Filter, load_dataset

pytestmark = pytest.mark.webengine

WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
PLACEHOLDER = re.compile(r"\{[^}]*\}|%n|&(?=\w)|<[^>]+>")
ENUMERATED = {"participants.kind", "participant_counts.kind", "achievements.kind",
              "location_basis", "succession", "qualifier", "unit", "companies_qualifier",
              "universities_qualifier", "color", "geometry"}
"""Columns of a fixed vocabulary: the interface says them in Japanese, never as written."""
DATED = {"as_of", "counts_as_of", "period", "date"}
"""Columns whose date head the interface writes in Japanese; the note after it is data."""
DATE_HEAD = re.compile(r"c\. \d{4}|FY\d{4}(?:[–-]\d{4})?|(?:\d{1,2} )?[A-Z][a-z]+\.? \d{4}"
                       r"|(?:as of|since|up to|end of) .+")
"""A date in SCHEMA.md's vocabulary (c. 2003, FY2002, Sept 2002, as of 31 Dec 2010): the
interface writes it in Japanese; a period worded otherwise (past three years) is data."""
ENGLISH_FORMS = re.compile(r"\bc\. ?\d{4}|\bFY ?\d{4}")
"""English ways of writing a date, too short to be words: c. 2003, FY2005."""
DATA_FRAGMENT, ELIDED_FRAGMENT = 20, 6
ISO_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")
"""A run of Latin text this long that is part of a data text is that data, cut to its room
(the report clips a long description; a table elides a long name with …)."""


@cache
def interface_words() -> frozenset[str]:
    """Words of the English source strings that no Japanese translation uses."""
    catalogue = ET.parse(resources_dir() / "i18n" / "cluster_explorer_ja.ts").getroot()
    english, japanese = set(), set()
    for message in catalogue.iter("message"):
        source = PLACEHOLDER.sub(" ", message.findtext("source") or "")
        english.update(word.lower() for word in WORD.findall(source))
        translation = message.find("translation")
        texts = [translation.text or ""] + [form.text or "" for form in translation]
        for text in texts:
            japanese.update(word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text)))
    return frozenset((english | named_words()) - japanese)


@cache
def named_words() -> frozenset[str]:
    """Words of the English names of rows whose Japanese name the dataset gives (bureaus,
    prefectures, fields, programs, places) and of the countries (CLDR names each one): in
    Japanese these names are shown in Japanese ("— Kinki" is English)."""
    return frozenset(word.lower() for name in japanese_named() | country_names()
                     for word in WORD.findall(name))


@cache
def data_texts() -> tuple[str, ...]:
    """The dataset's texts as the sources wrote them, longest first (see the module's rule)."""
    ds = load_dataset()
    allowed: set[str] = set()
    for name in ("bureaus", "prefectures", "fields", "programs", "projects", "participants",
                 "participant_counts", "tieups", "achievements", "national_figures", "sources",
                 "places"):
        frame = getattr(ds, name)
        for column in frame.columns:
            if ({column, f"{name}.{column}"} & ENUMERATED
                    or frame[column].dtype.kind in "fiub"):
                continue
            values = frame[column]
            if column == "name_en" and "name_ja" in frame:
                values = values[frame["name_ja"].isna() | (frame["name_ja"].astype(str)
                                                           .str.strip() == "")]
            for value in values.dropna():
                text = str(value).strip()
                if column in DATED:
                    cut = min((at for at in (text.find(" ("), text.find(";")) if at > 0),
                              default=len(text))
                    if DATE_HEAD.fullmatch(text[:cut]):
                        text = text[cut:].strip(" ;")
                if len(text) >= 3:
                    allowed.add(text)
                    allowed.update(part.strip() for part in text.split(";") if
                                   len(part.strip()) >= 3)
    return tuple(sorted(allowed - japanese_named(), key=len, reverse=True))


@cache
def country_names() -> frozenset[str]:
    """Every country's English name: CLDR names each one in Japanese."""
    return frozenset(load_dataset().countries["name_en"].dropna().astype(str))


@cache
def country_codes() -> frozenset[str]:
    """The ISO codes of the tie-ups' countries: shown alone ("CN", "CN 3") they are English."""
    return frozenset(load_dataset().tieups["country"].dropna().astype(str))


@cache
def japanese_named() -> frozenset[str]:
    """The English names of rows whose Japanese name the dataset gives: a text equal to one
    of them (a project's ``areas`` "Kinki") is that name, said in Japanese."""
    ds = load_dataset()
    names = set()
    for name in ("bureaus", "prefectures", "fields", "programs", "places"):
        frame = getattr(ds, name)
        if "name_ja" in frame:
            given = frame["name_ja"].notna() & (frame["name_ja"].astype(str).str.strip() != "")
            names.update(frame.loc[given, "name_en"].dropna().astype(str))
    return frozenset(names)


def english_words(text: str) -> list[str]:
    """The English words ``text`` still holds once its data texts are taken out. A language
    named in itself (the Language menu's "English", i18n.LANGUAGE_NAMES) is no English word."""
    if text.replace("&", "").strip() in i18n.LANGUAGE_NAMES.values():
        return []
    if not (WORD.search(text) or ENGLISH_FORMS.search(text) or ISO_CODE.search(text)):
        return []
    everything = all_data_text()

    def data_fragment(run: str) -> str:
        """A run of Latin text that is part of a data text (cut to its room) is data."""
        core = run.strip(" .,:;()（）…-–—·")
        elided = run.rstrip().endswith("…")
        long_enough = len(core) >= (ELIDED_FRAGMENT if elided else DATA_FRAGMENT)
        return " " if long_enough and core in everything else run

    rest = LATIN_RUN.sub(lambda found: data_fragment(found.group(0)), text)
    for data in data_texts():
        if data in rest:
            rest = rest.replace(data, " ")
    words = interface_words()
    codes = [code for code in ISO_CODE.findall(rest) if code in country_codes()]
    return codes + ENGLISH_FORMS.findall(rest) + [
        word for word in WORD.findall(PLACEHOLDER.sub(" ", rest)) if word.lower() in words]


LATIN_RUN = re.compile(r"[\x20-\x7e’–—…·]+")


@cache
def all_data_text() -> str:
    return "\n".join(data_texts())


def _model_texts(model, parent: QModelIndex | None = None) -> list[tuple[str, str]]:
    parent = parent if parent is not None else QModelIndex()
    found = []
    try:
        columns, rows = model.columnCount(parent), model.rowCount(parent)
    except TypeError:  # a model private to Qt (a completer's): nothing a person reads
        return []
    for orientation, count in ((Qt.Orientation.Horizontal, columns),
                               (Qt.Orientation.Vertical, rows)):
        if parent.isValid():
            break
        for section in range(count):
            header = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if header:
                found.append(("header", str(header)))
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role, where in ((Qt.ItemDataRole.DisplayRole, "cell"),
                                (Qt.ItemDataRole.ToolTipRole, "cell tooltip")):
                value = index.data(role)
                if isinstance(value, str) and value:
                    found.append((where, value))
            if column == 0 and model.rowCount(index):
                found.extend(_model_texts(model, index))
    return found


def _chart_texts(view: QChartView) -> list[tuple[str, str]]:
    chart = view.chart()
    found = [("chart title", chart.title())]
    for axis in chart.axes():
        found.append(("axis title", axis.titleText()))
        if isinstance(axis, QBarCategoryAxis):
            found.extend(("axis category", category) for category in axis.categories())
    for marker in chart.legend().markers():
        found.append(("legend", marker.label()))
    return found


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text under ``root``: labels, buttons, fields, combo
    items, group and dock titles, tabs, tooltips, item views' headers, cells and tooltips,
    charts' titles, axes and legends."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        parts = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        if isinstance(widget, QLineEdit):
            parts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QComboBox):
            parts += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QGroupBox):
            parts.append(widget.title())
        if isinstance(widget, QDockWidget):
            parts.append(widget.windowTitle())
        if isinstance(widget, QTabBar):
            parts += [widget.tabText(index) for index in range(widget.count())]
        found += [(where, part) for part in parts if part]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += [(f"{where} {kind}", text) for kind, text in _model_texts(widget.model())]
        if isinstance(widget, QChartView):
            found += [(f"{where} {kind}", text) for kind, text in _chart_texts(widget) if text]
    return found


def menu_texts(menu: QMenu, path: str = "") -> list[tuple[str, str]]:
    found = [(f"menu {path}", menu.title())]
    for action in menu.actions():
        found += [(f"menu {path}/{action.text()}", text)
                  for text in (action.text(), action.toolTip(), action.statusTip()) if text]
        if action.menu() is not None:
            found += menu_texts(action.menu(), f"{path}/{action.text()}")
    return found


def plain(text: str) -> str:
    """A rich-text tooltip as a person reads it: its lines, its entities unescaped."""
    if not text.lstrip().startswith("<"):
        return text
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<br\s*/?>", "\n", text)))


def english_in(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        for line in plain(text).splitlines():
            words = english_words(line)
            if words:
                found.append(f"{where}: {words} in {line[:120]!r}")
    return found


@pytest.fixture
def japanese_window(qtbot, tmp_path):
    previous = i18n.current_language()
    i18n.set_language(i18n.JAPANESE)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.map_controller.sig_drawn, timeout=PAGE_TIMEOUT_MS):
        assert window.open_dataset(None)
    yield window
    window.close()
    i18n.set_language(previous)


RESULT_TABS = ("participants", "tieups", "achievements", "charts", "compare")


def test_the_japanese_window_shows_no_english_interface_word(qtbot, japanese_window):
    window = japanese_window
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kinki"))
    wait_drawn(qtbot, window, lambda: window.state.set_show_tieups(True))
    wait_drawn(qtbot, window, lambda: window.state.select_project("kansai-bio-cluster"))
    texts = []
    for name in RESULT_TABS:  # each tab in front, as a person looks at it
        window.docks[name].raise_()
        qtbot.waitUntil(lambda name=name: window.panels[name].isVisible())
        QApplication.processEvents()
        texts += widget_texts(window)
    wait_drawn(qtbot, window, lambda: window.state.select_project(None))
    for name in RESULT_TABS:  # and with the bureau only: the region's lists
        window.docks[name].raise_()
        qtbot.waitUntil(lambda name=name: window.panels[name].isVisible())
        QApplication.processEvents()
        texts += widget_texts(window)
    for menu in window.menuBar().findChildren(QMenu):
        if menu.parent() is window.menuBar():
            texts += menu_texts(menu)
    from desktop.app.open_database import OpenDatabaseDialog

    window.show_about()
    for dialog in (window.about_box, OpenDatabaseDialog(parent=window)):
        dialog.show()
        qtbot.waitExposed(dialog)
        texts += widget_texts(dialog)
        dialog.close()
    found = english_in(texts)
    assert not found, f"{len(set(found))} English texts in the Japanese window:\n" + "\n".join(
        sorted(set(found))[:80])


def _svg_texts(data: bytes) -> list[tuple[str, str]]:
    """The drawing's texts as one: a caption wrapped over several lines reads whole."""
    root = ET.fromstring(data)
    return [("svg text", " ".join("".join(element.itertext()) for element in root.iter()
                                  if element.tag.endswith("text")))]


def _pdf_texts(data: bytes, folder: Path) -> list[tuple[str, str]]:
    from PySide6.QtPdf import QPdfDocument

    path = folder / "report.pdf"
    path.write_bytes(data)
    document = QPdfDocument()
    document.load(str(path))
    # a page's lines as one text: a name wrapped over lines reads whole
    return [(f"pdf page {page + 1}", " ".join(document.getAllText(page).text().split()))
            for page in range(document.pageCount())]


def _pptx_texts(data: bytes, folder: Path) -> list[tuple[str, str]]:
    path = folder / "charts.pptx"
    path.write_bytes(data)
    found = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += [(f"slide {number} text", line)
                          for line in shape.text_frame.text.splitlines()]
            if shape.has_chart:
                chart = shape.chart
                found += [(f"slide {number} category", str(category))
                          for category in chart.plots[0].categories]
                found += [(f"slide {number} series", series.name)
                          for plot in chart.plots for series in plot.series]
                if chart.value_axis.has_title:
                    found.append((f"slide {number} axis title",
                                  chart.value_axis.axis_title.text_frame.text))
    return found


@pytest.mark.parametrize("bureau_id", ["kinki", "kanto"])
def test_the_japanese_exports_hold_no_english_interface_word(qapp, tmp_path, bureau_id):
    from desktop.export.charts_pptx import charts_pptx_bytes
    from desktop.export.report import report_pdf_bytes
    from desktop.export.spec import ExportSpec
    from desktop.export.vector import vector_bytes

    ds = load_dataset()
    flt = Filter(bureau_id=bureau_id)
    texts = _svg_texts(vector_bytes(ds, ExportSpec(out=tmp_path / "map.svg", filter=flt,
                                                   show_tieups=True, size=(1200, 800),
                                                   language="ja")))
    texts += _pdf_texts(report_pdf_bytes(ds, bureau_id, "ja"), tmp_path)
    texts += _pptx_texts(charts_pptx_bytes(ds, flt, language="ja"), tmp_path)
    found = english_in(texts)
    assert not found, f"{len(set(found))} English texts in the Japanese exports:\n" + "\n".join(
        sorted(set(found))[:80])


def test_the_check_finds_english_interface_words_and_allows_the_sources_names(qapp):
    """The rule itself: an English interface word is found; a name the sources give only in
    English is not; an English name whose Japanese name the dataset has is."""
    assert english_words("Open database…")
    assert english_words("1 companies")
    assert english_words("約120社 · c. 2003")
    assert not english_words("約120社 · 2003年頃")
    ds = load_dataset()
    only_english = ds.projects["name_en"].iloc[0]
    assert pd.isna(ds.projects["name_ja"].iloc[0]) or not ds.projects["name_ja"].iloc[0]
    assert not english_words(f"{only_english} — 近畿")
    assert english_words("参加機関 — Kinki") == ["Kinki"]
    assert english_words("CN 3, DE 1") == ["CN", "DE"]
    assert not english_words("中国 3、ドイツ 1")
