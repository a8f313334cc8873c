#!/usr/bin/env python3
"""Turn `kennisbank validate --format json` into CI annotations.

    ci-annotations.py github validate.json   # ::error lines: GitHub shows them at the line in the pull request
    ci-annotations.py gitlab validate.json   # a Code Quality report (JSON) for the merge request

Standard library only, so it runs before anything is installed. Always exits 0:
the validate step itself decides whether the check fails.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys

# As generator/problems.py (visible): control characters, line separators and bidi marks from the data are
# written as escapes, so an annotation is one line that shows what is there, also for output of an older
# validate.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(text: object) -> str:
    return _INVISIBLE.sub(lambda m: _NAMED.get(m.group()) or
                          (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
                          str(text))


def _data(text: str) -> str:
    return _visible(text).replace("%", "%25")  # no line break is left to encode as %0A


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[dict]) -> str:
    lines = []
    for p in problems:
        place = f"file={_property(p['file'])}"
        if p["line"]:
            place += f",line={p['line']},col={p['column']}"
        text = " ".join(part for part in (f"{p['path']}:" if p["path"] else "", p["message"], p["hint"]) if part)
        kind = "error" if p["severity"] == "error" else "warning"
        lines.append(f"::{kind} {place},title={_property('kennisbank ' + p['code'])}::{_data(text)}")
    return "\n".join(lines)


def gitlab(problems: list[dict]) -> str:
    report = []
    for p in problems:
        text = _visible(" ".join(part for part in (p["path"], p["message"], p["hint"]) if part))
        key = f"{p['code']}|{p['file']}|{p['path']}|{p['message']}"
        report.append({
            "description": text, "check_name": p["code"],
            "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
            "severity": "major" if p["severity"] == "error" else "minor",
            "location": {"path": _visible(p["file"]), "lines": {"begin": max(p["line"], 1)}},
        })
    return json.dumps(report, ensure_ascii=False, indent=2)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("github", "gitlab"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as source:
            problems = json.load(source)["problems"]
    except (OSError, ValueError, KeyError) as err:
        print(f"ci-annotations: geen bruikbare uitvoer van kennisbank validate ({err}).", file=sys.stderr)
        problems = []
    out = github(problems) if argv[0] == "github" else gitlab(problems)
    if out:
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
