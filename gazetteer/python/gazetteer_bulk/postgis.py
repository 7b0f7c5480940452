"""PostGIS destination: tables built from the engine's layer schemas, rows moved with COPY.

Tables (in the schema given by ``?schema=`` or --schema, default public):

* ``articles``, ``places``, ``mentions``: the engine's bulk layers (``bulk_layer_schemas()``: the
  columns ``gazetteer geoparse`` writes) plus ``run_id`` and, where the layer lacks it,
  ``gazetteer_version``; a ``geom geometry(Point, 4326)`` column with a GiST index (made at the
  end of the run that first fills the table, and kept up to date by later runs). Keys:
  (gazetteer_version, article_id) for articles, + start for mentions, + place_id for places.
* ``bulk_runs``: one row per run (id, gazetteer version, inputs, start/end, status, counts).
* ``bulk_errors``: records that could not be read, with file and line.

Writes are idempotent. A batch holds only the articles not stored yet for this gazetteer version
and is copied (COPY) straight into the tables in one transaction; if another writer stored one of
them meanwhile, the keys refuse it and the batch is moved instead through session temporary tables
with one statement that inserts the articles still missing and, for exactly those, their places
and mentions. A batch that is killed half way leaves
nothing; one that is run twice (a resumed run, a Dask retry, a rerun) adds nothing the second time.
"""

from __future__ import annotations

import io
import re
from urllib.parse import unquote, urlsplit, urlunsplit

SQL_TYPES = {"integer": "bigint", "real": "double precision", "string": "text", "date": "date"}
COPY_CHUNK = 1 << 20  # bytes per COPY message: psycopg2's 8 kB default costs a Python call per 8 kB
LAYER_KEYS = {"articles": ("article_id",), "places": ("article_id", "place_id"), "mentions": ("article_id", "start")}


class DatabaseError(Exception):
    """The database cannot be used (unreachable, no PostGIS, tables of another shape)."""


def is_postgres_url(dest: str) -> bool:
    return dest.startswith(("postgresql://", "postgres://"))


def split_url(url: str) -> tuple[str, str]:
    """(libpq URL without our own ``schema`` parameter, schema name)."""
    # Cut by hand: urllib would fold "postgresql:///db" (libpq's "local socket") into one slash.
    base, _, query = url.partition("?")
    schema = "public"
    rest = []
    for item in query.split("&") if query else []:
        k, _, v = item.partition("=")
        if k == "schema":
            schema = unquote(v)
        else:
            rest.append(item)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
        raise DatabaseError(f"schema {schema!r}: use letters, digits and underscores")
    return base + ("?" + "&".join(rest) if rest else ""), schema


def redact(url: str) -> str:
    """The URL with any password replaced, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def connect(url: str):
    import psycopg2

    dsn, schema = split_url(url)
    try:
        conn = psycopg2.connect(dsn, connect_timeout=10, application_name="gazetteer-bulk")
    except psycopg2.Error as e:
        raise DatabaseError(f"cannot connect to {redact(url)}: {str(e).strip()}") from e
    with conn.cursor() as cur:
        cur.execute(f"SET search_path TO {schema}, public")
    conn.commit()
    return conn


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_columns(layer: dict) -> list[tuple[str, str]]:
    """(column, SQL type) of a layer's table, in table order."""
    cols = [("run_id", "text")]
    names = {f[0] for f in layer["fields"]}
    if "gazetteer_version" not in names:
        cols.append(("gazetteer_version", "text"))
    cols += [(name, SQL_TYPES[ftype]) for name, ftype, _prec in layer["fields"]]
    cols.append(("geom", "geometry(Point, 4326)"))
    return cols


def prepare(conn, schemas: list[dict], schema: str) -> None:
    """Creates the extension and the tables when missing; checks existing tables have our columns."""
    import psycopg2

    with conn.cursor() as cur:
        try:
            cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
            if cur.fetchone() is None:
                cur.execute("CREATE EXTENSION postgis")
        except psycopg2.Error as e:
            conn.rollback()
            raise DatabaseError(f"PostGIS is not available in this database: {str(e).strip()} "
                                "(install postgresql-15-postgis-3, or CREATE EXTENSION postgis as its owner)") from e
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(schema)}")
        for layer in schemas:
            name = layer["name"]
            cols = table_columns(layer)
            key = ("gazetteer_version",) + LAYER_KEYS[name]
            cur.execute("SELECT to_regclass(%s)", (f"{_q(schema)}.{_q(name)}",))
            existed = cur.fetchone()[0] is not None
            cur.execute(f"CREATE TABLE IF NOT EXISTS {_q(schema)}.{_q(name)} ("
                        + ", ".join(f"{_q(c)} {t}" + (" NOT NULL" if c in key or c == "run_id" else "") for c, t in cols)
                        + f", PRIMARY KEY ({', '.join(_q(k) for k in key)}))")
            if existed:  # a table being filled for the first time gets its GiST index at the end
                create_spatial_index(cur, schema, name)
            cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
                        (schema, name))
            have = {r[0] for r in cur.fetchall()}
            missing = [c for c, _t in cols if c not in have]
            if missing:
                conn.rollback()
                raise DatabaseError(f"table {schema}.{name} exists but lacks columns {', '.join(missing)}: "
                                    "it was not made by gazetteer-bulk (use another ?schema=)")
        cur.execute(f"CREATE TABLE IF NOT EXISTS {_q(schema)}.bulk_runs ("
                    "run_id text PRIMARY KEY, gazetteer_version text NOT NULL, inputs text, started timestamptz, "
                    "finished timestamptz, status text, articles bigint, errors bigint)")
        cur.execute(f"CREATE TABLE IF NOT EXISTS {_q(schema)}.bulk_errors ("
                    "run_id text NOT NULL, file text NOT NULL, line bigint NOT NULL, reason text, "
                    "PRIMARY KEY (run_id, file, line))")
    conn.commit()


def create_spatial_index(cur, schema: str, table: str) -> None:
    cur.execute(f"CREATE INDEX IF NOT EXISTS {_q(table + '_geom_gist')} ON {_q(schema)}.{_q(table)} USING gist (geom)")


def create_spatial_indexes(conn, schemas: list[dict], schema: str) -> None:
    """GiST indexes on the geometry of every table (built once over all rows: several times
    cheaper than growing it row by row during the first load of a table)."""
    with conn.cursor() as cur:
        for layer in schemas:
            create_spatial_index(cur, schema, layer["name"])
    conn.commit()


def unfinished_run(conn, schema: str, version: str, inputs: str):
    with conn.cursor() as cur:
        cur.execute(f"SELECT run_id FROM {_q(schema)}.bulk_runs WHERE gazetteer_version = %s AND inputs = %s "
                    "AND status <> 'finished' ORDER BY started DESC LIMIT 1", (version, inputs))
        row = cur.fetchone()
    return row[0] if row else None


def start_run(conn, schema: str, run_id: str, version: str, inputs: str) -> None:
    with conn.cursor() as cur:
        cur.execute(f"INSERT INTO {_q(schema)}.bulk_runs (run_id, gazetteer_version, inputs, started, status) "
                    "VALUES (%s, %s, %s, now(), 'running') "
                    "ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished = NULL", (run_id, version, inputs))
    conn.commit()


def finish_run(conn, schema: str, run_id: str, status: str) -> None:
    with conn.cursor() as cur:
        cur.execute(f"UPDATE {_q(schema)}.bulk_runs r SET finished = now(), status = %s, "
                    f"articles = (SELECT count(*) FROM {_q(schema)}.articles a WHERE a.run_id = r.run_id), "
                    f"errors = (SELECT count(*) FROM {_q(schema)}.bulk_errors e WHERE e.run_id = r.run_id) "
                    "WHERE run_id = %s", (status, run_id))
    conn.commit()


class BatchWriter:
    """Writes batches over one connection (a worker keeps one per process)."""

    def __init__(self, url: str, schemas: list[dict]):
        self.url = url
        self.conn = connect(url)
        _dsn, self.schema = split_url(url)
        self.schemas = schemas
        with self.conn.cursor() as cur:
            for layer in schemas:
                # Staging tables hold exactly the engine's fields (the COPY rows) and the geometry.
                cols = [(n, SQL_TYPES[t]) for n, t, _p in layer["fields"]] + [("geom", "geometry(Point, 4326)")]
                cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_q('stage_' + layer['name'])} ("
                            + ", ".join(f"{_q(c)} {t}" for c, t in cols) + ") ON COMMIT DELETE ROWS")
        self.conn.commit()

    def existing(self, ids: list[str], version: str) -> set[str]:
        """Ids of these articles already stored for this gazetteer version."""
        if not ids:
            return set()
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT article_id FROM {_q(self.schema)}.articles "
                        "WHERE gazetteer_version = %s AND article_id = ANY(%s)", (version, ids))
            rows = {r[0] for r in cur.fetchall()}
        self.conn.commit()
        return rows

    def write(self, result, run_id: str, version: str, errors: list) -> int:
        """Moves a BulkResult into the tables in one transaction; returns articles inserted.

        The batch holds only articles that were not stored when the worker looked (existing()),
        so its rows are first copied straight into the tables. Should another writer have stored
        one of them since (the same id in two partitions, a Dask retry racing a slow first
        attempt), the key refuses the copy, the transaction is rolled back and the batch goes the
        careful way through the staging tables."""
        import psycopg2

        try:
            return self._write_direct(result, run_id, version, errors)
        except psycopg2.errors.UniqueViolation:
            self.conn.rollback()
            return self._write_staged(result, run_id, version, errors)

    def _write_direct(self, result, run_id: str, version: str, errors: list) -> int:
        s = _q(self.schema)
        try:
            with self.conn.cursor() as cur:
                for layer in self.schemas:
                    cols = table_columns(layer)
                    lead = [run_id] + ([version] if cols[1][0] == "gazetteer_version" else [])
                    cur.copy_expert(f"COPY {s}.{_q(layer['name'])} ({', '.join(_q(c) for c, _t in cols)}) FROM STDIN",
                                    io.BytesIO(result.copy_rows(layer["name"], leading=lead)), size=COPY_CHUNK)
                self._errors(cur, run_id, errors)
            self.conn.commit()
            return result.counts["articles"]
        except Exception:
            self.conn.rollback()
            raise

    def _errors(self, cur, run_id: str, errors: list) -> None:
        for file, line, reason, _msg in errors:
            cur.execute(f"INSERT INTO {_q(self.schema)}.bulk_errors (run_id, file, line, reason) "
                        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING", (run_id, file, line, reason))

    def _write_staged(self, result, run_id: str, version: str, errors: list) -> int:
        s = _q(self.schema)
        try:
            with self.conn.cursor() as cur:
                for layer in self.schemas:
                    cur.copy_expert(f"COPY {_q('stage_' + layer['name'])} FROM STDIN",
                                    io.BytesIO(result.copy_rows(layer["name"])), size=COPY_CHUNK)
                lists = {}
                for layer in self.schemas:
                    fields = [f[0] for f in layer["fields"]]
                    lists[layer["name"]] = fields
                art = lists["articles"]
                statement = (
                    f"WITH new AS (INSERT INTO {s}.articles (run_id, {', '.join(_q(c) for c in art)}, geom) "
                    f"SELECT %(run)s, {', '.join(_q(c) for c in art)}, geom FROM stage_articles "
                    "ON CONFLICT DO NOTHING RETURNING article_id)")
                for name in ("places", "mentions"):
                    fields = lists[name]
                    extra = [] if "gazetteer_version" in fields else ["gazetteer_version"]
                    cols = ["run_id"] + extra + fields + ["geom"]
                    vals = ["%(run)s"] + ["%(version)s"] * len(extra) + [f"s.{_q(c)}" for c in fields] + ["s.geom"]
                    statement += (f", ins_{name} AS (INSERT INTO {s}.{name} ({', '.join(_q(c) for c in cols)}) "
                                  f"SELECT {', '.join(vals)} FROM {_q('stage_' + name)} s JOIN new USING (article_id) "
                                  "RETURNING 1)")
                statement += " SELECT (SELECT count(*) FROM new)"
                cur.execute(statement, {"run": run_id, "version": version})
                inserted = cur.fetchone()[0]
                self._errors(cur, run_id, errors)
            self.conn.commit()
            return inserted
        except Exception:
            self.conn.rollback()
            raise
