#!/usr/bin/python3
"""gazetteer-bulk end to end: a private PostgreSQL + PostGIS, a Dask LocalCluster of 2 workers.

Runs the real tool (build/bin/gazetteer-bulk) on synthetic articles (bench/synth_articles.py,
made from the project's own sample texts), kills a run half way, resumes it and checks that
every article is stored exactly once with exactly the mentions a single-process geoparse finds;
opens the tables as QGIS layers through the postgres provider; feeds bad inputs and unreachable
destinations and checks the messages and that nothing written is lost.

Environment: GAZETTEER_BULK (the launcher), GAZETTEER_TEST_INDEX (default index), GAZETTEER_BIN
(the CLI), GAZETTEER_SOURCE_DIR. Exits 77 (skipped) when PostgreSQL/PostGIS, Dask or the index
are missing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("GAZETTEER_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))
BULK = os.environ.get("GAZETTEER_BULK", "")
INDEX = os.environ.get("GAZETTEER_TEST_INDEX", "")
CLI = os.environ.get("GAZETTEER_BIN", "")
sys.path.insert(0, HERE)

N_ARTICLES = 400


def skip_reason() -> str | None:
    if not BULK or not os.path.exists(BULK):
        return "no gazetteer-bulk launcher (GAZETTEER_BULK)"
    if not INDEX or not os.path.exists(INDEX):
        return "no default index (GAZETTEER_TEST_INDEX)"
    try:
        import distributed  # noqa: F401
        import psycopg2  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed (python3-distributed, python3-psycopg2)"
    try:
        from private_postgres import PrivatePostgres, Unavailable

        PrivatePostgres()
    except Unavailable as e:
        return str(e)
    return None


def bulk(*args, timeout=300, **kw):
    env = dict(os.environ, GAZETTEER_INDEX=INDEX)
    return subprocess.run([BULK, *args], env=env, capture_output=True, text=True, timeout=timeout, **kw)


def engine():
    sys.path.insert(0, os.path.dirname(os.path.dirname(BULK)) + "/python")
    import _gazetteer_engine

    return _gazetteer_engine


class BulkPostgisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from private_postgres import PrivatePostgres

        cls.tmp = tempfile.TemporaryDirectory(prefix="gz-bulk-test-")
        cls.pg = PrivatePostgres().start()
        cls.inputs = os.path.join(cls.tmp.name, "in")
        os.makedirs(cls.inputs)
        # Two JSON Lines files and a few plain text files: a folder input as users have.
        for name, count, seed in (("a.jsonl", N_ARTICLES // 2, 1), ("b.jsonl", N_ARTICLES // 2 - 3, 2)):
            subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "synth_articles.py"), str(count),
                            os.path.join(cls.inputs, name), "--seed", str(seed), "--prefix", name[0]], check=True)
        for i, sample in enumerate(("pacific-tour.txt", "siberian-rail.txt")):
            with open(os.path.join(SOURCE, "data", "samples", sample), "rb") as f:
                data = f.read()
            with open(os.path.join(cls.inputs, f"story-{i}.txt"), "wb") as f:
                f.write(data)
        with open(os.path.join(cls.inputs, "story-2.txt"), "w") as f:
            f.write("Delegates met in Nairobi before travelling on to Addis Ababa.\n")
        cls.expected = cls.reference(cls.inputs)

    @classmethod
    def tearDownClass(cls):
        cls.pg.stop()
        cls.tmp.cleanup()

    @staticmethod
    def reference(folder):
        """{article id: mentions} from one in-process geoparse of every input (no Dask, no database)."""
        e = engine()
        idx = e.Index.open(INDEX)
        batch = e.BulkInput()
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            if name.endswith(".jsonl"):
                batch.read_jsonl(path, 1, data)
            else:
                batch.read_text(path, data)
        assert not batch.errors, batch.errors
        result = idx.geoparse_batch(batch, json_lines=True)
        out = {}
        for line in result.json_lines.decode().splitlines():
            rec = json.loads(line)
            out[rec["id"]] = len(rec["mentions"])
        return out

    def query(self, sql, schema="public"):
        conn = self.pg.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(f"SET search_path TO {schema}, public")
                cur.execute(sql)
                return cur.fetchall()
        finally:
            conn.close()

    def count(self, table, schema="public"):
        return self.query(f"SELECT count(*) FROM {table}", schema)[0][0]

    # -- the run a user relies on ------------------------------------------------------------

    def test_1_kill_midway_then_resume_stores_every_article_once(self):
        url = self.pg.url(schema="run")
        env = dict(os.environ, GAZETTEER_INDEX=INDEX)
        # Small partitions so that the run is many transactions long and can be caught half way.
        proc = subprocess.Popen([BULK, self.inputs, "--output", url, "--workers", "2", "--partition-size", "4", "-q"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        seen = 0
        deadline = time.monotonic() + 240
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    seen = self.count("articles", "run")
                except Exception:  # tables not made yet
                    seen = 0
                if seen >= 40:
                    break
                time.sleep(0.02)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)  # the tool, its scheduler and both workers
            proc.communicate()
        stored_at_kill = self.count("articles", "run")
        self.assertGreater(stored_at_kill, 0, "the run was killed before it stored anything")
        self.assertLess(stored_at_kill, len(self.expected), "the run finished before it could be killed")
        [(status,)] = self.query("SELECT status FROM bulk_runs", "run")
        self.assertEqual(status, "running")  # killed: never marked finished

        r = bulk(self.inputs, "--output", url, "--workers", "2", "--partition-size", "4", "--resume")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{len(self.expected) - stored_at_kill} articles written", r.stderr)
        self.assertIn("dashboard:", r.stderr)
        self.check_exactly_once("run")
        # The resumed run continued the killed run's id.
        self.assertEqual(self.query("SELECT count(*), min(status) FROM bulk_runs", "run"), [(1, "finished")])

        # Running the same input again writes nothing.
        before = {t: self.count(t, "run") for t in ("articles", "places", "mentions")}
        r = bulk(self.inputs, "--output", url, "--workers", "2", "--partition-size", "50")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"0 articles written, {len(self.expected)} already stored", r.stderr)
        self.assertEqual({t: self.count(t, "run") for t in before}, before)
        self.check_exactly_once("run")

    def check_exactly_once(self, schema):
        rows = self.query("SELECT article_id, count(*), max(mentions) FROM articles GROUP BY article_id", schema)
        self.assertEqual(len(rows), len(self.expected))
        self.assertEqual({r[0] for r in rows}, set(self.expected))
        self.assertTrue(all(r[1] == 1 for r in rows), "an article is stored twice")
        stored = {r[0]: r[2] for r in rows}
        self.assertEqual(stored, self.expected)  # the mention counts of a single-process geoparse
        per_article = dict(self.query("SELECT article_id, count(*) FROM mentions GROUP BY article_id", schema))
        self.assertEqual({k: v for k, v in self.expected.items() if v}, per_article)
        [(n, distinct)] = self.query("SELECT count(*), count(DISTINCT (article_id, start)) FROM mentions", schema)
        self.assertEqual(n, distinct)
        [(srid, gtype)] = self.query("SELECT DISTINCT ST_SRID(geom), GeometryType(geom) FROM places", schema)
        self.assertEqual((srid, gtype), (4326, "POINT"))
        self.assertTrue(self.query("SELECT 1 FROM pg_indexes WHERE schemaname = 'run' AND tablename = 'places' "
                                   "AND indexdef ILIKE '%USING gist (geom)%'", "public"))

    def test_2_tables_open_as_qgis_layers(self):
        url = self.pg.url(schema="qgis")
        r = bulk(self.inputs, "--output", url, "--workers", "2", "--partition-size", "100")
        self.assertEqual(r.returncode, 0, r.stderr)
        places = self.count("places", "qgis")
        script = f"""
import sys
from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer, QgsWkbTypes
app = QgsApplication([], False)
app.initQgis()
out = []
for table in ("places", "mentions", "articles"):
    uri = QgsDataSourceUri()
    uri.setConnection({self.pg.dir!r}, "{self.pg.port}", "{self.pg.dbname}", "{self.pg.user}", "")
    uri.setDataSource("qgis", table, "geom")
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    if not layer.isValid():
        print("INVALID", table, layer.dataProvider().error().summary() if layer.dataProvider() else "")
        sys.exit(1)
    names = [f.name() for f in layer.fields()]
    out.append((table, layer.featureCount(), layer.crs().authid(), QgsWkbTypes.displayString(layer.wkbType()),
                "article_id" in names))
print(repr(out))
app.exitQgis()
"""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=self.tmp.name)
        q = subprocess.run(["/usr/bin/python3", "-c", script], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(q.returncode, 0, q.stdout + q.stderr)
        layers = eval(q.stdout.strip().splitlines()[-1])
        self.assertEqual(layers[0], ("places", places, "EPSG:4326", "Point", True))
        self.assertEqual(layers[1][0:3], ("mentions", self.count("mentions", "qgis"), "EPSG:4326"))
        self.assertEqual(layers[2][0:3], ("articles", len(self.expected), "EPSG:4326"))

    # -- bad input and unreachable places -----------------------------------------------------

    def test_3_bad_records_are_reported_and_the_rest_is_stored(self):
        folder = os.path.join(self.tmp.name, "bad")
        os.makedirs(folder)
        good = [json.dumps({"id": f"g{i}", "text": f"Talks in Geneva and Vienna, round {i}."}) for i in range(6)]
        with open(os.path.join(folder, "mixed.jsonl"), "w") as f:
            f.write("\n".join(good[:3] + ['{"id": "broken", "text": "Paris'] + good[3:] + ['{"id": 1.5, "text": "x"}']) + "\n")
        with open(os.path.join(folder, "image.jsonl"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        with open(os.path.join(folder, "scan.txt"), "wb") as f:
            f.write(b"%PDF-1.4\n\x00\x01\x02binary")
        url = self.pg.url(schema="bad")
        r = bulk(folder, "--output", url, "--workers", "2", "--partition-size", "2")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(f"{os.path.join(folder, 'mixed.jsonl')}:4: malformed JSON", r.stderr)
        self.assertIn(f"{os.path.join(folder, 'mixed.jsonl')}:8: \"id\" is neither a string nor an integer", r.stderr)
        self.assertIn(f"{os.path.join(folder, 'image.jsonl')}:1: not UTF-8 (invalid byte at column 1)", r.stderr)
        self.assertIn(f"{os.path.join(folder, 'image.jsonl')}:3: binary data (NUL byte), not JSON\n", r.stderr)
        self.assertNotRegex(r.stderr, r"partition \w+ failed")
        self.assertIn(", 0 failed partitions", r.stderr)
        self.assertIn(f"{os.path.join(folder, 'scan.txt')}: binary file (NUL byte at offset 9), not text", r.stderr)
        self.assertIn("6 articles written", r.stderr)
        self.assertEqual(sorted(x[0] for x in self.query("SELECT article_id FROM articles", "bad")),
                         [f"g{i}" for i in range(6)])
        errors = self.query("SELECT file, line FROM bulk_errors ORDER BY file, line", "bad")
        self.assertIn((os.path.join(folder, "mixed.jsonl"), 4), errors)
        self.assertIn((os.path.join(folder, "scan.txt"), 0), errors)

    def test_4_unreachable_database_fails_before_any_work(self):
        missing = os.path.join(self.tmp.name, "no-server-here")
        t0 = time.monotonic()
        r = bulk(self.inputs, "--output", f"postgresql:///gazetteer?host={missing}&port=5432&user=x", "--workers", "2")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("gazetteer-bulk: error: cannot connect to postgresql:///gazetteer", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        self.assertLess(time.monotonic() - t0, 60)

    def test_5_unreachable_scheduler_loses_nothing(self):
        url = self.pg.url(schema="sched")
        r = bulk(self.inputs, "--output", url, "--workers", "1", "--partition-size", "500")
        self.assertEqual(r.returncode, 0, r.stderr)
        before = {t: self.count(t, "sched") for t in ("articles", "places", "mentions")}
        r = bulk(self.inputs, "--output", url, "--scheduler", "tcp://127.0.0.1:9", timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot reach the Dask scheduler at tcp://127.0.0.1:9", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        self.assertEqual({t: self.count(t, "sched") for t in before}, before)
        self.assertEqual(self.query("SELECT status FROM bulk_runs ORDER BY started", "sched")[-1], ("failed",))

    # -- files without a database -------------------------------------------------------------

    def test_6_file_outputs_match_the_cli(self):
        out = os.path.join(self.tmp.name, "files")
        os.makedirs(out)
        jsonl = os.path.join(out, "all.jsonl")
        r = bulk(self.inputs, "--output", jsonl, "--workers", "2", "--partition-size", "60")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists(jsonl + ".parts"))
        cli = subprocess.run([CLI, "geoparse", "-q", self.inputs], capture_output=True, text=True,
                             env=dict(os.environ, GAZETTEER_INDEX=INDEX))
        self.assertEqual(cli.returncode, 0, cli.stderr)
        with open(jsonl) as f:
            self.assertEqual(f.read(), cli.stdout)  # same engine, same schema, same input order

        gpkg = os.path.join(out, "all.gpkg")
        r = bulk(self.inputs, "--output", gpkg, "--workers", "2", "--partition-size", "60")
        self.assertEqual(r.returncode, 0, r.stderr)
        from osgeo import ogr

        ds = ogr.Open(gpkg)
        counts = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
        self.assertEqual(counts["articles"], len(self.expected))
        self.assertEqual(counts["mentions"], sum(self.expected.values()))
        leftovers = [n for n in os.listdir(out) if n.startswith(".")]
        self.assertEqual(leftovers, [])

    def test_7_a_lost_worker_is_replaced_and_its_partition_rerun(self):
        out = os.path.join(self.tmp.name, "lost")
        os.makedirs(out)
        jsonl = os.path.join(out, "all.jsonl")
        env = dict(os.environ, GAZETTEER_INDEX=INDEX)
        proc = subprocess.Popen([BULK, self.inputs, "--output", jsonl, "--workers", "2", "--partition-size", "4"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        killed = None
        deadline = time.monotonic() + 240
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            parts = jsonl + ".parts"
            if os.path.isdir(parts) and len(os.listdir(parts)) >= 5:
                workers = worker_processes(proc.pid)
                if workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)  # as a machine that dies would
            time.sleep(0.02)
        _stdout, stderr = proc.communicate(timeout=300)
        self.assertIsNotNone(killed, "no worker process was found to kill: " + stderr)
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertIn(", 0 failed partitions", stderr)
        cli = subprocess.run([CLI, "geoparse", "-q", self.inputs], capture_output=True, text=True, env=env)
        with open(jsonl) as f:
            self.assertEqual(f.read(), cli.stdout)

    def test_8_a_batch_racing_another_writer_stores_only_what_is_missing(self):
        # What two writers holding the same article do (the same id in two partitions, a Dask
        # retry racing its slow first attempt): the second copy is refused by the keys and the
        # batch goes through the staging tables, inserting only the articles still missing.
        e = engine()
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(BULK)), "python"))
        from gazetteer_bulk import postgis

        idx = e.Index.open(INDEX)
        version = idx.gazetteer_version()
        schemas = e.bulk_layer_schemas()
        url = self.pg.url(schema="race")
        conn = postgis.connect(url)
        postgis.prepare(conn, schemas, "race")
        conn.close()
        lines = [json.dumps({"id": f"r{i}", "text": f"Ships left Lisbon for Dakar and Accra, convoy {i}."})
                 for i in range(10)]

        def batch(ids):
            b = e.BulkInput()
            b.read_jsonl("race.jsonl", 1, "\n".join(lines[i] for i in ids).encode())
            return idx.geoparse_batch(b)

        w = postgis.BatchWriter(url, schemas)
        self.assertEqual(w.write(batch(range(0, 6)), "first", version, []), 6)
        mentions = self.count("mentions", "race")
        self.assertEqual(w.write(batch(range(0, 6)), "second", version, []), 0)
        self.assertEqual(self.count("mentions", "race"), mentions)
        self.assertEqual(w.write(batch(range(3, 10)), "second", version, []), 4)
        self.assertEqual(self.query("SELECT run_id, count(*) FROM articles GROUP BY run_id ORDER BY 1", "race"),
                         [("first", 6), ("second", 4)])
        [(n, distinct)] = self.query("SELECT count(*), count(DISTINCT (article_id, start)) FROM mentions", "race")
        self.assertEqual(n, distinct)
        self.assertEqual(n, 10 * mentions // 6)
        w.conn.close()

    def test_9_a_killed_file_run_resumes_from_its_parts(self):
        out = os.path.join(self.tmp.name, "resume-files")
        os.makedirs(out)
        jsonl = os.path.join(out, "all.jsonl")
        parts = jsonl + ".parts"
        env = dict(os.environ, GAZETTEER_INDEX=INDEX)
        proc = subprocess.Popen([BULK, self.inputs, "--output", jsonl, "--workers", "2", "--partition-size", "4", "-q"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 240
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                if os.path.isdir(parts) and sum(n.startswith("part-") for n in os.listdir(parts)) >= 10:
                    break
                time.sleep(0.02)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        done = sorted(n for n in os.listdir(parts) if n.startswith("part-"))
        self.assertGreaterEqual(len(done), 10)
        self.assertFalse(os.path.exists(jsonl), "the run finished before it could be killed")

        r = bulk(self.inputs, "--output", jsonl, "--workers", "2", "--partition-size", "4")
        self.assertEqual(r.returncode, 1)
        self.assertIn("holds partitions of an unfinished run: pass --resume", r.stderr)
        self.assertEqual(sorted(n for n in os.listdir(parts) if n.startswith("part-")), done)  # nothing lost

        kept = 0
        for n in done:
            with open(os.path.join(parts, n)) as f:
                kept += sum(1 for _ in f)
        r = bulk(self.inputs, "--output", jsonl, "--workers", "2", "--partition-size", "4", "--resume")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists(parts))
        self.assertIn(f"{len(self.expected) - kept} articles written", r.stderr)
        cli = subprocess.run([CLI, "geoparse", "-q", self.inputs], capture_output=True, text=True, env=env)
        with open(jsonl) as f:
            self.assertEqual(f.read(), cli.stdout)


def worker_processes(parent: int) -> list[int]:
    """Dask worker processes a LocalCluster spawned under `parent` (multiprocessing spawn children)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if ppid == parent and b"spawn_main" in cmd:
            found.append(int(pid))
    return found


if __name__ == "__main__":
    reason = skip_reason()
    if reason:
        print(f"SKIPPED: {reason}")
        sys.exit(77)
    unittest.main(verbosity=2)
