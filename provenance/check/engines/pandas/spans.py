"""Span integrity for ``provenance check``: every quote against its source text, vectorised.

A claim's span holds when its quote is not empty, ``0 <= start <= end <= len(text)`` and
``text[start:end] == quote``. The test runs on UTF-8 bytes: a code-point range of a text
is one byte range of its encoding and UTF-8 is one-to-one, so the strings are equal
exactly when those bytes equal the quote's bytes. Texts sit in one UTF-8 buffer (the
bytes they were read from, for a ledger loaded for checking; else encoded once); quotes
are read from their Arrow buffers without making Python strings; the bytes of all claims
are compared with numpy, one 8-byte word of every claim at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from provenance.sources import LoadedSource

PIECE_ROWS = 1 << 14  # claims compared together: their work arrays stay in the CPU's cache
WORD_PASSES = 256  # rows of more 8-byte words than this are compared one by one
TAIL_ROWS = 64  # and so are the rows left once this few have words to compare


@dataclass(frozen=True)
class SourceBytes:
    """The texts of some sources as one UTF-8 buffer: where each starts, how long it is."""

    buffer: np.ndarray  # uint8, every text's bytes one after another
    base: np.ndarray  # int64 byte offset of each text in ``buffer``
    sizes: np.ndarray  # int64 bytes per text
    chars: np.ndarray  # int64 code points per text, -1 when the text is missing
    digests: list[str | None] | None = None  # hex sha256 per text, when known as read

    @classmethod
    def of(cls, ids: list[str], texts: Mapping[str, str]) -> SourceBytes:
        """Encode the texts of ``ids`` (missing ones count as empty, with ``chars == -1``);
        texts still held as the bytes they were read from are not encoded again."""
        if isinstance(texts, SourceTexts) and texts.ids == ids:
            return texts.encoded
        found = [texts.get(sid) for sid in ids]
        blobs = [b"" if text is None else text.encode("utf-8") for text in found]
        return cls._joined(blobs, [-1 if text is None else len(text) for text in found])

    @classmethod
    def read(cls, ids: list[str], loaded: Mapping[str, LoadedSource]) -> SourceBytes:
        """The sources of ``ids`` from the bytes they were decoded from, with the sha256
        computed when they were read (missing ones count as empty, with ``chars == -1``)."""
        found = [loaded.get(sid) for sid in ids]
        blobs = [b"" if s is None else s.data for s in found]
        chars = [-1 if s is None else s.chars for s in found]
        return cls._joined(blobs, chars, [None if s is None else s.sha256 for s in found])

    @classmethod
    def _joined(cls, blobs: list[bytes], chars: list[int],
                digests: list[str | None] | None = None) -> SourceBytes:
        sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
        base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        buffer = np.frombuffer(b"".join(blobs), dtype=np.uint8)
        return cls(buffer, base, sizes, np.array(chars, dtype=np.int64), digests)

    def data(self, index: int) -> np.ndarray:
        """One text's UTF-8 bytes (a view into the buffer)."""
        start = int(self.base[index])
        return self.buffer[start : start + int(self.sizes[index])]

    def digest(self, index: int) -> str:
        """Hex sha256 of one text's UTF-8 bytes (the file's bytes, as it was decoded)."""
        known = self.digests[index] if self.digests is not None else None
        return known or hashlib.sha256(self.data(index)).hexdigest()

    def byte_offsets(self, codes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Buffer positions of code-point ``offsets`` into the texts ``codes`` (all in range)."""
        out = self.base[codes] + offsets
        wide = np.flatnonzero(self.sizes != np.maximum(self.chars, 0))  # not ASCII
        if not len(wide):
            return out
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.stack([wide, wide + 1]))
        for index, first, last in zip(wide, *bounds, strict=True):
            rows = order[first:last]
            starts = np.append(np.flatnonzero((self.data(index) & 0xC0) != 0x80),
                               self.sizes[index])
            out[rows] = self.base[index] + starts[offsets[rows]]
        return out


class SourceTexts(Mapping[str, str]):
    """Texts by source id, held as the UTF-8 buffer they were read from and decoded when
    looked up, so a check neither keeps every text twice nor encodes them again."""

    def __init__(self, ids: list[str], encoded: SourceBytes) -> None:
        self.ids, self.encoded = ids, encoded
        self._at: dict[str, int] = {}
        for index, sid in enumerate(ids):
            if encoded.chars[index] >= 0:
                self._at.setdefault(sid, index)
        self._decoded: dict[str, str] = {}

    def __getitem__(self, source_id: str) -> str:
        if source_id not in self._decoded:
            data = self.encoded.data(self._at[source_id])
            self._decoded[source_id] = data.tobytes().decode("utf-8")
        return self._decoded[source_id]

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _quote_buffers(array: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Byte offsets, byte data and validity of a large string array, without Python strings."""
    valid = np.asarray(pc.is_valid(array), dtype=bool) if array.null_count else None
    _, offsets, data = array.buffers()
    first = array.offset
    offsets = np.frombuffer(offsets, dtype=np.int64)[first : first + len(array) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    return offsets, data, np.ones(len(array), bool) if valid is None else valid


def _word_reader(data: np.ndarray):
    """A function writing the 8 bytes at each of some positions of ``data`` into ``out`` as
    little-endian uint64, zero past the end: it reads a strided view of ``data``, so nothing
    is copied."""
    if len(data) < 8:
        data = np.concatenate([data, np.zeros(8 - len(data), dtype=np.uint8)])
    last = len(data) - 8
    windows = np.lib.stride_tricks.as_strided(data, shape=(last + 1, 8), strides=(1, 1),
                                              writeable=False)
    words = windows.view("<u8")[:, 0]

    def read(at: np.ndarray, out: np.ndarray) -> None:
        if not len(at) or at.max() <= last:
            out[:] = words[at]
            return
        over = np.flatnonzero(at > last)  # a word reaching past the end: the last one, shifted
        shift = (8 * (at[over] - last)).astype(np.uint64)
        out[:] = words[np.minimum(at, last)]
        out[over] >>= shift

    return read


def _bytes_equal(buffer, at, quote_data, quote_at, lengths) -> np.ndarray:
    """Per row: ``buffer[at:at+len] == quote_data[quote_at:quote_at+len]`` (``len > 0``).

    Pass k compares the k-th 8-byte word of every row that has one, the last word of a row
    masked to its length. Rows are sorted longest first, so a pass reads a prefix of them,
    into work arrays made once. The few rows longer than :data:`WORD_PASSES` words, or
    left when :data:`TAIL_ROWS` or fewer remain, are compared one by one.
    """
    words = (lengths + 7) // 8
    rank = np.minimum(words, WORD_PASSES + 1).astype(np.uint16)
    order = np.argsort(WORD_PASSES + 1 - rank, kind="stable")  # most words first
    more = len(order) - np.cumsum(np.bincount(rank, minlength=WORD_PASSES + 2))  # > k words
    at, quote_at, lengths, words = at[order], quote_at[order], lengths[order], words[order]
    ends = lengths - 8 * (words - 1)  # bytes in a row's last word, 1 to 8
    last_mask = np.uint64(2**64 - 1) >> (64 - 8 * ends).astype(np.uint64)
    text, quote = _word_reader(buffer), _word_reader(quote_data)
    diff, other = np.empty(len(order), np.uint64), np.empty(len(order), np.uint64)
    position, differing = np.empty(len(order), np.int64), np.zeros(len(order), np.uint64)
    k = 0
    while k < WORD_PASSES and more[k] > TAIL_ROWS:
        rows, ending = slice(0, more[k]), slice(more[k + 1], more[k])
        text(np.add(at[rows], 8 * k, out=position[rows]), diff[rows])
        quote(np.add(quote_at[rows], 8 * k, out=position[rows]), other[rows])
        np.bitwise_xor(diff[rows], other[rows], out=diff[rows])
        np.bitwise_and(diff[ending], last_mask[ending], out=diff[ending])
        np.bitwise_or(differing[rows], diff[rows], out=differing[rows])  # any bit differs
        k += 1
    unequal = differing != 0
    for row in np.flatnonzero(words > k).tolist():
        first, size = 8 * k, int(lengths[row])
        text_at, quote_from = int(at[row]), int(quote_at[row])
        unequal[row] |= (buffer[text_at + first : text_at + size].tobytes()
                         != quote_data[quote_from + first : quote_from + size].tobytes())
    out = np.empty(len(order), bool)
    out[order] = ~unequal
    return out


def span_matches(
    codes: np.ndarray, start: np.ndarray, end: np.ndarray, quotes: pa.ChunkedArray,
    sources: SourceBytes,
) -> np.ndarray:
    """Per claim: the text of source ``codes`` (index into ``sources``, -1 for none) at
    ``[start, end)`` equals its non-empty quote. ``start``/``end`` are int64, -1 when empty."""
    known = codes >= 0
    chars = np.where(known, sources.chars[np.where(known, codes, 0)], -1)
    ok = known & (chars >= 0) & (start >= 0) & (start <= end) & (end <= chars)
    rows = np.flatnonzero(ok)
    at = sources.byte_offsets(codes[rows], start[rows])
    size = sources.byte_offsets(codes[rows], end[rows]) - at
    ok[:] = False
    first = 0
    for chunk in quotes.cast(pa.large_string()).chunks:  # read in place, not combined
        lo, hi = np.searchsorted(rows, [first, first + len(chunk)])
        offsets, data, valid = _quote_buffers(chunk)
        inside = rows[lo:hi] - first
        lengths = np.diff(offsets)[inside]
        keep = lo + np.flatnonzero(valid[inside] & (lengths > 0) & (size[lo:hi] == lengths))
        for part in np.split(keep, range(PIECE_ROWS, len(keep), PIECE_ROWS)):
            claims = rows[part]
            ok[claims] = _bytes_equal(sources.buffer, at[part], data,
                                      offsets[claims - first], size[part])
        first += len(chunk)
    return ok
