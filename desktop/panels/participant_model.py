"""The participants tree as an item model: one row per project, its facts beneath (the counts
the sources report, then the named organisations), one row per fact.

A QStandardItemModel made a dozen Qt items per project on every click (~75 ms at 1,000
projects); this model holds the project rows as they are and builds a project's children only
when a view asks for them (a user expanding it), remembering them for the dataset's life.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, Qt

from desktop.common.text import tooltip
from desktop.panels.frame_model import ROW_ID_ROLE

NO_PARENT = QModelIndex()
TOP_LEVEL = 0  # internal id of a project row; a child's is its project's row + 1
LABEL, VALUE = 0, 1  # the model's columns; the view shows the value (a number) first
SHOWN_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.TextAlignmentRole, ROW_ID_ROLE})
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class TreeRow:
    """One line of the tree: two cells, the hover text (its lines, the source last) and, for
    a fact's line, the fact (desktop.panels.participant_facts) a saved table holds."""

    label: str
    value: str
    hint: str
    fact: object = None

    @property
    def tooltip(self) -> str:
        """The label whole (the view may elide it), then the hint's lines."""
        lines = self.hint.split("\n") if self.hint else []
        return tooltip(*([self.label] if self.label not in lines else []), *lines)


class ParticipantTreeModel(QAbstractItemModel):
    """Projects (``group_row(project)``) with lazily built children (``child_rows(project)``).

    Children are cached by project id until ``forget_dataset``. The view gets the project
    lines SHOWN_AT_ONCE at a time, more as it scrolls to the end (Qt's ``fetchMore``): a tree
    view lays out every top-level line it is given, which took 1.5–2 s at each refresh for
    100,000 projects.
    """

    SHOWN_AT_ONCE = 1_000

    HEADERS = (QT_TRANSLATE_NOOP("ParticipantTreeModel", "Participant"),
               QT_TRANSLATE_NOOP("ParticipantTreeModel", "Number"))

    @classmethod
    def headers(cls) -> tuple[str, str]:
        """The headers in the current language."""
        return tuple(QCoreApplication.translate("ParticipantTreeModel", header)
                     for header in cls.HEADERS)

    def __init__(self, group_row: Callable[[object], TreeRow],
                 child_rows: Callable[[object], list[TreeRow]], parent=None):
        super().__init__(parent)
        self._group_row = group_row
        self._child_rows = child_rows
        self._projects: Sequence = []
        self._shown = 0
        """How many project lines the view has (the rest come as it scrolls)."""
        self._groups: list[TreeRow | None] = []
        self._children: dict[str, list[TreeRow]] = {}

    def forget_dataset(self) -> None:
        self._children.clear()

    def retranslate(self) -> None:
        """Headers and rows in the current language: the rows are made again when shown."""
        self.beginResetModel()
        self._groups = [None] * len(self._projects)
        self._children.clear()
        self.endResetModel()

    def set_projects(self, projects: Sequence) -> None:
        """Show these project rows (each with a ``project_id``), in this order: the first
        SHOWN_AT_ONCE, the next ones as the view scrolls to the end (``fetchMore``)."""
        self.beginResetModel()
        self._projects = projects
        self._groups = [None] * len(projects)  # made when a view first shows the row
        self._shown = min(len(projects), self.SHOWN_AT_ONCE)
        self.endResetModel()

    def project_at(self, row: int):
        return self._projects[row]

    def position_of(self, project_id: str) -> int | None:
        """The line of project ``project_id`` (shown yet or not), or None."""
        finder = getattr(self._projects, "position_of", None)
        if finder is not None:
            return finder(project_id)
        return next((position for position, project in enumerate(self._projects)
                     if project.project_id == project_id), None)

    def project_count(self) -> int:
        """How many projects the list holds, shown yet or not."""
        return len(self._projects)

    def show_up_to(self, row: int) -> None:
        """Make the project lines up to ``row`` part of the view (to select one there)."""
        while self._shown <= row and self.canFetchMore(NO_PARENT):
            self.fetchMore(NO_PARENT)

    def canFetchMore(self, parent=NO_PARENT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._shown < len(self._projects)

    def fetchMore(self, parent=NO_PARENT) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        more = min(self.SHOWN_AT_ONCE, len(self._projects) - self._shown)
        self.beginInsertRows(NO_PARENT, self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def children_of(self, row: int) -> list[TreeRow]:
        project = self._projects[row]
        children = self._children.get(project.project_id)
        if children is None:
            children = self._children[project.project_id] = self._child_rows(project)
        return children

    # --- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row: int, column: int, parent=NO_PARENT) -> QModelIndex:
        if not parent.isValid():
            if 0 <= row < self._shown and 0 <= column < 2:
                return self.createIndex(row, column, TOP_LEVEL)
            return QModelIndex()
        if parent.internalId() != TOP_LEVEL:
            return QModelIndex()
        if 0 <= row < len(self.children_of(parent.row())) and 0 <= column < 2:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index=NO_PARENT) -> QModelIndex:  # noqa: A003 - Qt override
        if not index.isValid() or index.internalId() == TOP_LEVEL:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP_LEVEL)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt override
        if not parent.isValid():
            return self._shown
        if parent.internalId() == TOP_LEVEL and parent.column() == 0:
            return len(self.children_of(parent.row()))
        return 0

    def hasChildren(self, parent=NO_PARENT) -> bool:  # noqa: N802 - Qt override
        """Every project shows an expander without building its children first."""
        if not parent.isValid():
            return self._shown > 0
        return parent.internalId() == TOP_LEVEL and parent.column() == 0

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if section == VALUE else ALIGN_LEFT
        return None

    def row_of(self, index: QModelIndex) -> TreeRow | None:
        if not index.isValid():
            return None
        if index.internalId() == TOP_LEVEL:
            group = self._groups[index.row()]
            if group is None:
                group = self._groups[index.row()] = self._group_row(self._projects[index.row()])
            return group
        return self.children_of(index.internalId() - 1)[index.row()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in SHOWN_ROLES:  # views ask for a dozen roles per cell; most are unused
            return None
        row = self.row_of(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label if index.column() == LABEL else row.value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if index.column() == VALUE else ALIGN_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == ROW_ID_ROLE:
            return row.hint
        return None
