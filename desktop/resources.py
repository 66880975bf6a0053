"""Where the files the app reads at run time live: ``resources/`` beside the ``desktop`` package.

Located relative to this file so it works from a checkout, an editable install, or a frozen
build that keeps the same layout (see packaging/README.md). Nothing here is ever a network URL.
"""

from pathlib import Path


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


def resource_url(relative: str) -> str:
    """A file:// URL for a resource, for the map page's <script> and <link> tags."""
    path = resources_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource: {path}")
    return path.as_uri()
