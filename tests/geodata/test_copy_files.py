"""`copy` into a GeoPackage: through a symlink to its file, never over the bundled dataset,
with the mode of the file it replaces."""

import hashlib

from desktop.cli import main
from geodata import BUNDLED_DATASET, load_dataset


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_into_a_symlink_writes_the_linked_dataset(tmp_path):
    """23.10: the link was replaced by a plain file; the linked dataset kept its old rows."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "real.gpkg"
    real.write_bytes(b"the old dataset")
    link = tmp_path / "link.gpkg"
    link.symlink_to(real)

    assert main(["copy", str(BUNDLED_DATASET), str(link)]) == 0

    assert link.is_symlink() and link.resolve() == real
    assert load_dataset(real).summary() == load_dataset().summary()
    assert sorted(path.name for path in shared.iterdir()) == ["real.gpkg"]


def test_copy_over_the_bundled_dataset_is_refused(tmp_path, capsys):
    """23.11: `copy other.gpkg <the bundled dataset>` replaced it, exit 0. (The source is a copy
    of the bundled dataset, so that even the old code leaves an equal dataset in place.)"""
    other = tmp_path / "other.gpkg"
    other.write_bytes(BUNDLED_DATASET.read_bytes())
    before = _digest(BUNDLED_DATASET)
    link = tmp_path / "bundled-link.gpkg"
    link.symlink_to(BUNDLED_DATASET)

    assert main(["copy", str(other), str(BUNDLED_DATASET)]) == 1
    assert "the bundled dataset is never changed" in capsys.readouterr().err
    assert main(["copy", str(other), str(link)]) == 1
    assert "the bundled dataset is never changed" in capsys.readouterr().err

    assert _digest(BUNDLED_DATASET) == before


def test_copy_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "team.gpkg"
    target.write_bytes(b"old")
    target.chmod(0o664)
    assert main(["copy", str(BUNDLED_DATASET), str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o664
    assert [path.name for path in tmp_path.iterdir()] == ["team.gpkg"]
