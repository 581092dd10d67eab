"""Why a command could not read a CSV file or write its output, as a `UserError` whose words reach
a reader of any language: the English message keeps the system's or pandas' own words, the code and
its params carry only the path and numbers, which `assessment/locales/errors.yaml` words."""

from __future__ import annotations

import errno
import re
import sys
from pathlib import Path

from assessment.errors import UserError

# What went wrong when writing, by the system's error number; any other number says only "cannot be written".
_WRITE_CODES = {
    errno.EACCES: "cannot_write_denied",
    errno.EPERM: "cannot_write_denied",
    errno.EROFS: "cannot_write_denied",
    errno.ENOENT: "cannot_write_no_folder",
    errno.ENOTDIR: "cannot_write_no_folder",
    errno.EISDIR: "cannot_write_folder",
    errno.ENOSPC: "cannot_write_full",
}

# pandas names the place of a CSV problem as "in line 5" (counted from 1) or "starting at row 4"
# (counted from 0, the header being row 0); the line number is all the reader needs.
_LINE = re.compile(r"\b(line|row) (\d+)")


def write_error(message: str, path: Path | str, exc: OSError) -> UserError:
    """The error for output that could not be written to `path`; `message` is the English line."""
    number = exc.errno
    if number is None and not Path(path).parent.is_dir():  # pandas' to_csv says so without a number
        number = errno.ENOENT
    return UserError(message, code=_WRITE_CODES[number] if number in _WRITE_CODES else "cannot_write",
                     path=str(path))


def write_output(data: bytes, out: Path | None, encoding: str = "utf-8") -> int:
    """A command's output: to `out` (its path printed) or, without one, as text on standard output."""
    if out is None:
        sys.stdout.write(data.decode(encoding))
        return 0
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        raise write_error(f"cannot write {out}: {exc.strerror}", out, exc) from None
    print(out)
    return 0


def unreadable_csv(message: str, path: Path | str, detail: str) -> UserError:
    """The error for a file pandas cannot parse as CSV; `detail` is pandas' reason, kept in the English
    `message` only. Its line number, when it names one, goes to the translated words."""
    found = _LINE.search(detail)
    line = int(found.group(2)) + (found.group(1) == "row") if found else None
    return UserError(message, code="csv_invalid_line" if found else "csv_invalid", path=str(path), line=line)


__all__ = ["unreadable_csv", "write_error", "write_output"]
