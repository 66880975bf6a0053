"""The optional ``organisations`` layer (SCHEMA.md): an organisation list of national size, in
the corporate-number list's columns, kept on the server and never read whole.

It is written once with COPY (``write_organisations``) and read as the map and a panel need
it: counts per prefecture for the national zoom (``by_prefecture``, read from the totals
``indexes.prepare_organisations`` keeps) and rows a page at a time,
keyset on the stored order (``page``), with the total the panel names (``panel_action``, one
round trip). A bureau chosen narrows both to its prefectures.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from psycopg import sql

from geodata.errors import DatasetError, Problem
from geodata.server_side.indexes import ORGANISATION_POINTS_TABLE, ORGANISATION_TOTALS_TABLE
from geodata.server_side.queries import MAX_PAGE_SIZE, PAGE_SIZE, Page
from geodata.sources.postgis_tables import MARKER_TABLE, TARGET_SRID

TABLE = "organisations"
COLUMNS = (
    ("corporate_number", "text NOT NULL"),
    ("name", "text NOT NULL"),
    ("kind", "text NOT NULL"),
    ("pref_code", "bigint NOT NULL"),
    ("municipality_code", "bigint"),
    ("municipality", "text"),
    ("address", "text"),
)
"""The layer's columns besides ``fid`` and the point, as SCHEMA.md lists them."""
PAGE_COLUMNS = (*(name for name, _kind in COLUMNS), "lon", "lat")
JAPAN_BOUNDS = (122.0, 20.0, 154.0, 46.0)
"""West, south, east, north (degrees): every point the dataset may hold."""


def write_organisations(connection, schema: str, rows: Iterable[str]) -> int:
    """Replace the ``organisations`` table of the dataset in ``schema`` with ``rows``: lines of
    COPY text (tab-separated ``COLUMNS`` then the point as hex EWKB, ``\\N`` for none), in one
    transaction, copied frozen (the rows are visible to every reader at once, so counts can
    read the index alone). Returns the rows written. A DatasetError when ``schema`` holds no
    Cluster Explorer dataset (the table is the dataset's, never another system's)."""
    from geodata.server_side.indexes import prepare_organisations

    table = sql.Identifier(schema, TABLE)
    with connection.transaction():
        marked = connection.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s"
            " AND table_name = %s", [schema, MARKER_TABLE]).fetchone()
        if marked is None:
            raise DatasetError([Problem(TABLE, "", "", f"the schema {schema!r} holds no "
                                        "Cluster Explorer dataset: copy one there first")])
        connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(table))
        definitions = [sql.SQL("fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")]
        definitions += [sql.SQL("{0} {1}").format(sql.Identifier(name), sql.SQL(kind))
                        for name, kind in COLUMNS]
        definitions.append(sql.SQL("geometry geometry(Point, {0})").format(
            sql.Literal(TARGET_SRID)))
        connection.execute(sql.SQL("CREATE TABLE {0} ({1})").format(
            table, sql.SQL(", ").join(definitions)))
        names = sql.SQL(", ").join(sql.Identifier(name) for name, _kind in
                                   (*COLUMNS, ("geometry", "")))
        written = 0
        with connection.cursor() as cursor, cursor.copy(sql.SQL(
                "COPY {0} ({1}) FROM STDIN WITH (FREEZE)").format(table, names)) as copy:
            buffer = io.StringIO()
            for line in rows:
                buffer.write(line)
                buffer.write("\n")
                written += 1
                if buffer.tell() > 4_000_000:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        prepare_organisations(connection, schema)
    return written


def has_organisations(connection, schema: str) -> bool:
    """Whether the dataset in ``schema`` has an organisations layer (it is optional)."""
    return connection.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
        [schema, TABLE]).fetchone() is not None


def _narrowed(schema: str, bureau_id: str | None, pref_code: int | None):
    clauses: list[sql.Composable] = [sql.SQL("TRUE")]
    params: dict = {}
    if pref_code is not None:
        clauses.append(sql.SQL("o.pref_code = %(pref_code)s"))
        params["pref_code"] = int(pref_code)
    if bureau_id is not None:
        clauses.append(sql.SQL("o.pref_code = ANY(ARRAY(SELECT pref_code FROM {0}"
                               " WHERE bureau_id = %(bureau_id)s))").format(
            sql.Identifier(schema, "prefectures")))
        params["bureau_id"] = bureau_id
    return sql.SQL(" AND ").join(clauses), params


class OrganisationQueries:
    """The organisation questions of one schema over an open connection (a ServerQueries')."""

    def __init__(self, connection, schema: str):
        self.connection = connection
        self.schema = schema

    def by_prefecture_statement(self, bureau_id: str | None):
        """(pref_code, bureau_id, organisations) per prefecture: the statement and its values."""
        query = sql.SQL("""SELECT r.pref_code, r.bureau_id, coalesce(c.n, 0)
        FROM {prefectures} AS r LEFT JOIN {totals} AS c ON c.pref_code = r.pref_code
        WHERE %(all_bureaus)s OR r.bureau_id = %(only_bureau)s ORDER BY r.pref_code""").format(
            totals=sql.Identifier(self.schema, ORGANISATION_TOTALS_TABLE),
            prefectures=sql.Identifier(self.schema, "prefectures"))
        return query, {"all_bureaus": bureau_id is None, "only_bureau": bureau_id}

    def _page_statement(self, bureau_id, pref_code, after: int, limit: int):
        where, params = _narrowed(self.schema, bureau_id, pref_code)
        limit = max(1, min(int(limit), MAX_PAGE_SIZE))
        query = sql.SQL("""SELECT o.fid, {columns}, ST_X(o.geometry), ST_Y(o.geometry)
        FROM {organisations} AS o WHERE {where} AND o.fid > %(after)s
        ORDER BY o.fid LIMIT %(limit)s""").format(
            columns=sql.SQL(", ").join(sql.SQL("o.{0}").format(sql.Identifier(name))
                                       for name, _kind in COLUMNS),
            organisations=sql.Identifier(self.schema, TABLE), where=where)
        return query, {**params, "after": int(after), "limit": limit}, limit

    def _count_statement(self, bureau_id, pref_code):
        where, params = _narrowed(self.schema, bureau_id, pref_code)  # o: the totals here
        return sql.SQL("SELECT coalesce(sum(o.n), 0) FROM {0} AS o WHERE {1}").format(
            sql.Identifier(self.schema, ORGANISATION_TOTALS_TABLE), where), params

    def _grid_statement(self, bounds: tuple[float, float, float, float], cell: float,
                        bureau_id: str | None):
        where, params = _narrowed(self.schema, bureau_id, None)  # o: the points here
        query = sql.SQL("""SELECT sum(o.n), sum(ST_X(o.geometry) * o.n) / sum(o.n),
               sum(ST_Y(o.geometry) * o.n) / sum(o.n)
        FROM {points} AS o
        WHERE o.geometry && ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, {srid})
          AND {where}
        GROUP BY floor(ST_X(o.geometry) / %(cell)s), floor(ST_Y(o.geometry) / %(cell)s)
        ORDER BY 1 DESC, 2, 3""").format(
            points=sql.Identifier(self.schema, ORGANISATION_POINTS_TABLE),
            srid=sql.Literal(TARGET_SRID), where=where)
        west, south, east, north = (float(value) for value in bounds)
        return query, {**params, "west": west, "south": south, "east": east, "north": north,
                       "cell": float(cell)}

    def grid(self, bounds: tuple[float, float, float, float], cell: float,
             bureau_id: str | None = None) -> list[tuple[int, float, float]]:
        """The organisations inside ``bounds`` (west, south, east, north in degrees) clustered
        on a grid of ``cell`` degrees (aligned on multiples of ``cell``): per cell holding
        any, how many and where their mean position is — what the map draws as it zooms in,
        the most populous cells first. Summed from the counts per point
        (indexes.prepare_organisations), not from the rows."""
        rows = self.connection.execute(*self._grid_statement(bounds, cell, bureau_id))
        return [(int(count), float(lon), float(lat)) for count, lon, lat in rows]

    def _points_statements(self, bounds: tuple[float, float, float, float],
                           bureau_id: str | None, limit: int):
        """(how many organisations ``bounds`` holds, from the counts per point; the first
        ``limit`` of them, from the rows): both by the tables' spatial indexes."""
        where, params = _narrowed(self.schema, bureau_id, None)
        west, south, east, north = (float(value) for value in bounds)
        params = {**params, "west": west, "south": south, "east": east, "north": north,
                  "limit": int(limit)}
        envelope = sql.SQL("ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, {0})"
                           ).format(sql.Literal(TARGET_SRID))
        count = sql.SQL("SELECT coalesce(sum(o.n), 0) FROM {points} AS o"
                        " WHERE o.geometry && {envelope} AND {where}").format(
            points=sql.Identifier(self.schema, ORGANISATION_POINTS_TABLE), envelope=envelope,
            where=where)
        rows = sql.SQL("SELECT o.name, ST_X(o.geometry), ST_Y(o.geometry) FROM {table} AS o"
                       " WHERE o.geometry && {envelope} AND {where} LIMIT %(limit)s").format(
            table=sql.Identifier(self.schema, TABLE), envelope=envelope, where=where)
        return (count, params), (rows, params)

    def points(self, bounds: tuple[float, float, float, float], bureau_id: str | None = None,
               limit: int = 1_500) -> tuple[int, list[tuple[str, float, float]]]:
        """How many organisations lie inside ``bounds`` (west, south, east, north), and up to
        ``limit`` of them as (name, lon, lat): what the map draws at its closest zooms when
        the count is at most ``limit``. One round trip."""
        count, rows = self._points_statements(bounds, bureau_id, limit)
        with self.connection.pipeline():
            total = self.connection.execute(*count)
            found = self.connection.execute(*rows)
        return (int(total.fetchone()[0]),
                [(str(name), float(lon), float(lat)) for name, lon, lat in found])

    def statements(self, bureau_id: str | None = None) -> dict[str, tuple]:
        """Each statement, by name, with its parameters (for ``EXPLAIN``)."""
        page_query, page_params, _limit = self._page_statement(bureau_id, None, 0, PAGE_SIZE)
        return {"organisations grid": self._grid_statement(JAPAN_BOUNDS, 0.25, bureau_id),
                "organisations by prefecture": self.by_prefecture_statement(bureau_id),
                "organisations page": (page_query, page_params),
                "organisations count": self._count_statement(bureau_id, None)}

    def by_prefecture(self, bureau_id: str | None = None) -> dict[int, int]:
        """Organisations per prefecture (every prefecture of the dataset, 0 for none), in the
        chosen bureau's prefectures only when one is given."""
        rows = self.connection.execute(*self.by_prefecture_statement(bureau_id)).fetchall()
        return {int(pref_code): int(count) for pref_code, _bureau, count in rows}

    def page(self, bureau_id: str | None = None, pref_code: int | None = None,
             after: int = 0, limit: int = PAGE_SIZE) -> Page:
        """Organisations of the bureau (or prefecture) after the key ``after``, in the list's
        order: ``PAGE_COLUMNS`` per row."""
        query, params, limit = self._page_statement(bureau_id, pref_code, after, limit)
        return _page(self.connection.execute(query, params), limit)

    def keyed_rows(self, bureau_id: str | None = None, after: int = 0,
                   limit: int = MAX_PAGE_SIZE) -> list[tuple]:
        """As ``page``, each row led by its key (``fid``): what an offline copy keeps."""
        query, params, _limit = self._page_statement(bureau_id, None, after, limit)
        return [tuple(row) for row in self.connection.execute(query, params)]

    def count(self, bureau_id: str | None = None, pref_code: int | None = None) -> int:
        return int(self.connection.execute(
            *self._count_statement(bureau_id, pref_code)).fetchone()[0])

    def panel_action(self, bureau_id: str | None = None, pref_code: int | None = None,
                     limit: int = PAGE_SIZE) -> tuple[int, Page]:
        """A panel filled: how many organisations it lists, and its first page; one trip."""
        page_query, page_params, limit = self._page_statement(bureau_id, pref_code, 0, limit)
        with self.connection.pipeline():
            total = self.connection.execute(*self._count_statement(bureau_id, pref_code))
            rows = self.connection.execute(page_query, page_params)
        return int(total.fetchone()[0]), _page(rows, limit)


def _page(cursor, limit: int) -> Page:
    rows = cursor.fetchall()
    after = rows[-1][0] if len(rows) == limit else None
    return Page(PAGE_COLUMNS, [row[1:] for row in rows], after)
