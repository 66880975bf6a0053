"""The window's questions about a PostGIS dataset, answered by the server.

What geodata/queries.py computes from frames in memory — per-bureau counts, facet counts, the
visible projects, the rows of a selection — computed here by SQL with the same rules, so a
dataset never has to be read whole. Each user action is one round trip: ``filter_action``
(a filter click) and ``selection_action`` (a bureau or project chosen) send their statements
in one psycopg pipeline; a panel reads its rows a page at a time (``page``, keyset on ``fid``,
the rows' stored order, which is the in-memory order too).

Open one with ``open_server_queries(location)``: it connects as any PostGIS open does
(geodata/sources/connection.py), prepares the schema once when it has no query indexes
(``indexes.ensure_prepared``, whose message ``prepared`` keeps) and reads only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from psycopg import sql

from geodata.server_side.indexes import FACET_TOTALS_TABLE, FACTS_TABLE, ensure_prepared
from geodata.server_side.scope import project_conditions, projects_cte, tieup_condition
from geodata.values import Filter

CHILD_LAYERS = ("participants", "participant_counts", "tieups", "achievements")
PAGED_LAYERS = ("projects", *CHILD_LAYERS)
PAGE_SIZE = 100
MAX_PAGE_SIZE = 5_000
SUMMARY_COLUMNS = ["bureau_id", "name_en", "name_ja", "projects", "companies", "universities",
                   "tieups", "achievements", "participants"]
"""``queries.bureau_summaries``'s columns, and the named participants per bureau."""
SUMMED_COLUMNS = ("bureau_id", "companies", "universities", "participants", "own_outcomes",
                  "shared_outcomes", "tieup_bureaus", "tieup_fields")
SELECTION_COLUMNS = ("participants", "participant_counts", "achievements", "own_outcomes",
                     "shared_outcomes", "tieup_fields", "tieup_sources", "sources")
"""The project facts each statement reads (indexes.FACTS_TABLE)."""
WORK_MEM = "32MB"
"""Memory a query's sorts and hashes may take before spilling to disk: the default 4 MB spills
the 100,000 projects of a national count."""


@dataclass(frozen=True)
class SelectionCounts:
    """How many rows of each layer a filter's selection holds (``run_query``'s layers), the
    outcomes its achievements state and the sources of all those rows."""

    projects: int
    participants: int
    participant_counts: int
    tieups: int
    achievements: int
    outcomes: int
    source_ids: frozenset[str]


@dataclass(frozen=True)
class Page:
    """One page of a layer's rows: ``columns`` names each value of a row; ``after`` is the key
    to ask for the next page with (None: this was the last)."""

    columns: tuple[str, ...]
    rows: list[tuple]
    after: int | None


@dataclass(frozen=True)
class FilterAnswer:
    """Everything a filter click redraws: the region list and map shading, the facets, and
    the counts of the (unchanged) selection under the new scope."""

    bureau_summaries: pd.DataFrame
    facets: dict[str, dict[str, int]]
    selection: SelectionCounts


@dataclass(frozen=True)
class SelectionAnswer:
    """What choosing a bureau or project redraws: the selection's counts and its first page of
    projects."""

    selection: SelectionCounts
    projects: Page


class ServerQueries:
    """The server-side queries of one PostGIS schema over one open connection (not shared
    between threads: psycopg connections are not)."""

    def __init__(self, connection, schema: str, prepared: str | None = None):
        self.connection = connection
        self.schema = schema
        self.prepared = prepared
        """The line saying the schema's query indexes were made on opening (None: they were
        there)."""
        self._columns = _layer_columns(connection, schema)

    def close(self) -> None:
        self.connection.close()

    def _table(self, name: str) -> sql.Identifier:
        return sql.Identifier(self.schema, name)

    # --- the statements, each a (query, params) pair -------------------------------------------
    def _summaries_statement(self, flt: Filter):
        chosen, params = projects_cte(self.schema, flt.scope, selection=False,
                                      columns=SUMMED_COLUMNS)
        tieups_in, tieup_params = tieup_condition(flt, "tu")
        query = sql.SQL("""WITH {chosen},
        per_project AS (SELECT bureau_id, count(*) AS projects, sum(companies) AS companies,
                               sum(universities) AS universities,
                               sum(participants) AS participants, sum(own_outcomes) AS own
                        FROM chosen GROUP BY bureau_id),
        per_shared AS (SELECT c.bureau_id, count(DISTINCT outcome) AS shared
                       FROM chosen AS c, unnest(c.shared_outcomes) AS outcome
                       GROUP BY c.bureau_id),
        per_tieup AS (SELECT tu.bureau_id, count(*) AS tieups
                      FROM chosen AS c, unnest(c.tieup_bureaus, c.tieup_fields)
                           AS tu(bureau_id, field)
                      WHERE {tieups_in} GROUP BY tu.bureau_id)
        SELECT b.bureau_id, b.name_en, b.name_ja, coalesce(pp.projects, 0), pp.companies,
               pp.universities, coalesce(pt.tieups, 0),
               coalesce(pp.own, 0) + coalesce(ps.shared, 0), coalesce(pp.participants, 0)
        FROM {bureaus} AS b LEFT JOIN per_project AS pp ON pp.bureau_id = b.bureau_id
        LEFT JOIN per_shared AS ps ON ps.bureau_id = b.bureau_id
        LEFT JOIN per_tieup AS pt ON pt.bureau_id = b.bureau_id
        ORDER BY b.fid""").format(chosen=chosen, tieups_in=tieups_in,
                                  bureaus=self._table("bureaus"))
        return query, {**params, **tieup_params}

    def _facets_statement(self, flt: Filter):
        """Each facet counted over the scope without it: from the totals when nothing else
        narrows that scope (indexes.FACET_TOTALS_TABLE), else over the facts."""
        scope = flt.scope
        parts, params, hits = [], {}, []
        for facet, without in (("fields", scope.evolve(fields=frozenset())),
                               ("programs", scope.evolve(programs=frozenset()))):
            hits_name = sql.Identifier(f"{facet}_hits")
            if without == Filter():
                hits.append(sql.SQL("{0} AS (SELECT item, n FROM {1} WHERE facet = {2})").format(
                    hits_name, self._table(FACET_TOTALS_TABLE), sql.Literal(facet)))
                continue
            chosen, chosen_params = projects_cte(self.schema, without, selection=False,
                                                 name=f"without_{facet}", columns=(facet,))
            params.update(chosen_params)
            parts.append(chosen)
            # the facts' id arrays hold each id once: a count of rows is a count of projects
            hits.append(sql.SQL("{0} AS (SELECT item, count(*) AS n FROM {1} AS c,"
                                " unnest(c.{2}) AS item GROUP BY item)").format(
                hits_name, sql.Identifier(f"without_{facet}"), sql.Identifier(facet)))
        query = sql.SQL("""WITH {ctes}
        SELECT 'fields', f.field_id, coalesce(h.n, 0), f.fid FROM {fields} AS f
               LEFT JOIN fields_hits AS h ON h.item = f.fid
        UNION ALL
        SELECT 'programs', g.program_id, coalesce(h.n, 0), g.fid FROM {programs} AS g
               LEFT JOIN programs_hits AS h ON h.item = g.fid
        ORDER BY 1, 4""").format(
            ctes=sql.SQL(", ").join([*parts, *hits]),
            fields=self._table("fields"), programs=self._table("programs"))
        return query, params

    def _selection_statement(self, flt: Filter):
        chosen, params = projects_cte(self.schema, flt, selection=True,
                                      columns=SELECTION_COLUMNS)
        tieups_in, tieup_params = tieup_condition(flt, "tu")
        query = sql.SQL("""WITH {chosen},
        tie AS (SELECT tu.source_id FROM chosen AS c,
                       unnest(c.tieup_fields, c.tieup_sources) AS tu(field, source_id)
                WHERE {tieups_in})
        SELECT count(*), coalesce(sum(participants), 0), coalesce(sum(participant_counts), 0),
               (SELECT count(*) FROM tie), coalesce(sum(achievements), 0),
               coalesce(sum(own_outcomes), 0) + (SELECT count(DISTINCT outcome)
                   FROM chosen AS c, unnest(c.shared_outcomes) AS outcome),
               ARRAY(SELECT s.source_id FROM {sources} AS s WHERE s.fid IN (
                         SELECT unnest(c.sources) FROM chosen AS c)
                     UNION SELECT source_id FROM tie WHERE source_id IS NOT NULL)
        FROM chosen""").format(chosen=chosen, tieups_in=tieups_in,
                                 sources=self._table("sources"))
        return query, {**params, **tieup_params}

    def _filter_statement(self, flt: Filter):
        """A filter click in one statement, reading the facts of the scope's projects once.

        ``chosen`` holds the facts of the scope's projects the answers read (kept in memory
        once, where the single questions' statements read them three times); the selection
        is narrowed from it; the bureau summaries, the facets and the selection's counts are
        built from those rows as JSON. Lists are counted per distinct list (far fewer lists
        than projects) before they are unnested. A facet counts over ``chosen`` too when the
        scope without it is the scope itself, reads the totals when nothing else restricts
        it, and else reads the facts without it."""
        scope = flt.scope
        without = {"fields": scope.evolve(fields=frozenset()),
                   "programs": scope.evolve(programs=frozenset())}
        columns = ["bureau_id", "companies", "universities", "participants",
                   "participant_counts", "achievements", "own_outcomes", "shared_outcomes",
                   "tieup_bureaus", "tieup_fields", "tieup_sources", "sources"]
        columns += [facet for facet in ("fields", "programs")
                    if without[facet] == scope and scope != Filter()]
        if flt.project_id:
            columns.append("project_id")
        chosen, params = projects_cte(self.schema, scope, selection=False,
                                      columns=tuple(columns))
        narrowing, narrowing_params = project_conditions(
            self.schema, Filter(bureau_id=flt.bureau_id, project_id=flt.project_id),
            selection=True)
        params.update(narrowing_params)
        tieups_in, tieup_params = tieup_condition(flt, "tu")
        params.update(tieup_params)
        ctes = [chosen]
        narrowed = bool(flt.bureau_id or flt.project_id)
        if narrowed:
            ctes.append(sql.SQL("sel AS (SELECT * FROM chosen AS p WHERE {0})").format(
                narrowing))
        # without a bureau or project the selection is the scope: its rows are not copied
        sel, tie_sel, shared_sel = ("sel", "tie_sel", "shared_sel") if narrowed else (
            "chosen", "tie", "shared")
        for name, source in (("tie", "chosen"), ("tie_sel", "sel"))[:1 + narrowed]:
            ctes.append(sql.SQL("""{name} AS (SELECT tu.bureau_id, tu.source_id
                FROM {source} AS c, unnest(c.tieup_bureaus, c.tieup_fields, c.tieup_sources)
                     AS tu(bureau_id, field, source_id)
                WHERE c.tieup_bureaus IS NOT NULL AND {tieups_in})""").format(
                name=sql.Identifier(name), source=sql.Identifier(source),
                tieups_in=tieups_in))
        for name, source in (("shared", "chosen"), ("shared_sel", "sel"))[:1 + narrowed]:
            ctes.append(sql.SQL("""{name} AS (SELECT c.bureau_id, outcome
                FROM {source} AS c, unnest(c.shared_outcomes) AS outcome
                WHERE c.shared_outcomes IS NOT NULL)""").format(
                name=sql.Identifier(name), source=sql.Identifier(source)))
        facts = self._table(FACTS_TABLE)
        for facet in ("fields", "programs"):
            hits_name = sql.Identifier(f"{facet}_hits")
            if without[facet] == Filter():
                ctes.append(sql.SQL("{0} AS (SELECT item, n FROM {1} WHERE facet = {2})").format(
                    hits_name, self._table(FACET_TOTALS_TABLE), sql.Literal(facet)))
                continue
            if without[facet] == scope:
                source, condition = sql.Identifier("chosen"), sql.SQL("TRUE")
            else:  # the scope without this facet: the same parameters, less this facet's
                source = facts
                condition, _same = project_conditions(self.schema, without[facet],
                                                      selection=False)
            # the facts' id lists hold each id once: a count of rows is a count of projects
            ctes.append(sql.SQL("{0} AS (SELECT item, sum(l.n) AS n FROM (SELECT p.{1} AS ids,"
                                " count(*) AS n FROM {2} AS p WHERE {3} GROUP BY p.{1}) AS l,"
                                " unnest(l.ids) AS item GROUP BY item)").format(
                hits_name, sql.Identifier(facet), source, condition))
        query = sql.SQL("""WITH {ctes},
        per_project AS (SELECT bureau_id, count(*) AS projects, sum(companies) AS companies,
                               sum(universities) AS universities,
                               sum(participants) AS participants, sum(own_outcomes) AS own
                        FROM chosen GROUP BY bureau_id),
        per_shared AS (SELECT bureau_id, count(DISTINCT outcome) AS shared FROM shared
                       GROUP BY bureau_id),
        per_tieup AS (SELECT bureau_id, count(*) AS tieups FROM tie GROUP BY bureau_id)
        SELECT
          (SELECT json_agg(json_build_array(b.bureau_id, b.name_en, b.name_ja,
                  coalesce(pp.projects, 0), pp.companies, pp.universities,
                  coalesce(pt.tieups, 0), coalesce(pp.own, 0) + coalesce(ps.shared, 0),
                  coalesce(pp.participants, 0)) ORDER BY b.fid)
           FROM {bureaus} AS b LEFT JOIN per_project AS pp ON pp.bureau_id = b.bureau_id
           LEFT JOIN per_shared AS ps ON ps.bureau_id = b.bureau_id
           LEFT JOIN per_tieup AS pt ON pt.bureau_id = b.bureau_id),
          (SELECT json_agg(json_build_array(kind, item, n) ORDER BY kind, fid) FROM (
             SELECT 'fields' AS kind, f.field_id AS item, coalesce(h.n, 0) AS n, f.fid
             FROM {fields} AS f LEFT JOIN fields_hits AS h ON h.item = f.fid
             UNION ALL
             SELECT 'programs', g.program_id, coalesce(h.n, 0), g.fid FROM {programs} AS g
             LEFT JOIN programs_hits AS h ON h.item = g.fid) AS facet_rows),
          (SELECT json_build_array(count(*), coalesce(sum(participants), 0),
                  coalesce(sum(participant_counts), 0), (SELECT count(*) FROM {tie_sel}),
                  coalesce(sum(achievements), 0),
                  coalesce(sum(own_outcomes), 0)
                      + (SELECT count(DISTINCT outcome) FROM {shared_sel}),
                  ARRAY(SELECT s.source_id FROM {sources} AS s WHERE s.fid IN (
                            SELECT unnest(d.sources) FROM (SELECT DISTINCT sources FROM {sel})
                            AS d)
                        UNION SELECT source_id FROM {tie_sel} WHERE source_id IS NOT NULL))
           FROM {sel})""").format(
            ctes=sql.SQL(", ").join(ctes), bureaus=self._table("bureaus"),
            sel=sql.Identifier(sel), tie_sel=sql.Identifier(tie_sel),
            shared_sel=sql.Identifier(shared_sel), sources=self._table("sources"),
            fields=self._table("fields"), programs=self._table("programs"))
        return query, params

    def _page_statement(self, layer: str, flt: Filter, after: int, limit: int):
        if layer not in PAGED_LAYERS:
            raise ValueError(f"no pages of {layer!r}: one of {', '.join(PAGED_LAYERS)}")
        limit = max(1, min(int(limit), MAX_PAGE_SIZE))
        chosen, params = projects_cte(self.schema, flt, selection=True)
        columns, spatial = self._columns[layer]
        selected = [sql.SQL("x.{0}").format(sql.Identifier(column)) for column in columns]
        if spatial:
            selected += [sql.SQL("ST_X(x.geometry)"), sql.SQL("ST_Y(x.geometry)")]
        condition, extra = (tieup_condition(flt, "x") if layer == "tieups"
                            else (sql.SQL("TRUE"), {}))
        belongs = (sql.SQL("x.fid IN (SELECT fid FROM chosen)") if layer == "projects"
                   else sql.SQL("x.project_id IN (SELECT project_id FROM chosen)"))
        query = sql.SQL("""WITH {chosen}
        SELECT x.fid, {selected} FROM {table} AS x
        WHERE x.fid > %(after)s AND {belongs} AND {condition}
        ORDER BY x.fid LIMIT %(limit)s""").format(
            chosen=chosen, selected=sql.SQL(", ").join(selected),
            table=self._table(layer), belongs=belongs, condition=condition)
        names = (*columns, *(("lon", "lat") if spatial else ()))
        return query, {**params, **extra, "after": int(after), "limit": limit}, names, limit

    def statements(self, flt: Filter) -> dict[str, tuple[sql.Composable, dict]]:
        """Each statement the actions send for ``flt``, by name, with its parameters: for
        reading their plans (``EXPLAIN``), as the national benchmark does."""
        page_query, page_params, _names, _limit = self._page_statement("projects", flt, 0,
                                                                       PAGE_SIZE)
        return {"filter click": self._filter_statement(flt),
                "bureau summaries": self._summaries_statement(flt),
                "facet counts": self._facets_statement(flt),
                "selection counts": self._selection_statement(flt),
                "projects page": (page_query, page_params)}

    # --- single questions ---------------------------------------------------------------------
    def bureau_summaries(self, flt: Filter) -> pd.DataFrame:
        """Per bureau, in the dataset's order, what the filter's scope holds: the columns of
        ``queries.bureau_summaries`` and the named participants (``SUMMARY_COLUMNS``)."""
        return _summaries_frame(self.connection.execute(*self._summaries_statement(flt)))

    def bureau_counts(self, flt: Filter) -> dict[str, tuple[int, int]]:
        """(projects, tie-ups) per bureau, as ``queries.bureau_counts``."""
        table = self.bureau_summaries(flt)
        return {row.bureau_id: (int(row.projects), int(row.tieups))
                for row in table.itertuples(index=False)}

    def facet_counts(self, flt: Filter) -> dict[str, dict[str, int]]:
        """For each field and programme, the projects it would show given the other facets
        (``queries.facet_counts``)."""
        return _facets(self.connection.execute(*self._facets_statement(flt)))

    def visible_project_ids(self, flt: Filter) -> list[str]:
        """The ids of the projects in the filter's scope, in the dataset's order."""
        chosen, params = projects_cte(self.schema, flt.scope, selection=False)
        query = sql.SQL("WITH {0} SELECT project_id FROM chosen ORDER BY fid").format(chosen)
        return [project_id for (project_id,) in self.connection.execute(query, params)]

    def selection_counts(self, flt: Filter) -> SelectionCounts:
        return _selection(self.connection.execute(*self._selection_statement(flt)))

    def page(self, layer: str, flt: Filter, after: int = 0, limit: int = PAGE_SIZE) -> Page:
        """The rows of ``layer`` in the filter's selection after the key ``after`` (0: from
        the first), at most ``limit`` of them: what a panel shows, a page at a time."""
        query, params, names, limit = self._page_statement(layer, flt, after, limit)
        return _page(self.connection.execute(query, params), names, limit)

    # --- one round trip per action ------------------------------------------------------------
    def filter_action(self, flt: Filter) -> FilterAnswer:
        """A filter click: the bureau summaries, the facets and the selection's counts, from
        one statement (``_filter_statement``)."""
        summaries, facets, selection = self.connection.execute(
            *self._filter_statement(flt)).fetchone()
        table = pd.DataFrame(summaries or [], columns=SUMMARY_COLUMNS)
        answer_facets: dict[str, dict[str, int]] = {"fields": {}, "programs": {}}
        for kind, item, count in facets or []:
            answer_facets[kind][item] = int(count)
        projects, participants, counts, tieups, achievements, outcomes, sources = selection
        return FilterAnswer(_typed_summaries(table), answer_facets, SelectionCounts(
            projects, participants, counts, tieups, achievements, outcomes,
            frozenset(sources or ())))

    def selection_action(self, flt: Filter, limit: int = PAGE_SIZE) -> SelectionAnswer:
        """A bureau or project chosen: the selection's counts and its first page of projects."""
        query, params, names, limit = self._page_statement("projects", flt, 0, limit)
        with self.connection.pipeline():
            selection = self.connection.execute(*self._selection_statement(flt))
            projects = self.connection.execute(query, params)
        return SelectionAnswer(_selection(selection), _page(projects, names, limit))


def open_server_queries(location) -> ServerQueries:
    """The server-side queries of the PostGIS dataset at ``location``; its query indexes made
    first when the schema has none (``prepared`` says so). psycopg.OperationalError when the
    server cannot be reached."""
    from geodata.sources.connection import connect, parse_location

    database = parse_location(location)
    connection = connect(database)
    try:
        prepared = ensure_prepared(connection, database.schema)
        connection.commit()
        connection.autocommit = True
        connection.execute("SET default_transaction_read_only = on")
        connection.execute("SELECT set_config('work_mem', %s, false)", [WORK_MEM])
        return ServerQueries(connection, database.schema, prepared)
    except BaseException:
        connection.close()
        raise


def _layer_columns(connection, schema: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Per paged layer, its columns other than ``fid`` and the geometry, and whether it has a
    geometry (read once: a page names its columns)."""
    rows = connection.execute(
        "SELECT table_name, column_name, udt_name FROM information_schema.columns"
        " WHERE table_schema = %s AND table_name = ANY(%s) ORDER BY table_name,"
        " ordinal_position", [schema, list(PAGED_LAYERS)]).fetchall()
    layers: dict[str, tuple[list[str], bool]] = {name: ([], False) for name in PAGED_LAYERS}
    for table, column, kind in rows:
        columns, spatial = layers[table]
        if kind == "geometry":
            layers[table] = (columns, True)
        elif column != "fid":
            columns.append(column)
    return {name: (tuple(columns), spatial) for name, (columns, spatial) in layers.items()}


def _summaries_frame(cursor) -> pd.DataFrame:
    return _typed_summaries(pd.DataFrame(cursor.fetchall(), columns=SUMMARY_COLUMNS))


def _typed_summaries(table: pd.DataFrame) -> pd.DataFrame:
    for column in ("companies", "universities"):
        table[column] = table[column].astype("Int64")
    for column in ("projects", "tieups", "achievements", "participants"):
        table[column] = table[column].astype("int64")
    return table


def _facets(cursor) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {"fields": {}, "programs": {}}
    for kind, item, count, _order in cursor.fetchall():
        facets[kind][item] = int(count)
    return facets


def _selection(cursor) -> SelectionCounts:
    projects, participants, counts, tieups, achievements, outcomes, sources = cursor.fetchone()
    return SelectionCounts(projects, participants, counts, tieups, achievements, outcomes,
                           frozenset(sources))


def _page(cursor, names: tuple[str, ...], limit: int) -> Page:
    rows = cursor.fetchall()
    after = rows[-1][0] if len(rows) == limit else None
    return Page(names, [row[1:] for row in rows], after)
