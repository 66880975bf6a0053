"""The achievements panel: what the shown projects achieved, how many, when."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common import i18n
from desktop.common.domain_text import domain_text
from desktop.common.text import is_blank, qualified, source_line, text
from desktop.panels.frame_model import ColumnSpec
from desktop.panels.reader_names import reader_names
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import ALIGN_RIGHT, TablePanel
from desktop.state import ExplorerState


def how_many(row) -> str:
    """'about 230 companies' / 約230社: the figure with the source's qualifier and unit in
    the reader's language (desktop/common/figures_text.py); a dash if none."""
    return qualified(row.value, getattr(row, "qualifier", None), getattr(row, "unit", None))


@register_panel("achievements", QT_TRANSLATE_NOOP("Panels", "Achievements"), RIGHT,
                tab_group="results", refresh_after_map=True, order=50)
class AchievementsPanel(TablePanel):
    """What the shown projects achieved: how many (first, right-aligned), what, when, which
    project; the kind and the note are in the tooltip and the saved table."""

    frame_name = "achievements"
    id_column = "achievement_id"

    def __init__(self, state: ExplorerState, parent=None):
        def names(row) -> str:
            shown = state.loaded.derived(reader_names, i18n.current_language())["projects"]
            return text(shown.get(row.project_id, row.project_id))

        def when(row) -> str:
            """The period as the source words it; a fiscal year in the reader's style."""
            return domain_text(text(row.period), i18n.current_language(),
                               i18n.current_year_style())

        super().__init__(state, [
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "How many"), how_many,
                       sort_key=lambda row: -1.0 if is_blank(row.value) else float(row.value),
                       alignment=ALIGN_RIGHT, max_width=100),
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "What"),
                       lambda row: text(row.description), stretch=True),
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "When"),
                       when, max_width=64),
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "Project"), names, max_width=100),
        ], parent)

    def extra_file_columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "Number"),
                       lambda row: None if is_blank(row.value) else float(row.value)),
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "Kind"), lambda row: text(row.kind)),
            ColumnSpec(QT_TRANSLATE_NOOP("AchievementsPanel", "Note"),
                       lambda row: "" if is_blank(row.note) else str(row.note)),
        ]

    def row_tooltip_lines(self, row) -> list[str]:
        kind = domain_text(str(row.kind), i18n.current_language())
        return [row.description, self.tr("Kind: {kind}").format(kind=kind), row.note,
                source_line(self.state.loaded, row.source_id,
                            getattr(row, "evidence_lines", None))]

    def heading_text(self, frame) -> str:
        """Counts outcomes, as the region list does: the rows of one outcome (a second
        source, a further figure) are one achievement."""
        from geodata.figures import outcome_count  # pandas: not imported to build the window

        return self.tr("%n achievement(s) — {scope}", "", outcome_count(frame)).format(
            scope=self.scope_label())
