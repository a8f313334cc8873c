"""Build the site of an earlier commit and of the working tree, and compare the two byte for byte.

For refactors that must not change what readers get:

    python tests/compare_builds.py 3f54533          # exit 0: identical; 1: the differing files are listed

The earlier commit is checked out in a temporary git worktree and built there with its own `make site`
(its own venv, as a fresh clone would), so each side runs its own code. The working tree is built with
`make site` too. Only the temporary folder this script makes is removed afterwards.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """`make site` failed in a tree; the message holds the end of its output."""


def build(tree: Path) -> Path:
    done = subprocess.run(["make", "-C", str(tree), "site"], capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise BuildFailed(f"'make site' in {tree} mislukte (exit {done.returncode}):\n{tail}")
    return tree / "site"


def differences(a: Path, b: Path) -> list[str]:
    """Paths below ``a`` and ``b`` whose bytes differ or that exist on one side only."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (alleen in {a})" for name in cmp.left_only)
        found.extend(f"{prefix}{name} (alleen in {b})" for name in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the earlier commit, e.g. main or 3f54533")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp:
        earlier = Path(tmp) / "earlier"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(earlier), args.rev],
                       check=True)
        try:
            diff = differences(build(earlier), build(ROOT))
        except BuildFailed as err:
            print(err, file=sys.stderr)
            return 2
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(earlier)], check=True)
    for line in diff:
        print(line)
    print(f"{len(diff)} verschillen tussen {args.rev} en de werkmap.")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
