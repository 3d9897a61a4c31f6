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
"""Windowed on Windows (no console window); the Start menu shortcut opens this one."""
CLI_EXE = "sv-desktop-cli"
"""A console build of the same entry point, sharing the bundle, so commands print on Windows too."""
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
# SQLAlchemy dialects other than SQLite and PostgreSQL; Pillow's optional codecs, fonts, colour management
# and Tk (reportlab needs only Pillow's core, for PNG and JPEG); lxml beyond `lxml.etree`, which is all
# python-docx uses. (Python's `ssl` stays: psycopg does not load without it.)
PY_EXCLUDED = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "ruff", "IPython",
    "PyInstaller", "setuptools", "pip", "readline", "pdb", "pydoc", "sv_desktop.ui.screenshots",
    "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle",
    "PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingft", "PIL._imagingtk", "PIL._imagingmath",
    "PIL._imagingmorph", "PIL.ImageTk", "PIL.ImageQt",
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.html5parser", "lxml.cssselect",
    "pygments", "doctest", "reportlab.graphics.testshapes",
)

# Bundled files that are never used: Qt's translations (the app's text is its own, in English); Qt plugins for
# displays, input methods, networking and image formats a desktop app on Windows or Linux does not need; and
# Qt's software OpenGL renderer for Windows (20 MB; the app draws with widgets and never uses OpenGL).
# Linux wheels keep Qt under `PySide6/Qt/`, Windows wheels directly under `PySide6/`.
_UNUSED_QT = (
    "translations/",
    "plugins/platforms/libqvnc", "plugins/platforms/libqlinuxfb", "plugins/platforms/libqeglfs",
    "plugins/platforms/libqminimalegl", "plugins/platforms/libqvkkhrdisplay", "plugins/platforms/qdirect2d",
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
    "opengl32sw.dll",
)
_DROP_PREFIXES = tuple(f"PySide6/{where}{name}" for where in ("Qt/", "") for name in _UNUSED_QT)


def is_unused(dest_name: str) -> bool:
    """True for a bundle entry (its destination path inside the folder) that the app never loads."""
    name = dest_name.replace("\\", "/")
    return name.startswith(_DROP_PREFIXES)


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
