"""Lighthouse on login, home and each pillar's index (`make audit`; not part of `make test`).

Starts Lotse on a throw-away SQLite database with the demo data, signs in as the demo staff
member, and runs Lighthouse 12.8.2 (npm, through npx) with the system Chromium on each page.
Prints the accessibility and best-practices scores and writes the reports to
test-artifacts/lighthouse/. Exit status 1 if any score is below 100.
"""

# ruff: noqa: S603, S607 - runs our own flask and npx with fixed arguments
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "lighthouse"
PORT = int(os.environ.get("AUDIT_PORT", "5099"))
BASE = f"http://127.0.0.1:{PORT}"
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]


def pages() -> list[str]:
    from intranet import create_app, features

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    with app.test_request_context():
        from flask import url_for

        return ["/konto/anmelden", "/"] + [url_for(f.nav.endpoint) for f in features.pillars() if f.nav]


def session_cookie() -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{BASE}/konto/anmelden").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = {"email": "mitarbeiterin@lotse.example", "password": "demo", "csrf_token": token}
    opener.open(f"{BASE}/konto/anmelden", urllib.parse.urlencode(data).encode())
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    database = Path(tempfile.mkdtemp()) / "audit.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run([*FLASK, "db", "upgrade"], cwd=ROOT, env=env, check=True)
    subprocess.run([*FLASK, "seed-demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([*FLASK, "run", "--port", str(PORT), "--no-reload"], cwd=ROOT, env=env)
    failed = False
    try:
        time.sleep(3)
        cookie = session_cookie()
        for path in pages():
            name = path.strip("/").replace("/", "_") or "home"
            headers = {} if path == "/konto/anmelden" else {"Cookie": cookie}
            report = OUT / f"{name}.json"
            subprocess.run(
                [
                    "npx", "--yes", "lighthouse@12.8.2", BASE + path,
                    "--only-categories=accessibility,best-practices", "--output=json",
                    f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox",
                    f"--extra-headers={json.dumps(headers)}",
                ],
                cwd=ROOT, env=env, check=True,
            )  # fmt: skip
            categories = json.loads(report.read_text())["categories"]
            scores = {key: round(value["score"] * 100) for key, value in categories.items()}
            failed |= any(score < 100 for score in scores.values())
            print(f"{path:<24} " + "  ".join(f"{key} {score}" for key, score in scores.items()))
    finally:
        server.terminate()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
