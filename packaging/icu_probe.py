"""What Qt answers through ICU for the bundled dataset, as JSON on stdout: the Japanese and
English names sorted by ``QCollator`` (ja_JP, en_US), Japanese text cut into words, lines and
sentences by ``QTextBoundaryFinder``, upper-casing and numbers, dates and currency formatted by
``QLocale`` in both languages, the character set converters Qt offers, and which ``libicudata`` the
process loaded.

Run twice, once as it is and once with the frozen app's reduced ICU data preloaded
(``LD_PRELOAD=…/libicudata.so.73``), the two outputs must be the same but for that path:
``smoke_frozen.py`` and ``tests/desktop/test_icu_data.py`` compare them
(``packaging/icu_data.py`` says what the reduced data holds).

    python packaging/icu_probe.py
"""

import json
import sys

from PySide6.QtCore import (
    QCollator,
    QDate,
    QDateTime,
    QLocale,
    QStringDecoder,
    Qt,
    QTextBoundaryFinder,
    QTime,
)

from geodata import load_dataset

LOCALES = ("ja_JP", "en_US")
BOUNDARIES = {"word": QTextBoundaryFinder.BoundaryType.Word,
              "line": QTextBoundaryFinder.BoundaryType.Line,
              "sentence": QTextBoundaryFinder.BoundaryType.Sentence,
              "grapheme": QTextBoundaryFinder.BoundaryType.Grapheme}
ENCODINGS = ("Shift_JIS", "EUC-JP", "ISO-2022-JP", "windows-31j", "windows-1252", "GB18030")


def dataset_texts() -> tuple[list[str], list[str], list[str]]:
    """The dataset's Japanese names, English names and Japanese descriptions."""
    dataset = load_dataset()
    ja, en, prose = set(), set(), set()
    for frame in vars(dataset).values():
        columns = getattr(frame, "columns", ())
        for column, into in (("name_ja", ja), ("name_en", en), ("reading", ja),
                             ("description", prose), ("note", prose)):
            if column in columns:
                into.update(str(value) for value in frame[column].dropna())
    return sorted(ja), sorted(en), sorted(prose)


def cuts(text: str, kind: QTextBoundaryFinder.BoundaryType) -> list[int]:
    finder = QTextBoundaryFinder(kind, text)
    positions = []
    while (position := finder.toNextBoundary()) != -1:
        positions.append(position)
    return positions


def loaded_icu_data() -> str:
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return next((line.split()[-1] for line in maps if "libicudata" in line), "")


def probe() -> dict:
    ja, en, prose = dataset_texts()
    answers: dict = {"counts": [len(ja), len(en), len(prose)]}
    for name in LOCALES:
        locale = QLocale(name)
        collator = QCollator(locale)
        answers[f"sorted ja {name}"] = sorted(ja, key=collator.sortKey)
        answers[f"sorted en {name}"] = sorted(en, key=collator.sortKey)
        collator.setNumericMode(True)
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        answers[f"sorted numeric {name}"] = sorted(en + ja, key=collator.sortKey)
        answers[f"format {name}"] = [
            locale.toString(1234567.891, "f", 2), locale.toString(-42),
            locale.toCurrencyString(1234567.5), locale.toString(QDate(2026, 12, 7)),
            locale.toString(QDate(2026, 12, 7), QLocale.FormatType.ShortFormat),
            locale.toString(QDateTime(QDate(2026, 12, 7), QTime(23, 5)),
                            QLocale.FormatType.LongFormat),
            locale.dayName(1), locale.monthName(12), locale.formattedDataSize(123456789),
            locale.toUpper("kyoto university ǆ ß"), locale.toLower("KYOTO İ"),
            locale.nativeLanguageName(), locale.nativeTerritoryName(),
        ]
    for kind, value in BOUNDARIES.items():
        answers[f"{kind} boundaries"] = [cuts(text, value) for text in ja + prose]
    answers["codecs"] = sorted(QStringDecoder.availableCodecs())
    answers["decoders"] = {name: [QStringDecoder(name).isValid(), QStringDecoder(name).name()]
                           for name in ENCODINGS}
    answers["libicudata"] = loaded_icu_data()
    return answers


if __name__ == "__main__":
    json.dump(probe(), sys.stdout, ensure_ascii=False)
