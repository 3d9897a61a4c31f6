"""The installer sources agree with each other and with the package.

The Windows installers cannot be built here, so these checks stand guard instead: one version (the
package's), one app name, the executable names, the fixed AppId and UpgradeCode, and the bundle rules the
PyInstaller spec applies. Each check reads the real files in `installer/`.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest
from PySide6 import QtCore

import sv_desktop
from sv_desktop import settings

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
WINDOWS = INSTALLER / "windows"
SPEC = (INSTALLER / "sv-desktop.spec").read_text(encoding="utf-8")
ISS = (WINDOWS / "sv-desktop.iss").read_text(encoding="utf-8")
WXS_TEXT = (WINDOWS / "sv-desktop.wxs").read_text(encoding="utf-8")
BUILD_PS1 = (WINDOWS / "build.ps1").read_text(encoding="utf-8")
DEPLOYMENT = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"

# Released installers carry these: changing one makes Windows treat the next release as a different
# program (no upgrade, two entries in Installed apps). Never change them.
INNO_APP_ID = "3A194F05-0BF9-426A-B409-F849FC8EB874"
MSI_UPGRADE_CODE = "0AB0882B-7C02-4F92-8A96-B714D5B61F96"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    # Registered by name, as the spec's `import` would: installer modules import each other that way, and
    # dataclasses look their module up.
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


cfg = _load("bundle_config", INSTALLER / "bundle_config.py")
harvest = _load("harvest_wix", WINDOWS / "harvest_wix.py")
render_icon = _load("render_icon", INSTALLER / "render_icon.py")
elf_file = _load("elf_file", INSTALLER / "elf_file.py")
icu_data = _load("icu_data", INSTALLER / "icu_data.py")


def _iss_define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"$', ISS, re.MULTILINE)
    assert match, f"#define {name} missing from sv-desktop.iss"
    return match.group(1)


def _iss_setup(key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", ISS, re.MULTILINE)
    assert match, f"{key}= missing from [Setup]"
    return match.group(1).strip()


def _ps1_assignment(name: str) -> str:
    match = re.search(rf"^\${name} = '([^']*)'$", BUILD_PS1, re.MULTILINE)
    assert match, f"${name} missing from build.ps1"
    return match.group(1)


def _wxs() -> ET.Element:
    # The preprocessor lines (<?ifndef ...?>) are processing instructions: plain XML parses them.
    return ET.fromstring(WXS_TEXT)


# --- one version -------------------------------------------------------------------------------------


def test_package_version_is_the_one_in_pyproject_and_fits_windows():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == sv_desktop.__version__
    major, minor, patch, zero = cfg.version_tuple(sv_desktop.__version__)
    assert f"{major}.{minor}.{patch}" == sv_desktop.__version__ and zero == 0


@pytest.mark.parametrize("bad", ["1.2", "1.2.3.4", "1.2.3rc1", "v1.2.3", "256.0.0", "1.0.70000", ""])
def test_versions_windows_installer_cannot_take_are_refused(bad):
    with pytest.raises(ValueError):
        cfg.version_tuple(bad)


def test_spec_takes_the_version_from_the_package():
    assert "from sv_desktop import __version__" in SPEC
    assert "cfg.version_resource_text(__version__, exe_name)" in SPEC
    assert not re.search(r"\b\d+\.\d+\.\d+\b", SPEC), "the spec must not hard-code a version"


def _read_version_resource(text: str):
    """Evaluate the resource text with stand-ins for PyInstaller's classes that record their arguments."""

    class Recorded:
        def __init__(self, *args, **kwargs):
            self.args, self.kwargs = args, kwargs

    names = {name: type(name, (Recorded,), {}) for name in (
        "VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
        "VarStruct")}
    return eval(compile(ast.parse(text, mode="eval"), "<version>", "eval"), {"__builtins__": {}}, names)


def test_version_resource_describes_the_executable_consistently():
    numbers = cfg.version_tuple(sv_desktop.__version__)
    info = _read_version_resource(cfg.version_resource_text(sv_desktop.__version__, cfg.CLI_EXE))
    assert type(info).__name__ == "VSVersionInfo"
    ffi = info.kwargs["ffi"]
    assert ffi.kwargs["filevers"] == ffi.kwargs["prodvers"] == numbers
    string_info, var_info = info.kwargs["kids"]
    (table,) = string_info.args[0]
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    assert strings["FileVersion"] == ".".join(map(str, numbers))
    assert strings["ProductVersion"] == sv_desktop.__version__
    assert strings["ProductName"] == cfg.APP_NAME and strings["CompanyName"] == cfg.PUBLISHER
    assert strings["OriginalFilename"] == f"{cfg.CLI_EXE}.exe" and strings["InternalName"] == cfg.CLI_EXE
    # The string table's language and code page are the ones the translation entry announces.
    language, codepage = var_info.args[0][0].args[1]
    assert table.args[0] == f"{language:04X}{codepage:04X}"


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller reads version resources on Windows only")
def test_version_resource_is_what_pyinstaller_reads(tmp_path):
    versioninfo = pytest.importorskip("PyInstaller.utils.win32.versioninfo",
                                      reason="PyInstaller is in the 'dist' extra")
    path = tmp_path / "version.txt"
    path.write_text(cfg.version_resource_text(sv_desktop.__version__, cfg.GUI_EXE), encoding="utf-8")
    info = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch, build = cfg.version_tuple(sv_desktop.__version__)
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == (patch << 16) | build
    assert info.toRaw()  # serialises into a real resource


def test_inno_script_gets_the_version_only_from_the_build():
    assert "#ifndef AppVersion" in ISS and "#error" in ISS
    assert _iss_setup("AppVersion") == "{#AppVersion}"
    assert not re.search(r'#define AppVersion "', ISS), "the .iss must not hard-code a version"
    # The guard compares the built executable's four-part file version with AppVersion + ".0".
    assert 'GetVersionNumbersString(DistDir + "\\" + GuiExe) != AppVersion + ".0"' in ISS
    assert cfg.version_tuple("1.2.3")[3] == 0


def test_msi_gets_the_version_only_from_the_build():
    package = _wxs().find(f"{WIX}Package")
    assert package.get("Version") == "$(var.Version)"
    assert "<?ifndef Version ?>" in WXS_TEXT


def test_build_script_reads_the_package_version_and_passes_it_on():
    assert "import sv_desktop; print(sv_desktop.__version__)" in BUILD_PS1
    assert '"/DAppVersion=$Version"' in BUILD_PS1
    assert '"Version=$Version"' in BUILD_PS1
    assert '"$Version.0"' in BUILD_PS1
    assert not re.search(r"\b\d+\.\d+\.\d+\b", BUILD_PS1.replace("4.0.6", "")), "no hard-coded app version"


# --- one name, two executables -----------------------------------------------------------------------


def test_app_and_executable_names_agree_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cfg.APP_NAME == sv_desktop.APP_NAME == "sv-desktop"
    assert cfg.GUI_EXE == cfg.DIST_FOLDER == "sv-desktop" and "sv-desktop" in project["scripts"]
    assert f"{cfg.GUI_EXE}-cli" == cfg.CLI_EXE
    gui, cli = f"{cfg.GUI_EXE}.exe", f"{cfg.CLI_EXE}.exe"

    assert _iss_define("AppName") == cfg.APP_NAME
    assert (_iss_define("GuiExe"), _iss_define("CliExe")) == (gui, cli)
    assert _iss_define("Publisher") == cfg.PUBLISHER

    package = _wxs().find(f"{WIX}Package")
    assert package.get("Name") == cfg.APP_NAME and package.get("Manufacturer") == cfg.PUBLISHER
    folder = package.find(f".//{WIX}Directory[@Id='{harvest.ROOT_DIRECTORY}']")
    assert folder.get("Name") == cfg.APP_NAME
    sources = {f.get("Source") for f in package.iter(f"{WIX}File")}
    assert sources == {f"$(var.AppDir)\\{gui}", f"$(var.AppDir)\\{cli}"}
    assert {gui, cli} == harvest.DECLARED_IN_WXS

    assert (_ps1_assignment("AppName"), _ps1_assignment("GuiExe"), _ps1_assignment("CliExe")) == (
        cfg.APP_NAME, gui, cli)


def test_windows_gets_a_windowed_and_a_console_executable_and_other_systems_one():
    assert cfg.executables("win32") == ((cfg.GUI_EXE, False), (cfg.CLI_EXE, True))
    assert cfg.command_line_executable("win32") == cfg.CLI_EXE
    for platform in ("linux", "darwin"):
        assert cfg.executables(platform) == ((cfg.GUI_EXE, True),)
        assert cfg.command_line_executable(platform) == cfg.GUI_EXE


def test_spec_builds_every_executable_over_one_folder():
    assert "cfg.executables(sys.platform)" in SPEC
    assert re.search(r"COLLECT\(\s*\*\[executable\(name, console\) for name, console in "
                     r"cfg\.executables\(sys\.platform\)\],", SPEC)
    assert SPEC.count("COLLECT(") == 1 and "name=cfg.DIST_FOLDER" in SPEC
    # The Windows build checks, runs and installs both executables.
    assert "foreach ($exe in @($GuiExe, $CliExe))" in BUILD_PS1
    assert "$Cli = Join-Path $AppDir $CliExe" in BUILD_PS1


def test_start_menu_shortcuts_open_the_windowed_executable():
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#GuiExe\}"', ISS, re.M)
    shortcut = _wxs().find(f".//{WIX}Shortcut")
    assert shortcut.get("Target") == "[#SvDesktopExe]"
    exe = _wxs().find(f".//{WIX}File[@Id='SvDesktopExe']")
    assert exe.get("Source").endswith(f"\\{cfg.GUI_EXE}.exe")


def test_machine_wide_preset_name_matches_what_the_app_reads():
    assert f'DestName: "{settings.DEFAULTS_FILE}"' in ISS
    assert f'Excludes: "\\{settings.DEFAULTS_FILE}"' in ISS
    assert settings.DEFAULTS_FILE in harvest.NEVER_SHIPPED
    assert settings.DEFAULTS_FILE in DEPLOYMENT


# --- fixed identities ------------------------------------------------------------------------------------


def test_inno_app_id_is_fixed():
    assert _iss_setup("AppId") == "{{" + INNO_APP_ID + "}"  # "{{" is Inno's escaped "{"


def test_msi_upgrade_code_is_fixed_and_upgrades_are_major_upgrades():
    package = _wxs().find(f"{WIX}Package")
    assert package.get("UpgradeCode") == "{" + MSI_UPGRADE_CODE + "}"
    assert package.get("Scope") == "perMachine"
    assert package.find(f"{WIX}MajorUpgrade") is not None


def test_identities_are_distinct_guids_and_documented_for_detection():
    assert uuid.UUID(INNO_APP_ID) != uuid.UUID(MSI_UPGRADE_CODE)
    assert f"{{{INNO_APP_ID}}}_is1" in DEPLOYMENT  # Inno's uninstall registry key
    assert MSI_UPGRADE_CODE in DEPLOYMENT


def test_inno_installs_per_user_by_default_and_per_machine_on_request():
    assert _iss_setup("PrivilegesRequired") == "lowest"
    assert _iss_setup("PrivilegesRequiredOverridesAllowed") == "commandline dialog"
    assert _iss_setup("DefaultDirName") == r"{autopf}\{#AppName}"
    assert "[UninstallDelete]" not in ISS, "uninstalling must leave the user's data alone"
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/ALLUSERS"):
        assert switch in DEPLOYMENT


def test_msi_features_reference_the_harvested_group():
    feature = _wxs().find(f".//{WIX}Feature")
    groups = [ref.get("Id") for ref in feature.iter(f"{WIX}ComponentGroupRef")]
    assert groups == [harvest.GROUP]
    components = {c.get("Id") for c in _wxs().iter(f"{WIX}Component")}
    assert {ref.get("Id") for ref in feature.iter(f"{WIX}ComponentRef")} == components


def test_build_script_runs_each_tool_on_the_files_in_this_folder():
    assert r"installer\sv-desktop.spec" in BUILD_PS1
    assert r"installer\windows\sv-desktop.iss" in BUILD_PS1
    assert r"installer\windows\sv-desktop.wxs" in BUILD_PS1
    assert r"installer\windows\harvest_wix.py" in BUILD_PS1
    for path in ("sv-desktop.spec", "windows/sv-desktop.iss", "windows/sv-desktop.wxs",
                 "windows/harvest_wix.py", "sv-desktop.ico"):
        assert (INSTALLER / path).is_file()
    assert r"..\sv-desktop.ico" in ISS and r"$(sys.SOURCEFILEDIR)..\sv-desktop.ico" in WXS_TEXT


# --- what goes into the bundle ----------------------------------------------------------------------------


def _imports_in_app() -> dict[str, set[str]]:
    """Every module imported anywhere in the package, with the files importing it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "sv_desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_no_qt_module_the_app_imports_is_left_out():
    used = {name.split(".")[1] for name in _imports_in_app() if name.startswith("PySide6.")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    wrongly_left_out = used & set(cfg.QT_EXCLUDED)
    assert not wrongly_left_out, f"the spec excludes Qt modules the app imports: {wrongly_left_out}"


def test_no_python_module_the_app_imports_is_left_out():
    imports = _imports_in_app()
    for excluded in cfg.PY_EXCLUDED:
        users = {f for name, files in imports.items() if name == excluded or name.startswith(excluded + ".")
                 for f in files}
        users.discard(excluded.replace(".", "/") + ".py")
        assert not users, f"{excluded} is left out of the bundle but imported by {sorted(users)}"


def test_resources_and_every_migration_file_are_bundled():
    pairs = cfg.data_files(ROOT)
    bundled = {PurePosixPath(dest) / Path(src).name for src, dest in pairs}
    for folder in (ROOT / "resources", ROOT / "sv_desktop" / "store" / "migrations"):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert PurePosixPath(path.relative_to(ROOT).as_posix()) in bundled
    names = {p.name for p in bundled}
    assert {"script.py.mako", "env.py"} <= names
    assert any(p.parent.name == "versions" and p.suffix == ".py" and p.name != "__init__.py" for p in bundled)
    assert not any(p.suffix == ".pyc" or "__pycache__" in p.parts for p in bundled)


def test_what_the_migration_scripts_import_is_bundled_as_code():
    imports = cfg.migration_imports(ROOT)
    assert {"alembic", "sqlalchemy", "sv_desktop.store.models"} <= set(imports)
    assert not cfg.is_app_module("sv_desktop.store.migrations.env")
    assert cfg.is_app_module("sv_desktop.store.migrate") and cfg.is_app_module("sv_desktop.ui.app")


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qtbase_fr.qm", "PySide6/opengl32sw.dll",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6\\plugins\\imageformats\\qwebp.dll", "PySide6/plugins/platforms/qdirect2d.dll",
    "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6WlShellIntegration.so.6",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/plugins/imageformats/qjpeg.dll", "PySide6/Qt/plugins/platforms/libqminimal.so",
    "docx/templates/default-docx-template/word/styles.xml",
])
def test_unused_qt_files_are_dropped(dest):
    assert cfg.is_unused(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6", "PySide6/Qt/lib/libicudata.so.73",
    "docx/templates/default.docx", "docx/templates/default-styles.xml",
    "PySide6/plugins/imageformats/qsvg.dll", "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/lib/libQt6Widgets.so.6", "resources/fonts/LiberationSans-Regular.ttf",
])
def test_needed_qt_files_are_kept(dest):
    assert not cfg.is_unused(dest)


def test_libraries_only_dropped_plugins_needed_are_pruned_and_shared_ones_kept():
    links = {
        "/src/libqgtk3.so": ["libgtk-3.so.0", "libcairo.so.2", "libQt6Gui.so.6"],
        "/src/libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"],
        "/src/libpixman-1.so.0": [],
        "/src/libpng16.so.16": ["libz.so.1"],
        "/src/libz.so.1": [],
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libpng16.so.16"],
        "/src/libpython3.11.so.1.0": [],
    }
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY")]
    kept = [
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),
        ("libpng16.so.16", "/src/libpng16.so.16", "BINARY"),
        ("libz.so.1", "/src/libz.so.1", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libqgtk3.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "SYMLINK"),
    ]
    remaining, removed = cfg.prune_orphans(kept, dropped, lambda src: links[src])
    assert {e[0] for e in removed} == {"libcairo.so.2", "libpixman-1.so.0", "libqgtk3.so"}
    assert {e[0] for e in remaining} == {"libpng16.so.16", "libz.so.1", "PySide6/QtGui.abi3.so",
                                         "PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6",
                                         "libpython3.11.so.1.0"}


def test_links_to_files_no_longer_bundled_are_dropped_from_either_list():
    entries = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("resources/content/themes.yaml", "/src/themes.yaml", "DATA"),
    ]
    present = {"PySide6/Qt/lib/libQt6Gui.so.6", "resources/content/themes.yaml"}
    assert cfg.without_dangling_links(entries, present) == entries[1:]


def test_cups_is_left_to_the_machine_with_what_only_it_needed():
    assert cfg.is_system_library("libcups.so.2") and not cfg.is_system_library("libQt6Gui.so.6")
    links = {
        "/src/libcupsprintersupport.so": ["libcups.so.2", "libQt6PrintSupport.so.6"],
        "/src/libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
        "/src/libgnutls.so.30": ["libz.so.1"],
        "/src/libQt6PrintSupport.so.6": ["libz.so.1"],
        "/src/libz.so.1": [],
    }
    entries = [(name, f"/src/{name}", "BINARY") for name in (
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "libcups.so.2", "libgnutls.so.30",
        "libQt6PrintSupport.so.6", "libz.so.1")]
    entries[0] = (entries[0][0], "/src/libcupsprintersupport.so", "BINARY")
    dropped = [e for e in entries if cfg.is_system_library(e[0])]
    remaining = [e for e in entries if e not in dropped]
    kept, removed = cfg.prune_orphans(remaining, dropped, lambda src: links[src])
    assert [e[0] for e in removed] == ["libgnutls.so.30"]
    assert {e[0] for e in kept} == {"PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                                    "libQt6PrintSupport.so.6", "libz.so.1"}


def test_python_uses_the_openssl_psycopgs_wheel_brings():
    entries = [
        ("libssl.so.3", "/usr/lib/libssl.so.3", "BINARY"),
        ("libcrypto.so.3", "/usr/lib/libcrypto.so.3", "BINARY"),
        ("psycopg_binary.libs/libssl-6a9b88ec.so.3", "/wheel/libssl-6a9b88ec.so.3", "BINARY"),
        ("psycopg_binary.libs/libcrypto-3a0647ea.so.3", "/wheel/libcrypto-3a0647ea.so.3", "BINARY"),
        ("libcrypto-3a0647ea.so.3", "psycopg_binary.libs/libcrypto-3a0647ea.so.3", "SYMLINK"),
        ("libz.so.1", "/usr/lib/libz.so.1", "BINARY"),
    ]
    shared, linked = cfg.share_duplicate_libraries(entries)
    assert sorted(linked) == ["libcrypto.so.3", "libssl.so.3"]
    assert shared[:2] == [("libssl.so.3", "psycopg_binary.libs/libssl-6a9b88ec.so.3", "SYMLINK"),
                          ("libcrypto.so.3", "psycopg_binary.libs/libcrypto-3a0647ea.so.3", "SYMLINK")]
    assert shared[2:] == entries[2:]
    # Without the wheel's copies (Windows names them differently) nothing changes.
    windows = [("libssl-3.dll", "C:/Python/DLLs/libssl-3.dll", "BINARY"),
               ("psycopg_binary.libs/libssl-3-x64-1a2b3c4d.dll", "C:/wheel/libssl-3-x64-1a2b3c4d.dll",
                "BINARY")]
    assert cfg.share_duplicate_libraries(windows) == (windows, [])
    assert cfg.share_duplicate_libraries(entries[:2]) == (entries[:2], [])


def test_nothing_is_pruned_when_nothing_is_dropped():
    kept = [("liba.so", "/a", "BINARY"), ("libb.so", "/b", "BINARY")]
    assert cfg.prune_orphans(kept, [], lambda src: ["libb.so"]) == (kept, [])


# --- without Pillow --------------------------------------------------------------------------------------


_RASTER_IMAGE_USE = re.compile(r"\.(drawImage|drawInlineImage|add_picture)\(|\bImageReader\b|\bPILImage\b")


def test_the_app_puts_no_raster_picture_in_any_export():
    """The frozen app has no Pillow: a PNG or JPEG in a PDF, Word or Excel export would fail there."""
    imports = _imports_in_app()
    raster = {name for name in imports if name == "PIL" or name.startswith("PIL.")
              or name in ("reportlab.platypus.Image", "reportlab.platypus.flowables.Image",
                          "reportlab.lib.utils.ImageReader", "openpyxl.drawing.image")}
    assert not raster, f"raster images need Pillow, which the frozen app leaves out: {sorted(raster)}"
    for path in (ROOT / "sv_desktop").rglob("*.py"):
        found = _RASTER_IMAGE_USE.search(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(ROOT)} embeds a raster image ({found.group(0)})"
    assert "PIL" in cfg.PY_EXCLUDED and cfg.RUNTIME_HOOKS == ("runtime_without_pillow.py",)


def test_stand_in_for_pillow_answers_reportlab_and_openpyxl_as_missing_pillow(tmp_path):
    script = (
        "import runpy, sys\n"
        f"runpy.run_path({str(INSTALLER / 'runtime_without_pillow.py')!r})\n"
        "from PIL import Image\n"
        "assert Image is None\n"
        "try:\n"
        "    import PIL.ImageFile\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('PIL.ImageFile imported')\n"
        "import reportlab.lib.utils, openpyxl.drawing.image\n"
        "assert reportlab.lib.utils.haveImages is False and not openpyxl.drawing.image.PILImage\n"
        "from reportlab.graphics.shapes import Drawing, Rect\n"
        "from reportlab.platypus import Paragraph, SimpleDocTemplate\n"
        "from reportlab.lib.styles import getSampleStyleSheet\n"
        "drawing = Drawing(100, 50); drawing.add(Rect(0, 0, 100, 50))\n"
        f"SimpleDocTemplate({str(tmp_path / 'out.pdf')!r}).build(\n"
        "    [Paragraph('Social value', getSampleStyleSheet()['Normal']), drawing])\n"
        "print(sorted(name for name in sys.modules if name.startswith('PIL')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['PIL']"
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


# --- ELF and ICU data (the Linux build) ---------------------------------------------------------------------

QT_LIB = Path(QtCore.__file__).resolve().parent / "Qt" / "lib"
ICU_LIBRARIES = sorted(QT_LIB.glob("libicudata.so.*")) if sys.platform.startswith("linux") else []
needs_qt_icu = pytest.mark.skipif(not ICU_LIBRARIES, reason="Qt for Linux ships ICU; this Qt does not")
needs_binutils = pytest.mark.skipif(not (shutil.which("as") and shutil.which("ld")),
                                    reason="building the ICU library needs GNU as and ld")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux libraries are ELF files")
def test_direct_dependencies_are_read_from_the_library_itself():
    widgets = elf_file.needed(QT_LIB / "libQt6Widgets.so.6")
    assert {"libQt6Gui.so.6", "libQt6Core.so.6"} <= set(widgets)
    # What QtCore needs in turn (ICU) is not listed: only the library's own DT_NEEDED entries are.
    assert not [name for name in widgets if name.startswith("libicu")]
    assert [name for name in elf_file.needed(QT_LIB / "libQt6Core.so.6") if name.startswith("libicuuc")]


def test_elf_reader_names_a_file_it_cannot_read(tmp_path):
    path = tmp_path / "libnot.so"
    path.write_bytes(b"MZ" + bytes(100))
    with pytest.raises(elf_file.ElfError, match="libnot.so"):
        elf_file.needed(path)
    with pytest.raises(icu_data.IcuDataError, match="libnot.so"):
        icu_data.read_library(path)
    with pytest.raises(icu_data.IcuDataError, match="CmnD"):
        icu_data.read_package(bytes(64))
    with pytest.raises(icu_data.IcuDataError, match="libicudata"):
        icu_data.smaller_library(tmp_path / "libicuuc.so.73", tmp_path)


@pytest.fixture(scope="module")
def icu_package():
    symbol, blob = icu_data.read_library(ICU_LIBRARIES[-1])
    return symbol, blob, icu_data.read_package(blob)


@needs_qt_icu
def test_icu_package_is_read_and_written_back_byte_for_byte(icu_package):
    symbol, blob, package = icu_package
    assert re.fullmatch(r"icudt\d+_dat", symbol)
    assert len(package.items) > 1000 and package.items[0][0].startswith(f"icudt{symbol[5:-4]}l/")
    assert icu_data.write_package(package) == blob
    names = [name for name, _data in package.items]
    assert names == sorted(names)


@needs_qt_icu
def test_icu_data_keeps_english_root_and_what_qt_reads(icu_package):
    _symbol, _blob, package = icu_package
    prefix = package.items[0][0].split("/")[0]
    kept = {name.removeprefix(prefix + "/") for name, _data in icu_data.filtered(package).items}
    everything = {name.removeprefix(prefix + "/") for name, _data in package.items}
    for name in ("root.res", "en.res", "en_GB.res", "en_US_POSIX.res", "pool.res", "res_index.res",
                 "supplementalData.res", "likelySubtags.res", "zoneinfo64.res", "metaZones.res",
                 "coll/root.res", "coll/ucadata.icu", "coll/en.res", "zone/en_GB.res", "zone/root.res",
                 "curr/en.res", "nfkc.nrm", "uts46.nrm", "cnvalias.icu",
                 # single-byte code pages: windows-1252, IBM 1252 and the IBM PC's 437
                 "ibm-5348_P100-1997.cnv", "ibm-1252_P100-2000.cnv", "ibm-437_P100-1995.cnv",
                 "brkitr/root.res", "brkitr/word.brk"):
        assert name in everything, f"{name} is not in this ICU's data: the test needs updating"
        assert name in kept, f"{name} was left out"
    for name in ("de.res", "fr_CA.res", "sr_Latn_BA.res", "es_419.res", "coll/zh.res", "coll/de.res",
                 "zone/de.res", "translit/root.res", "brkitr/cjdict.dict", "brkitr/thaidict.dict",
                 "gb18030.cnv", "euc-jp-2007.cnv", "ibm-943_P15A-2003.cnv"):
        assert name in everything, f"{name} is not in this ICU's data: the test needs updating"
        assert name not in kept, f"{name} was kept"
    assert icu_data.filtered(package).size() < package.size() / 4


def _run_with_icu(library: Path | None, script: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if library is not None:
        # Loaded first, the library answers for its soname when QtCore's ICU asks for it.
        env["LD_PRELOAD"] = str(library)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


ICU_PROBE = """
import functools, json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, Qt
words = ["zebra", "Zebra", "apple", "Äpfel", "éclair", "Eclair", "ætt", "öl", "Ol", "file10", "file9",
         "Øre", "naïve", "naive", "résumé", "resume", "Łódź", "Lodz", "ß", "ss", "中文", "ä", "z",
         "O'Brien"]
out = {}
for name in ("en_GB", "en_US", "C", "de_DE", "sv_SE"):
    collator = QCollator(QLocale(name))
    out[name] = sorted(words, key=functools.cmp_to_key(collator.compare))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    out[name + " numeric"] = sorted(words, key=functools.cmp_to_key(collator.compare))
for codec in ("windows-1252", "ISO-8859-15", "IBM437", "KOI8-R", "macintosh", "Shift_JIS", "GB18030"):
    out[codec] = QStringDecoder(codec).isValid()
out["upper"] = [QLocale(name).toUpper("istraße") for name in ("tr_TR", "en_GB")]
out["icu"] = sorted({line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line})
print(json.dumps(out))
"""


@needs_qt_icu
@needs_binutils
def test_smaller_icu_data_serves_qt_as_the_full_data_does_in_english(tmp_path):
    library, full, kept = icu_data.smaller_library(ICU_LIBRARIES[-1], tmp_path / "icu")
    assert library.name == ICU_LIBRARIES[-1].name and elf_file.needed(library) == []
    assert len(kept.items) < len(full.items) and library.stat().st_size < 8 * 2**20

    before = json.loads(_run_with_icu(None, ICU_PROBE))
    after = json.loads(_run_with_icu(library, ICU_PROBE))
    assert after["icu"] == [str(library)] and before["icu"] == [str(ICU_LIBRARIES[-1])]
    for key in ("en_GB", "en_GB numeric", "en_US", "en_US numeric", "C", "C numeric", "windows-1252",
                "ISO-8859-15", "IBM437", "KOI8-R", "macintosh", "upper"):
        assert after[key] == before[key], key
    assert after["en_GB numeric"].index("file9") < after["en_GB numeric"].index("file10")
    assert after["upper"] == ["İSTRASSE", "ISTRASSE"]  # Turkish dotted capital I: case data is in ICU's code
    # Other languages sort by the root order, which for German is the same; Swedish loses its own.
    assert after["de_DE"] == before["de_DE"]
    assert after["sv_SE"] == after["en_GB"] != before["sv_SE"]
    assert before["Shift_JIS"] and before["GB18030"] and not after["Shift_JIS"] and not after["GB18030"]


@needs_qt_icu
@needs_binutils
def test_the_icu_library_is_swapped_among_the_bundle_entries(tmp_path):
    source = str(ICU_LIBRARIES[-1])
    entries = [(f"PySide6/Qt/lib/{ICU_LIBRARIES[-1].name}", source, "BINARY"),
               (ICU_LIBRARIES[-1].name, f"PySide6/Qt/lib/{ICU_LIBRARIES[-1].name}", "SYMLINK"),
               ("PySide6/Qt/lib/libQt6Core.so.6", str(QT_LIB / "libQt6Core.so.6"), "BINARY")]
    swapped, summary = icu_data.shrink_in_bundle(entries, tmp_path)
    assert swapped[1:] == entries[1:]
    assert swapped[0][0] == entries[0][0] and swapped[0][2] == "BINARY"
    assert Path(swapped[0][1]).parent == tmp_path and Path(swapped[0][1]).name == ICU_LIBRARIES[-1].name
    assert re.fullmatch(r"ICU data cut from \d+\.\d MB to \d\.\d MB \(\d+ of \d+ items kept\)", summary)
    unchanged = icu_data.shrink_in_bundle(entries[2:], tmp_path)
    assert unchanged == (entries[2:], "no ICU data library in the bundle")


# --- the MSI file list -------------------------------------------------------------------------------------


def _app_folder(root: Path) -> Path:
    app = root / "sv-desktop"
    for rel in ("sv-desktop.exe", "sv-desktop-cli.exe", "_internal/python311.dll",
                "_internal/base_library.zip",
                "_internal/PySide6/plugins/platforms/qwindows.dll", "_internal/PySide6/Qt6Core.dll",
                "_internal/resources/content/themes.yaml", "_internal/resources/fonts/O'Brien & Co.ttf",
                "sv-desktop-defaults.json"):
        path = app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rel.encode())
    return app


def test_harvest_lists_every_file_once_in_its_folder(tmp_path):
    app = _app_folder(tmp_path)
    tree = ET.fromstring(harvest.fragment(app).encode("utf-8"))
    group = tree.find(f".//{WIX}ComponentGroup[@Id='{harvest.GROUP}']")
    directories = {d.get("Id"): d for d in tree.iter(f"{WIX}Directory")}
    parents = {child.get("Id"): parent for parent in tree.iter() for child in parent
               if child.tag == f"{WIX}Directory"}

    def folder_path(directory_id: str) -> str:
        parts = []
        while directory_id in directories:
            parts.append(directories[directory_id].get("Name"))
            directory_id = parents[directory_id].get("Id")
        assert directory_id == harvest.ROOT_DIRECTORY
        return "\\".join(reversed(parts))

    listed = {}
    for component in group.iter(f"{WIX}Component"):
        (file,) = component.iter(f"{WIX}File")
        assert file.get("KeyPath") == "yes" and component.get("Guid") == "*"
        source = file.get("Source").removeprefix("$(var.AppDir)\\")
        folder = source.rpartition("\\")[0]
        expected = harvest.ROOT_DIRECTORY if not folder else None
        if expected:
            assert component.get("Directory") == expected
        else:
            assert folder_path(component.get("Directory")) == folder
        listed[source] = file.get("Id")

    on_disk = {p.relative_to(app).as_posix().replace("/", "\\") for p in app.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"sv-desktop.exe", "sv-desktop-cli.exe", "sv-desktop-defaults.json"}


def test_harvest_identifiers_are_valid_unique_and_stable(tmp_path):
    app = _app_folder(tmp_path)
    text = harvest.fragment(app)
    assert harvest.fragment(app) == text
    ids = re.findall(r' Id="([^"]+)"', text)
    generated = [i for i in ids if i not in (harvest.ROOT_DIRECTORY, harvest.GROUP)]
    assert len(generated) == len(set(generated))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,71}", i) for i in generated)


def test_harvest_refuses_a_missing_or_empty_folder(tmp_path, capsys):
    assert harvest.main([str(tmp_path / "nowhere"), str(tmp_path / "out.wxs")]) == 2
    (tmp_path / "empty").mkdir()
    assert harvest.main([str(tmp_path / "empty"), str(tmp_path / "out.wxs")]) == 2
    assert "build the app folder first" in capsys.readouterr().err
    assert not (tmp_path / "out.wxs").exists()


# --- the icon -------------------------------------------------------------------------------------------


def test_committed_icon_holds_every_windows_size_in_nhs_blue():
    from PIL import Image

    data = (INSTALLER / "sv-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(render_icon.ICO_SIZES))
    with Image.open(INSTALLER / "sv-desktop.ico") as ico:
        assert sorted(ico.info["sizes"]) == [(s, s) for s in render_icon.ICO_SIZES]
    with Image.open(INSTALLER / "sv-desktop.png") as png:
        assert png.size == (256, 256)
        assert png.convert("RGBA").getpixel((128, 14)) == (0x00, 0x5E, 0xB8, 255)  # NHS Blue
        assert png.convert("RGBA").getpixel((1, 1))[3] == 0  # transparent corner


def test_icon_writer_makes_icos_windows_can_read(tmp_path, qapp):
    from PIL import Image

    images = {size: render_icon.render_png(render_icon.SVG, size) for size in (16, 48, 256)}
    path = tmp_path / "app.ico"
    path.write_bytes(render_icon.ico_bytes(images))
    with Image.open(path) as ico:
        assert sorted(ico.info["sizes"]) == [(16, 16), (48, 48), (256, 256)]
        ico.size = (48, 48)
        assert ico.convert("RGBA").getpixel((24, 3)) == (0x00, 0x5E, 0xB8, 255)
