"""The tie-ups panel: overseas partners of the shown projects, one row per tie-up."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt

from desktop.common import i18n
from desktop.common.text import is_blank, source_line, text
from desktop.panels.frame_model import ColumnSpec
from desktop.panels.reader_names import reader_names
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import TablePanel
from desktop.state import ExplorerState
from geodata.names import country_name


def field_text(row, field_names: dict[str, str] | None = None) -> str:
    """The field as the source words it, else its id; for a reader of Japanese the dataset's
    Japanese name of the field (``field_names``: geodata/names.py), the source's words
    staying in the tooltip."""
    if field_names is not None and row.field in field_names:
        return text(field_names[row.field])
    return text(row.field_label if isinstance(row.field_label, str) else row.field)


def shown_field(row, field_names: dict[str, str], english_names: dict[str, str]) -> str:
    """The field in the reader's language and, where the source words it otherwise than the
    field's English name, the source's wording after it (data, as written)."""
    name = field_names.get(row.field, row.field)
    label = row.field_label if isinstance(row.field_label, str) else ""
    if not label or label.casefold() == english_names.get(row.field, "").casefold():
        return name
    return f"{name}（{label}）"


@register_panel("tieups", QT_TRANSLATE_NOOP("Panels", "Tie-ups"), RIGHT,
                tab_group="results", refresh_after_map=True, order=40)
class TieupsPanel(TablePanel):
    """Overseas tie-ups of the shown projects; picking one highlights its arc.

    The country comes first, named in the reader's language (CLDR), the partner takes the
    spare width; the place, kind and year are in the tooltip and the saved table.
    """

    frame_name = "tieups"
    id_column = "tieup_id"
    first_order = Qt.SortOrder.AscendingOrder  # by country, A to Z

    def __init__(self, state: ExplorerState, parent=None):
        def shown_names() -> dict[str, dict[str, str]]:
            return state.loaded.derived(reader_names, i18n.current_language())

        def names(row) -> str:
            return text(shown_names()["projects"].get(row.project_id, row.project_id))

        def field(row) -> str:
            japanese = i18n.current_language() == i18n.JAPANESE
            return field_text(row, shown_names()["fields"] if japanese else None)

        def country(row) -> str:
            """The country's name in the reader's language (CLDR), not its ISO code."""
            return text(country_name(row.country, i18n.current_language()))

        super().__init__(state, [
            ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Country"), country, max_width=110),
            ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Partner"),
                       lambda row: text(row.partner), stretch=True),
            ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Field"), field, max_width=100),
            ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Project"), names,
                       max_width=120),
        ], parent)
        self.view.selectionModel().currentRowChanged.connect(self._select_tieup)
        state.sig_selection_changed.connect(self._show_selected_tieup)

    def extra_file_columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Place"),
                           lambda row: text(row.partner_place)),
                ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Kind"),
                           lambda row: "" if is_blank(row.kind) else row.kind),
                ColumnSpec(QT_TRANSLATE_NOOP("TieupsPanel", "Year"),
                           lambda row: "" if is_blank(row.year) else str(row.year))]

    def row_tooltip_lines(self, row) -> list[str]:
        country = country_name(row.country, i18n.current_language())
        loaded, language = self.state.loaded, i18n.current_language()
        field = (self.tr("Field: {label} [{field}]").format(
                     label=row.field_label if isinstance(row.field_label, str) else "",
                     field=row.field) if language != i18n.JAPANESE else
                 self.tr("Field: {field}").format(field=shown_field(
                     row, loaded.derived(reader_names, language)["fields"],
                     loaded.derived(reader_names, i18n.ENGLISH)["fields"])))
        return [f"{row.partner} ({row.partner_place}, {country})", field,
                self.tr("Kind: {kind}").format(kind=text(row.kind)),
                self.tr("Located: {note}").format(note=row.location_note),
                source_line(self.state.loaded, row.source_id)]

    def heading_text(self, frame) -> str:
        countries = frame["country"].nunique()
        return self.tr("{tieups} with %n country(s) — {scope}", "", countries).format(
            tieups=self.tr("%n tie-up(s)", "", len(frame)), scope=self.scope_label())

    def refresh(self) -> None:
        super().refresh()
        self._show_selected_tieup()

    def _select_tieup(self, current, _previous) -> None:
        row = self.current_row()
        if row is not None and row.tieup_id != self.state.selected_tieup:
            self.state.select_tieup(row.tieup_id)

    def _show_selected_tieup(self) -> None:
        row = self.model.position_of(self.state.selected_tieup)
        if row is not None:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
