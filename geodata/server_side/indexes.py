"""What the server-side queries need beside the layer tables: indexes on the columns they
filter and join on, one search text per project, and one row of facts per project.

The facts (``FACTS_TABLE``) are what a count needs of a project's rows in the other layers —
how many participants, reported counts and achievements it has, its outcomes, its tie-ups'
bureaus and fields, the sources of all of them — gathered once, so a click over 100,000
projects sums one narrow table instead of joining 200,000 rows of each layer. Its fields and
programmes, and the sources of its rows, are arrays of the ``fid`` of their rows in the
fields, programmes and sources tables (small integers: a row a third narrower than with the
ids, so a click reads fewer pages, and hashes and counts them faster), the fields and
programmes with GIN indexes; the facet totals count those ``fid`` too.

The search text is the in-memory path's own (geodata/queries.py: a project's names, people and
areas, its participants' names and its tie-up partners, folded by ``normalise_text`` in
Python), kept in ``SEARCH_TABLE`` so a text filter on the server finds exactly what it finds
in memory. It is made from the tables as they are when it is built; the marker table records
which write it was built for (``written_at``), so a schema written again without it (by an
older app) is prepared again on its next query.

``prepare`` runs after every ``cluster-explorer copy`` into a database; ``ensure_prepared`` runs
it when a schema is first queried without it, and says so.
"""

from __future__ import annotations

import logging
import time

from psycopg import sql

from geodata.errors import DatasetError, Problem
from geodata.sources.postgis_tables import MARKER_TABLE

log = logging.getLogger(__name__)

SEARCH_TABLE = "cluster_explorer_search"
FACTS_TABLE = "cluster_explorer_project_facts"
FACET_TOTALS_TABLE = "cluster_explorer_facet_totals"
ORGANISATION_TOTALS_TABLE = "cluster_explorer_organisations_per_prefecture"
ORGANISATION_POINTS_TABLE = "cluster_explorer_organisations_per_point"
PREPARED_KEY = "query_indexes_for"
"""The marker table's key holding the ``written_at`` the indexes and search texts were made for."""
INDEX_FORMAT = "5"

ID_LIST_SEPARATORS = r"[\s;]+"
"""An id list split on its separators and the blanks around them (ids hold neither), as
``vocabulary.split_id_list`` splits it; the empty pieces at the ends match no id."""


def id_list(column: str, table: str = "p") -> sql.Composable:
    """The SQL array of the ids in ``table.column`` (a ``;``-separated list), with empty pieces:
    the project facts keep it without them, each id once."""
    return sql.SQL("regexp_split_to_array({0}, {1})").format(
        sql.Identifier(table, column), sql.Literal(ID_LIST_SEPARATORS))


# (table, index name suffix, method, expression): created IF NOT EXISTS, named after the table
_INDEXES = (
    ("projects", "project_id", "btree", sql.SQL("(project_id)")),
    ("participants", "project_id", "btree", sql.SQL("(project_id, fid)")),
    ("participant_counts", "project_id", "btree", sql.SQL("(project_id, fid)")),
    ("tieups", "project_id", "btree", sql.SQL("(project_id, fid)")),
    ("achievements", "project_id", "btree", sql.SQL("(project_id, fid)")),
    ("prefectures", "bureau_id", "btree", sql.SQL("(bureau_id, pref_code)")),
)
_ORGANISATION_INDEXES = (
    ("organisations", "pref_code", "btree", sql.SQL("(pref_code, fid)")),
    ("organisations", "corporate_number", "btree", sql.SQL("(corporate_number)")),
    ("organisations", "geometry", "gist", sql.SQL("(geometry)")),
)


def is_prepared(connection, schema: str) -> bool:
    """Whether ``schema`` has its indexes and search texts, made for its current tables."""
    tables = _tables(connection, schema)
    if not {MARKER_TABLE, SEARCH_TABLE, FACTS_TABLE, FACET_TOTALS_TABLE} <= tables:
        return False
    if "organisations" in tables and not {ORGANISATION_TOTALS_TABLE,
                                          ORGANISATION_POINTS_TABLE} <= tables:
        return False
    marks = dict(connection.execute(sql.SQL("SELECT key, value FROM {0}").format(
        sql.Identifier(schema, MARKER_TABLE))).fetchall())
    return marks.get(PREPARED_KEY) == f"{INDEX_FORMAT} {marks.get('written_at')}"


def ensure_prepared(connection, schema: str) -> str | None:
    """Prepare ``schema`` when it is not: None when it was, else the one line saying what was
    done (for the log and the status bar). A DatasetError saying why when this account may
    not create them."""
    if is_prepared(connection, schema):
        connection.commit()
        return None
    import psycopg

    start = time.perf_counter()
    try:
        prepare(connection, schema)
    except psycopg.errors.InsufficientPrivilege as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise DatasetError([Problem("", "", "", (
            f"the schema {schema!r} has no query indexes yet and this account cannot make "
            f"them ({first}): whoever copies the dataset there can, with `cluster-explorer "
            "copy` again"))]) from None
    message = (f"made the query indexes and search texts of the schema {schema!r} "
               f"(once, {time.perf_counter() - start:.1f} s)")
    log.info(message)
    return message


def prepare(connection, schema: str) -> None:
    """Make the indexes, search texts, project facts and totals of ``schema`` (its layers
    already written), in one transaction, and mark them as made for its current write."""
    with connection.transaction():
        tables = _tables(connection, schema)
        if "projects" not in tables or MARKER_TABLE not in tables:
            raise DatasetError([Problem("", "", "", f"the schema {schema!r} holds no Cluster "
                                        "Explorer dataset: nothing to prepare")])
        _add_optional_columns(connection, schema, tables)
        for table, suffix, method, expression in _INDEXES:
            if table in tables:
                connection.execute(sql.SQL(
                    "CREATE INDEX IF NOT EXISTS {name} ON {table} USING {method} {expression}"
                ).format(name=sql.Identifier(f"{table}_{suffix}_idx"),
                         table=sql.Identifier(schema, table), method=sql.SQL(method),
                         expression=expression))
        if "organisations" in tables:
            prepare_organisations(connection, schema)
        _write_search_texts(connection, schema, tables)
        _write_project_facts(connection, schema)
        _write_facet_totals(connection, schema)
        for table in ("projects", "participants", "tieups", "achievements", SEARCH_TABLE,
                      FACTS_TABLE):
            if table in tables or table in (SEARCH_TABLE, FACTS_TABLE):
                connection.execute(sql.SQL("ANALYZE {0}").format(sql.Identifier(schema, table)))
        connection.execute(sql.SQL(
            "INSERT INTO {0} (key, value) SELECT %s, %s || ' ' || value FROM {0}"
            " WHERE key = 'written_at' ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        ).format(sql.Identifier(schema, MARKER_TABLE)), [PREPARED_KEY, INDEX_FORMAT])


QUERIED_OPTIONAL_COLUMNS = {
    "programs": (("kind", "text"), ("start_fy", "bigint"), ("end_fy", "bigint")),
    "projects": (("companies", "bigint"), ("universities", "bigint")),
    "achievements": (("outcome_id", "text"),),
}
"""Optional columns the queries read: a file without them reads them as empty (SCHEMA.md), and
a copy writes the columns the file has, so the ones missing are added here, empty."""


def _add_optional_columns(connection, schema: str, tables: set[str]) -> None:
    for table, columns in QUERIED_OPTIONAL_COLUMNS.items():
        if table not in tables:
            continue
        present = _columns(connection, schema, table)
        for column, kind in columns:
            if column not in present:
                connection.execute(sql.SQL("ALTER TABLE {0} ADD COLUMN {1} {2}").format(
                    sql.Identifier(schema, table), sql.Identifier(column), sql.SQL(kind)))


def prepare_organisations(connection, schema: str) -> None:
    """The ``organisations`` table's indexes (made after its rows are copied: faster than
    keeping them up row by row), its statistics and its count per prefecture (what the map
    shows at the national zoom and a panel's total: 47 rows read instead of a million
    counted) and its count per point (what the map's clusters sum as it zooms in); the
    table is written only by ``organisations.write_organisations``, which makes them
    again)."""
    for table, suffix, method, expression in _ORGANISATION_INDEXES:
        connection.execute(sql.SQL(
            "CREATE INDEX IF NOT EXISTS {name} ON {table} USING {method} {expression}").format(
            name=sql.Identifier(f"{table}_{suffix}_idx"), table=sql.Identifier(schema, table),
            method=sql.SQL(method), expression=expression))
    connection.execute(sql.SQL("ANALYZE {0}").format(sql.Identifier(schema, "organisations")))
    totals = sql.Identifier(schema, ORGANISATION_TOTALS_TABLE)
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(totals))
    connection.execute(sql.SQL(
        "CREATE TABLE {0} AS SELECT pref_code, count(*) AS n FROM {1} GROUP BY pref_code"
    ).format(totals, sql.Identifier(schema, "organisations")))
    # the organisations per point and prefecture: a list placed by municipality has a few
    # thousand points for a million rows, so the map's clusters sum those (organisations.grid)
    points = sql.Identifier(schema, ORGANISATION_POINTS_TABLE)
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(points))
    connection.execute(sql.SQL(
        "CREATE TABLE {0} AS SELECT geometry, pref_code, count(*) AS n FROM {1}"
        " WHERE geometry IS NOT NULL GROUP BY geometry, pref_code").format(
        points, sql.Identifier(schema, "organisations")))
    connection.execute(sql.SQL("CREATE INDEX {0} ON {1} USING gist (geometry)").format(
        sql.Identifier(f"{ORGANISATION_POINTS_TABLE}_geometry_idx"), points))
    connection.execute(sql.SQL("ANALYZE {0}").format(points))


def _tables(connection, schema: str) -> set[str]:
    return {name for (name,) in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema])}


def _columns(connection, schema: str, table: str) -> set[str]:
    return {name for (name,) in connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
        " AND table_name = %s", [schema, table])}


SEARCHED_COLUMNS = (
    ("projects", ("name_en", "name_ja", "former_names", "promoters", "leaders", "areas")),
    ("participants", ("name_en", "name_ja")),
    ("tieups", ("partner", "partner_place")),
)
"""The texts a project's search text gathers, in the order geodata/queries.py gathers them."""


def _write_search_texts(connection, schema: str, tables: set[str]) -> None:
    """One row per project: its search text as geodata/queries.py folds it in memory.

    Read with one query per layer (ordered as the in-memory path orders them: by layer, then
    column, then row), folded in Python, written with COPY; a trigram index (pg_trgm, where
    the server has it) lets ``LIKE '%…%'`` skip most rows.
    """
    from geodata.queries import normalise_text

    projects = [project_id for (project_id,) in connection.execute(sql.SQL(
        "SELECT project_id FROM {0} ORDER BY fid").format(sql.Identifier(schema, "projects")))]
    pieces: dict[str, list[str]] = {project_id: [] for project_id in projects}
    for table, columns in SEARCHED_COLUMNS:
        if table not in tables:
            continue
        present = _columns(connection, schema, table)
        for column in columns:
            if column not in present:
                continue
            rows = connection.execute(sql.SQL(
                "SELECT project_id, {0} FROM {1} WHERE {0} IS NOT NULL ORDER BY fid").format(
                sql.Identifier(column), sql.Identifier(schema, table)))
            for project_id, text in rows:
                owned = pieces.get(project_id)
                if owned is not None and text is not None:
                    owned.append(str(text))
    # pieces are gathered per layer and column as queries.py does; it orders them per project
    # by (layer, column, row) too, so the joined texts are the same
    search = sql.Identifier(schema, SEARCH_TABLE)
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(search))
    connection.execute(sql.SQL(
        "CREATE TABLE {0} (project_id text PRIMARY KEY, haystack text NOT NULL)").format(search))
    with connection.cursor() as cursor, cursor.copy(sql.SQL(
            "COPY {0} (project_id, haystack) FROM STDIN").format(search)) as copy:
        for project_id, texts in pieces.items():
            copy.write_row((project_id, normalise_text("\n".join(texts))))
    _trigram_index(connection, schema)


_FACTS = """CREATE TABLE {facts} AS
WITH keys AS (SELECT project_id, coalesce(outcome_id, achievement_id) AS outcome
              FROM {achievements} GROUP BY 1, 2),
     shared AS (SELECT outcome FROM keys GROUP BY outcome HAVING count(*) > 1),
     outcomes AS (SELECT k.project_id, count(*) FILTER (WHERE s.outcome IS NULL) AS own,
                         array_agg(k.outcome) FILTER (WHERE s.outcome IS NOT NULL) AS shared
                  FROM keys AS k LEFT JOIN shared AS s ON s.outcome = k.outcome
                  GROUP BY k.project_id),
     rows_of AS (SELECT project_id, count(*) AS participants, 0 AS counts, 0 AS achievements,
                        array_agg(DISTINCT source_id) AS sources FROM {participants} GROUP BY 1
                 UNION ALL
                 SELECT project_id, 0, count(*), 0, array_agg(DISTINCT source_id)
                 FROM {participant_counts} GROUP BY 1
                 UNION ALL
                 SELECT project_id, 0, 0, count(*), array_agg(DISTINCT source_id)
                 FROM {achievements} GROUP BY 1),
     children AS (SELECT project_id, sum(participants) AS participants,
                         sum(counts) AS counts, sum(achievements) AS achievements
                  FROM rows_of GROUP BY project_id),
     child_sources AS (SELECT project_id, array_agg(DISTINCT source) AS sources
                       FROM rows_of, unnest(sources) AS source GROUP BY project_id),
     tie AS (SELECT project_id, array_agg(bureau_id ORDER BY fid) AS bureaus,
                    array_agg(field ORDER BY fid) AS fields,
                    array_agg(source_id ORDER BY fid) AS sources
             FROM {tieups} GROUP BY project_id)
SELECT p.fid, p.project_id, p.bureau_id, p.companies, p.universities,
       ARRAY(SELECT f.fid::int FROM {fields} AS f WHERE f.field_id = ANY({field_ids})
             ORDER BY f.fid) AS fields,
       ARRAY(SELECT g.fid::int FROM {programs} AS g WHERE g.program_id = ANY({program_ids})
             ORDER BY g.fid) AS programs,
       coalesce(c.participants, 0)::bigint AS participants,
       coalesce(c.counts, 0)::bigint AS participant_counts,
       coalesce(c.achievements, 0)::bigint AS achievements,
       coalesce(o.own, 0)::bigint AS own_outcomes, o.shared AS shared_outcomes,
       t.bureaus AS tieup_bureaus, t.fields AS tieup_fields, t.sources AS tieup_sources,
       ARRAY(SELECT s.fid::int FROM {sources} AS s
             WHERE s.source_id = ANY(array_append(cs.sources, p.source_id))
             ORDER BY s.fid) AS sources
FROM {projects} AS p
LEFT JOIN children AS c ON c.project_id = p.project_id
LEFT JOIN child_sources AS cs ON cs.project_id = p.project_id
LEFT JOIN outcomes AS o ON o.project_id = p.project_id
LEFT JOIN tie AS t ON t.project_id = p.project_id"""


def _write_project_facts(connection, schema: str) -> None:
    """One row per project of what counting its rows in the other layers needs (see the
    module's docstring): outcomes shared by several projects are kept as keys, counted once
    at query time; the others are counted here."""
    facts = sql.Identifier(schema, FACTS_TABLE)
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(facts))
    connection.execute(sql.SQL(_FACTS).format(
        facts=facts, projects=sql.Identifier(schema, "projects"),
        participants=sql.Identifier(schema, "participants"),
        participant_counts=sql.Identifier(schema, "participant_counts"),
        achievements=sql.Identifier(schema, "achievements"),
        tieups=sql.Identifier(schema, "tieups"), fields=sql.Identifier(schema, "fields"),
        sources=sql.Identifier(schema, "sources"),
        programs=sql.Identifier(schema, "programs"),
        field_ids=id_list("fields"), program_ids=id_list("programs")))
    connection.execute(sql.SQL("ALTER TABLE {0} ADD PRIMARY KEY (fid)").format(facts))
    for column, method in (("fields", "gin"), ("programs", "gin"), ("project_id", "btree"),
                           ("bureau_id", "btree")):
        connection.execute(sql.SQL("CREATE INDEX {0} ON {1} USING {2} ({3})").format(
            sql.Identifier(f"{FACTS_TABLE}_{column}_idx"), facts, sql.SQL(method),
            sql.Identifier(column)))


def _write_facet_totals(connection, schema: str) -> None:
    """Per field and programme, the projects listing it: the facet counts while nothing but
    that facet is chosen (the usual first click), read from 60 rows instead of counted over
    every project."""
    totals = sql.Identifier(schema, FACET_TOTALS_TABLE)
    facts = sql.Identifier(schema, FACTS_TABLE)
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(totals))
    connection.execute(sql.SQL(
        "CREATE TABLE {0} AS SELECT 'fields' AS facet, item, count(*) AS n FROM {1},"
        " unnest(fields) AS item GROUP BY item UNION ALL SELECT 'programs', item, count(*)"
        " FROM {1}, unnest(programs) AS item GROUP BY item").format(totals, facts))


def _trigram_index(connection, schema: str) -> None:
    """A pg_trgm index on the search texts when the server has the extension (it is trusted:
    a database owner or a role with CREATE may add it); without it a text filter scans."""
    import psycopg

    try:
        with connection.transaction():  # a savepoint: no pg_trgm is no index, not a failure
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            connection.execute(sql.SQL(
                "CREATE INDEX {0} ON {1} USING gin (haystack gin_trgm_ops)").format(
                sql.Identifier(f"{SEARCH_TABLE}_trgm_idx"),
                sql.Identifier(schema, SEARCH_TABLE)))
    except psycopg.DatabaseError as error:
        log.info("no trigram index on %s's search texts (%s): a text filter scans them",
                 schema, str(error).strip().splitlines()[0] if str(error).strip() else error)
