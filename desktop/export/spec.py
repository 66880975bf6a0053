"""What one export should contain, checked up front with one-line errors naming valid choices.

The same ExportSpec comes from the command line or from the window, so both produce the same
figure for the same filters and selection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.common.i18n import speaker
from desktop.export.formats import (
    ExportFormat,
    export_formats,
    format_for,
    spoken_list,
    suffixes,
)
from desktop.export.plain_text import printable
from geodata.fiscal_years import fiscal_year_text
from geodata.names import names_by_id
from geodata.values import Filter

if TYPE_CHECKING:
    from collections.abc import Callable

    from geodata import Dataset

DEFAULT_SIZE = (1920, 1080)
MAX_PIXELS = 16384
# A raster format's picture (a PNG, the map of a PPTX slide) is drawn whole in memory, 4 bytes a
# pixel: the cap keeps that at 400 MB, where 16384x16384 at scale 4 would need 17 GiB.
MAX_MEGAPIXELS = 100
TITLE_CHARS = 300  # beyond any slide's title; also what the SVG and PDF store as their title
SIZE_PATTERN = re.compile(r"(\d{2,5})[x×](\d{2,5})")


class SpecError(ValueError):
    """A request that cannot be exported; the message is one line for the user."""


@dataclass(frozen=True)
class ExportSpec:
    """One export: where, which format, how big, and which state of the map."""

    out: Path
    filter: Filter = field(default_factory=Filter)
    show_tieups: bool = False
    size: tuple[int, int] = DEFAULT_SIZE
    scale: int = 1
    title: str | None = None
    per_bureau: bool = False
    charts: bool = False  # .pptx: the charts as editable PowerPoint charts, not the map
    bounds: list | None = None  # [[south, west], [north, east]] to frame, from the window
    subtitle: str | None = None  # a second, smaller line under the title
    show_legend: bool = True
    show_scale_bar: bool = True
    show_north_arrow: bool = False
    show_places: bool = True  # place names (GeoNames), credited in the caption when drawn
    show_organisations: bool = True  # imported organisations (the window's layer)
    whole_country: bool = False  # frame Japan, whatever is selected (not the window's area)
    template: Path | None = None  # .pptx: the user's .pptx/.potx whose master the slides take
    language: str = "en"  # titles, legend, captions and names: "ja" or "en" (export --lang)
    year_style: str = "western"  # fiscal years: "western" (2005年度) or "era" (平成17年度)
    organisations_from: Callable[[], object] | None = field(default=None, compare=False,
                                                            repr=False)
    """Opens the national organisation list's source in server-side mode (the server, or what
    the offline copy kept: desktop/sources/server_side.py ``export_source``); the map then
    draws the list as the window's map does (server_counts.py). It may hold a password in
    memory: never shown (``repr=False``)."""

    @property
    def format(self) -> str:
        return self.out.suffix.lower()

    @property
    def pixel_size(self) -> tuple[int, int]:
        return self.size[0] * self.scale, self.size[1] * self.scale


def parse_size(text: str) -> tuple[int, int]:
    match = SIZE_PATTERN.fullmatch(text.strip().lower())
    if not match:
        raise SpecError(f"bad size {text!r}: use WIDTHxHEIGHT in pixels, e.g. 1920x1080")
    width, height = int(match.group(1)), int(match.group(2))
    if not (16 <= width <= MAX_PIXELS and 16 <= height <= MAX_PIXELS):
        raise SpecError(f"bad size {text!r}: each side must be 16–{MAX_PIXELS} pixels")
    return width, height


def _check_ids(kind: str, given, valid) -> None:
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise SpecError(f"unknown {kind} {', '.join(unknown)}; valid: {', '.join(sorted(valid))}")


def _check_pixels(spec: ExportSpec, export_format: ExportFormat) -> None:
    width, height = spec.pixel_size
    if export_format.raster and width * height > MAX_MEGAPIXELS * 1_000_000:
        raise SpecError(f"too many pixels: {spec.size[0]}x{spec.size[1]} at scale {spec.scale} "
                        f"is {width * height / 1e6:,.0f} megapixels; a picture may have at most "
                        f"{MAX_MEGAPIXELS} megapixels (width × height × scale²)")


def check_spec(spec: ExportSpec, ds: Dataset) -> ExportSpec:
    """Raise SpecError if the spec names something the dataset or the formats don't have."""
    export_format = format_for(spec.format)
    if export_format is None:
        raise SpecError(f"unknown format {spec.out.suffix or '(none)'!r} for {spec.out.name}; "
                        f"valid: {', '.join(suffixes())}")
    if not 1 <= spec.scale <= 4:
        raise SpecError(f"bad scale {spec.scale}: use 1, 2, 3 or 4")
    _check_pixels(spec, export_format)
    _check_ids("field", spec.filter.fields, ds.fields["field_id"])
    _check_ids("program", spec.filter.programs, ds.filter_programs["program_id"])
    if spec.filter.bureau_id:
        _check_ids("bureau", [spec.filter.bureau_id], ds.bureaus["bureau_id"])
    decks = spoken_list([each.suffix for each in export_formats() if each.slides])
    if spec.charts and not export_format.slides:
        raise SpecError(f"--charts needs a {decks} output (PowerPoint charts whose data can "
                        "be edited)")
    if spec.template is not None and not export_format.slides:
        raise SpecError(f"--template needs a {decks} output (a PowerPoint .pptx or .potx "
                        "file whose master the slides take)")
    if spec.template is not None and not Path(spec.template).is_file():
        raise SpecError(f"no template file {printable(str(spec.template), 300)}")
    if spec.charts and spec.per_bureau:
        raise SpecError("--charts and --per-bureau cannot be combined")
    if spec.per_bureau and not export_format.per_bureau:
        paged = [each.suffix for each in export_formats() if each.per_bureau]
        raise SpecError(f"--per-bureau needs a {spoken_list(paged)} output")
    return spec


def default_title(ds: Dataset, flt: Filter, language: str = "en",
                  year_style: str = "western") -> str:
    """What is shown, e.g. 'Biotechnology clusters — Kinki' (in Japanese 'バイオテクノロジー
    のクラスター — 近畿'), names in ``language`` (geodata/names.py) and a fiscal year the
    filter chose in ``year_style``."""
    words = speaker(language)
    names = names_by_id(ds.fields, "field_id", language)
    if flt.fields:
        chosen = [names[f] for f in ds.fields["field_id"] if f in flt.fields]
        title = (words.translate("Export", "{field} clusters").format(field=chosen[0])
                 if len(chosen) == 1 else
                 words.translate("Export", "{first} and {second} clusters").format(
                     first=chosen[0], second=chosen[1]) if len(chosen) == 2 else
                 words.translate("Export", "Clusters in {count} fields").format(  # 3 or more
                     count=len(chosen)))
    else:
        title = words.translate("Export", "Industrial clusters")
    if flt.programs:
        programs = names_by_id(ds.programs, "program_id", language)
        chosen = [programs[p] for p in sorted(flt.programs)]
        title = (words.translate("Export", "{title} ({program})").format(
                     title=title, program=chosen[0]) if len(chosen) == 1 else
                 words.translate("Export", "{title} ({count} programs)").format(  # 2 or more
                     title=title, count=len(chosen)))
    place = (names_by_id(ds.bureaus, "bureau_id", language).get(flt.bureau_id)
             if flt.bureau_id else words.translate("Export", "Japan"))
    if flt.project_id:
        place = names_by_id(ds.projects, "project_id", language).get(flt.project_id,
                                                                     flt.project_id)
    if flt.fiscal_year is not None:
        place = words.translate("Export", "{place}, {year}").format(
            place=place, year=fiscal_year_text(flt.fiscal_year, language, year_style))
    title = f"{title[0].upper()}{title[1:]}"
    return words.translate("Export", "{title} — {place}").format(title=title, place=place)


def title_for(ds: Dataset, spec: ExportSpec) -> str:
    """The title an export shows and stores: the one asked for, else what is shown."""
    return printable(spec.title or default_title(ds, spec.filter, spec.language,
                                                 spec.year_style), TITLE_CHARS)


def subtitle_for(spec: ExportSpec) -> str:
    """The subtitle an export shows, printable and bounded; empty when there is none."""
    return printable(spec.subtitle, TITLE_CHARS) if spec.subtitle else ""
