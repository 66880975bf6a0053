"""What the export dialog remembers between uses: format, page, scale, furniture, area,
deck and template — read and written as a pair in one QSettings group with a version.

Titles are not remembered: they describe one export's filters, and the next export's default
title (what is shown) is the better start. Tie-ups follow the window's own switch.
"""

from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings

CHOICES_VERSION = 1
GROUP = "ExportDialog"
AREAS = ("window", "country")


@dataclass
class ExportChoices:
    suffix: str = ".png"
    preset: str = "16:9"
    width: int = 1920
    height: int = 1080
    scale: int = 1
    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = False
    area: str = "window"  # one of AREAS
    per_bureau: bool = False
    template: str = ""


def read_choices(settings: QSettings | None) -> ExportChoices:
    """The choices saved last, else the defaults (no settings, another version, bad values)."""
    defaults = ExportChoices()
    if settings is None:
        return defaults
    settings.beginGroup(GROUP)
    try:
        if settings.value("version", 0, type=int) != CHOICES_VERSION:
            return defaults
        values = {each.name: settings.value(each.name, getattr(defaults, each.name),
                                            type=type(getattr(defaults, each.name)))
                  for each in fields(ExportChoices)}
    finally:
        settings.endGroup()
    choices = ExportChoices(**values)
    if choices.area not in AREAS:
        choices.area = defaults.area
    return choices


def write_choices(settings: QSettings | None, choices: ExportChoices) -> None:
    if settings is None:
        return
    settings.beginGroup(GROUP)
    settings.setValue("version", CHOICES_VERSION)
    for each in fields(ExportChoices):
        settings.setValue(each.name, getattr(choices, each.name))
    settings.endGroup()
