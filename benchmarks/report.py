#!/usr/bin/env python3
"""Turns the per-run files of benchmarks/run.sh into one table, a JSON file and an SVG bar chart.

Usage: report.py RUN_DIR OUT_PREFIX SETTINGS "CONTENDERS" "WORKLOADS"
       report.py --svg RESULTS.json OUT.svg      (redraw the chart from a saved JSON)
Writes OUT_PREFIX.json and OUT_PREFIX.svg; prints the table (Markdown) on stdout.
Standard library only.
"""
import datetime
import json
import os
import platform
import subprocess
import sys
from xml.sax.saxutils import escape

# every ratio is to this contender's requests/s on the same workload (run.sh passes BASELINE)
BASELINE = os.environ.get("BASELINE") or "raw-netty"
WORKLOAD_LABELS = {
    "plaintext": "GET /plaintext",
    "json": "GET /json",
    "users": "GET /api/v1/users",
    "user": "GET /api/v1/users/1",
    "user-jwt": "GET /api/v1/users/1 with a JWT",
    "db": "GET /db",
    "queries1": "GET /queries?queries=1",
    "queries20": "GET /queries?queries=20",
    "fortunes": "GET /fortunes",
    "updates1": "GET /updates?queries=1",
    "updates20": "GET /updates?queries=20",
}
# h2-X: workload X over h2c (prior knowledge), loaded with h2load
for _name, _label in list(WORKLOAD_LABELS.items()):
    WORKLOAD_LABELS["h2-" + _name] = _label + " over h2c"


def machine():
    info = {"nproc": os.cpu_count(), "os": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["memory_mb"] = int(line.split()[1]) // 1024
    except OSError:
        pass
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
        info["jdk"] = out[1].strip() if len(out) > 1 else out[0].strip()
    except (OSError, IndexError):
        pass
    try:
        info["wrk"] = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    return info


def rounds_of(run_dir, stem):
    """Every round's file for a stem ("rigel-vt" or "rigel-vt.user"), in round order."""
    found = []
    n = 1
    while os.path.exists(os.path.join(run_dir, f"{stem}.r{n}.json")):
        found.append(json.load(open(os.path.join(run_dir, f"{stem}.r{n}.json"))))
        n += 1
    return found


def rps_of(r):
    return r["wrk"]["requests"] * 1e6 / r["wrk"]["duration_us"]


def median_row(runs):
    """The round with the median requests/s (the lower middle for an even count), plus every round's rps."""
    ok = sorted((r for r in runs if r.get("status") == "ok"), key=rps_of)
    if not ok:
        return runs[-1] if runs else None
    row = dict(ok[(len(ok) - 1) // 2])
    row["rounds_rps"] = [round(rps_of(r), 1) if r.get("status") == "ok" else None for r in runs]
    return row


def load(run_dir, contenders, workloads):
    rows, procs = [], {}
    for c in contenders:
        runs = rounds_of(run_dir, c)
        ok = sorted((p for p in runs if p.get("status") == "ok"), key=lambda p: p["startup_ms"])
        procs[c] = dict(ok[(len(ok) - 1) // 2]) if ok else (runs[-1] if runs else {"contender": c, "status": "not run"})
        if ok:
            procs[c]["rounds_startup_ms"] = [p.get("startup_ms") for p in runs]
            procs[c]["rss_kb"] = sorted(p["rss_kb"] for p in ok)[(len(ok) - 1) // 2]
            procs[c]["rss_peak_kb"] = sorted(p["rss_peak_kb"] for p in ok)[(len(ok) - 1) // 2]
            for key in ("rss_start_kb", "heap_after_gc_kb", "metaspace_kb", "rss_after_gc_kb"):
                values = sorted(p[key] for p in ok if p.get(key) is not None)
                procs[c][key] = values[(len(values) - 1) // 2] if values else None
        for w in workloads:
            row = median_row(rounds_of(run_dir, f"{c}.{w}"))
            if row and row.get("status") == "not served":
                continue
            rows.append(row if row else {"contender": c, "workload": w, "status": procs[c].get("status", "not run")})
    base = {}
    for r in rows:
        if r.get("status") == "ok":
            wrk = r["wrk"]
            r["rps"] = round(wrk["requests"] * 1e6 / wrk["duration_us"], 1)
            r["errors"] = wrk["connect_errors"] + wrk["read_errors"] + wrk["write_errors"] + wrk["timeouts"]
            r["non_2xx"] = wrk["non_2xx"]
            # a server that mostly refuses or drops requests is fast for the wrong reason
            r["valid"] = r["errors"] + r["non_2xx"] <= 0.01 * max(wrk["requests"], 1)
            if r["contender"] == BASELINE:
                base[r["workload"]] = r["rps"]
    for r in rows:
        if r.get("status") == "ok" and r["valid"] and r["workload"] in base:
            r["ratio"] = round(r["rps"] / base[r["workload"]], 3)
    # an h2-X row against the same contender's X row (HTTP/1.1) of the same run
    http1 = {(r["contender"], r["workload"]): r["rps"] for r in rows if r.get("status") == "ok" and r["valid"]}
    for r in rows:
        w = r["workload"]
        if w.startswith("h2-") and r.get("status") == "ok" and r["valid"] and (r["contender"], w[3:]) in http1:
            r["ratio_to_http1"] = round(r["rps"] / http1[(r["contender"], w[3:])], 3)
    return rows, procs


def ms(us):
    return f"{us / 1000:.2f}"


def table(rows, procs):
    multi = any(len(r.get("rounds_rps", [])) > 1 for r in rows)
    h2 = any(r["workload"].startswith("h2-") for r in rows)
    out = [f"| contender | workload | requests/s | p50 ms | p99 ms | errors | non-2xx | ratio to {BASELINE} |"
           + (" h2c ÷ HTTP/1.1 |" if h2 else "") + (" rounds (req/s) |" if multi else ""),
           "|---|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if h2 else "") + ("---|" if multi else "")]
    for r in rows:
        label = WORKLOAD_LABELS.get(r["workload"], r["workload"])
        if r.get("status") != "ok":
            out.append(f"| {r['contender']} | {label} | n/a ({r.get('status')}) | | | | | |" + (" |" if h2 else "")
                       + (" |" if multi else ""))
            continue
        w = r["wrk"]
        ratio = ratio_of(r)
        if not r["valid"]:
            ratio = None
            label += " (invalid: over 1% errors / non-2xx)"
        out.append(f"| {r['contender']} | {label} | {r['rps']:,.0f} | {ms(w['p50_us'])} | {ms(w['p99_us'])} | "
                   f"{r['errors']} | {r['non_2xx']} | {'' if ratio is None else f'{ratio:.2f}'} |"
                   + (f" {r['ratio_to_http1']:.2f} |" if "ratio_to_http1" in r else " |" if h2 else "")
                   + (" " + " / ".join("-" if x is None else f"{x:,.0f}" for x in r.get("rounds_rps", [])) + " |"
                      if multi else ""))
    out += ["", "| contender | startup to first successful request (ms) | RSS idle after startup (MB) | RSS after the run (MB)"
            " | peak RSS (MB) | heap used after a full GC (MB) | metaspace (MB) | RSS after that GC (MB) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]

    def mb(p, key):
        return f"{p[key] / 1024:.0f}" if p.get(key) is not None else ""

    for c, p in procs.items():
        if p.get("status") == "ok":
            out.append(f"| {c} | {p['startup_ms']} | {mb(p, 'rss_start_kb')} | {mb(p, 'rss_kb')} | {mb(p, 'rss_peak_kb')} | "
                       f"{mb(p, 'heap_after_gc_kb')} | {mb(p, 'metaspace_kb')} | {mb(p, 'rss_after_gc_kb')} |")
        else:
            out.append(f"| {c} | n/a ({p.get('status')}) | | | | | | |")
    return "\n".join(out)


def ratio_of(r):
    """The row's ratio to the baseline (older JSON files call it ratio_to_raw_netty)."""
    return r.get("ratio", r.get("ratio_to_raw_netty"))


def svg(data, path):
    baseline = data.get("baseline", "raw-netty")
    rows = [dict(r, ratio=ratio_of(r)) for r in data["results"] if ratio_of(r) is not None]
    workloads = [w for w in data["workloads"] if any(r["workload"] == w for r in rows)]
    contenders = [c for c in data["contenders"] if any(r["contender"] == c for r in rows)]
    palette = ["#888888", "#1f77b4", "#17becf", "#9467bd", "#ff7f0e", "#2ca02c", "#d62728", "#8c564b", "#e377c2"]
    colour = {c: palette[i % len(palette)] for i, c in enumerate(contenders)}
    bar_h, gap, label_w, plot_w = 14, 14, 170, 520
    top = 60
    top_ratio = max([1.0] + [r["ratio"] for r in rows])
    scale = plot_w / (top_ratio * 1.08)
    y = top
    parts = []
    for w in workloads:
        parts.append(f'<text x="10" y="{y + 12}" font-weight="bold">{escape(WORKLOAD_LABELS.get(w, w))}</text>')
        y += 18
        for c in contenders:
            r = next((r for r in rows if r["workload"] == w and r["contender"] == c), None)
            if r is None:
                continue
            width = r["ratio"] * scale
            parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 3}" text-anchor="end">{escape(c)}</text>')
            parts.append(f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{colour[c]}"/>')
            parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + bar_h - 3}">'
                         f'{r["ratio"]:.2f} ({r["rps"]:,.0f} req/s)</text>')
            y += bar_h + 3
        y += gap
    one = label_w + scale
    height = y + 20
    width = label_w + plot_w + 150
    head = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'font-family="sans-serif" font-size="11">',
            f'<rect width="{width}" height="{height}" fill="white"/>',
            f'<text x="10" y="20" font-size="14" font-weight="bold">Requests/s as a ratio to {escape(baseline)} '
            f'(same run, higher is better)</text>',
            f'<text x="10" y="38">{escape(data["date"])} · {escape(data["settings"])} · '
            f'{escape(str(data["machine"].get("nproc")))} cores · {escape(data["machine"].get("jdk", ""))}</text>',
            f'<line x1="{one:.1f}" y1="{top - 6}" x2="{one:.1f}" y2="{y - gap}" stroke="#444" '
            f'stroke-dasharray="4,3"/>',
            f'<text x="{one:.1f}" y="{top - 9}" text-anchor="middle">1.0 = {escape(baseline)}</text>']
    with open(path, "w") as f:
        f.write("\n".join(head + parts + ["</svg>", ""]))


def main():
    if sys.argv[1] == "--svg":
        svg(json.load(open(sys.argv[2])), sys.argv[3])
        return
    run_dir, out, settings, contenders, workloads = sys.argv[1:6]
    contenders, workloads = contenders.split(), workloads.split()
    rows, procs = load(run_dir, contenders, workloads)
    info = machine()
    for when in ("start", "end"):
        path = os.path.join(run_dir, "loadavg-" + when)
        if os.path.exists(path):
            info["loadavg_" + when] = open(path).read().strip()
    data = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "settings": settings,
        "machine": info,
        "baseline": BASELINE,
        "contenders": contenders,
        "workloads": workloads,
        "results": rows,
        "processes": list(procs.values()),
    }
    with open(out + ".json", "w") as f:
        json.dump(data, f, indent=2)
    svg(data, out + ".svg")
    print(f"\n{data['date']} · {settings} · {data['machine'].get('nproc')} cores "
          f"({data['machine'].get('cpu', '?')}) · {data['machine'].get('jdk', '?')}\n")
    if "loadavg_start" in info:
        print(f"load average (1/5/15 min) at start {info['loadavg_start']}, at end {info.get('loadavg_end')}\n")
    print(table(rows, procs))
    print(f"\nwrote {out}.json and {out}.svg")


if __name__ == "__main__":
    main()
