"""The plain values the window passes around: what the user asked to see, and what a search
found. Free of pandas, so the window's modules import in a fraction of the data layer's time."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Filter:
    """What the user asked to see. Empty sets mean "no restriction"."""

    fields: frozenset[str] = frozenset()
    programs: frozenset[str] = frozenset()
    text: str = ""
    bureau_id: str | None = None
    project_id: str | None = None
    fiscal_year: int | None = None
    """Only projects whose programmes the sources date to this fiscal year (None: all)."""

    def evolve(self, **changes) -> "Filter":
        """A copy with some parts changed; sets are frozen so filters stay hashable."""
        for name in ("fields", "programs"):
            if name in changes:
                changes[name] = frozenset(changes[name])
        return replace(self, **changes)

    @property
    def scope(self) -> "Filter":
        """The same filter without the selection: what the map shows (the filter itself
        when nothing is selected: a click asks for it a dozen times)."""
        if self.bureau_id is None and self.project_id is None:
            return self
        return replace(self, bureau_id=None, project_id=None)



@dataclass(frozen=True)
class SearchHit:
    """One thing a search found, with where to go to show it."""

    kind: str  # field, program, bureau, project, organisation, partner, prefecture, country
    label: str
    detail: str
    bureau_id: str | None
    project_id: str | None
    lon: float | None
    lat: float | None
    """Where to show it; None for what has no place (a field, a program)."""
    item_id: str | None = None
    """The found thing's own id (field_id, program_id, participant_id, tieup_id, iso_a2...)."""
