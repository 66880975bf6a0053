"""Search that understands Japanese: whole names and words, readings, ranked.

What a query matches, best first (``index.py`` has the ranks):

1. a name that is the query (after folding widths, case, accents and kana: ``text.py``);
2. a name that starts with it (京都 → 京都大学; kyoto u → Kyoto University);
3. a name with a later word that starts with it (大学 → 京都大学, university → Kyoto
   University). Latin words are split at spaces and punctuation; Japanese ones are UniDic's
   morphemes (``readings.py``), so 京都 is not found inside 東京都 (東京|都) and TAMA not inside
   Saitama;
4. the same three on the romaji reading, which folds long vowels (きょうと, キョート, kyouto,
   Kyoto), so a kana or kanji query finds English names too (浜松 → Hamamatsu, たま → TAMA);
5. the projects of a field or program that matched (バイオ → Biotechnology and its projects).

Equal matches go by kind (``kinds.py``), then the shorter name. Fields, programs, bureaus,
prefectures, projects, organisations, tie-up partners and countries are searched; their
readings are made once per dataset, when the index is built on the first search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.values import SearchHit

if TYPE_CHECKING:  # the window reads this package's bounds before the data layer has loaded
    from geodata.dataset import Dataset


def search_index(ds: Dataset):
    """The dataset's search index, built on first use (a background thread may call this to
    build it ahead of the first keystroke) and kept with the dataset's other indexes."""
    from geodata.name_search.index import SearchIndex
    from geodata.queries import dataset_indexes

    return dataset_indexes(ds).built(SearchIndex)


def search_index_ready(ds: Dataset) -> bool:
    """Whether the dataset's search index is built (a search now costs a keystroke's time)."""
    from geodata.name_search.index import SearchIndex
    from geodata.queries import dataset_indexes

    return dataset_indexes(ds).has_built(SearchIndex)


def search(ds: Dataset, text: str, limit: int = 50) -> list[SearchHit]:
    """The best ``limit`` things whose names match ``text``, ranked (see the module)."""
    if not text or not text.strip() or limit <= 0:
        return []
    index = search_index(ds)
    entities, _ranks = index.ranked(text, limit)
    return [index.hit(int(entity)) for entity in entities]
