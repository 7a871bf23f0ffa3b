#!/usr/bin/env python3
"""Turns one h2load run into the JSON line benchmarks/wrk/report.lua prints for wrk, so run.sh and
report.py treat HTTP/2 rows like HTTP/1.1 ones.

Usage: summary.py H2LOAD_STDOUT H2LOAD_LOG     (the log is h2load's --log-file)
Prints {"requests", "duration_us", "bytes", the error counts, "non_2xx", "p50_us", "p90_us",
"p99_us", "max_us", "mean_us"}. h2load prints no percentiles, so they come from the per-request
log (one line per response: start time, status, microseconds to the end of the response).
Error mapping: h2load's "errored" requests (stream or connection failures) are read errors, its
"timeout" ones timeouts; "non_2xx" counts 4xx and 5xx answers, as wrk's status errors do.
Standard library only.
"""
import json
import re
import sys


def parse_stdout(text):
    finished = re.search(r"finished in ([\d.]+)(m?s)", text)
    requests = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                         r"(\d+) failed, (\d+) errored, (\d+) timeout", text)
    codes = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text)
    traffic = re.search(r"traffic: \S+ \((\d+)\) total", text)
    if not (finished and requests and codes):
        raise SystemExit("h2load output not understood:\n" + text)
    seconds = float(finished.group(1)) / (1000 if finished.group(2) == "ms" else 1)
    done, errored, timeout = int(requests.group(3)), int(requests.group(6)), int(requests.group(7))
    return {
        "requests": done,
        "duration_us": round(seconds * 1e6),
        "bytes": int(traffic.group(1)) if traffic else 0,
        "connect_errors": 0,
        "read_errors": errored,
        "write_errors": 0,
        "timeouts": timeout,
        "non_2xx": int(codes.group(3)) + int(codes.group(4)),
    }


def percentile(sorted_values, p):
    if not sorted_values:
        return 0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


def latencies(log_path):
    values = []
    with open(log_path) as f:
        for line in f:
            columns = line.split("\t")
            if len(columns) >= 3:
                values.append(int(columns[2]))
    values.sort()
    return values


def main():
    with open(sys.argv[1]) as f:
        result = parse_stdout(f.read())
    values = latencies(sys.argv[2])
    for p in (50, 90, 99):
        result[f"p{p}_us"] = percentile(values, p)
    result["max_us"] = values[-1] if values else 0
    result["mean_us"] = round(sum(values) / len(values), 1) if values else 0.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
