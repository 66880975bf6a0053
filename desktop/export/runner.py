"""Run an export to the end: the registered format's writer, then one safe write; used by the
command line, the window and the bench alike (every format is drawn synchronously)."""

from pathlib import Path

from desktop.export.formats import format_for
from desktop.export.safe_write import ExportError, write_bytes_atomically
from desktop.export.spec import ExportSpec
from geodata import Dataset
from geodata.cycle_collection import collector_paused

MAP_FORMATS = (".png", ".svg", ".pdf")
"""The formats that draw one map and nothing else (a deck also has figures pages and charts)."""
ROW_SOURCES = ("project_id", "source_id")
"""What a map needs of the layers it does not draw: which project a row belongs to and which
source it comes from, for the caption's list of sources."""


def layers_needed(spec: ExportSpec) -> dict[str, tuple[str, ...] | None] | None:
    """The layers (to their columns, None: all of them and the geometry) the export of
    ``spec`` reads; None when it needs the whole dataset.

    A map draws boundaries, places, projects and maybe tie-ups, names its filter's fields and
    programs in the title and credits the sources of every row shown: an export of the large
    bench dataset need not read 100,000 participants' names and places (geodata
    ``load_dataset(layers=…)``)."""
    if spec.format not in MAP_FORMATS:
        return None
    whole = dict.fromkeys(("dataset_info", "sources", "fields", "bureaus", "prefectures",
                           "countries", "programs", "projects", "places"))
    tieups = None if spec.show_tieups else (*ROW_SOURCES, "bureau_id", "field")
    return {**whole, "participants": ROW_SOURCES, "participant_counts": ROW_SOURCES,
            "achievements": ROW_SOURCES, "tieups": tieups}


def run(ds: Dataset, spec: ExportSpec) -> Path:
    """Write the export of ``spec``; raises ExportError with a one-line reason.

    Every format is made in memory first and written by one checked write, so a full disk
    fails the export whatever the format, and the old file stays.
    """
    export_format = format_for(spec.format)
    if export_format is None:  # check_spec says so first; this guards callers that skip it
        raise ExportError(f"cannot export to {spec.out}: no format for "
                          f"{spec.out.suffix or 'a name without a suffix'}")
    with collector_paused():
        document = export_format.document(ds, spec)
    return write_bytes_atomically(spec.out, document)
