"""Run a block as on a machine whose text files are not UTF-8 by default.

open() and Path.read_text() without an encoding use the locale's (cp1252 on many Windows
machines, ASCII under the C locale of a bare server). Switching LC_CTYPE to "C" for the
block makes them ASCII here, so that a file read or written without encoding="utf-8"
fails on a non-ASCII character, as it would there. (In Python's UTF-8 mode the default
stays UTF-8 and the block changes nothing.)
"""

import locale
from contextlib import contextmanager


@contextmanager
def ascii_locale():
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
