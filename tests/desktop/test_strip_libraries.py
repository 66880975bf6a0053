"""The frozen app's libraries are stripped only where they stay loadable
(packaging/strip_libraries.py): numpy's OpenBLAS, which auditwheel patched, is one the loader
refuses once stripped, and it must come out of the build as it went in; shapely's GEOS, patched
the same way, strips and loads."""

import ctypes
import importlib.util
import shutil
from pathlib import Path

import numpy
import pytest
import shapely

CHECKOUT = Path(__file__).resolve().parents[2]
NUMPY_LIBS = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
SHAPELY_LIBS = Path(shapely.__file__).resolve().parent.parent / "shapely.libs"


def _load_stripper():
    spec = importlib.util.spec_from_file_location(
        "strip_libraries", CHECKOUT / "packaging" / "strip_libraries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def libraries(tmp_path) -> Path:
    """numpy's and shapely's bundled libraries (OpenBLAS with the gfortran it links, GEOS) in a
    folder of their own."""
    folder = tmp_path / "libs"
    shutil.copytree(NUMPY_LIBS, folder)
    shutil.copytree(SHAPELY_LIBS, folder, dirs_exist_ok=True)
    return folder


def openblas(folder: Path) -> Path:
    return next(folder.glob("libscipy_openblas*.so"))


def test_plain_strip_breaks_openblas_and_the_check_says_so(libraries, tmp_path):
    stripper = _load_stripper()
    library = openblas(libraries)
    assert stripper.loadable(library)
    ctypes.CDLL(str(library))
    broken = libraries / "stripped.so"
    shutil.copy(library, broken)
    stripper.subprocess.run(["strip", "--strip-unneeded", str(broken)], check=True)
    assert not stripper.loadable(broken)
    with pytest.raises(OSError, match="page-aligned"):
        ctypes.CDLL(str(broken))


def test_the_build_strips_what_stays_loadable_and_keeps_openblas_whole(libraries):
    stripper = _load_stripper()
    before = {path.name: path.read_bytes() for path in libraries.iterdir()}
    saved, kept = stripper.strip_folder(libraries)
    assert openblas(libraries) in kept
    assert openblas(libraries).read_bytes() == before[openblas(libraries).name]
    ctypes.CDLL(str(openblas(libraries)))
    changed = [path for path in libraries.iterdir() if path.read_bytes() != before[path.name]]
    assert any(path.name.startswith("libgeos") for path in changed) and saved > 0
    for path in changed:
        assert stripper.loadable(path)
        ctypes.CDLL(str(path))
