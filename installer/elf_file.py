"""Just enough of the ELF format for the Linux build: a library's direct dependencies and exported data.

PyInstaller lists a Linux library's dependencies with `ldd`, which follows them all the way down: Qt's
CUPS plugin then seems to need GnuTLS itself, when only libcups does. Deciding which libraries the
bundle can do without needs the plain `DT_NEEDED` entries, read here from the file. 64-bit
little-endian ELF only (x86-64 and ARM64 Linux); anything else raises ElfError.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

_SHT_DYNAMIC, _SHT_DYNSYM = 6, 11
_DT_NULL, _DT_NEEDED = 0, 1


class ElfError(Exception):
    """The file is not a 64-bit little-endian ELF file; the message says which file."""


@dataclass(frozen=True)
class _Section:
    kind: int
    address: int
    offset: int
    size: int
    link: int
    entry_size: int


def _sections(elf: bytes, name: str) -> list[_Section]:
    if elf[:4] != b"\x7fELF" or len(elf) < 64 or elf[4] != 2 or elf[5] != 1:
        raise ElfError(f"{name} is not a 64-bit little-endian ELF file")
    (table,) = struct.unpack_from("<Q", elf, 0x28)
    entry, count = struct.unpack_from("<HH", elf, 0x3A)
    sections = []
    for k in range(count):
        _name, kind, _flags, address, offset, size, link, _info, _align, entry_size = struct.unpack_from(
            "<IIQQQQIIQQ", elf, table + k * entry)
        sections.append(_Section(kind, address, offset, size, link, entry_size))
    return sections


def _string(elf: bytes, table: _Section, at: int) -> str:
    start = table.offset + at
    return elf[start:elf.index(b"\0", start)].decode("ascii")


def needed(path: str | Path) -> list[str]:
    """The sonames a library or program names as its direct dependencies (`DT_NEEDED`), in order."""
    elf = Path(path).read_bytes()
    sections = _sections(elf, Path(path).name)
    names = []
    for section in (s for s in sections if s.kind == _SHT_DYNAMIC):
        strings = sections[section.link]
        for at in range(section.offset, section.offset + section.size, 16):
            tag, value = struct.unpack_from("<qQ", elf, at)
            if tag == _DT_NULL:
                break
            if tag == _DT_NEEDED:
                names.append(_string(elf, strings, value))
    return names


def exported_object(path: str | Path, pattern: re.Pattern[str]) -> tuple[str, bytes]:
    """(name, bytes) of the first exported data object whose name matches `pattern`."""
    elf = Path(path).read_bytes()
    sections = _sections(elf, Path(path).name)
    for section in (s for s in sections if s.kind == _SHT_DYNSYM):
        strings = sections[section.link]
        for at in range(section.offset, section.offset + section.size, section.entry_size):
            st_name, _info, _other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", elf, at)
            symbol = _string(elf, strings, st_name)
            if pattern.fullmatch(symbol) and 0 < st_shndx < len(sections):
                holder = sections[st_shndx]
                start = st_value - holder.address + holder.offset
                return symbol, elf[start:start + st_size]
    raise ElfError(f"{Path(path).name} exports no symbol matching {pattern.pattern}")
