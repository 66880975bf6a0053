"""Qt's ICU data reduced to the locales the app speaks: root, English and Japanese.

PySide6's Qt links its own ICU, whose data library (``libicudata.so.73``, 32 MB) holds every
locale's collation, break rules, names and formats. Qt asks ICU for collation, text
boundaries, case mapping, normalisation, IDNA and character set converters, in the interface's
language (English or Japanese) or in the root locale every other one falls back to (the app
calls none of them itself; WebEngine has its own ICU data, icudtl.dat). So the library is rebuilt
holding everything but the other locales' items: every break rule and dictionary (the CJK one
included), every converter, the normalisation and IDNA tables, the time zones and the
supplemental data stay, and a locale-keyed item stays for ``root``, ``en``, ``ja`` and their
sub-locales (``en_GB``, ``ja_JP_TRADITIONAL``, …). 32 MB become 14.

The rebuild uses ICU's own tools (Debian's ``icu-devtools``): ``icupkg`` lists the package
and removes the items, ``genccode`` writes the package as assembly under the data symbol Qt's
ICU links (``icudt73_dat``), and ``cc`` links that into a library with the same soname and no
dependencies, as the original has. Debian 12's tools (ICU 72) handle Qt's ICU 73 package:
the package format has not changed, and the items are copied as they are. ``icupkg``
refuses a removal that leaves an item pointing at a removed one, so no kept item can lose its
parent.

    python packaging/icu_data.py dist/cluster-explorer/_internal/PySide6/Qt/lib/libicudata.so.73
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LANGUAGES = ("en", "ja")
"""The interface's languages; ``root`` is what every locale falls back to."""
LOCALE_ITEM = re.compile(r"^(?P<language>[a-z]{2,3}|root)(_[A-Za-z0-9]*)*\.res$")
"""A locale's resource bundle in any tree (``ja.res``, ``coll/zh_Hant.res``,
``coll/de__PHONEBOOK.res``); ``pool.res``, ``zoneinfo64.res``, ``supplementalData.res`` and
the other shared items do not match."""
DATA_SYMBOL = re.compile(r"^icudt\d+_dat$")
TOOLS = ("icupkg", "genccode")


def tool(name: str) -> str:
    """The path of one of ICU's tools; Debian puts ``icupkg`` and ``genccode`` in /usr/sbin,
    which a user's PATH may lack."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise FileNotFoundError(f"{name} not found (Debian: apt-get install icu-devtools)")
    return found


def kept(item: str, languages: tuple[str, ...] = KEPT_LANGUAGES) -> bool:
    """Whether an item of the ICU package stays: every shared item, and a locale's only for
    root and the kept languages."""
    match = LOCALE_ITEM.match(item.rsplit("/", 1)[-1])
    return match is None or match["language"] in ("root", *languages)


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol the library exports: its name, address and size."""
    table = subprocess.run(["readelf", "-W", "--dyn-syms", str(library)], check=True,
                           capture_output=True, text=True).stdout
    for line in table.splitlines():
        fields = line.split()
        if len(fields) == 8 and DATA_SYMBOL.match(fields[7]) and fields[6] != "UND":
            return fields[7], int(fields[1], 16), int(fields[2], 0)
    raise ValueError(f"{library} exports no ICU data symbol")


def section(library: Path, name: str) -> tuple[int, int]:
    """A section's address and file offset."""
    table = subprocess.run(["readelf", "-W", "-S", str(library)], check=True,
                           capture_output=True, text=True).stdout
    for line in table.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 4 and fields[1] == name:
            return int(fields[3], 16), int(fields[4], 16)
    raise ValueError(f"{library} has no {name} section")


def package_bytes(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and the ICU package it points at."""
    symbol, address, size = data_symbol(library)
    section_address, offset = section(library, ".rodata")
    with library.open("rb") as handle:
        handle.seek(offset + address - section_address)
        return symbol, handle.read(size)


def reduce_library(library: Path, out: Path,
                   languages: tuple[str, ...] = KEPT_LANGUAGES) -> list[str]:
    """Writes ``out``: ``library`` without the other locales' items; the items removed."""
    symbol, package = package_bytes(library)
    entry = symbol.removesuffix("_dat")
    # The package's name is its items' prefix, which ICU looks them up by: icudt73l, l for
    # little-endian, and so must be the file's name.
    name = entry + ("l" if sys.byteorder == "little" else "b")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "in").mkdir()
        (folder / "out").mkdir()
        source, reduced = folder / "in" / f"{name}.dat", folder / "out" / f"{name}.dat"
        source.write_bytes(package)
        items = subprocess.run([tool("icupkg"), "-l", str(source)], check=True,
                               capture_output=True, text=True).stdout.split()
        removed = [item for item in items if not kept(item, languages)]
        (folder / "removed.txt").write_text("".join(f"{item}\n" for item in removed))
        subprocess.run([tool("icupkg"), "-r", str(folder / "removed.txt"), str(source),
                        str(reduced)], check=True, capture_output=True, text=True)
        subprocess.run([tool("genccode"), "-e", entry, "-a", "gcc", "-d", str(folder),
                        str(reduced)], check=True, capture_output=True, text=True)
        assembly = folder / f"{name}_dat.S"
        soname = subprocess.run(["readelf", "-d", str(library)], check=True,
                                capture_output=True, text=True).stdout
        soname = re.search(r"Library soname: \[(.+?)\]", soname)[1]
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}",
                        "-o", str(out), str(assembly)], check=True, capture_output=True, text=True)
    if data_symbol(out)[0] != symbol:
        raise ValueError(f"{out} does not export {symbol}")
    return removed


def main() -> int:
    library = Path(sys.argv[1])
    before = library.stat().st_size
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / library.name
        removed = reduce_library(library, out)
        shutil.copymode(library, out)
        shutil.move(out, library)
    print(f"ICU data: {len(removed)} items of other locales removed, {before / 1e6:.0f} → "
          f"{library.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
