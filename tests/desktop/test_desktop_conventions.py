"""Desktop conventions: the file argument, --version, help listing valid ids, recent datasets,
the app icon, the licences in About, the vendored font and the fonts the slides name."""

import io
import subprocess
import sys
import zipfile

import pytest
from PySide6.QtCore import QSettings

import desktop
from desktop import cli
from desktop.app import settings as saved
from desktop.app.about import LICENCES, about_text, app_icon, licence_texts
from desktop.common.fonts import FONT_FAMILY, install_qt_font, japanese_font_path
from desktop.common.resources import ICON_SIZES, icon_files, resources_dir


@pytest.fixture
def started(monkeypatch):
    """What run_app was asked to open (the window is not started)."""
    calls = []
    monkeypatch.setattr("desktop.app.startup.run_app",
                        lambda path=None, language=None: calls.append(path) or 0)
    return calls


def test_a_path_argument_opens_that_dataset(started, tmp_path):
    assert cli.main([str(tmp_path / "mine.gpkg")]) == 0
    assert cli.main(["--data", str(tmp_path / "other.gpkg")]) == 0
    assert cli.main([]) == 0
    assert cli.main(["--lang", "ja", str(tmp_path / "third.gpkg")]) == 0
    assert started == [tmp_path / "mine.gpkg", tmp_path / "other.gpkg", None,
                       tmp_path / "third.gpkg"]


def test_lang_opens_the_window_in_that_language(monkeypatch, tmp_path):
    languages = []
    monkeypatch.setattr("desktop.app.startup.run_app",
                        lambda path=None, language=None: languages.append(language) or 0)
    assert cli.main(["--lang", "ja", str(tmp_path / "mine.gpkg")]) == 0
    assert cli.main([str(tmp_path / "mine.gpkg")]) == 0
    assert languages == ["ja", None]  # None: the saved choice, else the system's


def test_a_path_named_like_no_command_is_not_taken_for_one(started):
    assert cli.with_open_command(["export", "map.png"], {"export"}) == ["export", "map.png"]
    assert cli.with_open_command(["--data", "x.gpkg", "y.gpkg"], {"export"}) == [
        "--data", "x.gpkg", "open", "y.gpkg"]


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"cluster-explorer {desktop.__version__}"


def test_export_help_lists_the_valid_ids_and_names_its_options_plainly(capsys):
    from geodata import load_dataset

    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    shown = capsys.readouterr().out
    assert "EXPORT_DATA" not in shown
    ds = load_dataset()
    for ids in (ds.fields["field_id"], ds.filter_programs["program_id"],
                ds.bureaus["bureau_id"]):
        for each in ids:
            assert each in shown


def test_summary_takes_data_after_the_command(capsys, sample_gpkg):
    assert cli.main(["summary", "--data", str(sample_gpkg)]) == 0
    assert str(sample_gpkg) in capsys.readouterr().out


def test_software_opengl_switch_sets_what_qt_and_chromium_read(monkeypatch, started):
    for name in ("QT_OPENGL", "LIBGL_ALWAYS_SOFTWARE", "QTWEBENGINE_CHROMIUM_FLAGS"):
        monkeypatch.delenv(name, raising=False)
    import os

    assert cli.main(["--software-opengl"]) == 0
    assert os.environ["QT_OPENGL"] == "software"
    assert "--disable-gpu" in os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split()


def test_recent_datasets_newest_first_at_most_eight(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    paths = [tmp_path / f"d{number}.gpkg" for number in range(10)]
    for path in paths:
        saved.add_recent(settings, path)
    saved.add_recent(settings, paths[3])  # opened again: first, once
    recent = saved.read_recent(settings)
    assert len(recent) == saved.MAX_RECENT == 8
    assert recent[:3] == [paths[3], paths[9], paths[8]]
    assert recent.count(paths[3]) == 1


def test_dialogs_start_in_documents_then_where_last_used(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert saved.read_dialog_folder(settings, "export") == home / "Documents"
    saved.write_dialog_folder(settings, "export", tmp_path)
    assert saved.read_dialog_folder(settings, "export") == tmp_path
    assert saved.read_dialog_folder(settings, "open") == home / "Documents"


def test_without_a_documents_folder_dialogs_start_at_home(tmp_path, monkeypatch):
    """With no ~/Documents the dialogs were handed a folder that does not exist, and showed
    "Documents" as the file name."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert saved.read_dialog_folder(settings, "export") == home
    assert saved.read_dialog_folder(settings, "open").is_dir()


def test_the_icon_has_a_drawing_and_every_size(qapp):
    names = {path.name for path in icon_files()}
    assert "cluster-explorer.svg" in names
    assert {f"cluster-explorer-{size}.png" for size in ICON_SIZES} <= names
    assert (resources_dir() / "icons" / "cluster-explorer.ico").is_file()  # Windows builds
    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= set(ICON_SIZES)


def test_about_lists_every_bundled_licence_as_escaped_or_plain_text():
    shown = about_text(None)
    for wanted in ("IPA Font License", "Leaflet", "BSD-2-Clause", "Natural Earth",
                   "public domain", "Chromium", "PySide6", "LGPL"):
        assert wanted in shown
    texts = licence_texts()
    assert "IPA Font License Agreement v1.0" in texts  # the licence's own full text
    assert "Redistribution and use in source and binary forms" in texts  # Leaflet's
    assert "licence text missing" not in texts
    assert all(item.component in texts for item in LICENCES)


def test_the_font_is_vendored_with_its_licence_and_loads(qapp):
    path = japanese_font_path()
    assert path.is_relative_to(resources_dir()) and path.stat().st_size > 1_000_000
    assert (resources_dir() / "fonts" / "IPA_Font_License_Agreement_v1.0.txt").is_file()
    assert install_qt_font() == FONT_FAMILY


def test_nothing_imports_matplotlib_or_folium_at_run_time(tmp_path):
    """The CLI, the window's modules and an export, in a fresh interpreter."""
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        "import desktop.app.main_window\n"
        f"assert main(['export', {str(tmp_path / 'map.pptx')!r}]) == 0\n"
        "heavy = sorted(name for name in sys.modules\n"
        "               if name.split('.')[0] in ('matplotlib', 'matplotlib_fontja', 'folium',\n"
        "                                         'branca', 'scipy'))\n"
        "print(heavy)\n"
        "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr


def test_slides_name_fonts_office_has(tmp_path):
    from pptx import Presentation
    from pptx.oxml.ns import qn

    from desktop.export.slide_text import SLIDE_FONT_EAST_ASIAN, SLIDE_FONT_LATIN
    from desktop.export.slides import Slide, slides_bytes

    png = (resources_dir() / "icons" / "cluster-explorer-64.png").read_bytes()
    document = slides_bytes([Slide("近畿 — Kinki", "出典: METI", png)])
    deck = Presentation(io.BytesIO(document))
    runs = [run for shape in deck.slides[0].shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert len(runs) == 2
    for run in runs:
        properties = run._r.rPr
        assert properties.find(qn("a:latin")).get("typeface") == SLIDE_FONT_LATIN
        assert properties.find(qn("a:ea")).get("typeface") == SLIDE_FONT_EAST_ASIAN
    assert SLIDE_FONT_EAST_ASIAN in ("Meiryo", "Yu Gothic", "MS PGothic")
    assert FONT_FAMILY.encode() not in zipfile.ZipFile(io.BytesIO(document)).read(
        "ppt/slides/slide1.xml")
