#!/usr/bin/env python3
"""Checks a contender's answers to TechEmpower's database tests before the harness loads it.

Usage: check.py [--count] BASE_URL WORKLOAD [BODY_FILE]
  WORKLOAD: db, queries1, queries20, fortunes, updates1, updates20
  BODY_FILE: where the last checked body is written (for the run's records)
  --count: for queries20 and updates20, also count what PostgreSQL did for one request (below);
    this waits about 12 s for the server's statistics, so the harness asks for it once per contender
Exit 0 when every check passed; otherwise prints each problem and exits 1.

The rules are those of TechEmpower's test types and of their verifier (toolset/test_types):
- every answer: 200, Server and Date headers, Content-Length or Transfer-Encoding, the Content-Type
  of the test (application/json, or text/html with charset utf-8 for fortunes);
- /db: one JSON object {"id", "randomNumber"}, both integers in 1..10000, nothing else;
- /queries and /updates: a JSON array of such objects, as many as the queries parameter says
  after the rule (2 -> 2, 0 -> 1, foo -> 1, empty -> 1, missing -> 1, 501 -> 500);
- every row answered is the row in the database (read from it, not made up);
- /updates: afterwards every row it answered holds one of the new numbers it answered, every
  such row changed, and no other row changed;
- /fortunes: the page's structure, the 12 fortunes of the table plus "Additional fortune added
  at request time." with id 0, sorted by message, text escaped (the <script> fortune is text);
- with --count, each row by its own query, as TechEmpower counts statements: one /queries?queries=20
  makes one index scan of world per row answered (fewer only for an id the request read twice,
  which an ORM's session may serve from memory), one /updates?queries=20 as many again for the
  writes and updates that many rows, and neither scans the table sequentially. The counts are
  PostgreSQL's per-table statistics (pg_stat_user_tables), which a server process publishes at
  most once a second, or after 10 s idle, hence the waits.
The database is read with psql (PGHOST/PGUSER defaults 127.0.0.1/postgres, database test, schema
TFB_SCHEMA or techempower). Standard library only.
"""
import html.parser
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

SCHEMA = os.environ.get("TFB_SCHEMA", "techempower")
ADDED = (0, "Additional fortune added at request time.")
CONTENT_TYPES = {
    "json": re.compile(r"^application/json(; ?charset=(UTF|utf)-8)?$"),
    "html": re.compile(r"^text/html; ?charset=(UTF|utf)-8$"),
}
problems = []


def fail(message):
    problems.append(message)


def psql(sql):
    out = subprocess.run(
        ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U", os.environ.get("PGUSER", "postgres"),
         "-d", os.environ.get("PGDATABASE", "test"), "-AtX", "-F", "\t", "-c", f"SET search_path = {SCHEMA}; " + sql],
        capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line and line != "SET"]


def world_table():
    return {int(i): int(n) for i, n in psql("SELECT id, randomnumber FROM world")}


def get(url):
    """GET over a fresh HTTP/1.1 connection left keep-alive (as TechEmpower's verifier asks: no
    Connection: close, which lets a server end the body by closing instead of giving its length)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    try:
        target = parts.path + ("?" + parts.query if parts.query or url.endswith("?") else "")
        connection.request("GET", target, headers={"Accept": "*/*"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def world_stats():
    row = psql("SELECT idx_scan, seq_scan, n_tup_upd FROM pg_stat_user_tables "
               f"WHERE schemaname = '{SCHEMA}' AND relname = 'world'")[0]
    return tuple(int(x) for x in row)


def count_statements(base, path, n):
    """One request of n rows, and what PostgreSQL counted for world meanwhile (see the module doc)."""
    url = f"{base}{path}?queries={n}"
    time.sleep(10.5)  # every statistic of earlier requests published
    before = world_stats()
    rows, _ = fetch_worlds(base, path, f"?queries={n}", n)
    distinct = len({i for i, _ in rows})
    least_scans = 2 * distinct if path == "/updates" else distinct
    # a process publishes its first statement's counts at once and the rest up to 10 s later
    after = before
    for _ in range(24):
        time.sleep(0.5)
        after = world_stats()
        if after[0] - before[0] >= least_scans and after[2] - before[2] >= (distinct if path == "/updates" else 0):
            time.sleep(1)
            after = world_stats()
            break
    index_scans, seq_scans, updated = (a - b for a, b in zip(after, before))
    reads = (distinct, n)
    if path == "/updates":
        # the writes find their rows by the primary key too
        reads = (2 * distinct, 2 * n)
        if not distinct <= updated <= n:
            fail(f"{url}: PostgreSQL updated {updated} rows of world, expected {n} ({distinct} distinct ids)")
    if not reads[0] <= index_scans <= reads[1]:
        fail(f"{url}: PostgreSQL made {index_scans} index scans of world, expected {reads[0]}..{reads[1]}"
             " (one statement per row read" + (" and per row written)" if path == "/updates" else ")"))
    if seq_scans:
        fail(f"{url}: PostgreSQL scanned world sequentially {seq_scans} times")
    print(f"counted {url}: {index_scans} index scans, {seq_scans} sequential scans, {updated} rows updated")


def check_headers(url, status, headers, kind):
    if status != 200:
        fail(f"{url}: status {status}, not 200")
    for name in ("server", "date", "content-type"):
        if name not in headers:
            fail(f"{url}: no {name.title()} header")
    if "content-length" not in headers and "transfer-encoding" not in headers:
        fail(f"{url}: neither Content-Length nor Transfer-Encoding")
    if "content-type" in headers and not CONTENT_TYPES[kind].match(headers["content-type"]):
        fail(f"{url}: Content-Type {headers['content-type']!r} is not the test's ({CONTENT_TYPES[kind].pattern})")


def check_world(url, world):
    """One {"id", "randomNumber"} object; returns (id, number) or None."""
    if not isinstance(world, dict):
        fail(f"{url}: {str(world)[:40]!r} is not a JSON object")
        return None
    if set(world) != {"id", "randomNumber"}:
        fail(f"{url}: keys {sorted(world)}, expected exactly id and randomNumber")
        return None
    i, n = world["id"], world["randomNumber"]
    if type(i) is not int or type(n) is not int:
        fail(f"{url}: id and randomNumber must be JSON integers: {world}")
        return None
    if not 1 <= i <= 10000 or not 1 <= n <= 10000:
        fail(f"{url}: id or randomNumber outside 1..10000: {world}")
    return i, n


def fetch_worlds(base, path, param, expected_len):
    url = base + path + param
    status, headers, body = get(url)
    check_headers(url, status, headers, "json")
    try:
        data = json.loads(body)
    except ValueError:
        fail(f"{url}: not JSON: {body[:80]!r}")
        return [], body
    if not isinstance(data, list):
        fail(f"{url}: a JSON {type(data).__name__}, expected an array")
        return [], body
    if len(data) != expected_len:
        fail(f"{url}: {len(data)} rows, expected {expected_len}")
    rows = [check_world(url, w) for w in data]
    return [r for r in rows if r], body


def check_rows_in_db(url, rows):
    if not rows:
        return
    table = world_table()
    wrong = [(i, n, table.get(i)) for i, n in rows if table.get(i) != n]
    if wrong:
        fail(f"{url}: {len(wrong)} of {len(rows)} rows differ from the database, e.g. id {wrong[0][0]}: "
             f"answered {wrong[0][1]}, stored {wrong[0][2]}")


def queries_cases(base, path):
    """TechEmpower's cases for the queries parameter, plus a missing parameter."""
    body = b""
    for param, n in (("?queries=2", 2), ("?queries=0", 1), ("?queries=foo", 1), ("?queries=501", 500),
                     ("?queries=", 1), ("", 1)):
        rows, body = fetch_worlds(base, path, param, n)
        if path == "/queries":
            check_rows_in_db(base + path + param, rows)
    return body


def check_db(base):
    url = base + "/db"
    status, headers, body = get(url)
    check_headers(url, status, headers, "json")
    try:
        world = json.loads(body)
    except ValueError:
        fail(f"{url}: not JSON: {body[:80]!r}")
        return body
    row = check_world(url, world)
    if row:
        check_rows_in_db(url, [row])
    # the Date header is the current one, not cached at startup
    time.sleep(1.1)
    _, later, _ = get(url)
    if headers.get("date") and headers.get("date") == later.get("date"):
        fail(f"{url}: the same Date header 1.1 s later ({headers['date']})")
    return body


def check_queries(base, n):
    queries_cases(base, "/queries")
    rows, body = fetch_worlds(base, "/queries", f"?queries={n}", n)
    check_rows_in_db(f"{base}/queries?queries={n}", rows)
    return body


def check_updates(base, n):
    queries_cases(base, "/updates")
    body = b""
    for count in sorted({n, 20}):
        url = f"{base}/updates?queries={count}"
        before = world_table()
        rows, body = fetch_worlds(base, "/updates", f"?queries={count}", count)
        after = world_table()
        answered = {}
        for i, number in rows:
            answered.setdefault(i, set()).add(number)
        not_written = [i for i, numbers in answered.items() if after.get(i) not in numbers]
        if not_written:
            fail(f"{url}: {len(not_written)} rows do not hold a number the answer gave, e.g. id {not_written[0]}: "
                 f"stored {after.get(not_written[0])}, answered {sorted(answered[not_written[0]])}")
        unchanged = [i for i in answered if before.get(i) == after.get(i)]
        if unchanged:
            fail(f"{url}: {len(unchanged)} of {len(answered)} rows did not change, e.g. id {unchanged[0]}")
        others = [i for i in after if i not in answered and before.get(i) != after[i]]
        if others:
            fail(f"{url}: {len(others)} rows changed that the answer does not list, e.g. id {others[0]}")
    return body


class Page(html.parser.HTMLParser):
    """The page as a list of tags and texts (entities decoded, blank text and tbody/thead dropped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_decl(self, decl):
        self.tokens.append("<!" + decl.lower() + ">")

    def handle_starttag(self, tag, attrs):
        if tag not in ("tbody", "thead", "meta"):
            self.tokens.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag not in ("tbody", "thead", "meta"):
            self.tokens.append(f"</{tag}>")

    def handle_data(self, data):
        if data.strip():
            self.tokens.append(data)


def check_fortunes(base):
    url = base + "/fortunes"
    status, headers, body = get(url)
    check_headers(url, status, headers, "html")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{url}: the body is not UTF-8")
        return body
    stored = [(int(i), m) for i, m in psql("SELECT id, message FROM fortune")]
    if len(stored) != 12:
        fail(f"the fortune table holds {len(stored)} rows, not 12 (run benchmarks/techempower/setup.sql)")
    expected_rows = sorted(stored + [ADDED], key=lambda f: f[1])
    expected = ["<!doctype html>", "<html>", "<head>", "<title>", "Fortunes", "</title>", "</head>", "<body>",
                "<table>", "<tr>", "<th>", "id", "</th>", "<th>", "message", "</th>", "</tr>"]
    for i, message in expected_rows:
        expected += ["<tr>", "<td>", str(i), "</td>", "<td>", message, "</td>", "</tr>"]
    expected += ["</table>", "</body>", "</html>"]
    page = Page()
    page.feed(text)
    page.close()
    if page.tokens != expected:
        first = next((k for k, (a, b) in enumerate(zip(page.tokens, expected)) if a != b),
                     min(len(page.tokens), len(expected)))
        got = page.tokens[first] if first < len(page.tokens) else "(end)"
        want = expected[first] if first < len(expected) else "(end)"
        fail(f"{url}: the page differs from the expected one at item {first}: {got!r}, expected {want!r}")
    if "<script>" in text or "&lt;script&gt;" not in text.replace("&#60;", "&lt;").replace("&#62;", "&gt;"):
        fail(f"{url}: the <script> fortune is not HTML-escaped")
    return body


def main():
    args = sys.argv[1:]
    count = "--count" in args
    args = [a for a in args if a != "--count"]
    base, workload = args[0].rstrip("/"), args[1]
    checks = {
        "db": lambda: check_db(base),
        "queries1": lambda: check_queries(base, 1),
        "queries20": lambda: check_queries(base, 20),
        "fortunes": lambda: check_fortunes(base),
        "updates1": lambda: check_updates(base, 1),
        "updates20": lambda: check_updates(base, 20),
    }
    if workload not in checks:
        print(f"check.py: unknown workload {workload}", file=sys.stderr)
        return 2
    try:
        body = checks[workload]()
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"{workload}: {e}")
        body = b""
    if count and workload in ("queries20", "updates20") and not problems:
        try:
            count_statements(base, "/" + workload[:-2], 20)
        except (OSError, subprocess.CalledProcessError) as e:
            fail(f"{workload}: counting statements: {e}")
    if len(args) > 2:
        with open(args[2], "wb") as f:
            f.write(body or b"")
    for p in problems:
        print("FAIL " + p)
    if not problems:
        print(f"ok {workload}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
