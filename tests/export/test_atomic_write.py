"""Atomic writes on a real filesystem: failures give one plain sentence and cost nothing.

Read-only folders and locked files are made for real: chmod, and where the tests run as root (which
ignores permissions) the immutable attribute (chattr +i); skipped where neither is possible.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import make_context

from sv_desktop.export import ExportError, atomic_write, write_brief_pdf, write_pack_docx, write_pack_pdf


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def _folder_accepts_files(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


@contextlib.contextmanager
def read_only_folder(folder: Path):
    folder.chmod(0o555)
    immutable = False
    try:
        if _folder_accepts_files(folder):
            immutable = _chattr("+i", folder)
            if not immutable or _folder_accepts_files(folder):
                pytest.skip("cannot make a folder read-only here (root without chattr)")
        yield folder
    finally:
        if immutable:
            _chattr("-i", folder)
        folder.chmod(0o755)


@contextlib.contextmanager
def locked_file(path: Path):
    """A file that cannot be replaced, as Windows refuses to replace one open in Word or Acrobat."""
    if not _chattr("+i", path):
        pytest.skip("chattr +i is not available (needs root on a filesystem that supports it)")
    try:
        yield path
    finally:
        _chattr("-i", path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_the_file_and_leaves_no_temporary_file(tmp_path):
    out = atomic_write(tmp_path / "pack.pdf", lambda temp: temp.write_bytes(b"%PDF new"))
    assert out == tmp_path / "pack.pdf"
    assert out.read_bytes() == b"%PDF new"
    assert _leftovers(tmp_path) == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()  # usual permissions, not mkstemp's 0600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    atomic_write(out, lambda temp: temp.write_bytes(b"new"))
    assert out.read_bytes() == b"new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_read_only_folder_gives_a_clear_error_and_keeps_the_old_file(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    out = folder / "pack.pdf"
    out.write_bytes(b"the pack issued last week")
    with read_only_folder(folder), pytest.raises(ExportError) as raised:
        write_pack_pdf(make_context(), out)
    assert str(raised.value) == f"Cannot write to {folder}: the folder is read-only."
    assert out.read_bytes() == b"the pack issued last week"
    assert _leftovers(folder) == []


def test_locked_file_gives_a_clear_error_and_stays_intact(tmp_path):
    out = tmp_path / "pack.docx"
    out.write_bytes(b"open in Word")
    with locked_file(out), pytest.raises(ExportError) as raised:
        write_pack_docx(make_context(), out)
    assert str(raised.value).startswith(f"Cannot replace {out}: the file is open in another program")
    assert out.read_bytes() == b"open in Word"
    assert _leftovers(tmp_path) == []


def test_missing_folder(tmp_path):
    out = tmp_path / "no such folder" / "brief.pdf"
    with pytest.raises(ExportError, match="the folder does not exist"):
        write_brief_pdf(make_context(), out)
    assert not out.parent.exists()


def test_folder_in_the_way(tmp_path):
    (tmp_path / "pack.pdf").mkdir()
    with pytest.raises(ExportError, match="a folder of that name is already there"):
        atomic_write(tmp_path / "pack.pdf", lambda temp: temp.write_bytes(b"x"))


def test_a_failing_writer_removes_its_temporary_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"old")

    def broken(temp: Path) -> None:
        temp.write_bytes(b"half a pa")
        raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError, match="layout failed"):
        atomic_write(out, broken)
    assert out.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_an_os_error_while_writing_becomes_an_export_error(tmp_path):
    def full_disk(temp: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="the disk is full"):
        atomic_write(tmp_path / "pack.pdf", full_disk)
    assert _leftovers(tmp_path) == []


def test_a_missing_input_file_is_not_blamed_on_the_folder(tmp_path):
    missing = tmp_path / "templates" / "default.docx"

    def writer(temp):
        missing.read_bytes()

    with pytest.raises(ExportError) as info:
        atomic_write(tmp_path / "pack.docx", writer)
    assert "default.docx could not be read" in str(info.value)
    assert "folder does not exist" not in str(info.value)
    assert not list(tmp_path.glob("*.part"))
