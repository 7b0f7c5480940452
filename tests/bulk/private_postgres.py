"""A throwaway PostgreSQL + PostGIS cluster for tests and benchmarks.

initdb in a fresh temporary folder, listening only on a Unix socket in that folder (no TCP), as
an unprivileged user when we are root (initdb and postgres refuse to run as root). A watchdog
process stops the server and removes the folder when this process ends, however it ends (a CTest
timeout kills with SIGKILL, which no finally block survives).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time


class Unavailable(Exception):
    """PostgreSQL or PostGIS is not installed: the caller skips."""


def _bin_dir() -> str:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    raise Unavailable("no PostgreSQL server binaries (install postgresql-15)")


class PrivatePostgres:
    def __init__(self, port: int = 5432, settings: dict | None = None):
        self.bin = _bin_dir()
        version = os.path.basename(os.path.dirname(self.bin))
        if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
            raise Unavailable(f"PostGIS is not installed for PostgreSQL {version} (install postgresql-{version}-postgis-3)")
        self.port = port
        self.settings = settings or {}
        self.dir = None
        self.user = "gazetteer"
        self.dbname = "gazetteer"

    @property
    def data(self) -> str:
        return os.path.join(self.dir, "data")

    def _as_owner(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        return ["runuser", "-u", "nobody", "--"]

    def start(self) -> "PrivatePostgres":
        self.dir = tempfile.mkdtemp(prefix="gz-pg-")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("nobody")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        run = lambda cmd: subprocess.run(self._as_owner() + cmd, check=True, stdout=subprocess.DEVNULL,  # noqa: E731
                                         stderr=subprocess.PIPE, text=True, cwd=self.dir)
        try:
            run([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                 "--no-locale", "--no-sync"])
            opts = [f"-c listen_addresses=''", f"-c unix_socket_directories={self.dir}", f"-p {self.port}"]
            opts += [f"-c {k}={v}" for k, v in self.settings.items()]
            self._watchdog()
            run([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "server.log"),
                 "-o", " ".join(opts), "-w", "-t", "60", "start"])
            run([os.path.join(self.bin, "createdb"), "-h", self.dir, "-p", str(self.port), "-U", self.user, self.dbname])
        except subprocess.CalledProcessError as e:
            log = ""
            try:
                with open(os.path.join(self.dir, "server.log")) as f:
                    log = f.read()[-2000:]
            except OSError:
                pass
            self.stop()
            raise RuntimeError(f"cannot start a private PostgreSQL: {e.stderr}{log}") from e
        return self

    def _watchdog(self) -> None:
        # Detached (own session), so that killing our process group does not kill it too.
        script = (f'while [ -d /proc/{os.getpid()} ]; do sleep 1; done; '
                  f'{self.bin}/pg_ctl -D "{self.data}" -m immediate stop >/dev/null 2>&1; rm -rf "{self.dir}"')
        # The shell puts the loop in the background and exits at once: the loop outlives us.
        subprocess.run(["sh", "-c", f"({script}) &"], start_new_session=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    def url(self, schema: str | None = None) -> str:
        u = f"postgresql:///{self.dbname}?host={self.dir}&port={self.port}&user={self.user}"
        return u + (f"&schema={schema}" if schema else "")

    def connect(self):
        import psycopg2

        return psycopg2.connect(host=self.dir, port=self.port, user=self.user, dbname=self.dbname)

    def stop(self) -> None:
        if not self.dir:
            return
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(self._as_owner() + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast",
                                               "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           cwd=self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


if __name__ == "__main__":  # a manual check: start, print the URL, stop on Enter
    with PrivatePostgres() as pg:
        print(pg.url(), flush=True)
        sys.stdin.readline()
