"""A Filter as SQL: the projects in its scope, and in its selection, with every value bound.

The same rules as geodata/queries.py ``scope_mask`` and ``_layer_masks``: a project is in scope
when it lists any ticked field, any ticked programme, a programme the sources date to the
fiscal year, and its search text holds the folded text; the selection narrows that to a bureau
or one project. Identifiers go through ``sql.Identifier``; values are parameters.
"""

from __future__ import annotations

from psycopg import sql

from geodata.server_side.indexes import FACTS_TABLE, SEARCH_TABLE
from geodata.values import Filter


def like_pattern(needle: str) -> str:
    """``%needle%`` for LIKE, the needle's own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def project_conditions(schema: str, flt: Filter, *, selection: bool
                       ) -> tuple[sql.Composable, dict]:
    """The WHERE clause over the project facts ``AS p`` (indexes.FACTS_TABLE) for ``flt``
    (its scope, and with ``selection`` its bureau and project too), and its parameters (the
    programmes table has ``kind``, ``start_fy`` and ``end_fy``: ``indexes.prepare`` adds
    those a copy left out)."""
    from geodata.queries import normalise_text

    clauses: list[sql.Composable] = [sql.SQL("TRUE")]
    params: dict = {}
    # the facts list fields and programmes by the fid of their rows (indexes._FACTS)
    if flt.fields:
        clauses.append(sql.SQL("p.fields && ARRAY(SELECT fid::int FROM {0}"
                               " WHERE field_id = ANY(%(fields)s::text[]))").format(
            sql.Identifier(schema, "fields")))
        params["fields"] = sorted(flt.fields)
    if flt.programs:
        clauses.append(sql.SQL("p.programs && ARRAY(SELECT fid::int FROM {0}"
                               " WHERE program_id = ANY(%(programs)s::text[]))").format(
            sql.Identifier(schema, "programs")))
        params["programs"] = sorted(flt.programs)
    if flt.fiscal_year is not None:
        # a programme the sources date: started by then and not ended before (an unstated end
        # runs on); one whose start is not stated is never active (figures.programs_active_in)
        clauses.append(sql.SQL(
            "p.programs && ARRAY(SELECT g.fid::int FROM {programs} AS g"
            " WHERE (nullif(btrim(g.kind), '') IS NULL OR g.kind = 'program')"
            " AND g.start_fy IS NOT NULL AND g.start_fy <= %(year)s"
            " AND (g.end_fy IS NULL OR %(year)s <= g.end_fy))").format(
            programs=sql.Identifier(schema, "programs")))
        params["year"] = int(flt.fiscal_year)
    needle = normalise_text(flt.text)
    if needle:
        clauses.append(sql.SQL(
            "p.project_id IN (SELECT project_id FROM {0} WHERE haystack LIKE %(pattern)s)"
        ).format(sql.Identifier(schema, SEARCH_TABLE)))
        params["pattern"] = like_pattern(needle)
    if selection and flt.bureau_id:
        clauses.append(sql.SQL("p.bureau_id = %(bureau_id)s"))
        params["bureau_id"] = flt.bureau_id
    if selection and flt.project_id:
        clauses.append(sql.SQL("p.project_id = %(project_id)s"))
        params["project_id"] = flt.project_id
    return sql.SQL(" AND ").join(clauses), params


def projects_cte(schema: str, flt: Filter, *, selection: bool, name: str = "chosen",
                 columns: tuple[str, ...] = ("fid", "project_id")
                 ) -> tuple[sql.Composable, dict]:
    """``name AS (SELECT columns FROM facts p WHERE …)``: the facts of the projects of
    ``flt``, only the ``columns`` a statement reads (the CTE is kept in memory: a narrow one
    does not spill to disk)."""
    where, params = project_conditions(schema, flt, selection=selection)
    return sql.SQL("{name} AS (SELECT {columns} FROM {facts} AS p WHERE {where})").format(
        name=sql.Identifier(name), facts=sql.Identifier(schema, FACTS_TABLE), where=where,
        columns=sql.SQL(", ").join(sql.Identifier("p", column) for column in columns)
    ), params


def tieup_condition(flt: Filter, alias: str = "t") -> tuple[sql.Composable, dict]:
    """With fields ticked, a tie-up (``alias``) shows only in one of them
    (queries._layer_masks)."""
    if not flt.fields:
        return sql.SQL("TRUE"), {}
    return (sql.SQL("{0} = ANY(%(fields)s::text[])").format(sql.Identifier(alias, "field")),
            {"fields": sorted(flt.fields)})
