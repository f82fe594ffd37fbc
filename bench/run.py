"""`make bench`: Landkreis-scale seed, gunicorn (2 sync workers), wrk, one table.

Usage: python -m bench.run [--databases sqlite,postgresql] [--duration 10] [--connections 16]
                           [--only NAME-SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_ADMIN = os.environ.get("LOTSE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
SECRET = "bench-secret-key-0123456789-0123456789-abcdef"


@dataclass
class Result:
    page: str
    database: str
    rps: float
    p50: float
    p95: float
    p99: float
    ratio: float
    queries: int | str
    rss_mb: float
    non2xx: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(kind: str) -> str:
    if kind == "sqlite":
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "lotse_bench" WITH (FORCE)')
        conn.execute('CREATE DATABASE "lotse_bench"')
    return "postgresql+psycopg://" + PG_ADMIN.split("://", 1)[1].rsplit("/", 1)[0] + "/lotse_bench"


def app_env(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": SECRET,
            "LOTSE_ENV": "production",
            "LOTSE_HTTPS": "0",
            "LOTSE_BASE_URL": "http://127.0.0.1",  # production needs it; wrk asks for 127.0.0.1
            "RATELIMIT_ENABLED": "0",
            "MAIL_BACKEND": "console",
            "LOTSE_SCHEDULER": "off",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def seed(url: str):
    from bench.seed import seed_all
    from intranet import create_app
    from intranet.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        ctx = seed_all()
        print(f"  Seed: {time.perf_counter() - started:.1f} s", flush=True)
    return app, ctx


def pages_for(ctx):
    from bench.context import BenchPage
    from bench.seed import feature_modules

    pages = [
        BenchPage("Anmeldung", "/konto/anmelden", None),
        BenchPage("Start", "/", "staff"),
        BenchPage("Personenliste (Admin)", "/verwaltung/personen?page=3", "admin"),
        BenchPage("Organisation", "/organisation/", "staff"),
    ]
    for module in feature_modules():
        pages.extend(module.pages(ctx))
    return pages


def count_queries(app, ctx, page) -> int | str:
    """SQL statements for one request of the page (in-process, same database)."""
    from intranet.auth.models import User
    from intranet.extensions import db

    with app.app_context():
        client = app.test_client()
        if page.role:
            user = db.session.get(User, ctx.role_user_ids[page.role])
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
        statements = []

        def counter(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            with app.app_context():
                status = client.get(page.path, headers=dict(page.headers)).status_code
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return len(statements) if status < 400 else f"{len(statements)} (HTTP {status})"


class Server:
    def __init__(self, module: str, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - fixed command line
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-w",
                "2",
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                module,
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/healthz" if "wsgi" in module else self.url, timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {module} did not start")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],  # noqa: S603,S607
            capture_output=True,
            text=True,
        ).stdout
        return [int(pid) for pid in out.split()]

    def peak_rss_mb(self) -> float:
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks, default=0.0)

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)


def login_cookie(base: str, email: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/konto/anmelden").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": "bench"}).encode()
    opener.open(base + "/konto/anmelden", data=data)
    cookie = next((c for c in jar if c.name == "lotse_session"), None)
    if cookie is None:
        raise RuntimeError(f"login failed for {email}")
    return f"lotse_session={cookie.value}"


def wrk(url: str, duration: int, connections: int, cookie: str | None, headers=()) -> dict:
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench/report.lua"),
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    for name, value in headers:
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    return json.loads(line.removeprefix("WRKJSON "))


def measure(kind: str, args) -> list[Result]:
    print(f"\n== {kind}: Seed …", flush=True)
    url = database_url(kind)
    app, ctx = seed(url)
    env = app_env(url)
    hello = Server("bench.hello:app", env)
    hello_stats = wrk(hello.url + "/", args.duration, args.connections, None)
    hello.stop()
    hello_rps = hello_stats["requests"] / (hello_stats["duration_us"] / 1e6)
    results = [
        Result(
            "Hello World (Flask)",
            kind,
            hello_rps,
            hello_stats["p50"] / 1000,
            hello_stats["p95"] / 1000,
            hello_stats["p99"] / 1000,
            1.0,
            0,
            0.0,
            hello_stats["non2xx"],
        )
    ]
    server = Server("wsgi:app", env)
    try:
        cookies = {role: login_cookie(server.url, email) for role, email in ctx.emails.items()}
        for page in pages_for(ctx):
            if args.only and args.only.lower() not in page.name.lower():
                continue
            stats = wrk(
                server.url + page.path,
                args.duration,
                args.connections,
                cookies.get(page.role) if page.role else None,
                page.headers,
            )
            rps = stats["requests"] / (stats["duration_us"] / 1e6)
            result = Result(
                page.name,
                kind,
                rps,
                stats["p50"] / 1000,
                stats["p95"] / 1000,
                stats["p99"] / 1000,
                rps / hello_rps,
                count_queries(app, ctx, page),
                server.peak_rss_mb(),
                stats["non2xx"],
            )
            results.append(result)
            print(
                f"  {page.name}: {rps:.0f} req/s, p95 {result.p95:.1f} ms, {result.queries} SQL", flush=True
            )
    finally:
        server.stop()
    return results


def table(results: list[Result]) -> str:
    lines = [
        "| Seite | DB | req/s | p50 ms | p95 ms | p99 ms | vs. Hello | SQL/Req | RSS/Worker MB | Fehler |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.page} | {r.database} | {r.rps:.0f} | {r.p50:.1f} | {r.p95:.1f} | "
            f"{r.p99:.1f} | {r.ratio:.0%} | {r.queries} | {r.rss_mb:.0f} | {r.non2xx} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    results = []
    for kind in args.databases.split(","):
        results.extend(measure(kind.strip(), args))
    report = table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(report + "\n")
    print("\n" + report)
    print(f"\n(gespeichert in {RESULTS / 'latest.md'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
