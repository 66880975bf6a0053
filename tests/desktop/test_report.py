"""The one-page bureau report: the command writes one A4 page naming the bureau and its projects.

The text is read back with QtPdf (shipped with PySide6): neither pypdf nor pdftotext is a
dependency of the project.
"""

import subprocess
import sys

from geodata import Filter, load_dataset, run_query

CLI = [sys.executable, "-m", "desktop.cli", "report"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=240)


def _pdf_pages_text(qapp, path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    return [" ".join(document.getAllText(page).text().split())
            for page in range(document.pageCount())]


def test_kinki_report_is_one_page_with_the_bureau_and_its_projects(qapp, tmp_path):
    out = tmp_path / "kinki.pdf"
    done = run_cli("--bureau", "kinki", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    pages = _pdf_pages_text(qapp, out)
    assert len(pages) == 1
    ds = load_dataset()
    assert ds.bureau_names["kinki"] in pages[0]
    names = run_query(ds, Filter(bureau_id="kinki")).projects["name_en"]
    assert len(names) == 4
    for name in names:
        assert " ".join(name.split()) in pages[0]
    assert "Sources:" in pages[0]
    # Every Kinki count is "about" in the sources, so their sum is said to be approximate.
    assert "Companies: about 960" in pages[0]


def test_report_help_lists_the_bundled_bureau_ids():
    done = run_cli("--help")
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    for bureau_id in load_dataset().bureaus["bureau_id"]:
        assert bureau_id in help_text


def test_an_unknown_bureau_exits_2_with_one_line_naming_the_valid_ids(tmp_path):
    done = run_cli("--bureau", "kansai", str(tmp_path / "out.pdf"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown bureau 'kansai'" in lines[0] and "kinki" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_the_window_exports_the_selected_regions_report(qtbot, tmp_path, monkeypatch):
    import dataclasses

    from fake_window import FakeWindow
    from PySide6.QtWidgets import QFileDialog

    from desktop.export.actions import WindowExporter
    from geodata import load_dataset

    window = FakeWindow(load_dataset())
    qtbot.addWidget(window)
    exporter = WindowExporter(window.context)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(tmp_path / "kinki"), ""))
    with qtbot.waitSignal(exporter.sig_failed, timeout=10_000) as refused:
        exporter.report_action.trigger()  # no region selected yet
    assert "Select a region" in refused.args[0]
    window.state.filter = dataclasses.replace(window.state.filter, bureau_id="kinki")
    with qtbot.waitSignal(exporter.sig_exported, timeout=60_000) as exported:
        exporter.report_action.trigger()
    assert exported.args == [str(tmp_path / "kinki.pdf")]
    assert (tmp_path / "kinki.pdf").read_bytes().startswith(b"%PDF")


def test_the_report_in_japanese_names_the_bureau_and_speaks_japanese(qapp, tmp_path):
    out = tmp_path / "kinki-ja.pdf"
    done = run_cli("--lang", "ja", "--era", "--bureau", "kinki", str(out))
    assert done.returncode == 0, done.stderr
    (page,) = _pdf_pages_text(qapp, out)
    assert page.startswith("近畿地域の産業クラスター")
    for heading in ("主な数値", "プロジェクト", "海外連携", "成果", "出典："):
        assert heading in page
    assert "企業数：約960" in page  # the figures in Japanese, approximate sums as 約
    assert "バイオテクノロジー" in page  # fields by their Japanese names
    assert "平成14年度" in page  # FY2002 achievements, fiscal years by era as asked
    for english in ("Key figures", "Sources:", "Industrial clusters", "Kinki", "Tie-ups"):
        assert english not in page


def _rows(ds, bureau_id: str) -> int:
    result = run_query(ds, Filter(bureau_id=bureau_id))
    return (len(result.projects) + len(result.tieups) + len(result.achievements)
            + len(result.source_ids))


def test_the_reports_of_the_fullest_and_the_emptiest_bureau_are_whole(qapp, tmp_path):
    """Achievements were cut with "…" while a fifth of the page was empty; lists ended
    "… and N more". Every text is now whole, for the bureau with most rows and the fewest."""
    from PySide6.QtPdf import QPdfDocument

    from desktop.export.report import report_pdf_bytes
    from geodata.figures import outcome_rows

    ds = load_dataset()
    by_rows = sorted(ds.bureaus["bureau_id"], key=lambda bureau_id: _rows(ds, bureau_id))
    for bureau_id in (by_rows[-1], by_rows[0]):
        out = tmp_path / f"{bureau_id}.pdf"
        out.write_bytes(report_pdf_bytes(ds, bureau_id, "ja"))
        document = QPdfDocument()
        document.load(str(out))
        text = " ".join(" ".join(document.getAllText(page).text().split())
                        for page in range(document.pageCount()))
        assert "…" not in text, bureau_id
        achievements = outcome_rows(run_query(ds, Filter(bureau_id=bureau_id)).achievements)
        for description in achievements["description"]:
            assert " ".join(str(description).split()) in text, (bureau_id, description)
        for partner in run_query(ds, Filter(bureau_id=bureau_id)).tieups["partner"]:
            assert " ".join(partner.split()) in text


def test_a_report_longer_than_a_page_goes_on_to_a_second_page(qapp, tmp_path):
    """What does not fit the A4 page starts a second one rather than being cut."""
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    from desktop.export.report import _Page, _Words

    output = QBuffer()
    output.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(output)
    writer.setResolution(96)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF()))
    painter = QPainter(writer)
    page = _Page(painter, _Words("en", "western"), writer)
    lines = [f"Achievement number {number} stated whole" for number in range(120)]
    for line in lines:
        page.line(line)
    painter.end()
    assert page.pages >= 2
    out = tmp_path / "long.pdf"
    out.write_bytes(bytes(output.data().data()))
    document = QPdfDocument()
    document.load(str(out))
    assert document.pageCount() == page.pages
    text = " ".join(document.getAllText(number).text() for number in range(page.pages))
    for line in lines:
        assert line in text
