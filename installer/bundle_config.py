"""What goes into the frozen sv-desktop folder, decided in one place for the spec, the Windows build
and the tests.

Kept free of PyInstaller imports so the source tests can read it on a machine without PyInstaller.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

APP_NAME = "sv-desktop"
GUI_EXE = "sv-desktop"
"""Windowed on Windows (no console window); the Start menu shortcut opens this one. Elsewhere the only one."""
CLI_EXE = "sv-desktop-cli"
"""Windows only: a console build of the same entry point, sharing the bundle, so commands print there too."""
DIST_FOLDER = "sv-desktop"
PUBLISHER = "sv-desktop contributors"
DESCRIPTION = "sv-desktop: social value in NHS tenders (policy P238)"
MIGRATIONS = PurePosixPath("sv_desktop/store/migrations")

# Qt for Python modules the app does not use. Excluding them keeps their libraries, plugins and QML out
# of the bundle; a source test fails if the app ever imports one of them.
QT_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf",
    "QtPdfWidgets", "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml",
)

# Python modules the app never needs: development tools (Mako falls back to plain text without Pygments);
# SQLAlchemy dialects other than SQLite and PostgreSQL; lxml beyond `lxml.etree`, which is all python-docx
# and openpyxl use; charset_normalizer (reportlab guesses the encoding of XMP files with it); Pillow, which
# reportlab, openpyxl and python-docx use only for raster pictures, and no export has one (reportlab
# imports it all the same: `runtime_without_pillow.py` answers that import); bz2 and lzma compression;
# and Python's East Asian codecs (`bytes.decode("shift_jis")` and the like). Python's `ssl` stays, with
# the OpenSSL it loads: psycopg's binary module imports it, though libpq does its own TLS.
PY_EXCLUDED = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "ruff", "IPython",
    "PyInstaller", "setuptools", "pip", "readline", "pdb", "pydoc", "sv_desktop.ui.screenshots",
    "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle",
    "PIL",
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.html5parser", "lxml.cssselect", "lxml.sax",
    "lxml.builder", "charset_normalizer", "pygments", "doctest", "reportlab.graphics.testshapes",
    "bz2", "_bz2", "lzma", "_lzma",
    "_multibytecodec", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr",
    "_codecs_tw",
)

RUNTIME_HOOKS = ("runtime_without_pillow.py",)
"""Scripts in `installer/` the frozen app runs before the app's own code."""

# Bundled files that are never used: Qt's translations (the app's text is its own, in English); Qt plugins for
# displays, input methods, networking and image formats a desktop app on Windows or Linux does not need
# (no JPEG, TIFF, WebP... anywhere: the icons are SVG); Qt's software OpenGL renderer for Windows (20 MB;
# the app draws with widgets and never uses OpenGL); and Wayland: on a Wayland desktop Qt falls back to
# X11 (`xcb`, through XWayland, which GNOME, KDE and the like run for X11 programs), so the Wayland client
# library, its platform plugin and its shell, decoration and graphics plugins are left out.
# Linux wheels keep Qt under `PySide6/Qt/`, Windows wheels directly under `PySide6/`.
_UNUSED_QT = (
    "translations/",
    "plugins/platforms/libqvnc", "plugins/platforms/libqlinuxfb", "plugins/platforms/libqeglfs",
    "plugins/platforms/libqminimalegl", "plugins/platforms/libqvkkhrdisplay", "plugins/platforms/qdirect2d",
    "plugins/platforms/libqminimal.", "plugins/platforms/qminimal.",
    "plugins/platforms/libqwayland", "plugins/wayland-", "lib/libQt6Wayland", "lib/libQt6WlShellIntegration",
    "plugins/platformthemes/libqgtk3",
    "plugins/platforminputcontexts/qtvirtualkeyboardplugin",
    "plugins/egldeviceintegrations/", "plugins/generic/", "plugins/networkinformation/", "plugins/tls/",
    "plugins/qmltooling/", "plugins/designer/", "plugins/sqldrivers/",
    "plugins/imageformats/libqtiff", "plugins/imageformats/qtiff",
    "plugins/imageformats/libqwebp", "plugins/imageformats/qwebp",
    "plugins/imageformats/libqicns", "plugins/imageformats/qicns",
    "plugins/imageformats/libqtga", "plugins/imageformats/qtga",
    "plugins/imageformats/libqwbmp", "plugins/imageformats/qwbmp",
    "plugins/imageformats/libqpdf", "plugins/imageformats/qpdf",
    "plugins/imageformats/libqjpeg", "plugins/imageformats/qjpeg",
    "opengl32sw.dll",
)
# Package data never read at run time: python-docx's unpacked default template (it opens `default.docx`).
_UNUSED_DATA = ("docx/templates/default-docx-template/",)
_DROP_PREFIXES = (tuple(f"PySide6/{where}{name}" for where in ("Qt/", "") for name in _UNUSED_QT)
                  + _UNUSED_DATA)


def is_unused(dest_name: str) -> bool:
    """True for a bundle entry (its destination path inside the folder) that the app never loads."""
    name = dest_name.replace("\\", "/")
    return name.startswith(_DROP_PREFIXES)


# Libraries taken from the machine rather than the bundle. libcups is the client of the machine's own print
# service (CUPS): Qt's CUPS plugin loads it when the app first looks for printers. A Linux desktop that
# prints has it, and it is better matched to the local CUPS than a copy from the build machine; bundled,
# it brought 9 MB of its own TLS, Kerberos and Avahi libraries. Without it (a machine with no CUPS at
# all) the plugin does not load and the app says that no printer is set up, as it does on any machine
# without a printer. Qt's own Windows build has no CUPS plugin.
SYSTEM_LIBRARIES = frozenset({"libcups.so.2"})


def is_system_library(dest_name: str) -> bool:
    """True for a bundle entry that is left for the machine to provide (see SYSTEM_LIBRARIES)."""
    return PurePosixPath(dest_name.replace("\\", "/")).name in SYSTEM_LIBRARIES


# Libraries bundled twice on Linux: Python's `ssl` and `hashlib` load the build machine's OpenSSL 3, and
# psycopg's libpq brings its own OpenSSL 3 in its wheel (5.5 MB each). OpenSSL keeps one ABI across 3.x, so
# Python's names for the libraries become links to the wheel's copies and one OpenSSL serves both:
# libpq's TLS to PostgreSQL is unchanged, and Python's own `ssl` is imported (by psycopg) but never used to
# connect. Windows names the DLLs differently, so there both stay.
SHARED_WITH_WHEEL = {
    "libssl.so.3": "psycopg_binary.libs/libssl-",
    "libcrypto.so.3": "psycopg_binary.libs/libcrypto-",
}


def share_duplicate_libraries(entries: list[tuple]) -> tuple[list[tuple], list[str]]:
    """Entries with each library of SHARED_WITH_WHEEL turned into a link to the wheel's copy, where the
    bundle has that copy; returns (entries, names linked). Entries are PyInstaller TOC tuples."""
    copies = {}
    for dest, _src, kind in entries:
        name = dest.replace("\\", "/")
        for library, prefix in SHARED_WITH_WHEEL.items():
            version = library[library.index(".so"):]  # `.so.3`: the same major version
            if kind != "SYMLINK" and name.startswith(prefix) and name.endswith(version):
                copies[library] = name
    result, linked = [], []
    for dest, src, kind in entries:
        if kind != "SYMLINK" and dest in copies:
            result.append((dest, copies[dest], "SYMLINK"))
            linked.append(dest)
        else:
            result.append((dest, src, kind))
    return result, linked


def prune_orphans(kept: list[tuple], dropped: list[tuple], imports_of) -> tuple[list[tuple], list[tuple]]:
    """Remove the shared libraries that only dropped entries needed; returns (kept, removed).

    PyInstaller adds a plugin's libraries before the spec can drop the plugin (the GTK theme plugin brings
    cairo and pango, the TLS plugin brings QtNetwork). A library is removed only when a dropped entry
    needs it and no kept entry does. `imports_of(source path)` lists the names of the libraries a binary
    links to. Entries are PyInstaller TOC tuples (destination, source, typecode).
    """
    def key(name: str) -> str:
        return PurePosixPath(name.replace("\\", "/")).name.lower()

    libraries = {key(dest): (dest, src, kind) for dest, src, kind in kept if kind != "SYMLINK"}

    def closure(start: list[tuple]) -> set[str]:
        seen: set[str] = set()
        todo = [src for _dest, src, kind in start if kind != "SYMLINK"]
        while todo:
            for name in imports_of(todo.pop()):
                found = libraries.get(key(name))
                if found is not None and key(found[0]) not in seen:
                    seen.add(key(found[0]))
                    todo.append(found[1])
        return seen

    suspects = closure(dropped)
    roots = [entry for entry in kept if entry[2] != "SYMLINK" and key(entry[0]) not in suspects]
    needed = closure(roots) | {key(entry[0]) for entry in roots}
    orphans = suspects - needed
    # A symbolic link goes with its target, whether the target was dropped or left without a user.
    gone = {libraries[name][0] for name in orphans} | {dest for dest, _src, _kind in dropped}
    gone = {dest.replace("\\", "/") for dest in gone}

    def is_orphan(entry: tuple) -> bool:
        dest, src, kind = entry
        if kind == "SYMLINK":
            return src.replace("\\", "/") in gone
        return key(dest) in orphans

    return [e for e in kept if not is_orphan(e)], [e for e in kept if is_orphan(e)]


def without_dangling_links(entries: list[tuple], present: set[str]) -> list[tuple]:
    """Drop symbolic-link entries whose target (a destination inside the bundle) is not in `present`.

    PyInstaller files some links among the data entries, so links are checked across both lists.
    """
    return [(dest, src, kind) for dest, src, kind in entries
            if kind != "SYMLINK" or src.replace("\\", "/") in present]


def executables(platform: str) -> tuple[tuple[str, bool], ...]:
    """(name, console) of each executable the spec builds for `platform` (a `sys.platform` value).

    A windowed Windows program has no standard output, and a console one opens a console window behind
    the app, so Windows gets both, sharing one bundle. Elsewhere a program prints to the terminal it was
    started from whatever it was built as, so one executable serves the desktop and the command line.
    """
    if platform == "win32":
        return ((GUI_EXE, False), (CLI_EXE, True))
    return ((GUI_EXE, True),)


def command_line_executable(platform: str) -> str:
    """The executable to run commands (`--version`, `check`, `pack`...) with on `platform`."""
    return executables(platform)[-1][0]


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            yield path


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for the resources and the Alembic migrations.

    The migrations go in as plain files, `.py` and `script.py.mako` included, because Alembic reads them
    from disk at run time: `sv_desktop.store.migrate` points `script_location` at the bundled folder.
    """
    pairs: list[tuple[str, str]] = []
    for folder in (root / "resources", root / MIGRATIONS):
        for path in _walk(folder):
            dest = path.parent.relative_to(root).as_posix()
            pairs.append((str(path), dest))
    return pairs


def migration_imports(root: Path) -> list[str]:
    """Modules the migration scripts import: PyInstaller cannot see them, since the scripts are data."""
    names: set[str] = set()
    for path in _walk(root / MIGRATIONS):
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(names)


def is_app_module(name: str) -> bool:
    """Every sv_desktop module goes in (pages may be imported by name), except the migrations (data)."""
    return not name.startswith(str(MIGRATIONS).replace("/", ".")) and name not in PY_EXCLUDED


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """`1.2.3` as the four numbers of a Windows file version; refuses anything that is not X.Y.Z."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() and len(p) <= 5 for p in parts):
        raise ValueError(f"sv-desktop versions are X.Y.Z for the Windows installers, not {version!r}")
    numbers = tuple(int(p) for p in parts)
    if any(n > 65535 for n in numbers) or numbers[0] > 255 or numbers[1] > 255:
        raise ValueError(f"version {version!r} is outside what Windows Installer accepts (255.255.65535)")
    return numbers[0], numbers[1], numbers[2], 0


def version_resource_text(version: str, exe_name: str) -> str:
    """A Windows version resource in PyInstaller's text form (a `VSVersionInfo(...)` expression)."""
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": DESCRIPTION,
        "FileVersion": dotted,
        "InternalName": exe_name,
        "LegalCopyright": f"(c) {PUBLISHER}; MIT licence",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0809 = English (United Kingdom), 1200 = Unicode.
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,\n"
        "                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('080904B0', [\n"
        f"{string_structs}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [0x0809, 1200])]),\n"
        "  ]\n"
        ")\n"
    )
