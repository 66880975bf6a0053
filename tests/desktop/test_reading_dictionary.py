"""The frozen app's reading dictionary (packaging/reading_dictionary.py: UniDic Lite with only
the features cutlet reads) splits and reads every name exactly as UniDic Lite itself does: the
bundled dataset's, a generated organisation list's and what a user types."""

import importlib.util
from pathlib import Path

import cutlet
import pytest

from geodata import load_dataset
from geodata.name_search.text import chunks, has_japanese, nfkc

CHECKOUT = Path(__file__).resolve().parents[2]
# What people type and what organisation lists hold beyond the bundled names.
TYPED = ["きょうと", "キョウト", "キョート", "ばいお", "たま", "ふしみ", "とうきょう", "かごしま",
         "株式会社伏見試作工房", "国立大学法人京都大学", "公益財団法人九州先端科学技術研究所",
         "浜松ホトニクス株式会社", "北海道大学大学院工学研究院", "一般社団法人は組合を支援する"]
LIST_WORDS = ["研究所", "工業", "製作所", "技研", "大学", "高等専門学校", "商工会議所", "銀行",
              "信用金庫", "産業振興センター", "バイオ", "ナノテク", "精密", "電子", "化学"]


def _load_builder():
    spec = importlib.util.spec_from_file_location(
        "reading_dictionary", CHECKOUT / "packaging" / "reading_dictionary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reduced(tmp_path_factory) -> Path:
    return _load_builder().build(tmp_path_factory.mktemp("dictionary") / "dicdir")


def texts() -> list[str]:
    dataset = load_dataset()
    found = set(TYPED)
    for layer in (dataset.projects, dataset.participants, dataset.places, dataset.prefectures,
                  dataset.bureaus, dataset.fields, dataset.programs, dataset.tieups):
        for column in ("name_ja", "names", "partner", "partner_place", "former_names"):
            if column in layer.columns:
                found.update(text for value in layer[column].dropna()
                             for text in str(value).split(";"))
    places = dataset.places["name_ja"].dropna().tolist()
    found.update(f"{place}{word}" for place in places[:400] for word in LIST_WORDS)
    return sorted({chunk for text in found for chunk in chunks(nfkc(text))
                   if has_japanese(chunk)})


def words_and_readings(converter: cutlet.Cutlet, chunk: str) -> list[tuple[str, str]]:
    morphemes = converter.tagger(chunk)
    romaji = converter.romaji_tokens(morphemes, capitalize=False)
    return [(morpheme.surface, token.surface) for morpheme, token in zip(morphemes, romaji,
                                                                          strict=True)]


def test_the_reduced_dictionary_splits_and_reads_every_name_as_unidic_lite(reduced):
    full = cutlet.Cutlet(use_foreign_spelling=False)
    small = cutlet.Cutlet(use_foreign_spelling=False,
                          mecab_args=f'-d "{reduced}" -r "{reduced / "mecabrc"}"')
    corpus = texts()
    assert len(corpus) > 5000
    differ = [(chunk, words_and_readings(full, chunk), words_and_readings(small, chunk))
              for chunk in corpus
              if words_and_readings(full, chunk) != words_and_readings(small, chunk)]
    assert differ == []


def test_the_reduced_dictionary_is_less_than_half_of_unidic_lite(reduced):
    import unidic_lite

    size = sum(path.stat().st_size for path in reduced.iterdir())
    original = sum(path.stat().st_size for path in Path(unidic_lite.DICDIR).iterdir())
    assert size < original / 2, (size, original)
