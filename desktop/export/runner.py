"""Run an export to the end: the registered format's writer, then one safe write; used by the
command line, the window and the bench alike (every format is drawn synchronously)."""

from pathlib import Path

from desktop.export.formats import format_for
from desktop.export.safe_write import ExportError, write_bytes_atomically
from desktop.export.spec import ExportSpec
from geodata import Dataset


def run(ds: Dataset, spec: ExportSpec) -> Path:
    """Write the export of ``spec``; raises ExportError with a one-line reason.

    Every format is made in memory first and written by one checked write, so a full disk
    fails the export whatever the format, and the old file stays.
    """
    export_format = format_for(spec.format)
    if export_format is None:  # check_spec says so first; this guards callers that skip it
        raise ExportError(f"cannot export to {spec.out}: no format for "
                          f"{spec.out.suffix or 'a name without a suffix'}")
    return write_bytes_atomically(spec.out, export_format.document(ds, spec))
