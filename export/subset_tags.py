"""Font subset tags (the `ABCDEF+` before a font's name) distinct in every file and every font.

reportlab names the first subset of every font `AAAAAA+` in every file (`ttfonts.SUBSETN(n)`, with
no option). A print shop merging the 32 boroughs' files then sees 32 different fonts under one
name and may keep only one subset: glyphs go missing. Here each tag is drawn from a digest of what
the file prints (so the same document still gives the same bytes) and a counter (so the regular,
bold and italic subsets of one file differ too). The tag must be chosen while reportlab writes the
font: renaming afterwards leaves the old name inside the font's ToUnicode map.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab.pdfbase import ttfonts

_original: Callable[[int], bytes] = ttfonts.SUBSETN
_local = threading.local()  # the seed of the file being written in this thread (previews render in a worker)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def tag(seed: bytes, n: int) -> bytes:
    """Six capital letters for the `n`-th subset written into the file seeded `seed`."""
    digest = hashlib.blake2b(seed + n.to_bytes(4, "big"), digest_size=6).digest()
    return "".join(_LETTERS[b % 26] for b in digest).encode("ascii")


def _subset_name(n: int) -> bytes:
    state = getattr(_local, "state", None)
    if state is None:
        return _original(n)
    seed, counter = state
    _local.state = (seed, counter + 1)
    return tag(seed, counter)


@contextmanager
def distinct_subset_tags(seed: bytes) -> Iterator[None]:
    """While inside, fonts written by this thread get tags drawn from `seed` (e.g. a digest of the document)."""
    ttfonts.SUBSETN = _subset_name  # idempotent: threads outside the block still get reportlab's names
    previous = getattr(_local, "state", None)
    _local.state = (seed, 0)
    try:
        yield
    finally:
        _local.state = previous
