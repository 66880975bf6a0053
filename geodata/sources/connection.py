"""A PostGIS location: a libpq connection (URI or ``key=value`` string) and a schema.

``postgresql://bureau@db.example/clusters?schema=kinki`` or ``service=clusters schema=kinki``.
The ``schema`` parameter is ours (libpq knows none): it is taken out before connecting, and
defaults to ``cluster_explorer``. Everything else is libpq's, so credentials come the usual
PostgreSQL ways (the service file, ``.pgpass``, ``PGPASSWORD``, …).

A password written in the location is used to connect and nowhere else: ``public`` (what is
shown, logged, saved in settings or named in messages) and ``key`` (what names the offline copy)
are made without it. (The command line itself is visible to other accounts of the computer, in
``ps`` or the task manager: PGPASSWORD, ``.pgpass`` or a service file keep it out of there.)

Every session is bounded: a statement that runs longer than ``STATEMENT_TIMEOUT_S`` (a slow
view, a locked table) is cancelled by the server with a one-line reason, and the server checks
every few seconds that the client is still there, so a query of a killed app stops soon after.
No Qt, and psycopg is imported only to connect.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from geodata.errors import DatasetError, Problem

URI_SCHEMES = ("postgresql", "postgres")
DEFAULT_SCHEMA = "cluster_explorer"
SCHEMA_PARAMETER = "schema"
SECRET_PARAMETERS = ("password",)
CONNECT_TIMEOUT_S = 10  # unless the location or PGCONNECT_TIMEOUT says otherwise
APPLICATION_NAME = "cluster-explorer"
# A whole dataset reads in a second or two; a statement still running after this long is
# waiting on something (a slow view, a lock) that will not end soon enough for someone at a desk.
STATEMENT_TIMEOUT_S = 60
CLIENT_CHECK_INTERVAL_S = 5  # PostgreSQL 14 and later notice a vanished client this often
# libpq's defaults from the environment: they choose the server as much as the location does.
ENVIRONMENT_DEFAULTS = {"host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT",
                        "dbname": "PGDATABASE", "user": "PGUSER", "service": "PGSERVICE"}
KEYWORD_START = re.compile(r"^\s*[A-Za-z_]+\s*=")
SCHEMA_KEYWORD = re.compile(r"(?:^|\s)schema\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")
MAX_SCHEMA_LENGTH = 63  # PostgreSQL's identifier length


def is_database_location(location: object) -> bool:
    """Whether ``location`` names a database: a postgresql:// URI or a key=value string.

    Cheap: only the text is looked at. (A ``Path`` of such a text is one too: ``Path`` keeps
    ``service=clusters`` as it is, and ``postgresql:/…`` is what it makes of a URI's ``//``.)
    """
    text = str(location).strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return scheme in URI_SCHEMES or bool(KEYWORD_START.match(text))


@dataclass(frozen=True)
class DatabaseLocation:
    """A parsed PostGIS location."""

    conninfo: str
    """What libpq is given (the password included, if the location had one)."""
    schema: str
    public: str
    """The location without its password: what may be shown, logged and saved."""
    key: str
    """A digest of the connection (without password, with libpq's environment defaults) and
    schema: names the offline copy of this very dataset."""
    database: str
    """The database (or service) name, for readable file names."""


def parse_location(location: object) -> DatabaseLocation:
    """The connection and schema of ``location``, or a one-line DatasetError saying why not."""
    text = str(location).strip()
    if text.split(":", 1)[0].lower() in URI_SCHEMES:
        conninfo, schema, public = _split_uri(text)
    else:
        conninfo, schema, public = _split_keywords(text)
    if not schema or len(schema) > MAX_SCHEMA_LENGTH or "\x00" in schema:
        raise _refused(f"not a schema name: {schema[:80]!r} (1 to 63 characters)")
    from psycopg.conninfo import conninfo_to_dict

    try:
        parameters = conninfo_to_dict(conninfo)
    except Exception as error:  # psycopg.ProgrammingError: libpq could not parse it
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise _refused(f"not a PostgreSQL connection: {public} ({_scrub(message, text)})") \
            from None
    named = {name: str(value) for name, value in parameters.items()
             if name not in SECRET_PARAMETERS}
    for name, variable in ENVIRONMENT_DEFAULTS.items():
        if name not in named and os.environ.get(variable):
            named[name] = os.environ[variable]
    key = hashlib.sha256(json.dumps([sorted(named.items()), schema]).encode()).hexdigest()
    database = named.get("dbname") or named.get("service") or named.get("user") or "postgres"
    return DatabaseLocation(conninfo, schema, public, key, database)


def holds_password(location: object) -> bool:
    """Whether ``location`` is a database location with a password written in it."""
    if not is_database_location(location):
        return False
    try:
        conninfo = parse_location(location).conninfo
        from psycopg.conninfo import conninfo_to_dict

        return bool(conninfo_to_dict(conninfo).get("password"))
    except Exception:  # unparsable: the command will say why
        return False


def public_location(location: object) -> str:
    """``location`` as it may be shown: without its password (the text itself when it does
    not parse: then it holds no recognisable password either, but is cut short)."""
    try:
        return parse_location(location).public
    except DatasetError:
        return _without_password_text(str(location))[:200]


def connect(database: DatabaseLocation):
    """An open psycopg connection (autocommit off) whose statements are bounded in time;
    psycopg.OperationalError when the server cannot be reached or refuses the credentials."""
    import psycopg

    extra = {"application_name": APPLICATION_NAME}
    if "connect_timeout" not in database.conninfo and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    connection = psycopg.connect(database.conninfo, **extra)
    try:
        _bound_the_session(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _bound_the_session(connection) -> None:
    """Set the session's statement timeout (unless the server or the location set one) and,
    where the server has it, its check that the client is still connected."""
    current = connection.execute("SHOW statement_timeout").fetchone()[0]
    if current in ("0", "0ms"):
        connection.execute("SELECT set_config('statement_timeout', %s, false)",
                           [f"{STATEMENT_TIMEOUT_S}s"])
    if connection.info.server_version >= 140000:
        connection.execute("SELECT set_config('client_connection_check_interval', %s, false)",
                           [f"{CLIENT_CHECK_INTERVAL_S}s"])
    connection.commit()


def reason(error: BaseException, database: DatabaseLocation) -> str:
    """One line saying why the connection failed, never holding the password."""
    import psycopg

    if isinstance(error, psycopg.errors.QueryCanceled):
        return (f"the server did not answer within {STATEMENT_TIMEOUT_S} s (a slow view, a "
                "locked table or a busy server); nothing was read")
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = " ".join(lines) if lines else type(error).__name__
    return _scrub(text, database.conninfo)[:300]


def _split_uri(text: str) -> tuple[str, str, str]:
    try:
        parts = urlsplit(text)  # (libpq checks the hosts and ports: several may be listed)
    except ValueError as error:  # "Invalid IPv6 URL"
        raise _refused(f"not a PostgreSQL connection: {_without_password_text(text)[:200]} "
                       f"({error})") from None
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [value for name, value in query if name == SCHEMA_PARAMETER]
    kept = [(name, value) for name, value in query if name != SCHEMA_PARAMETER]
    schema = schemas[-1] if schemas else DEFAULT_SCHEMA
    conninfo = urlunsplit(parts._replace(query=urlencode(kept, quote_via=quote)))
    netloc = parts.netloc.rsplit("@", 1)
    public_netloc = (netloc[0].split(":", 1)[0] + "@" + netloc[1]) if len(netloc) == 2 \
        else parts.netloc
    shown = [(name, value) for name, value in kept if name not in SECRET_PARAMETERS]
    shown.append((SCHEMA_PARAMETER, schema))
    public = urlunsplit(parts._replace(netloc=public_netloc,
                                       query=urlencode(shown, quote_via=quote, safe="/")))
    return conninfo, schema, public


def _split_keywords(text: str) -> tuple[str, str, str]:
    found = SCHEMA_KEYWORD.search(text)
    schema = DEFAULT_SCHEMA
    conninfo = text
    if found:
        value = found.group(1)
        schema = value[1:-1].replace("\\'", "'").replace("\\\\", "\\") \
            if value.startswith("'") else value
        conninfo = (text[:found.start()] + " " + text[found.end():]).strip()
    public = f"{_without_password_text(conninfo)} schema={schema}".strip()
    return conninfo, schema, public


def _without_password_text(text: str) -> str:
    """``text`` with any ``password=…`` (keyword form or URI query) and URI user password cut."""
    text = re.sub(r"(?i)password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*)", "password=***", text)
    return re.sub(r"(?i)^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@", r"\1@", text)


def _scrub(message: str, conninfo: str) -> str:
    """``message`` with the password of ``conninfo`` cut out, wherever it appears."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        password = conninfo_to_dict(conninfo).get("password")
    except Exception:  # unparsable: then nothing in it was taken as a password either
        password = None
    return message.replace(str(password), "***") if password else message


def _refused(message: str) -> DatasetError:
    return DatasetError([Problem("", "", "", message)])
