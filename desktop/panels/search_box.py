"""The search box: finds fields, programs, regions, projects, organisations, partners and
places, English or Japanese, ranked (geodata/name_search says how).

Typing lists the ranked matches in a pop-up, each with its kind; choosing one (or pressing
Enter for the first) either filters by it (a field, a program: as ticking only that one in
its panel) or emits the hit so the window can select it and move the map there.

The dataset's search index is built off the GUI thread (seconds at 100,000 participants),
started when the box gets focus or at the first keystroke; until it is ready the pop-up says
"Indexing names…" and the hits of what is typed by then follow when it is.
"""

import dataclasses
import threading

from PySide6.QtCore import QEvent, QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.common import i18n
from desktop.state import ExplorerState
from geodata.name_search.text import MAX_QUERY_CHARS
from geodata.names import JAPANESE
from geodata.values import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_CHARS = 160
"""A row shows at most this much of a name: dataset text is bounded on screen too."""
FILTER_KINDS = frozenset({"field", "program"})
"""Hits that filter the map rather than go somewhere: they have no place."""
INDEX_POLL_MS = 50
"""How often the box looks whether the index it waits for is ready (no signal crosses from
the building thread, which may outlive the box)."""


def _build_index(dataset, built: threading.Event) -> None:
    """Build ``dataset``'s search index (on a pool thread), then set ``built``."""
    from geodata.name_search import search_index

    try:
        search_index(dataset)
    finally:  # a failed build is tried again by the next search, which says why
        built.set()


def _bounded(text: str) -> str:
    text = " ".join(text.split())  # no line breaks or tabs from the dataset in a row
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


class SearchBox(QLineEdit):
    """A line edit whose completer lists ranked search hits rather than prefixes."""

    sig_hit_chosen = Signal(object)
    """The SearchHit of a place the user picked (never a field or program: those filter)."""

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self.state = state
        self._show_placeholder()
        self.setClearButtonEnabled(True)
        self.setMaxLength(MAX_QUERY_CHARS)  # a pasted page is not searched key by key
        self.hits_model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.hits_model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self.update_hits)
        self.returnPressed.connect(self.choose_first)
        self._indexing: tuple[object, threading.Event] | None = None
        """(the dataset whose index is asked for, set once it is built)."""
        self._index_poll = QTimer(self)
        self._index_poll.setInterval(INDEX_POLL_MS)
        self._index_poll.timeout.connect(self._check_index)

    def kind_label(self, kind: str) -> str:
        labels = {"field": self.tr("Field"), "program": self.tr("Program"),
                  "bureau": self.tr("Region"), "project": self.tr("Project"),
                  "organisation": self.tr("Organisation"), "partner": self.tr("Partner"),
                  "prefecture": self.tr("Prefecture"), "country": self.tr("Country"),
                  "place": self.tr("Place")}
        return labels.get(kind, kind)

    def row_text(self, hit: SearchHit) -> str:
        """One row of the pop-up: the name, its kind, and where it belongs, in the reader's
        language (geodata/names.py's rule: the Japanese name where the dataset has one)."""
        hit = reader_hit(hit, self.state.dataset, i18n.current_language())
        if hit.detail:
            return self.tr("{name}  ·  {kind} — {detail}").format(
                name=_bounded(hit.label), kind=self.kind_label(hit.kind),
                detail=_bounded(hit.detail))
        return self.tr("{name}  ·  {kind}").format(name=_bounded(hit.label),
                                                   kind=self.kind_label(hit.kind))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Build the search index off the GUI thread as soon as the user comes to search:
        at 100,000 participants it takes seconds, once per dataset."""
        super().focusInEvent(event)
        if self.state.dataset is not None:
            self._index_built(self.state.dataset)

    def _index_built(self, dataset) -> bool:
        """Whether ``dataset``'s search index is ready; starts building it off the GUI thread
        when nobody has asked for it yet."""
        if self._indexing is None or self._indexing[0] is not dataset:
            from geodata.name_search import search_index_ready

            built = threading.Event()
            self._indexing = (dataset, built)
            if search_index_ready(dataset):
                built.set()
            else:
                QThreadPool.globalInstance().start(lambda: _build_index(dataset, built))
        return self._indexing[1].is_set()

    def _check_index(self) -> None:
        """While indexing: once the index is ready, list the hits of what is typed by then."""
        if self._indexing is None or self._indexing[1].is_set():
            self._index_poll.stop()
            # a pop-up the user closed (Esc) while the names were indexed stays closed
            self.update_hits(self.text(), show=self.completer_.popup().isVisible())

    def _show_placeholder(self) -> None:
        self.setPlaceholderText(self.tr("Search fields, projects, organisations, places…  "
                                        "(Ctrl+F)"))

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._show_placeholder()
        super().changeEvent(event)

    def update_hits(self, text: str, show: bool = True) -> list[SearchHit]:
        """List the ranked hits for ``text`` in the pop-up (opened unless ``show`` is False).
        Returns the hits of places, the ones ``sig_hit_chosen`` may carry (fields and
        programs are applied here)."""
        from geodata import search

        dataset = self.state.dataset
        if dataset is not None and text.strip() and not self._index_built(dataset):
            self._show_indexing()
            return []
        self._index_poll.stop()  # these hits are whole: a later tick must not list them again
        hits = search(dataset, text[:MAX_QUERY_CHARS]) if dataset is not None else []
        self.hits_model.clear()
        for hit in hits:
            item = QStandardItem(self.row_text(hit))
            item.setData(hit, HIT_ROLE)
            self.hits_model.appendRow(item)
        if hits and show:
            self.completer_.complete()
        return [hit for hit in hits if hit.kind not in FILTER_KINDS]

    def _show_indexing(self) -> None:
        """One row that cannot be chosen, saying the hits follow, until the index is ready."""
        self.hits_model.clear()
        item = QStandardItem(self.tr("Indexing names…"))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.hits_model.appendRow(item)
        self.completer_.complete()
        self._index_poll.start()

    def choose_first(self) -> None:
        if self.hits_model.rowCount() == 0:
            self.update_hits(self.text())
        hit = self.hits_model.item(0).data(HIT_ROLE) if self.hits_model.rowCount() else None
        if hit is not None:
            self.choose(hit)

    def choose(self, hit: SearchHit) -> None:
        """Act on a hit the user picked: a field or program becomes the only one filtered
        by, anything else goes to the window."""
        if hit.kind == "field":
            self.state.set_fields({hit.item_id})
        elif hit.kind == "program":
            self.state.set_programs({hit.item_id})
        else:
            self.sig_hit_chosen.emit(hit)

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.choose(hit)


NAMED_IN_DETAIL = ("field", "program", "bureau", "prefecture", "country", "place")
"""Kinds whose hit carries the Japanese name as (the start of) its detail."""


def reader_hit(hit: SearchHit, ds, language: str) -> SearchHit:
    """``hit`` as a reader of ``language`` reads it: in Japanese, the Japanese name the
    dataset gives in place of the English one, and a project's bureau by its Japanese name."""
    if language != JAPANESE or ds is None:
        return hit
    from geodata.names import country_name, names_by_id

    if hit.kind == "project" and hit.bureau_id:
        bureaus = names_by_id(ds.bureaus, "bureau_id", language)
        return dataclasses.replace(hit, detail=bureaus.get(hit.bureau_id, hit.detail))
    if hit.kind == "country" and hit.item_id:
        return dataclasses.replace(hit, label=country_name(hit.item_id, language, hit.label),
                                   detail="")
    if hit.kind in NAMED_IN_DETAIL and hit.detail:
        japanese, _, rest = hit.detail.partition(" · ")
        if hit.kind == "place" and rest:
            prefectures = dict(zip(ds.prefectures["name_en"],
                                   names_by_id(ds.prefectures, "pref_code", language).values(),
                                   strict=True))
            rest = prefectures.get(rest, rest)
        return dataclasses.replace(hit, label=japanese, detail=rest)
    return hit
