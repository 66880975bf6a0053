"""The translations: complete, up to date with the sources, compiled, and spoken by the CLI.

The committed ``resources/i18n/*.ts`` are compared with what ``pyside6-lupdate`` finds in
desktop/ now: a new user-visible string without its Japanese translation fails here, as does a
``.qm`` that is not what ``pyside6-lrelease`` makes of its ``.ts`` (run ``make translations``).
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import chosen_language, main
from desktop.common import i18n

CHECKOUT = Path(__file__).resolve().parents[2]
I18N = CHECKOUT / "resources" / "i18n"
JAPANESE_TS = I18N / "cluster_explorer_ja.ts"
ENGLISH_TS = I18N / "cluster_explorer_en.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _qt_tool(tool: str, *args: str) -> subprocess.CompletedProcess:
    """Run PySide6's lupdate or lrelease, the ones ``make translations`` runs."""
    script = f"from PySide6.scripts.pyside_tool import {tool}; {tool}()"
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, timeout=120, cwd=CHECKOUT, check=True)


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the <message> element."""
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [translation.text or ""]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the sources today, in a fresh .ts."""
    fresh = tmp_path_factory.mktemp("lupdate") / "scanned.ts"
    _qt_tool("lupdate", "-silent", "-extensions", "py", "-locations", "none", "desktop",
             "geodata/sources", "-ts", str(fresh))  # as make translations scans
    return _messages(fresh)


def test_every_string_of_the_sources_is_translated_into_japanese(scanned):
    committed = _messages(JAPANESE_TS)
    missing = sorted(set(scanned) - set(committed))
    assert missing == [], f"not in {JAPANESE_TS.name} (run make translations): {missing}"
    unfinished = sorted(key for key, message in committed.items()
                        if message.find("translation").get("type") is not None
                        or not all(_translations(message)))
    assert unfinished == [], f"unfinished or obsolete: {unfinished}"
    vanished = sorted(set(committed) - set(scanned))
    assert vanished == [], f"no longer in the sources (run make translations): {vanished}"


def test_plural_strings_are_marked_as_such_in_both_catalogues(scanned):
    plural = {key for key, message in scanned.items() if message.get("numerus") == "yes"}
    assert plural, "the sources have %n strings"
    assert {key for key, message in _messages(JAPANESE_TS).items()
            if message.get("numerus") == "yes"} == plural
    english = _messages(ENGLISH_TS)
    assert set(english) == plural
    for key, message in english.items():
        one, many = _translations(message)
        assert "(s)" not in one + many and one != many, key


def test_translations_keep_every_placeholder_and_speak_japanese():
    for (context, source), message in _messages(JAPANESE_TS).items():
        for translated in _translations(message):
            assert sorted(PLACEHOLDER.findall(translated)) == sorted(
                PLACEHOLDER.findall(source)), (context, source, translated)
            assert ("%n" in translated) == ("%n" in source), (context, source)
            # a keyboard accelerator (geodata's words are never menu text: "Joint R&D")
            if context != "Domain" and "&" in source.replace("&&", ""):
                assert "(&" in translated, (context, source, translated)
    spoken = [message for message in _messages(JAPANESE_TS).values()
              if JAPANESE_TEXT.search(" ".join(_translations(message)))]
    assert len(spoken) > 0.9 * len(_messages(JAPANESE_TS))


@pytest.mark.parametrize("ts_file", [JAPANESE_TS, ENGLISH_TS], ids=lambda path: path.stem)
def test_the_shipped_catalogue_is_what_lrelease_makes_of_its_source(ts_file, tmp_path):
    compiled = tmp_path / f"{ts_file.stem}.qm"
    _qt_tool("lrelease", "-silent", str(ts_file), "-qm", str(compiled))
    shipped = ts_file.with_suffix(".qm")
    assert shipped.read_bytes() == compiled.read_bytes(), f"{shipped.name} is stale"


def test_the_window_speaks_japanese_and_english_again(qapp):
    from PySide6.QtCore import QCoreApplication

    try:
        i18n.set_language(i18n.JAPANESE)
        assert i18n.current_language() == i18n.JAPANESE
        assert QCoreApplication.translate("Panels", "Participants") == "参加機関"
        # Qt's own catalogue: standard buttons and dialogs speak Japanese too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert QCoreApplication.translate("Panels", "Participants") == "Participants"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_an_unknown_language_is_refused(qapp):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr")
    assert i18n.current_language() == i18n.ENGLISH


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
])
def test_the_command_line_follows_the_environment(environ, expected):
    assert i18n.environment_language(environ) == expected
    assert chosen_language(["summary"], environ) == expected


def test_lang_wins_over_the_environment():
    environ = {"LANG": "ja_JP.UTF-8"}
    assert chosen_language(["--lang", "en", "summary"], environ) == "en"
    assert chosen_language(["--lang=ja", "validate", "x.gpkg"], {"LANG": "C"}) == "ja"
    assert chosen_language(["--", "--lang", "ja"], {"LANG": "C"}) == "en"


def test_the_command_says_in_japanese_that_a_bureau_is_unknown(tmp_path, capsys):
    code = main(["--lang", "ja", "report", "--bureau", "atlantis", str(tmp_path / "r.pdf")])
    error = capsys.readouterr().err
    assert code == 2
    assert "経済産業局 'atlantis' はありません" in error and "kinki" in error
    assert not (tmp_path / "r.pdf").exists()
    # the language of one command does not stay for the next
    assert main(["report", "--bureau", "atlantis", str(tmp_path / "r.pdf")]) == 2
    assert "unknown bureau 'atlantis'" in capsys.readouterr().err


def test_a_japanese_environment_gets_japanese_help(tmp_path):
    env = {"LANG": "ja_JP.UTF-8", "PATH": "", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--help"], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=CHECKOUT, env=env)
    assert done.returncode == 0, done.stderr
    assert "我が国の地域産業クラスターを地図上でオフラインで閲覧します" in done.stdout
    assert "データセットのファイルがスキーマに沿っているか検査する" in done.stdout
