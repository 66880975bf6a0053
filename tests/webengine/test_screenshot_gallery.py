"""The screenshot gallery: every window state, dock tab, dialog and menu, in Japanese and English,
at a laptop's and a desktop's size, written as PNGs to look at; the window on a laptop's screen
at 150 % and 200 % (test_window_scaling.py, in a process of its own at each scale), and the
national map as a reader with deuteranopia sees it.

``make screenshots`` runs this module with ``CX_GALLERY_DIR`` set (the folder to write, with an
``index.html``) and ``CX_GALLERY_FULL=1`` (both sizes, every state). Under ``make test`` it runs
a smaller set into a temporary folder and checks what a person would first notice: the map gets
at least half of a 1366x768 window, and every dialog fits that screen.

The states are set up through the window's own widgets and state (this module looks, it does
not test the gestures: the real-input tests do).
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from webpage import PAGE_TIMEOUT_MS, wait_drawn

from desktop.app.main_window import MainWindow
from desktop.common import i18n

pytestmark = pytest.mark.webengine

FULL = os.environ.get("CX_GALLERY_FULL") == "1"
LAPTOP, DESKTOP = (1366, 768), (1920, 1080)
SIZES = (LAPTOP, DESKTOP) if FULL else (LAPTOP,)
LANGUAGES = ("ja", "en")
RESULT_TABS = ("participants", "tieups", "achievements", "charts", "compare")


@pytest.fixture(scope="module")
def gallery_dir(tmp_path_factory) -> Path:
    chosen = os.environ.get("CX_GALLERY_DIR")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("gallery")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _grab(widget: QWidget) -> QImage:
    """What the widget shows, the web view's page included (Chromium draws into the render
    widget, which grab() composes in)."""
    QApplication.processEvents()
    return widget.grab().toImage()


def _panels_filled(qtbot, window) -> None:
    """The result panels refresh just after the map has drawn: wait for the one in front."""
    panel = window.participants_panel
    if panel.isVisible():
        qtbot.waitUntil(lambda: bool(panel.heading.text()), timeout=10_000)


def _save(image: QImage, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert image.save(str(path)), f"could not write {path}"
    return path


@pytest.fixture(params=[(language, size) for size in SIZES for language in LANGUAGES],
                ids=lambda param: f"{param[0]}-{param[1][0]}x{param[1][1]}")
def shown_window(request, qtbot, tmp_path):
    language, (width, height) = request.param
    previous = i18n.current_language()
    i18n.set_language(language)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.map_controller.sig_drawn, timeout=PAGE_TIMEOUT_MS):
        assert window.open_dataset(None)
    yield window, f"{language}-{width}x{height}"
    window.close()
    i18n.set_language(previous)


def test_window_states_and_dock_tabs(qtbot, shown_window, gallery_dir):
    window, tag = shown_window
    _panels_filled(qtbot, window)
    written = [_save(_grab(window), gallery_dir, f"{tag}-01-start")]
    if tag.endswith(f"{LAPTOP[0]}x{LAPTOP[1]}"):
        map_area = window.map_view.width() * window.map_view.height()
        assert map_area >= 0.5 * window.width() * window.height(), (
            f"the map gets {window.map_view.width()}x{window.map_view.height()} of "
            f"{window.width()}x{window.height()}")
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kinki"))
    _panels_filled(qtbot, window)
    written.append(_save(_grab(window), gallery_dir, f"{tag}-02-kinki"))
    wait_drawn(qtbot, window, lambda: window.state.set_show_tieups(True))
    for number, name in enumerate(RESULT_TABS, start=3):
        window.docks[name].raise_()
        qtbot.waitUntil(lambda name=name: window.panels[name].isVisible())
        written.append(_save(_grab(window), gallery_dir, f"{tag}-{number:02d}-kinki-{name}"))
    window.docks["participants"].raise_()
    wait_drawn(qtbot, window, lambda: window.state.select_project("kansai-bio-cluster"))
    _panels_filled(qtbot, window)
    written.append(_save(_grab(window), gallery_dir, f"{tag}-08-project"))
    for path in written:
        assert path.stat().st_size > 10_000, f"{path.name} looks blank"


def test_dialogs_fit_a_laptop_screen(qtbot, shown_window, gallery_dir):
    window, tag = shown_window
    opened = []
    window.show_about()
    opened.append(("about", window.about_box))
    from desktop.app.import_dialog import ImportListDialog
    from desktop.app.open_database import OpenDatabaseDialog

    opened.append(("import", ImportListDialog(parent=window)))
    opened.append(("open-database", OpenDatabaseDialog(parent=window)))
    for name, dialog in opened:
        dialog.show()
        qtbot.waitExposed(dialog)
        _save(_grab(dialog), gallery_dir, f"{tag}-dialog-{name}")
        assert dialog.height() <= LAPTOP[1] - 40 and dialog.width() <= LAPTOP[0], (
            f"the {name} dialog is {dialog.width()}x{dialog.height()}")
        dialog.close()
    about = window.about_box
    about.show()
    about.tabs.setCurrentIndex(1)
    _save(_grab(about), gallery_dir, f"{tag}-dialog-about-licences")
    about.close()


def test_menus(qtbot, shown_window, gallery_dir):
    window, tag = shown_window
    for menu in window.menuBar().findChildren(type(window.file_menu)):
        if menu.parent() is not window.menuBar() or not menu.title():
            continue
        menu.popup(window.mapToGlobal(window.rect().topLeft()))
        qtbot.waitExposed(menu)
        name = menu.title().replace("&", "").split("(")[0].strip().lower() or "menu"
        _save(_grab(menu), gallery_dir, f"{tag}-menu-{name}")
        menu.hide()
        assert menu.sizeHint().height() <= LAPTOP[1]


# A laptop's screen at 150 % and at 200 %: its pixels, and the scale Qt draws at. Both leave
# the window 1280 × 720 of its own units (the offscreen platform is given that screen).
SCALED_SCREENS = {1.5: (1920, 1080), 2.0: (2560, 1440)}


def _run_scaling_tests(scale: float, screen_pixels: tuple[int, int], folder: Path,
                       export: Path, shots: Path | None, *selected: str) -> None:
    """test_window_scaling.py (or the ``selected`` tests of it) in a process of its own at
    ``scale`` on a screen of ``screen_pixels``, writing its export to ``export`` and its
    screenshots to ``shots``."""
    import json
    import subprocess
    import sys

    screen = folder / f"screen-{scale}.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": screen_pixels[0],
        "height": screen_pixels[1], "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
        encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale), CX_SCALED_EXPORT=str(export),
               QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    env.pop("CX_GALLERY_DIR", None)
    if shots is not None:
        env["CX_GALLERY_DIR"] = str(shots)
    module = Path(__file__).resolve().with_name("test_window_scaling.py")
    tests = [f"{module}::{name}" for name in selected] or [str(module)]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          *tests], cwd=module.parents[2], env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


@pytest.mark.parametrize("scale", SCALED_SCREENS, ids=lambda scale: f"{round(scale * 100)}pc")
def test_the_window_at_150_and_200_percent(scale, gallery_dir, tmp_path):
    """test_window_scaling.py in a process of its own at ``scale`` (Qt takes the scale once,
    when it starts): text at the screen's pixels, nothing cut in the lists and tables, its
    screenshots in the gallery; and the export it writes is the very file a process at 100 %
    writes (each the same way, in a process of its own: see the note below)."""
    scaled, unscaled = tmp_path / "national-scaled.png", tmp_path / "national.png"
    _run_scaling_tests(scale, SCALED_SCREENS[scale], tmp_path, scaled, gallery_dir)
    # The 100 % export in a fresh process too: within one process, a second export of the
    # same map differs from the first in a few anti-aliased pixels (146 of 786,432, by at
    # most 9 of 765 in one test), whatever the scale.
    _run_scaling_tests(1.0, SCALED_SCREENS[scale], tmp_path, unscaled, None,
                       "test_the_export_does_not_depend_on_the_screen")
    assert scaled.read_bytes() == unscaled.read_bytes(), "the export depends on the screen"


DEUTERANOPIA = {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}


def deuteranopic(picture: Path, out: Path) -> None:
    """``picture`` as a reader with deuteranopia sees it: Machado, Oliveira & Fernandes
    (2009) at severity 1.0, as colorspacious implements it (tests/geodata/test_field_palette)."""
    import numpy as np
    from colorspacious import cspace_convert
    from PIL import Image

    with Image.open(picture) as image:
        rgb = np.asarray(image.convert("RGB"), dtype=float) / 255
    seen = np.clip(cspace_convert(rgb, DEUTERANOPIA, "sRGB1"), 0, 1)
    Image.fromarray(np.round(seen * 255).astype(np.uint8)).save(out)


def closest_field_colours(ds, space) -> tuple[float, str, str]:
    """The two field colours closest together (CIE76 ΔE in CIELab) as seen in ``space``."""
    from itertools import combinations

    import numpy as np
    from colorspacious import cspace_convert, deltaE

    def seen(color: str):
        rgb = np.array([int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]) / 255
        if space is not None:
            rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
        return cspace_convert(rgb, "sRGB1", "CIELab")

    labs = {row.field_id: seen(row.color) for row in ds.fields.itertuples()}
    return min((float(deltaE(labs[a], labs[b], input_space="CIELab", uniform_space="CIELab")),
                a, b) for a, b in combinations(sorted(labs), 2))


def test_the_national_map_in_normal_and_deuteranopic_vision(gallery_dir, qapp):
    """The national map's export as it is and as a reader with deuteranopia sees it, for
    looking at the field colours (their distances: tests/geodata/test_field_palette.py); the
    closest two colours' ΔE in each vision are written beside the pictures."""
    from desktop.export.runner import run
    from desktop.export.spec import ExportSpec
    from geodata import Filter, load_dataset

    ds = load_dataset()
    normal = gallery_dir / "national-map-normal-vision.png"
    run(ds, ExportSpec(out=normal, filter=Filter(), size=(1600, 1200), whole_country=True,
                       **i18n.export_language()))
    seen = gallery_dir / "national-map-deuteranopia.png"
    deuteranopic(normal, seen)
    lines = []
    for vision, space in (("normal vision", None), ("deuteranopia", DEUTERANOPIA)):
        distance, first, second = closest_field_colours(ds, space)
        lines.append(f"{vision}: closest field colours {first} and {second}, ΔE {distance:.1f}")
        assert distance >= 12, lines[-1]
    (gallery_dir / "national-map-field-colours.txt").write_text("\n".join(lines) + "\n",
                                                                 encoding="utf-8")
    assert seen.stat().st_size > 10_000


def test_index_page(gallery_dir):
    """An index.html beside the pictures, for looking at them in a browser."""
    shots = sorted(gallery_dir.glob("*.png"))
    rows = "\n".join(f'<figure><img src="{shot.name}" loading="lazy" width="683">'
                     f"<figcaption>{shot.stem}</figcaption></figure>" for shot in shots)
    (gallery_dir / "index.html").write_text(
        f"<!doctype html><meta charset=utf-8><title>Cluster Explorer screenshots</title>\n"
        f"{rows}\n", encoding="utf-8")
