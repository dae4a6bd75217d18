"""Source paths stay inside ``sources/``, whatever links or dots they use; a source is
read as text exactly as decoding it reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.errors import SourceError
from provenance.sources import (
    decode_source,
    read_bytes,
    read_source,
    safe_source_path,
    source_chars,
)


@pytest.fixture
def folders(tmp_path):
    """``sources/`` with a file, a sub-folder, and links pointing in and out."""
    sources, outside = tmp_path / "sources", tmp_path / "outside"
    (sources / "sub").mkdir(parents=True)
    outside.mkdir()
    for path in (sources / "a.txt", sources / "sub" / "b.txt", outside / "c.txt"):
        path.write_text("text", encoding="utf-8")
    (sources / "inner-link.txt").symlink_to(sources / "sub" / "b.txt")
    (sources / "outer-link.txt").symlink_to(outside / "c.txt")
    (sources / "outer-dir").symlink_to(outside)
    (sources / "inner-dir").symlink_to(sources / "sub")
    (sources / "sub" / "up").symlink_to(tmp_path)
    return sources


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("a.txt", "a.txt"),
        ("./sub//b.txt", "sub/b.txt"),
        ("sub\\b.txt", "sub/b.txt"),
        ("inner-link.txt", "inner-link.txt"),
        ("inner-dir/b.txt", "inner-dir/b.txt"),
        ("missing.txt", "missing.txt"),
    ],
)
def test_paths_inside_sources_are_accepted(folders, relative, expected):
    assert safe_source_path(folders, relative, "x") == str(folders / expected)


@pytest.mark.parametrize(
    ("relative", "problem"),
    [
        ("", "is empty"),
        ("/etc/passwd", "is absolute"),
        ("C:\\x.txt", "is absolute"),
        ("../outside/c.txt", "leaves sources/"),
        ("sub/../../outside/c.txt", "leaves sources/"),
        ("outer-link.txt", "links outside sources/"),
        ("outer-dir/c.txt", "links outside sources/"),
        ("sub/up/outside/c.txt", "links outside sources/"),
    ],
)
def test_paths_leaving_sources_are_refused(folders, relative, problem):
    with pytest.raises(SourceError, match=problem):
        safe_source_path(folders, relative, "sources/sources.csv:2")


def test_a_linked_sources_folder_is_checked_where_it_points(folders, tmp_path):
    linked = tmp_path / "linked-sources"
    linked.symlink_to(folders)
    assert safe_source_path(linked, "a.txt", "x") == str(linked / "a.txt")
    with pytest.raises(SourceError, match="links outside"):
        safe_source_path(linked, "outer-link.txt", "x")


@pytest.mark.parametrize("size", [0, 1, 4096, 65_537, 3_000_001])
def test_read_bytes_returns_the_whole_file(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    (tmp_path / "f.txt").write_bytes(data)
    assert read_bytes(str(tmp_path / "f.txt")) == data


def test_a_folder_registered_as_a_source_is_refused_as_not_a_file_not_a_crash(tmp_path):
    (tmp_path / "sources" / "folder.txt").mkdir(parents=True)
    row = {"source_id": "s", "published": "2024-11-17", "path": "folder.txt"}
    loaded, findings = read_source(tmp_path, row, 2)
    assert loaded is None
    assert [f.message for f in findings] == ["source s: is a folder, not a regular file"]


@settings(deadline=None)
@given(st.binary(max_size=12) | st.text(max_size=8).map(str.encode))
def test_a_source_is_counted_as_decoding_it_counts_or_refused_alike(data):
    try:
        expected = len(decode_source(data, "sources/a.txt"))
    except SourceError as refused:
        with pytest.raises(SourceError) as again:
            source_chars(data, "sources/a.txt")
        assert str(again.value) == str(refused)
    else:
        assert source_chars(data, "sources/a.txt") == expected
