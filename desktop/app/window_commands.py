"""The main window's own commands, declared once: their text, menu, shortcut, toolbar place
and when they can be used.

The window builds its menus, shortcuts and toolbar from ``COMMANDS`` (``build_actions``),
names them again when the language changes (``retranslate_actions``) and enables them by
their rule (``enable_actions``), so a command is one line here, not four places in the window.
Features (exports, saved views, databases, the organisation layer) bring their own actions
and hand them to the window, which places them beside these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.common.i18n import QT_TRANSLATE_NOOP

FILE, EDIT, VIEW, HELP = "file", "edit", "view", "help"
"""The menus, in the menu bar's order."""
CONTEXT = "MainWindow"
"""The translation context of the commands' texts (the window's own)."""


@dataclass(frozen=True)
class Command:
    """One command of the window. ``slot(window)`` gives what it calls (with the checked
    state when ``checkable``); ``checked(window)`` its first check, read from the settings
    where the user left it; ``needs_dataset``: usable only while a dataset is shown."""

    key: str
    text: str
    menu: str
    slot: Callable[[Any], Callable]
    shortcut: QKeySequence.StandardKey | Qt.Key | str | None = None
    checkable: bool = False
    checked: Callable[[Any], bool] | None = None
    toolbar: bool = False
    needs_dataset: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("open", QT_TRANSLATE_NOOP("MainWindow", "&Open dataset…"), FILE,
            lambda window: window.choose_dataset, QKeySequence.StandardKey.Open),
    Command("import", QT_TRANSLATE_NOOP("MainWindow", "&Import list…"), FILE,
            lambda window: window.import_list),
    Command("quit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), FILE,
            lambda window: window.close, QKeySequence.StandardKey.Quit),
    Command("find", QT_TRANSLATE_NOOP("MainWindow", "&Find…"), EDIT,
            lambda window: window.focus_search, QKeySequence.StandardKey.Find),
    Command("clear_filters", QT_TRANSLATE_NOOP("MainWindow", "C&lear filters"), EDIT,
            lambda window: window.state.clear_filters, "Ctrl+Shift+L", needs_dataset=True),
    Command("tieups", QT_TRANSLATE_NOOP("MainWindow", "Show &tie-ups abroad"), VIEW,
            lambda window: window.toggle_tieups, "Ctrl+T", checkable=True, toolbar=True,
            needs_dataset=True),
    Command("prefectures", QT_TRANSLATE_NOOP("MainWindow", "&Prefecture borders"), VIEW,
            lambda window: window.state.set_show_prefectures, "Ctrl+B", checkable=True,
            checked=lambda _window: True),
    Command("places", QT_TRANSLATE_NOOP("MainWindow", "Place &names"), VIEW,
            lambda window: window.state.set_show_places, checkable=True,
            checked=lambda window: window.show_places_at_start()),
    Command("reset_view", QT_TRANSLATE_NOOP("MainWindow", "&Reset view"), VIEW,
            lambda window: window.reset_view, "Ctrl+0", toolbar=True, needs_dataset=True),
    Command("clear_selection", QT_TRANSLATE_NOOP("MainWindow", "Whole &country"), VIEW,
            lambda window: window.clear_selection, Qt.Key.Key_Escape, toolbar=True,
            needs_dataset=True),
    Command("about", QT_TRANSLATE_NOOP("MainWindow", "&About Cluster Explorer"), HELP,
            lambda window: window.show_about),
)


def build_actions(window: QObject, commands: tuple[Command, ...] = COMMANDS) \
        -> dict[str, QAction]:
    """One QAction per command, owned by ``window``, wired to its slot and checked as it
    starts (first as the state starts, then as the user left it, so the slot hears it)."""
    actions = {}
    for command in commands:
        action = QAction(window)
        if command.shortcut is not None:
            action.setShortcut(QKeySequence(command.shortcut))
        action.setCheckable(command.checkable)
        slot = command.slot(window)
        (action.toggled if command.checkable else action.triggered).connect(slot)
        if command.checked is not None:
            action.setChecked(True)
            action.setChecked(command.checked(window))
        actions[command.key] = action
    return actions


def in_menu(menu: str, commands: tuple[Command, ...] = COMMANDS) -> list[str]:
    """The keys of ``menu``'s commands, in their declared order."""
    return [command.key for command in commands if command.menu == menu]


def on_toolbar(commands: tuple[Command, ...] = COMMANDS) -> list[str]:
    """The keys of the commands the toolbar shows, in their declared order."""
    return [command.key for command in commands if command.toolbar]


def retranslate_actions(actions: dict[str, QAction],
                        commands: tuple[Command, ...] = COMMANDS) -> None:
    """Every command's text in the current language."""
    for command in commands:
        actions[command.key].setText(QCoreApplication.translate(CONTEXT, command.text))


def enable_actions(actions: dict[str, QAction], dataset_shown: bool,
                   commands: tuple[Command, ...] = COMMANDS) -> None:
    """Each command enabled by its rule: those that act on a dataset only while one is
    shown (before the first one loads, Esc or Ctrl+T would act on nothing)."""
    for command in commands:
        actions[command.key].setEnabled(dataset_shown or not command.needs_dataset)
