"""The one exception a dataset problem raises, and the problem records it carries."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as precisely as the file allows.

    ``where`` is the row's id when it has a usable one, else ``row N`` (1-based), or empty
    for problems of a whole file or layer.
    """

    layer: str
    where: str
    column: str
    message: str

    def __str__(self) -> str:
        parts = [part for part in (self.layer, self.where, self.column) if part]
        return f"{', '.join(parts)}: {self.message}" if parts else self.message


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
