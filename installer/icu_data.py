"""A smaller ICU data library for the Linux build: Qt's English-speaking subset of the 31 MB original.

Qt for Linux links ICU, and ICU's data (`libicudata.so.NN`) holds every language CLDR knows: collation,
names of languages, currencies, units and time zones, spell-out rules, transliterators, dictionaries for
Chinese, Japanese, Thai, Khmer, Lao and Burmese word breaks, and East Asian code pages. Qt reads
little of it: collation (`QCollator`, the file dialog's sorting), locale-aware upper and lower case,
and code pages asked for by name. The data is a package of named items, so it is cut the way ICU's own
tools cut it (`icupkg --remove`, or the data build tool's locale and feature filters): the same items,
byte for byte, minus those below, in a library of the same name that exports the same symbol.

Left out:

- resource bundles of languages other than English (`de.res`, `coll/zh.res`...). English (`en` and every
  `en_*` region, `en_GB` included) and `root` stay in every tree, so an English system gets exactly the
  data it got before; any other locale falls back to `root`, which is CLDR's default (for collation,
  the Unicode Collation Algorithm's order);
- transliteration rules (`translit/`): Qt never transliterates;
- word-break dictionaries (`*.dict`): Qt finds word and line breaks with its own tables;
- multi-byte code pages (Chinese, Japanese, Korean, stateful EBCDIC): single-byte ones (Windows and
  ISO-8859 code pages, DOS, Mac, EBCDIC) and the Unicode encodings, which need no table, stay.

Everything else stays: the root and English bundles, the Unicode Collation Algorithm data, normalization,
time zones, plural rules, numbering systems, the converter alias table, and so on.

Building the library needs `as` and `ld` (GNU binutils), which PyInstaller needs on Linux anyway.
Nothing here imports PyInstaller, so the tests can use it directly.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import elf_file  # installer/elf_file.py (the spec and the tests put `installer/` on sys.path)

KEPT_LANGUAGES = frozenset({"en"})
"""Languages whose resource bundles stay (besides `root`, which always stays)."""

LIBRARY_NAME = re.compile(r"^libicudata\.so\.(\d+)$")
_SYMBOL = re.compile(r"icudt\d+_dat")
# A locale ID as ICU names its bundles: language, then optional script, region and variants
# (`en`, `en_GB`, `sr_Latn_BA`, `es_419`, `en_US_POSIX`). Other items have other names (`root`, `pool`,
# `res_index`, `supplementalData`, `zoneinfo64`...).
_LOCALE_BUNDLE = re.compile(
    r"^(?P<language>[a-z]{2,3})(_[A-Z][a-z]{3})?(_(?:[A-Z]{2}|\d{3}))?(_[A-Z0-9]+)*\.res$")
_ALIGN = 16
_PAD = b"\xaa"  # what ICU's package writer pads items with


class IcuDataError(Exception):
    """The ICU data library is not in a form this module understands; the message says why."""


@dataclass(frozen=True)
class Package:
    """An ICU common data package (`.dat`): its header as found, and its named items in TOC order."""

    header: bytes
    items: tuple[tuple[str, bytes], ...]

    def size(self) -> int:
        return len(write_package(self))


# --- the package format (ICU's "CmnD" common data, offset-TOC form) --------------------------------------


def read_package(blob: bytes) -> Package:
    """Parse a little-endian, ASCII-family ICU common data package."""
    if len(blob) < 32:
        raise IcuDataError("ICU data too short to hold a header")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    is_big_endian, charset_family = blob[8], blob[9]
    data_format, format_version = blob[12:16], blob[16]
    if (magic1, magic2) != (0xDA, 0x27) or data_format != b"CmnD":
        raise IcuDataError("not an ICU common data package (no CmnD header)")
    if is_big_endian or charset_family != 0 or format_version != 1:
        raise IcuDataError("only little-endian ASCII ICU data packages (format 1) are supported")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * k) for k in range(count)]
    items = []
    for k, (name_offset, data_offset) in enumerate(entries):
        start = toc + name_offset
        end = blob.index(b"\0", start)
        data_end = toc + entries[k + 1][1] if k + 1 < count else len(blob)
        items.append((blob[start:end].decode("ascii"), blob[toc + data_offset:data_end]))
    return Package(header=blob[:header_size], items=tuple(items))


def _padded(data: bytes, position: int) -> bytes:
    return data + _PAD * (-(position + len(data)) % _ALIGN)


def write_package(package: Package) -> bytes:
    """The package as bytes, laid out as ICU's own writer lays it out: TOC, names, 16-byte aligned items."""
    header = package.header
    count = len(package.items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in package.items)
    names_start = 4 + 8 * count
    first_item = names_start + len(names)
    first_item += -(len(header) + first_item) % _ALIGN
    toc = bytearray(struct.pack("<I", count))
    body = bytearray()
    name_offset = names_start
    for name, data in package.items:
        toc += struct.pack("<II", name_offset, first_item + len(body))
        name_offset += len(name) + 1
        body += _padded(data, len(header) + first_item + len(body))
    toc += names
    toc += _PAD * (first_item - len(toc))
    return bytes(header) + bytes(toc) + bytes(body)


# --- what stays ----------------------------------------------------------------------------------------


def _max_bytes_per_char(converter: bytes) -> int:
    """`maxBytesPerChar` of a `.cnv` table (its UConverterStaticData follows the data header)."""
    (header_size,) = struct.unpack_from("<H", converter, 0)
    # structSize (4), name (60), codepage (4), platform, conversionType, minBytesPerChar, maxBytesPerChar
    return converter[header_size + 4 + 60 + 4 + 3]


def keep_item(name: str, data: bytes) -> bool:
    """True for an item of the package that the smaller data keeps (see the module docstring)."""
    path = PurePosixPath(name)
    parts = path.parts[1:]  # after the package name, e.g. `icudt73l`
    if parts and parts[0] == "translit":
        return False
    if path.suffix == ".dict":
        return False
    if path.suffix == ".cnv":
        return _max_bytes_per_char(data) == 1
    locale = _LOCALE_BUNDLE.match(path.name)
    return locale is None or locale.group("language") in KEPT_LANGUAGES


def filtered(package: Package) -> Package:
    return Package(header=package.header, items=tuple(item for item in package.items if keep_item(*item)))


# --- the library ---------------------------------------------------------------------------------------


def read_library(path: Path) -> tuple[str, bytes]:
    """(symbol name, package bytes) of an ICU data library: its exported `icudtNN_dat` object."""
    try:
        return elf_file.exported_object(path, _SYMBOL)
    except elf_file.ElfError as exc:
        raise IcuDataError(str(exc)) from exc


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise IcuDataError(f"`{name}` (GNU binutils) is needed to build the smaller ICU data library: "
                           "install binutils (PyInstaller needs it on Linux too)")
    return found


def build_library(package: bytes, symbol: str, soname: str, workdir: Path) -> Path:
    """A shared library named `soname` whose only export is `symbol`: the package, 16-byte aligned."""
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"{symbol}.dat"
    data.write_bytes(package)
    source = workdir / f"{symbol}.s"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.balign {_ALIGN}\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, %object\n"
        f"{symbol}:\n"
        f"\t.incbin \"{data.name}\"\n"
        f"\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",%progbits\n",
        encoding="ascii",
    )
    obj = workdir / f"{symbol}.o"
    library = workdir / soname
    for command in ([_tool("as"), "-o", obj.name, source.name],
                    [_tool("ld"), "-shared", "-soname", soname, "-o", library.name, obj.name]):
        result = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
        if result.returncode != 0:
            raise IcuDataError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return library


def smaller_library(original: Path, workdir: Path) -> tuple[Path, Package, Package]:
    """Build the smaller copy of `original` in `workdir`; returns (library, full package, kept package)."""
    match = LIBRARY_NAME.match(original.name)
    if match is None:
        raise IcuDataError(f"{original.name} is not an ICU data library (libicudata.so.NN)")
    symbol, blob = read_library(original)
    full = read_package(blob)
    kept = filtered(full)
    library = build_library(write_package(kept), symbol, original.name, workdir)
    if read_library(library) != (symbol, write_package(kept)):
        raise IcuDataError(f"the rebuilt {original.name} does not hold the data written into it")
    return library, full, kept


def shrink_in_bundle(entries: list[tuple], workdir: Path) -> tuple[list[tuple], str]:
    """PyInstaller TOC entries with the ICU data library swapped for its smaller copy; and what was done.

    Entries are (destination, source, typecode); symbolic links to the library keep pointing at it.
    """
    result, summary = [], "no ICU data library in the bundle"
    for dest, src, kind in entries:
        if kind != "SYMLINK" and LIBRARY_NAME.match(PurePosixPath(dest.replace("\\", "/")).name):
            library, full, kept = smaller_library(Path(src), workdir)
            summary = (f"ICU data cut from {full.size() / 2**20:.1f} MB to {kept.size() / 2**20:.1f} MB "
                       f"({len(kept.items)} of {len(full.items)} items kept)")
            src = str(library)
        result.append((dest, src, kind))
    return result, summary
