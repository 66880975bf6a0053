"""UniDic Lite with only what the search reads, for the frozen app (``make dist``).

The search's readings (geodata/name_search/readings.py) come from cutlet over MeCab with UniDic
Lite, whose ``sys.dic`` is 188 MB: 158 MB of it are the 26 text features of each of its 756,264
entries (lemma, written forms, accent types, …), of which cutlet reads four: the part of speech
(``pos1``, ``pos2``), the kana (``kana``) and, of particles only, the pronunciation (``pron``:
は read "wa"). This copy keeps the
dictionary's trie, its entries' connection ids and costs, the connection matrix and the
unknown-word rules unchanged, so MeCab splits every text exactly as before, and blanks the other
features (``*``): ``sys.dic`` becomes 53 MB instead of 188.

The connection matrix (72 MB: a cost for each of UniDic's 5,981 × 5,981 pairs of context ids)
holds many ids whose costs are the same against every other id: 4,591 distinct left contexts
and 4,574 right ones among those the entries use. Each such group becomes one id (in the matrix
and in every entry of ``sys.dic`` and ``unk.dic``), so every path through a text costs exactly
what it cost before and MeCab still picks the same one: the matrix becomes 42 MB and the folder
95 MB instead of 260. ``left-id.def`` and ``right-id.def`` (the ids' names, read only when a
dictionary is compiled) no longer match and are left out.

tests/desktop/test_reading_dictionary.py reads the bundled dataset's names, a generated list's
and typed queries with both and compares every word and reading.

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
LEFT_OUT = ("unidic-mecab.pdf", "left-id.def", "right-id.def")
"""The dictionary's own documentation and the context ids' names (see the module); its licences
(BSD, GPL, LGPL, COPYING) are kept."""
MATRIX_HEADER = struct.Struct("<2H")
"""matrix.bin: the number of right then of left context ids, then the costs as int16, the
cost of a right id r followed by a left id l at ``r + right_count * l`` (MeCab's connector.h)."""
BOS_EOS = 0
"""The context id of a sentence's start and end, which no entry need use."""


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


def read_tokens(path: Path) -> np.ndarray:
    """The entries of a MeCab dictionary file (sys.dic, unk.dic)."""
    data = path.read_bytes()
    header = HEADER.unpack_from(data)
    return np.frombuffer(data, TOKEN, header[7] // TOKEN.itemsize, HEADER.size + header[6])


def merged_contexts(source: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The connection matrix with equal contexts merged; the new left and right id of each old
    one. Ids are numbered in the order of their first old id, so BOS/EOS stays 0."""
    data = (source / "matrix.bin").read_bytes()
    right_count, left_count = MATRIX_HEADER.unpack_from(data)
    costs = np.frombuffer(data, "<i2", offset=MATRIX_HEADER.size).reshape(left_count,
                                                                          right_count)
    used = [read_tokens(source / name) for name in ("sys.dic", "unk.dic")]
    left_used = np.union1d(np.concatenate([tokens["lc"] for tokens in used]), [BOS_EOS])
    right_used = np.union1d(np.concatenate([tokens["rc"] for tokens in used]), [BOS_EOS])
    costs = costs[np.ix_(left_used, right_used)]
    left_first, left_group = _groups(costs)
    right_first, right_group = _groups(costs.T)
    left_new = np.zeros(left_count, np.uint16)
    left_new[left_used] = left_group
    right_new = np.zeros(right_count, np.uint16)
    right_new[right_used] = right_group
    return costs[np.ix_(left_first, right_first)], left_new, right_new


def _groups(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first of each group of equal rows, in order, and each row's group number."""
    _, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    return first[order], number[inverse.ravel()]


def write_matrix(costs: np.ndarray, target: Path) -> None:
    left_count, right_count = costs.shape
    target.write_bytes(MATRIX_HEADER.pack(right_count, left_count)
                       + np.ascontiguousarray(costs, "<i2").tobytes())


def rewrite_dictionary(source: Path, target: Path, left_new: np.ndarray, right_new: np.ndarray,
                       reduce: bool) -> None:
    """``target`` is ``source`` (a MeCab sys.dic or unk.dic) with its entries' context ids
    renumbered and, when ``reduce``, its features reduced and shared."""
    data = source.read_bytes()
    header = list(HEADER.unpack_from(data))
    trie_size, token_size, feature_size = header[6], header[7], header[8]
    start = HEADER.size
    trie = data[start:start + trie_size]
    tokens = np.frombuffer(data, TOKEN, token_size // TOKEN.itemsize, start + trie_size).copy()
    features = data[start + trie_size + token_size:start + trie_size + token_size + feature_size]
    tokens["lc"] = left_new[tokens["lc"]]
    tokens["rc"] = right_new[tokens["rc"]]
    # the matrix's sizes, which MeCab checks the dictionaries against
    header[4], header[5] = int(right_new.max()) + 1, int(left_new.max()) + 1
    if not reduce:
        _write(target, header, trie, tokens, features)
        return
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
    _write(target, header, trie, tokens, bytes(blob))


def _write(target: Path, header: list, trie: bytes, tokens: np.ndarray, features: bytes) -> None:
    header[7], header[8] = tokens.nbytes, len(features)
    size = HEADER.size + len(trie) + tokens.nbytes + len(features)
    header[0] = size ^ MAGIC
    target.write_bytes(HEADER.pack(*header) + trie + tokens.tobytes() + features)


def build(target: Path, source: Path | None = None) -> Path:
    """The reduced dictionary in ``target`` (made anew); its folder."""
    source = source or source_folder()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    costs, left_new, right_new = merged_contexts(source)
    write_matrix(costs, target / "matrix.bin")
    for path in source.iterdir():
        if path.name in ("sys.dic", "unk.dic"):
            rewrite_dictionary(path, target / path.name, left_new, right_new,
                               reduce=path.name == "sys.dic")
        elif path.is_file() and path.name not in LEFT_OUT + ("matrix.bin",):
            shutil.copy2(path, target / path.name)
    return target


if __name__ == "__main__":
    folder = build(Path(sys.argv[1]))
    print(f"{folder}: {sum(p.stat().st_size for p in folder.iterdir()) / 1e6:.0f} MB")
