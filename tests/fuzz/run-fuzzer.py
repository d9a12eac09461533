#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one libFuzzer harness as a test: replays the committed corpus and
regression inputs, then fuzzes for a bounded time in a fresh work
directory (nothing in the source tree changes). Fails on any finding and
prints libFuzzer's final statistics for the report."""

import argparse
import os
import re
import shutil
import subprocess
import sys


def inputs(*dirs):
    files = []
    for d in dirs:
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                path = os.path.join(d, name)
                if os.path.isfile(path) and not name.startswith("."):
                    files.append(path)
    return files


def run(cmd, env, log):
    print("$", " ".join(cmd[:8]) + (" …" if len(cmd) > 8 else ""), flush=True)
    with open(log, "w+", encoding="utf-8", errors="replace") as out:
        status = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        out.seek(0)
        text = out.read()
    return status, text


def stats(text):
    found = dict(re.findall(r"^stat::(\w+):\s*(\d+)", text, re.M))
    done = re.findall(r"^#(\d+)\s+DONE\s+(.*)$", text, re.M)
    last = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+)", text, re.M)
    return found, (done[-1] if done else None), (last[-1] if last else None)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fuzzer", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--regressions", required=True)
    p.add_argument("--dict")
    p.add_argument("--work", required=True)
    p.add_argument("--suppressions")
    p.add_argument("--max-len", type=int, default=65536)
    p.add_argument("--seconds", type=int, default=60)
    args = p.parse_args()

    name = os.path.basename(args.fuzzer)
    env = dict(os.environ)
    env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1"
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    if args.suppressions:
        env["LSAN_OPTIONS"] = "suppressions=" + args.suppressions
    # GLib's own criticals abort in the harness already; G_DEBUG would
    # also make it abort on things the harness does not care about.
    env.pop("G_DEBUG", None)

    shutil.rmtree(args.work, ignore_errors=True)
    corpus = os.path.join(args.work, "corpus")
    artifacts = os.path.join(args.work, "artifacts") + os.sep
    os.makedirs(corpus)
    os.makedirs(artifacts)

    common = [
        "-timeout=10",
        "-rss_limit_mb=2048",
        "-artifact_prefix=" + artifacts,
    ]

    # 1. Every committed input, once each.
    replay = inputs(args.corpus, args.regressions)
    if not replay:
        print(f"{name}: no corpus in {args.corpus}", file=sys.stderr)
        return 1
    status, text = run([args.fuzzer] + common + replay, env, os.path.join(args.work, "replay.log"))
    if status != 0:
        print(text[-20000:])
        print(f"{name}: FAILED replaying the committed inputs")
        return 1
    print(f"{name}: replayed {len(replay)} committed inputs "
          f"({len(inputs(args.regressions))} regressions)", flush=True)

    # 2. Fuzz for a bounded time; new inputs go to the work corpus only.
    cmd = [args.fuzzer] + common + [
        f"-max_total_time={args.seconds}",
        f"-max_len={args.max_len}",
        "-print_final_stats=1",
    ]
    if args.dict:
        cmd.append("-dict=" + args.dict)
    cmd += [corpus, args.corpus, args.regressions]
    status, text = run(cmd, env, os.path.join(args.work, "fuzz.log"))

    found, done, last = stats(text)
    findings = inputs(artifacts)
    if status != 0 or findings:
        print(text[-20000:])
        for f in findings:
            print(f"{name}: finding saved as {f}")
        print(f"{name}: FAILED: fuzzing found a problem (exit status {status})")
        return 1
    units = found.get("number_of_executed_units", "?")
    speed = found.get("average_exec_per_sec", "?")
    cov = f"cov: {last[1]} ft: {last[2]}" if last else "cov: ?"
    print(f"{name}: {units} executions in {args.seconds} s ({speed}/s), {cov}, "
          f"new units {found.get('new_units_added', '?')}, "
          f"peak RSS {found.get('peak_rss_mb', '?')} MB")
    if done:
        print(f"{name}: #{done[0]} DONE {done[1]}")
    print("\n".join(l for l in text.splitlines() if l.startswith("stat::")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
