"""One project's participant facts, each once: the counts the sources report and the named
organisations, as the participants tree lists them and as its saved table holds them.

A project states its companies and universities in ``projects`` (the programme overview) and
often again, by kind, in ``participant_counts`` (the same source's detail slide): the same
figure from the same source for the same kind is one fact, listed once with both places in the
source where it is written. Repeated rows of ``participant_counts`` are listed once too.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.common import i18n
from desktop.common.figures_text import date_text, short_date_text
from desktop.common.text import is_blank, qualified
from geodata.vocabulary import PARTICIPANT_KIND_LABELS, PARTICIPANT_KIND_SINGULAR

PROJECT_COUNTS = (("company", "companies"), ("university", "universities"))


@dataclass(frozen=True)
class ParticipantFact:
    """A reported count (``name`` empty) or a named organisation (``count`` None)."""

    project_id: str
    kind: str
    count: float | None = None
    qualifier: str = ""
    as_of: str = ""
    name: str = ""
    name_ja: str = ""
    role: str = ""
    note: str = ""
    source_id: str = ""
    evidence_lines: str = ""

    @property
    def kind_label(self) -> str:
        """'Companies' for a count, 'Company' for a named organisation."""
        labels = PARTICIPANT_KIND_SINGULAR if self.name else PARTICIPANT_KIND_LABELS
        return labels.get(self.kind, self.kind)

    @property
    def figure(self) -> str:
        """'about 230' / 約230, or empty for a named organisation."""
        return "" if self.count is None else qualified(self.count, self.qualifier or None)

    @property
    def when(self) -> str:
        """The date part of ``as_of`` in the reader's language ('2003年頃' of 'c. 2003
        (meti-2003-slides; …)'), short enough for a narrow column; the whole of it is in the
        tooltip."""
        return short_date_text(self.as_of, i18n.current_language(),
                               i18n.current_year_style())

    @property
    def as_of_text(self) -> str:
        """The whole of ``as_of``, its date in the reader's language."""
        return date_text(self.as_of, i18n.current_language(), i18n.current_year_style())


def project_facts(project, counts: list, named: list) -> list[ParticipantFact]:
    """The facts of one project: its reported counts (overview and detail merged where they
    state the same figure from the same source), then its named organisations."""
    detail = _unique([_count_fact(row) for row in counts])
    facts: list[ParticipantFact] = []
    for kind, column in PROJECT_COUNTS:
        value = getattr(project, column, None)
        if is_blank(value):
            continue
        overview = ParticipantFact(
            project.project_id, kind, float(value),
            _text(getattr(project, f"{column}_qualifier", None)),
            _text(getattr(project, "counts_as_of", None)), source_id=_text(project.source_id),
            evidence_lines=_text(getattr(project, "evidence_lines", None)))
        same = next((position for position, fact in enumerate(detail)
                     if (fact.kind, fact.count, fact.source_id)
                     == (kind, overview.count, overview.source_id)), None)
        if same is None:
            facts.append(overview)
        else:  # one fact, written in two places of one source
            fact = detail.pop(same)
            facts.append(_with_lines(fact, overview.evidence_lines))
    facts.extend(detail)
    facts.extend(_unique([ParticipantFact(
        row.project_id, row.kind, name=_text(row.name_en), name_ja=_text(row.name_ja),
        role=_text(getattr(row, "role", None)), source_id=_text(row.source_id))
        for row in named]))
    return facts


def _count_fact(row) -> ParticipantFact:
    return ParticipantFact(row.project_id, row.kind, float(row.count),
                           _text(getattr(row, "qualifier", None)), _text(row.as_of),
                           note=_text(row.note), source_id=_text(row.source_id),
                           evidence_lines=_text(getattr(row, "evidence_lines", None)))


def _with_lines(fact: ParticipantFact, more_lines: str) -> ParticipantFact:
    from dataclasses import replace

    if not more_lines or more_lines in fact.evidence_lines.split(";"):
        return fact
    lines = f"{fact.evidence_lines};{more_lines}" if fact.evidence_lines else more_lines
    return replace(fact, evidence_lines=lines)


def _unique(facts: list[ParticipantFact]) -> list[ParticipantFact]:
    """In their order, each fact once (a row the dataset repeats is one fact)."""
    return list(dict.fromkeys(facts))


def _text(value) -> str:
    return "" if is_blank(value) else str(value)
