"""The one exception a dataset problem raises, the problem records it carries, and the rule for
printing text that came out of a file."""

import re
from collections import Counter
from dataclasses import dataclass

# C0 and C1 controls and DEL (a terminal obeys ESC and CSI sequences), line and paragraph
# separators, and the bidirectional marks, embeddings, overrides and isolates that reorder what
# a reader sees.
_INVISIBLE = (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F, 0x2028, 0x2029,
              *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SHOWN_AS = {code: f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" for code in _INVISIBLE}
# The fixed start of a message, before the first quoted value, number or parenthesis: problems
# that share it (and their layer and column) are one kind when a long list is summarised.
_VARIABLE_START = re.compile(r"['\"(\d]")


def visible(text: str) -> str:
    """``text`` with every control character written as an escape such as ``\\x1b``.

    A dataset's names and values, and SQLite's messages quoting them, are printed to terminals
    and shown in dialogs; an ESC from a hand-edited file must show up as text, not recolour or
    clear the screen. Everything else, Japanese included, is left as it is.
    """
    return text.translate(_SHOWN_AS)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as precisely as the file allows.

    ``where`` is the row's id when it has a usable one, else ``row N`` (1-based), or empty
    for problems of a whole file or layer. The fields keep the file's text as it is; ``str()``
    is the printable line.
    """

    layer: str
    where: str
    column: str
    message: str

    def __str__(self) -> str:
        parts = [part for part in (self.layer, self.where, self.column) if part]
        return visible(f"{', '.join(parts)}: {self.message}" if parts else self.message)

    @property
    def kind(self) -> tuple[str, str, str]:
        """Layer, column and the message's fixed start: "the same mistake, another row"."""
        start = _VARIABLE_START.search(self.message)
        return self.layer, self.column, self.message[:start.start()] if start else self.message


class DatasetNotice(UserWarning):
    """Something the user should be told about a dataset that did open (rows of a list left
    out, say). Warned by a data source; the window shows it, the command line prints it."""


class DatasetError(Exception):
    """A dataset file could not be read or does not follow the schema.

    Carries every problem found, not just the first, so that a person fixing the file by hand
    sees the whole list at once.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = str(self.problems[0]) if self.problems else "invalid dataset"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{head}{more}")

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]

    def summary_lines(self, limit_per_kind: int = 20) -> list[str]:
        """The problem lines, at most ``limit_per_kind`` of each kind, in the order found.

        A file with one mistake repeated on 400,000 rows would otherwise print tens of
        megabytes; the first few rows of each kind show the mistake and where it starts, and
        one line right after them counts the rest of that kind.
        """
        kinds = [problem.kind for problem in self.problems]
        totals = Counter(kinds)
        shown: Counter = Counter()
        lines = []
        for problem, kind in zip(self.problems, kinds, strict=True):
            shown[kind] += 1
            if shown[kind] <= limit_per_kind:
                lines.append(str(problem))
            if shown[kind] == limit_per_kind and totals[kind] > limit_per_kind:
                lines.append(_more_line(totals[kind] - limit_per_kind, problem))
        return lines


def _more_line(count: int, problem: Problem) -> str:
    place = ", ".join(part for part in (problem.layer, problem.column) if part)
    return visible(f"… and {count} more such problems" + (f" ({place})" if place else ""))
