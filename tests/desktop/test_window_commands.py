"""The window's commands (desktop/app/window_commands.py): every declared command is named in
both languages, has a menu, a shortcut no other command takes, and follows its enable rule."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject

from desktop.app import window_commands
from desktop.app.window_commands import COMMANDS, build_actions, enable_actions
from desktop.common.i18n import Speaker


class _Window(QObject):
    """What the commands call on a window: each slot records its calls."""

    def __init__(self):
        super().__init__()
        self.calls = []
        record = lambda name: lambda *args: self.calls.append((name, *args))  # noqa: E731
        for name in ("choose_dataset", "import_list", "close", "focus_search", "toggle_tieups",
                     "reset_view", "clear_selection", "show_about"):
            setattr(self, name, record(name))
        self.state = SimpleNamespace(**{name: record(name) for name in (
            "clear_filters", "set_show_prefectures", "set_show_places")})
        self.show_places_at_start = lambda: False


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.key)
def test_every_command_is_named_in_japanese_and_placed_in_a_menu(command):
    assert command.menu in (window_commands.FILE, window_commands.EDIT, window_commands.VIEW,
                            window_commands.HELP)
    assert Speaker("ja").translate("MainWindow", command.text) != command.text


def test_no_two_commands_share_a_key_or_a_shortcut(qapp):
    actions = build_actions(_Window())
    assert len(actions) == len(COMMANDS)
    shortcuts = [action.shortcut().toString() for action in actions.values()
                 if not action.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts))


def test_commands_call_their_slot_and_start_checked_as_left(qapp):
    window = _Window()
    actions = build_actions(window)
    assert actions["prefectures"].isChecked()
    assert not actions["places"].isChecked()  # as the user left it
    assert window.calls[-1] == ("set_show_places", False)  # the state heard it
    actions["open"].trigger()
    assert window.calls[-1][0] == "choose_dataset"


def test_commands_that_act_on_a_dataset_wait_for_one(qapp):
    actions = build_actions(_Window())
    enable_actions(actions, dataset_shown=False)
    waiting = {command.key for command in COMMANDS if command.needs_dataset}
    assert waiting and {key for key, action in actions.items()
                        if not action.isEnabled()} == waiting
    enable_actions(actions, dataset_shown=True)
    assert all(action.isEnabled() for action in actions.values())
