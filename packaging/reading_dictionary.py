"""UniDic Lite with only what the search reads, for the frozen app (``make dist``).

The search's readings (geodata/name_search/readings.py) come from cutlet over MeCab with UniDic
Lite, whose ``sys.dic`` is 188 MB: 158 MB of it are the 26 text features of each of its 756,264
entries (lemma, written forms, accent types, …), of which cutlet reads four: the part of speech
(``pos1``, ``pos2``), the kana (``kana``) and, of particles only, the pronunciation (``pron``:
は read "wa"). This copy keeps the
dictionary's trie, its entries' connection ids and costs, the connection matrix and the
unknown-word rules unchanged, so MeCab splits every text exactly as before, and blanks the other
features (``*``): ``sys.dic`` becomes 53 MB and the folder 126 MB instead of 260 (the 72 MB
connection matrix stays whole). tests/desktop/test_reading_dictionary.py reads the bundled
dataset's names, a generated list's and typed queries with both and compares every word and
reading.

    python packaging/reading_dictionary.py TARGET_FOLDER
"""

import csv
import io
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

HEADER = struct.Struct("<10I32s")
"""magic, version, type, lexicon size, left and right id counts, then the byte sizes of the
trie, the entries and the features, a reserved word and the charset (MeCab's dictionary.cpp)."""
MAGIC = 0xEF718F77
"""MeCab checks that the header's magic word XOR this is the file's size."""
TOKEN = np.dtype([("lc", "<u2"), ("rc", "<u2"), ("posid", "<u2"), ("cost", "<i2"),
                  ("feature", "<u4"), ("compound", "<u4")])
POS1, POS2, PRON, KANA = 0, 1, 9, 17
"""Where cutlet's features are among UniDic's 26 (it reads the lemma only for foreign
spellings, which readings.py turns off)."""
PARTICLE = "助詞"
FIELDS = 26
BLANK = "*"
LEFT_OUT = ("unidic-mecab.pdf",)
"""The dictionary's own documentation; its licences (BSD, GPL, LGPL, COPYING) are kept."""


def source_folder() -> Path:
    import unidic_lite

    return Path(unidic_lite.DICDIR)


def reduced_features(feature: str) -> str:
    """The feature string with every field cutlet does not read blanked."""
    fields = next(csv.reader([feature]))
    if len(fields) != FIELDS:
        return feature
    wanted = (POS1, POS2, KANA, PRON) if fields[POS1] == PARTICLE else (POS1, POS2, KANA)
    kept = [field if at in wanted else BLANK for at, field in enumerate(fields)]
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(kept)
    return out.getvalue()


def reduce_system_dictionary(source: Path, target: Path) -> None:
    """``target`` is ``source`` (a MeCab sys.dic) with its features reduced and shared."""
    data = source.read_bytes()
    header = list(HEADER.unpack_from(data))
    trie_size, token_size, feature_size = header[6], header[7], header[8]
    start = HEADER.size
    trie = data[start:start + trie_size]
    tokens = np.frombuffer(data, TOKEN, token_size // TOKEN.itemsize, start + trie_size).copy()
    features = data[start + trie_size + token_size:start + trie_size + token_size + feature_size]
    blob = bytearray()
    offsets: dict[bytes, int] = {}
    by_old: dict[int, int] = {}
    for old in np.unique(tokens["feature"]).tolist():
        text = features[old:features.index(b"\0", old)].decode("utf-8")
        reduced = reduced_features(text).encode("utf-8")
        if reduced not in offsets:
            offsets[reduced] = len(blob)
            blob += reduced + b"\0"
        by_old[old] = offsets[reduced]
    tokens["feature"] = [by_old[old] for old in tokens["feature"].tolist()]
    header[8] = len(blob)
    size = HEADER.size + len(trie) + tokens.nbytes + len(blob)
    header[0] = size ^ MAGIC
    target.write_bytes(HEADER.pack(*header) + trie + tokens.tobytes() + bytes(blob))


def build(target: Path, source: Path | None = None) -> Path:
    """The reduced dictionary in ``target`` (made anew); its folder."""
    source = source or source_folder()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.name == "sys.dic":
            reduce_system_dictionary(path, target / path.name)
        elif path.is_file() and path.name not in LEFT_OUT:
            shutil.copy2(path, target / path.name)
    return target


if __name__ == "__main__":
    folder = build(Path(sys.argv[1]))
    print(f"{folder}: {sum(p.stat().st_size for p in folder.iterdir()) / 1e6:.0f} MB")
