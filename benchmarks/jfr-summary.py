#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: top self frames, and inclusive time per component.

Usage: jfr-summary.py RECORDING.jfr [top-N]
Needs JAVA_HOME (for the `jfr` tool). Standard library only.
"""
import collections
import json
import os
import subprocess
import sys

# markers: a sample counts for a marker if any frame of its stack matches; for those marked "self)", only the top frame
MARKERS = [
    ("JSON encode/decode (Jackson)", ("com.fasterxml.jackson.", "tools.jackson.")),
    ("Netty HTTP/1.1 decode (HttpObjectDecoder)", ("io.netty.handler.codec.http.HttpObjectDecoder",)),
    ("Netty HTTP/1.1 encode (HttpObjectEncoder)", ("io.netty.handler.codec.http.HttpObjectEncoder",)),
    ("epoll / socket syscalls (Netty Native, IOUtil)", ("io.netty.channel.epoll.Native", "io.netty.channel.unix.",
                                                        "sun.nio.ch.")),
    ("Rigel server code itself (dev.rigel.netty, self)", ("dev.rigel.netty.",)),
    ("Rigel routing (RouteTrie)", ("dev.rigel.internal.routing.",)),
    ("Rigel binding + DI + invoke (internal.app Binder/ProviderStep, internal.invoke)",
     ("dev.rigel.internal.app.Binder", "dev.rigel.internal.app.ProviderStep", "dev.rigel.internal.invoke.")),
    ("Rigel response encoding (ResponseEncoder)", ("dev.rigel.internal.app.ResponseEncoder",)),
    ("the app's middleware code itself (auth, tracing, rate limit; self)", ("dev.rigel.benchmarks.RigelBenchServer",
                                                                             "dev.rigel.examples.", "dev.rigel.middleware.")),
    ("logging (slf4j / logback)", ("org.slf4j.", "ch.qos.logback.")),
    ("random UUIDs (SecureRandom)", ("java.util.UUID.randomUUID", "sun.security.provider.")),
    ("virtual-thread scheduling: VirtualThread, ForkJoinPool, Continuation (self)", ("java.lang.VirtualThread",
                                                                                     "java.util.concurrent.ForkJoin",
                                                                                     "jdk.internal.vm.Continuation")),
]
# self time by the package of the sampled (top) frame
PACKAGES = ["dev.rigel.netty.", "dev.rigel.", "io.netty.", "com.fasterxml.jackson.", "ch.qos.logback.", "org.slf4j.",
            "sun.security.", "java.util.concurrent.", "java.lang.invoke.", "java.lang.", "java.util.", "java.nio.",
            "jdk.internal.", "sun.nio."]


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    out = []
    for f in stack.get("frames", []):
        m = f.get("method", {})
        t = m.get("type", {}).get("name", "?").replace("/", ".")
        out.append(f"{t}.{m.get('name', '?')}")
    return out


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
    raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(raw)["recording"]["events"]
    total = len(events)
    self_counts = collections.Counter()
    self_packages = collections.Counter()
    inclusive = collections.Counter()
    by_thread = collections.Counter()
    for e in events:
        fs = frames(e)
        if not fs:
            continue
        self_counts[fs[0]] += 1
        self_packages[next((p for p in PACKAGES if fs[0].startswith(p)), "other")] += 1
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        by_thread["".join(c for c in thread if not c.isdigit()).rstrip("-#")] += 1
        for label, prefixes in MARKERS:
            # frames at the bottom of every stack (server, middleware, scheduler) only count where they run themselves
            if (fs[0].startswith(prefixes) if label.endswith("self)") else any(f.startswith(prefixes) for f in fs)):
                inclusive[label] += 1
    print(f"{total} CPU samples (jdk.ExecutionSample) in {os.path.basename(path)}\n")
    print("| samples by thread | share |\n|---|---:|")
    for t, n in by_thread.most_common(6):
        print(f"| {t} | {100 * n / total:.1f}% |")
    print("\n| where the time goes (inclusive: any frame of the stack matches) | share |\n|---|---:|")
    for label, _ in MARKERS:
        print(f"| {label} | {100 * inclusive[label] / total:.1f}% |")
    print("\n| self time by package of the top frame | share |\n|---|---:|")
    for p, n in self_packages.most_common():
        print(f"| {p}* | {100 * n / total:.1f}% |")
    print(f"\n| top {top} self frames | share |\n|---|---:|")
    for f, n in self_counts.most_common(top):
        print(f"| `{f}` | {100 * n / total:.1f}% |")


if __name__ == "__main__":
    main()
