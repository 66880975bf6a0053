"""The server-side queries' indexes and search texts: made by `copy`, made once with a message
when a schema lacks them, refused with a clear reason to an account that cannot make them."""

import psycopg
import pytest
from psycopg import sql

from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata import queries as memory
from geodata.copying import copy_dataset
from geodata.server_side.indexes import FACTS_TABLE, SEARCH_TABLE
from geodata.server_side.queries import open_server_queries
from geodata.values import Filter


def _indexes(postgis, schema: str) -> set[str]:
    with psycopg.connect(postgis.conninfo()) as connection:
        return {name for (name,) in connection.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = %s", [schema])}


def test_a_copy_makes_the_query_indexes(postgis):
    copy_dataset(BUNDLED_DATASET, postgis.url(schema="indexed_copy"))

    made = _indexes(postgis, "indexed_copy")

    assert {f"{FACTS_TABLE}_fields_idx", f"{FACTS_TABLE}_programs_idx",
            f"{FACTS_TABLE}_project_id_idx", "participants_project_id_idx",
            "tieups_project_id_idx", "achievements_project_id_idx",
            f"{SEARCH_TABLE}_trgm_idx"} <= made
    queries = open_server_queries(postgis.url(schema="indexed_copy"))
    try:
        assert queries.prepared is None  # nothing left to make on opening
    finally:
        queries.close()


def test_a_schema_without_them_gets_them_once_and_says_so(postgis):
    url = postgis.url(schema="unindexed")
    copy_dataset(BUNDLED_DATASET, url)
    with psycopg.connect(postgis.conninfo(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP TABLE {0}").format(
            sql.Identifier("unindexed", SEARCH_TABLE)))
        connection.execute(sql.SQL("DROP TABLE {0}").format(
            sql.Identifier("unindexed", FACTS_TABLE)))
        connection.execute(sql.SQL("DROP INDEX {0}").format(
            sql.Identifier("unindexed", "participants_project_id_idx")))

    first = open_server_queries(url)
    second = open_server_queries(url)
    try:
        assert "made the query indexes and search texts of the schema 'unindexed'" in \
            first.prepared
        assert second.prepared is None
        assert {"participants_project_id_idx", f"{FACTS_TABLE}_fields_idx"} <= \
            _indexes(postgis, "unindexed")
        ds = load_dataset(url)
        flt = Filter(text=ds.participants["name_en"].iloc[5][:6])
        assert first.visible_project_ids(flt) == memory.visible_project_ids(ds, flt)
    finally:
        first.close()
        second.close()


def test_a_reader_who_cannot_make_them_is_told_who_can(postgis):
    from postgis_server import BUREAU_PASSWORD, BUREAU_USER

    url = postgis.url(schema="read_only_bureau")
    copy_dataset(BUNDLED_DATASET, url)
    with psycopg.connect(postgis.conninfo(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP TABLE {0}").format(
            sql.Identifier("read_only_bureau", SEARCH_TABLE)))
        connection.execute(sql.SQL("GRANT USAGE ON SCHEMA {0} TO {1}").format(
            sql.Identifier("read_only_bureau"), sql.Identifier(BUREAU_USER)))
        connection.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {0} TO {1}").format(
            sql.Identifier("read_only_bureau"), sql.Identifier(BUREAU_USER)))

    with pytest.raises(DatasetError) as refused:
        open_server_queries(postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD,
                                        schema="read_only_bureau"))

    message = str(refused.value)
    assert "has no query indexes yet and this account cannot make them" in message
    assert "cluster-explorer copy" in message
    assert BUREAU_PASSWORD not in message
