"""A throwaway PostgreSQL + PostGIS server for the tests: a fresh cluster in a temporary folder,
reached only through a Unix socket in that folder (no TCP port), removed at the end.

The server is Debian's ``postgresql-15-postgis-3`` (``make test`` installs it as root, see
desktop/app/system_check.py). ``initdb`` refuses to run as root, so under root (CI) the server
runs as ``nobody`` in a folder handed to it; as a normal user it runs as that user.

Two roles: the superuser ``postgres`` (trusted on the socket, for set-up) and ``bureau`` who must
give a password (scram-sha-256), so the tests see credentials follow libpq's conventions.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "clusters"
SUPERUSER = "postgres"
BUREAU_USER = "bureau"
BUREAU_PASSWORD = "s3cret-Kinki-2024"  # a test password: the tests look for it where it must not be
UNPRIVILEGED_USER = "nobody"
START_TIMEOUT_S = 60


@dataclass
class PostgisServer:
    """One running throwaway cluster; ``stop()``/``start()`` take it down and up again."""

    bin_dir: Path
    folder: Path
    run_as: str | None  # the unprivileged user when the tests run as root
    _running: bool = field(default=False, init=False)

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, user: str = SUPERUSER, password: str | None = None,
            database: str = DATABASE, schema: str | None = None) -> str:
        """A ``postgresql://`` location for the app (the socket folder as the host)."""
        from urllib.parse import quote

        auth = quote(user) + (f":{quote(password)}" if password else "")
        query = f"host={quote(self.socket_dir)}" + (f"&schema={schema}" if schema else "")
        return f"postgresql://{auth}@/{database}?{query}"

    def conninfo(self, user: str = SUPERUSER, database: str = DATABASE) -> str:
        return f"host={self.socket_dir} user={user} dbname={database}"

    def _run(self, *command: str) -> None:
        done = subprocess.run([str(self.bin_dir / command[0]), *command[1:]],
                              capture_output=True, text=True, user=self.run_as,
                              timeout=START_TIMEOUT_S)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        with (self.data_dir / "pg_hba.conf").open("w") as hba:
            hba.write(f"local all {BUREAU_USER} scram-sha-256\nlocal all all trust\n")

    def start(self) -> None:
        options = f"-c listen_addresses='' -k {self.socket_dir} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.folder / "server.log"),
                  "-o", options, "-w", "-t", str(START_TIMEOUT_S), "start")
        self._running = True

    def stop(self) -> None:
        if self._running:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
            self._running = False

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.conninfo(database="postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute("CREATE EXTENSION postgis")
            connection.execute(f"CREATE ROLE {BUREAU_USER} LOGIN PASSWORD '{BUREAU_PASSWORD}'")
            connection.execute(f"GRANT CREATE ON DATABASE {DATABASE} TO {BUREAU_USER}")


def start_server() -> PostgisServer:
    """A running server with the database ``clusters`` and PostGIS in it."""
    from desktop.app.system_check import has_postgis, postgres_bin_dir

    found = postgres_bin_dir()
    if found is None or not has_postgis(found):
        raise RuntimeError("PostgreSQL with PostGIS is not installed: `make test` installs it "
                           "as root (apt-get install postgresql-15-postgis-3)")
    folder = Path(tempfile.mkdtemp(prefix="ce-pg-"))  # short: a socket path has ~100 bytes
    run_as = None
    if os.geteuid() == 0:
        run_as = UNPRIVILEGED_USER
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PostgisServer(Path(found), folder, run_as)
    try:
        server.init()
        server.start()
        server.create_database()
    except BaseException:
        remove_server(server)
        raise
    return server


def remove_server(server: PostgisServer) -> None:
    """Stop the server (immediately: it holds nothing to keep) and remove its folder."""
    try:
        server.stop()
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)
