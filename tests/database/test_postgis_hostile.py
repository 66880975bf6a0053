"""PostGIS locations attacked or mistyped (issue 23): a schema of someone else's tables, a local
SRID PROJ does not know, a mistyped URI, a slow view, a killed client, the offline copy's
privacy and trust, ZM geometries. Each against the real server the suite starts."""

import os
import signal
import stat
import subprocess
import sys
import time

import psycopg
import pytest
from postgis_server import BUREAU_PASSWORD, BUREAU_USER

from desktop.cli import main
from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata.copying import copy_dataset
from geodata.sources import connection as connection_module
from geodata.sources import offline_copy
from geodata.sources.connection import parse_location


def _sql(postgis, *statements):
    with psycopg.connect(postgis.conninfo(), autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def _rows(postgis, query):
    with psycopg.connect(postgis.conninfo(), autocommit=True) as admin:
        return admin.execute(query).fetchall()


def test_copy_into_public_never_drops_a_table_the_app_did_not_make(postgis, capsys):
    """23.4: `copy` into ?schema=public ran DROP TABLE IF EXISTS on every layer name: an
    existing public.projects of another system (500 rows, other columns) was gone, exit 0."""
    _sql(postgis, "DROP TABLE IF EXISTS public.projects",
         "CREATE TABLE public.projects (id serial PRIMARY KEY, budget numeric, owner text)",
         "INSERT INTO public.projects (budget, owner) SELECT g, 'finance' "
         "FROM generate_series(1, 500) g")
    url = postgis.url(schema="public")
    try:
        assert main(["copy", str(BUNDLED_DATASET), url]) == 1
        err = capsys.readouterr().err
        assert "not a Cluster Explorer dataset" in err and "projects" in err
        assert _rows(postgis, "SELECT count(*), min(owner) FROM public.projects") == \
            [(500, "finance")]
        assert _rows(postgis, "SELECT count(*) FROM information_schema.tables WHERE "
                     "table_schema = 'public' AND table_name = 'bureaus'") == [(0,)]
    finally:
        _sql(postgis, "DROP TABLE IF EXISTS public.projects")


def test_a_schema_the_app_made_is_marked_and_can_be_copied_into_again(postgis):
    url = postgis.url(schema="marked_again")
    copy_dataset(BUNDLED_DATASET, url)
    copy_dataset(BUNDLED_DATASET, url)  # replaces its own tables
    assert load_dataset(url).summary() == load_dataset().summary()
    assert _rows(postgis, "SELECT value FROM marked_again.cluster_explorer_dataset "
                 "WHERE key = 'format'") == [("1",)]


def test_a_local_srid_unknown_to_proj_is_read_from_spatial_ref_sys(postgis, capsys):
    """23.5: an SRID in spatial_ref_sys but unknown to PROJ (990001) ended validate, report
    and copy in CRSError, `EPSG:990001` assumed. Its srtext defines it: it is reprojected."""
    url = postgis.url(schema="local_srid")
    copy_dataset(BUNDLED_DATASET, url)
    utm = _rows(postgis, "SELECT srtext, proj4text FROM spatial_ref_sys WHERE srid = 32654")[0]
    _sql(postgis, "DELETE FROM spatial_ref_sys WHERE srid = 990001",
         "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) "
         f"VALUES (990001, 'LOCAL', 990001, '{utm[0]}', '{utm[1]}')",
         "ALTER TABLE local_srid.participants ALTER COLUMN geometry TYPE geometry(Point, 990001)"
         " USING ST_Transform(geometry, 990001)")

    assert main(["validate", url]) == 0
    assert "valid" in capsys.readouterr().out
    original = load_dataset().participants.geometry
    read = load_dataset(url).participants.geometry
    assert read.geom_equals_exact(original, 1e-7).all()


def test_an_srid_nothing_can_read_is_one_line_not_a_traceback(postgis, capsys):
    url = postgis.url(schema="broken_srid")
    copy_dataset(BUNDLED_DATASET, url)
    _sql(postgis, "DELETE FROM spatial_ref_sys WHERE srid = 990002",
         "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) "
         "VALUES (990002, 'LOCAL', 990002, 'not a definition', '')",
         "ALTER TABLE broken_srid.participants ALTER COLUMN geometry TYPE geometry(Point, 990002)"
         " USING ST_SetSRID(geometry, 990002)")

    assert main(["validate", url]) == 1
    assert main(["copy", url, "/nonexistent/never.gpkg"]) == 1
    captured = capsys.readouterr()
    assert "SRID 990002" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_an_unreadable_spatial_ref_sys_is_one_problem(postgis, capsys):
    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="hidden_srs")
    copy_dataset(BUNDLED_DATASET, url)
    _sql(postgis, "ALTER TABLE hidden_srs.participants ALTER COLUMN geometry TYPE "
         "geometry(Point, 6668) USING ST_Transform(geometry, 6668)",
         "REVOKE SELECT ON spatial_ref_sys FROM PUBLIC")
    try:
        assert main(["validate", url]) == 1
    finally:
        _sql(postgis, "GRANT SELECT ON spatial_ref_sys TO PUBLIC")
    captured = capsys.readouterr()
    assert "participants: cannot read the layer (SRID 6668: permission denied" in \
        captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


@pytest.mark.parametrize("command", [["validate"], ["summary", "--data"]])
def test_a_mistyped_ipv6_uri_is_one_line(command, capsys):
    """23.5: `postgresql://u:pw@[::1/db` ended in `ValueError: Invalid IPv6 URL`."""
    assert main([*command, "postgresql://u:pw@[::1/db"]) == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "Invalid IPv6 URL" in text and "not a PostgreSQL connection" in text
    assert ":pw@" not in text


@pytest.fixture
def slow_view(postgis):
    """A dataset whose projects layer is a view that takes 30 s to answer."""
    _sql(postgis, "DROP SCHEMA IF EXISTS slow_view CASCADE")
    url = postgis.url(schema="slow_view")
    copy_dataset(BUNDLED_DATASET, url)
    _sql(postgis, "ALTER TABLE slow_view.projects RENAME TO projects_stored",
         "CREATE VIEW slow_view.projects AS SELECT t.* FROM slow_view.projects_stored t, "
         "pg_sleep(30)")
    return url


def test_a_slow_view_is_cut_short_with_a_clear_message(slow_view, monkeypatch, capsys):
    """23.12: a layer that is a slow view left validate (and the window's open) waiting
    forever. The session's statement timeout ends it with one line."""
    monkeypatch.setattr(connection_module, "STATEMENT_TIMEOUT_S", 1)
    assert main(["validate", slow_view]) == 1

    err = capsys.readouterr()
    assert "did not answer within 1 s" in err.out + err.err


@pytest.mark.timeout(120)
def test_the_query_of_a_killed_client_stops_on_the_server(slow_view, postgis):
    """23.12: the server query ran on after the client was killed."""
    script = ("import sys\nfrom geodata.copying import copy_dataset\n"
              "copy_dataset(sys.argv[1], sys.argv[2])\n")
    client = subprocess.Popen([sys.executable, "-c", script, slow_view, "/tmp/never.gpkg"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    query = ("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
             "'cluster-explorer' AND state = 'active' AND query LIKE '%slow_view%projects%'")
    try:
        deadline = time.monotonic() + 60
        while _rows(postgis, query) != [(1,)]:
            assert time.monotonic() < deadline and client.poll() is None
            time.sleep(0.2)
    finally:
        client.send_signal(signal.SIGKILL)
        client.wait()
    killed = time.monotonic()
    while _rows(postgis, query) != [(0,)]:
        assert time.monotonic() - killed < 3 * connection_module.CLIENT_CHECK_INTERVAL_S, \
            "the server still runs the killed client's query"
        time.sleep(0.2)


def test_offline_copies_are_private_to_the_account(postgis):
    """23.13: offline copies of a password-protected database were 0644 in a 0755 folder."""
    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="private_copy")
    copy_dataset(BUNDLED_DATASET, url)
    folder = offline_copy.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # as an older version left it
    copy = offline_copy.copy_path(parse_location(url))
    copy.write_bytes(b"an older copy")
    copy.chmod(0o644)

    load_dataset(url)

    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert [name for name in os.listdir(folder) if name.startswith(".")] == []


def test_a_planted_offline_copy_is_not_trusted(postgis, stopped_server):
    """Low: a copy others could have written was opened as the database's."""
    url = postgis.url(schema="planted_copy")
    copy = offline_copy.copy_path(parse_location(url))
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(BUNDLED_DATASET.read_bytes())
    copy.chmod(0o666)

    with pytest.raises(DatasetError, match="other accounts may write it"):
        load_dataset(url)


def test_old_offline_copies_are_pruned(postgis):
    """Low: offline copies were never removed, whatever their age."""
    folder = offline_copy.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "gone-schema-0123456789abcdef.gpkg"
    old.write_bytes(b"a copy of a database not opened for a year")
    year_ago = time.time() - 365 * 86_400
    os.utime(old, (year_ago, year_ago))
    old_list = folder / "gone-schema-0123456789abcdef.organisations.sqlite"
    old_list.write_bytes(b"the organisations it kept")
    os.utime(old_list, (year_ago, year_ago))
    recent = folder / "kept-schema-fedcba9876543210.gpkg"
    recent.write_bytes(b"a copy of last week")

    url = postgis.url(schema="prune_trigger")
    copy_dataset(BUNDLED_DATASET, url)
    load_dataset(url)

    assert not old.exists() and not old_list.exists() and recent.exists()


def test_validate_says_when_it_validated_the_offline_copy(postgis, capsys):
    """Low: `validate URL` said "valid" with the server down, having read the offline copy."""
    url = postgis.url(schema="validate_offline")
    copy_dataset(BUNDLED_DATASET, url)
    load_dataset(url)
    postgis.stop()
    try:
        assert main(["validate", url]) == 0
    finally:
        postgis.start()
    out = capsys.readouterr().out
    assert "offline copy" in out and "valid" in out


def test_zm_geometries_keep_the_offline_copy(postgis):
    """Low: ZM geometries in the database broke the offline copy."""
    url = postgis.url(schema="zm_points")
    copy_dataset(BUNDLED_DATASET, url)
    _sql(postgis, "ALTER TABLE zm_points.participants ALTER COLUMN geometry TYPE "
         "geometry(PointZM, 4326) USING ST_Force4D(geometry, 12.5, 3)")
    copy = offline_copy.copy_path(parse_location(url))
    copy.unlink(missing_ok=True)

    online = load_dataset(url)

    assert copy.is_file()
    postgis.stop()
    try:
        with pytest.warns(UserWarning):
            offline = load_dataset(url)
    finally:
        postgis.start()
    assert len(offline.participants) == len(online.participants)
    assert offline.participants.geometry.geom_equals_exact(online.participants.geometry,
                                                           1e-9).all()


def test_a_password_on_the_command_line_is_said_to_be_visible(postgis, capsys):
    """Low: a password in the URL shows in `ps` while the README said "never shown": the
    command says so, and how to keep it private (never printing the password itself)."""
    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="noted_password")
    assert main(["copy", str(BUNDLED_DATASET), url]) == 0
    err = capsys.readouterr().err
    assert "visible to other accounts" in err and "pgpass" in err
    assert BUREAU_PASSWORD not in err
    assert main(["copy", str(BUNDLED_DATASET), postgis.url(schema="noted_password")]) == 0
    assert "visible to other accounts" not in capsys.readouterr().err
