"""Strips the frozen app's shared libraries of their symbols where that leaves them loadable.

The wheels' libraries carry their symbol tables (GDAL's alone 7 MB, 37 MB in all), which
nothing reads at run time. ``strip`` cannot be applied blindly: the libraries auditwheel
patched with patchelf (numpy's OpenBLAS) come out with load segments whose file offset no
longer matches their address modulo the alignment, and the loader then refuses them ("ELF load
command address/offset not page-aligned"). So each library is stripped into a copy, and the
copy replaces it only when every loadable segment still satisfies that rule, the one the
loader checks.

    python packaging/strip_libraries.py dist/cluster-explorer/_internal
"""

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
ELF64_LITTLE = (2, 1)
"""EI_CLASS ELFCLASS64, EI_DATA ELFDATA2LSB: the layout read below (x86-64, aarch64)."""
PROGRAM_HEADERS = struct.Struct("<32xQ14xHH")
"""e_phoff, then e_phentsize and e_phnum, of a 64-bit ELF header."""
SEGMENT = struct.Struct("<IIQQQQQQ")
"""p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align."""
PT_LOAD = 1


def loadable(path: Path) -> bool:
    """Whether each loadable segment's offset and address agree modulo its alignment."""
    with path.open("rb") as handle:
        head = handle.read(64)
        if head[:4] != ELF_MAGIC or tuple(head[4:6]) != ELF64_LITTLE:
            return False
        table, entry_size, count = PROGRAM_HEADERS.unpack_from(head)
        handle.seek(table)
        segments = handle.read(entry_size * count)
    for at in range(count):
        kind, _flags, offset, address, _p, _f, _m, align = SEGMENT.unpack_from(
            segments, at * entry_size)
        if kind == PT_LOAD and align > 1 and (address - offset) % align:
            return False
    return True


def is_library(path: Path) -> bool:
    if path.is_symlink() or not path.is_file() or ".so" not in path.name:
        return False
    with path.open("rb") as handle:
        return handle.read(4) == ELF_MAGIC


def strip_folder(folder: Path, strip: str = "strip") -> tuple[int, list[Path]]:
    """Strips every library under ``folder`` that stays loadable; the bytes saved and the
    libraries left as they were because stripping broke them."""
    saved, kept = 0, []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "stripped"
        for path in sorted(folder.rglob("*")):
            if not is_library(path) or not loadable(path):
                continue
            done = subprocess.run([strip, "--strip-unneeded", "-o", str(copy), str(path)],
                                  capture_output=True)
            if done.returncode != 0 or copy.stat().st_size >= path.stat().st_size:
                continue
            if not loadable(copy):
                kept.append(path)
                continue
            saved += path.stat().st_size - copy.stat().st_size
            shutil.copymode(path, copy)
            copy.replace(path)
    return saved, kept


def main() -> int:
    folder = Path(sys.argv[1])
    saved, kept = strip_folder(folder)
    print(f"stripped: {saved / 1e6:.0f} MB saved; left unstripped (stripping broke them): "
          + (", ".join(path.name for path in kept) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
