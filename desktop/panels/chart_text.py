"""A chart's text alternative: its figures as lines a screen reader reads out.

A chart is a picture to assistive technology; its accessible description carries the same
figures as text, one category a line ("Kinki: Projects 4, Tie-ups 12"), bounded in size
(a dataset may give hundreds of projects).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.common.text import number

if TYPE_CHECKING:
    from geodata.figures import Chart

MAX_LINES = 60
MAX_LINE_CHARS = 300


def _value(value: float | None) -> str:
    if value is None:
        return QCoreApplication.translate("ChartText", "not given")
    return number(value)


def chart_text_alternative(chart: Chart) -> str:
    """The chart's title and unit, then one line per category with every series' value."""
    lines = [QCoreApplication.translate("ChartText", "{title} ({unit})").format(
        title=chart.title, unit=chart.unit) if chart.unit else chart.title]
    for position, category in enumerate(chart.categories[:MAX_LINES]):
        values = ", ".join(f"{name} {_value(values[position])}"
                           for name, values in chart.series.items() if position < len(values))
        lines.append(f"{category}: {values}"[:MAX_LINE_CHARS])
    if len(chart.categories) > MAX_LINES:
        lines.append("…")
    return "\n".join(lines)
