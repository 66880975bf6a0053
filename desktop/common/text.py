"""Formatting dataset values for widgets: numbers, empty figures, and safe rich-text tooltips.

Qt shows a tooltip as rich text when it looks like HTML, so a name such as
``<img src=x onerror=alert(1)>`` would be interpreted; every tooltip is escaped here.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from desktop.common.loaded_dataset import LoadedDataset
    from geodata import Dataset

EMPTY = "—"


def is_blank(value: object) -> bool:
    if value is None or type(value).__name__ == "NAType":  # pandas.NA, without pandas
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def text(value: object) -> str:
    """A cell's text; a figure the sources don't give shows as a dash, never as 0."""
    return EMPTY if is_blank(value) else str(value)


def number(value: object) -> str:
    if is_blank(value):
        return EMPTY
    number_value = float(value)
    if number_value.is_integer():
        return f"{int(number_value):,}"
    return f"{number_value:,.2f}".rstrip("0").rstrip(".")


def qualified(value: object, qualifier: object = None, unit: object = None) -> str:
    """A figure with the source's own qualifier and unit in the interface's language:
    'about 1,590 companies' / 約1,590社, 220人以上; a dash if none (desktop/common/figures_text.py
    is the one formatter)."""
    from desktop.common.figures_text import figure_text
    from desktop.common.i18n import current_language

    return figure_text(value, qualifier, unit, current_language())


def tooltip(*lines: object) -> str:
    """Rich-text tooltip from plain lines, every one escaped."""
    shown = [html.escape(str(line)) for line in lines if not is_blank(line)]
    return "<p style='white-space:pre-wrap'>" + "<br>".join(shown) + "</p>"


def source_line(loaded: LoadedDataset, source_id: object, evidence_lines: object = None) -> str:
    """'Source: title (author, date) [id], lines 183–184' for a row (a dict lookup per row),
    in the interface's language.

    ``evidence_lines`` is the row's locator (geodata/SCHEMA.md): the lines of the source's text
    where its figure is stated, so a reader can check the number where it was read.
    """
    if is_blank(source_id):
        return QCoreApplication.translate("Sources", "Source: not given")
    from desktop.common.i18n import current_language

    cited = loaded.derived(source_lines, current_language()).get(source_id, str(source_id))
    if is_blank(evidence_lines):
        return QCoreApplication.translate("Sources", "Source: {source}").format(source=cited)
    return QCoreApplication.translate("Sources", "Source: {source}, {lines}").format(
        source=cited, lines=evidence_locator(evidence_lines))


def evidence_locator(evidence_lines: object) -> str:
    """'line 183', 'lines 183–184', 'lines 22, 72' from the stored '183', '183-184', '22;72'."""
    parts = [part.strip().replace("-", "–") for part in str(evidence_lines).split(";")]
    single = len(parts) == 1 and "–" not in parts[0]
    return (QCoreApplication.translate("Sources", "line {lines}") if single else
            QCoreApplication.translate("Sources", "lines {lines}")).format(lines=", ".join(parts))


def source_lines(ds: Dataset, language: str = "en") -> dict[str, str]:
    """Every source's citation, 'title (author, date) [id]', its date in ``language``
    (c. 2003 → 2003年頃), made once per dataset and language (see LoadedDataset.derived);
    ``source_line`` puts it in a sentence of the interface's language."""
    from desktop.common.figures_text import date_text

    return {row.source_id: f"{row.title} ({row.author}, {date_text(row.date, language) or '—'})"
                           f" [{row.source_id}]"
            for row in ds.sources.itertuples(index=False)}
