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
    exporter = WindowExporter(window)
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
