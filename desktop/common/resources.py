"""Where the files the app reads at run time live: the ``resources/`` folder of the repository.

``resources/`` is installed as the package ``cluster_explorer_resources`` (pyproject.toml maps
the folder to that name), so it is found with ``importlib.resources`` in a checkout with an
editable install, in an installed wheel and in a frozen build alike. A plain checkout that was
never installed finds the folder beside the ``desktop`` package. Nothing here is ever a
network URL.
"""

import importlib.resources
from functools import cache
from pathlib import Path

RESOURCES_PACKAGE = "cluster_explorer_resources"


@cache
def resources_dir() -> Path:
    try:
        located = Path(str(importlib.resources.files(RESOURCES_PACKAGE)))
    except ModuleNotFoundError:
        located = Path(__file__).resolve().parents[2] / "resources"
    return located


def resource_url(relative: str) -> str:
    """A file:// URL for a resource, for the map page's <script> and <link> tags."""
    path = resources_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource: {path}")
    return path.as_uri()


# The app icon: an SVG drawing and PNG renders of it (packaging/render_icons.py makes them).
ICON_NAME = "cluster-explorer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_files() -> list[Path]:
    """The icon's files, the scalable drawing first; what exists of them (a desktop shell
    picks the render nearest the size it draws, the SVG where it can scale)."""
    folder = resources_dir() / "icons"
    wanted = [folder / f"{ICON_NAME}.svg"] + [folder / f"{ICON_NAME}-{size}.png"
                                              for size in ICON_SIZES]
    return [path for path in wanted if path.is_file()]
