"""The PyInstaller spec, proven by building it: the frozen app runs headless and writes correct exports.

PyInstaller builds for the machine it runs on, so on Linux this is a smoke test of the same spec the
Windows build uses: resources, fonts, migrations, Qt plugins and the database drivers must all be in the
folder for these commands to work, and everything the spec leaves out (Pillow, most of ICU's data, CUPS's
libraries, Wayland...) must not be missed by them. The build takes about a minute; set SV_FROZEN_APP to an
app folder already built (`make dist` makes `dist/sv-desktop`) to test that one instead.
"""

from __future__ import annotations

import ctypes.util
import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

import sv_desktop
from sv_desktop import cli, settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if os.name == "nt" else ""
SIZE_BUDGET_MB = 120


def _bundle_config():
    spec = importlib.util.spec_from_file_location("bundle_config", ROOT / "installer" / "bundle_config.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_config", module)
    spec.loader.exec_module(module)
    return module


cfg = _bundle_config()
EXECUTABLES = [name for name, _console in cfg.executables(sys.platform)]
CLI = cfg.command_line_executable(sys.platform)
"""The executable that prints: `sv-desktop-cli` on Windows, the one `sv-desktop` elsewhere."""


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory) -> Path:
    given = os.environ.get("SV_FROZEN_APP")
    if given:
        folder = Path(given).resolve()
        assert (folder / f"{CLI}{EXE}").is_file(), f"SV_FROZEN_APP={given} holds no built app"
        return folder
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (it is in the 'dist' extra: "
                        "pip install -e '.[dist]'), so the frozen build cannot be made here")
    work = tmp_path_factory.mktemp("frozen")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "installer" / "sv-desktop.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stderr[-4000:]}"
    return work / "dist" / "sv-desktop"


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SV_DESKTOP_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(app: Path, *args: str, exe: str = CLI, env: dict | None = None,
        check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(app / f"{exe}{EXE}"), *args], capture_output=True, text=True,
                            encoding="utf-8", timeout=180, env=env or _environment())
    if check:
        assert result.returncode == 0, f"{exe} {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_data(app_folder, tmp_path_factory) -> tuple[Path, list[dict]]:
    """A data folder with the worked examples, loaded by the frozen app (migrations run frozen too)."""
    data = tmp_path_factory.mktemp("frozen-data") / "data"
    run(app_folder, "--data-dir", str(data), "demo")
    tenders = json.loads(run(app_folder, "--data-dir", str(data), "list", "--json").stdout)
    assert tenders, "demo loaded no tenders"
    return data, tenders


def _pdf_text(path: Path) -> tuple[str, list[str], str]:
    """(all text, names of embedded fonts, title) of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text, sorted(fonts), reader.metadata.title or ""


def test_every_executable_prints_the_package_version(app_folder):
    built = sorted(p.name.removesuffix(EXE) for p in app_folder.iterdir() if p.is_file())
    assert built == sorted(EXECUTABLES), "Windows has a windowed and a console executable, other systems one"
    for exe in EXECUTABLES:
        assert run(app_folder, "--version", exe=exe).stdout.strip() == f"sv-desktop {sv_desktop.__version__}"


def test_the_desktop_executable_runs_commands_headless(app_folder, tmp_path):
    """The executable the Start menu (or the desktop) opens loads the examples and writes a pack too."""
    data = tmp_path / "data"
    run(app_folder, "--data-dir", str(data), "demo", exe=cfg.GUI_EXE)
    listed = json.loads(run(app_folder, "--data-dir", str(data), "list", "--json", exe=cfg.GUI_EXE).stdout)
    pdf = tmp_path / "desktop pack.pdf"
    run(app_folder, "--data-dir", str(data), "pack", listed[0]["reference"], "--out", str(pdf),
        exe=cfg.GUI_EXE)
    assert listed[0]["reference"] in _pdf_text(pdf)[0]


def test_frozen_pack_is_the_same_pdf_the_installed_app_writes(app_folder, demo_data, tmp_path, monkeypatch):
    data, tenders = demo_data
    tender = tenders[0]
    frozen_pdf = tmp_path / "frozen pack.pdf"
    out = run(app_folder, "--data-dir", str(data), "pack", tender["reference"], "--out", str(frozen_pdf))
    assert out.stdout.strip() == f"Wrote {frozen_pdf}"
    assert frozen_pdf.read_bytes().startswith(b"%PDF-")

    text, fonts, title = _pdf_text(frozen_pdf)
    assert tender["reference"] in text
    assert tender["title"] in " ".join(text.split())
    assert tender["title"] in title
    assert fonts and all(name.startswith(("LiberationSans", "DejaVuSans")) for name in fonts), fonts

    # The same tender exported by the package itself, from a data folder of its own.
    for name in [n for n in os.environ if n.startswith("SV_DESKTOP_")]:
        monkeypatch.delenv(name)
    own_data = tmp_path / "own"
    assert cli.main(["--data-dir", str(own_data), "demo"]) == 0
    own_pdf = tmp_path / "own pack.pdf"
    assert cli.main(["--data-dir", str(own_data), "pack", tender["reference"], "--out", str(own_pdf)]) == 0
    assert _pdf_text(own_pdf) == (text, fonts, title)


def test_frozen_app_writes_the_word_pack_and_the_brief(app_folder, demo_data, tmp_path):
    import docx

    data, tenders = demo_data
    reference = tenders[0]["reference"]
    pack = tmp_path / "pack.docx"
    run(app_folder, "--data-dir", str(data), "pack", reference, "--out", str(pack))
    document = docx.Document(str(pack))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert reference in words

    brief = tmp_path / "brief.pdf"
    run(app_folder, "--data-dir", str(data), "brief", reference, "--out", str(brief))
    assert reference in _pdf_text(brief)[0]


def _workbook_values(path: Path) -> dict[str, list[tuple]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    # The day it was produced is left out, so that a run that spans midnight compares equal.
    return {sheet.title: [row for row in sheet.iter_rows(values_only=True) if row[0] != "Produced"]
            for sheet in workbook}


def test_frozen_app_writes_the_compliance_report_and_the_pipeline(app_folder, demo_data, tmp_path,
                                                                   monkeypatch):
    data, tenders = demo_data
    period = ["--from", "2026-01-01", "--to", "2030-12-31"]
    frozen_xlsx = tmp_path / "frozen report.xlsx"
    run(app_folder, "--data-dir", str(data), "report", *period, "--out", str(frozen_xlsx))
    values = _workbook_values(frozen_xlsx)
    assert list(values) == ["Summary", "Contracts", "Spend", "Coming up"]
    summary = dict(row[:2] for row in values["Summary"] if row[0])
    assert summary["This period"] == "1 January 2026 to 31 December 2030"
    # Every demo tender is counted in this period, left out as not yet issued, or issued in the benchmark
    # period before it (the demo has one from 2025).
    issued_before = sum(1 for t in tenders if (t["tender_notice_date"] or "9999") < "2026-01-01")
    counted = summary["Contracts counted"] + summary["Not counted: not yet issued"] + issued_before
    assert summary["Contracts counted"] >= 1 and counted == len(tenders)

    frozen_pdf = tmp_path / "frozen report.pdf"
    run(app_folder, "--data-dir", str(data), "report", *period, "--out", str(frozen_pdf))
    assert "compliance report" in _pdf_text(frozen_pdf)[0].lower()

    pipeline = tmp_path / "pipeline.xlsx"
    printed = run(app_folder, "--data-dir", str(data), "pipeline", "--months", "60",
                  "--out", str(pipeline)).stdout
    assert printed.startswith(f"Wrote {pipeline}")
    cells = {cell for rows in _workbook_values(pipeline).values() for row in rows for cell in row}
    coming = {t["reference"] for t in tenders if (t["tender_notice_date"] or "") >= dt.date.today().isoformat()}
    assert coming and coming <= cells, "the pipeline lists every tender whose notice is still to come"

    # The same workbook written by the package itself, from a data folder of its own.
    for name in [n for n in os.environ if n.startswith("SV_DESKTOP_")]:
        monkeypatch.delenv(name)
    own_data = tmp_path / "own"
    assert cli.main(["--data-dir", str(own_data), "demo"]) == 0
    own_xlsx = tmp_path / "own report.xlsx"
    assert cli.main(["--data-dir", str(own_data), "report", *period, "--out", str(own_xlsx)]) == 0
    assert _workbook_values(own_xlsx) == values


def test_frozen_check_reads_bundled_example_files(app_folder):
    example = sorted((ROOT / "resources" / "demo").glob("*.svtender.json"))[0]
    result = run(app_folder, "check", str(example), "--json", check=False)
    report = json.loads(result.stdout)
    assert result.returncode == (0 if report["compliant"] else 1)
    assert report["findings"] and report["reference"]


def test_frozen_app_reports_bad_input_in_one_line(app_folder, tmp_path):
    result = run(app_folder, "--data-dir", str(tmp_path / "data"), "pack", "NO-SUCH-REF", "--out",
                 str(tmp_path / "x.pdf"), check=False)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("sv-desktop: ")


def _beside(app_folder: Path, folder: Path) -> Path:
    """A copy of the command-line executable in `folder`, sharing the built bundle through a symbolic link,
    so a preset can be put beside it without touching the build."""
    folder.mkdir()
    shutil.copy2(app_folder / f"{CLI}{EXE}", folder / f"{CLI}{EXE}")
    os.symlink(app_folder / "_internal", folder / "_internal", target_is_directory=True)
    return folder


@pytest.mark.skipif(os.name == "nt", reason="uses a symbolic link to share the bundle")
def test_machine_wide_preset_beside_the_executable_names_the_organisation(app_folder, demo_data, tmp_path):
    data, tenders = demo_data
    app = _beside(app_folder, tmp_path / "app")
    organisation = "Preset Test NHS Foundation Trust"
    (app / settings.DEFAULTS_FILE).write_text(json.dumps({"organisation": organisation}), encoding="utf-8")
    pdf = tmp_path / "preset.pdf"
    run(app, "--data-dir", str(data), "pack", tenders[0]["reference"], "--out", str(pdf))
    assert organisation in _pdf_text(pdf)[0]


@pytest.mark.skipif(os.name == "nt", reason="uses a symbolic link to share the bundle")
def test_preset_team_database_is_used_by_the_frozen_app(app_folder, postgres_url, tmp_path):
    import sqlalchemy

    schema = f"svfrozen_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    try:
        joiner = "&" if "?" in postgres_url else "?"
        url = f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
        app = _beside(app_folder, tmp_path / "app")
        (app / settings.DEFAULTS_FILE).write_text(json.dumps({"database_url": url}), encoding="utf-8")
        data = tmp_path / "data"
        run(app, "--data-dir", str(data), "demo")
        listed = json.loads(run(app, "--data-dir", str(data), "list", "--json").stdout)
        with admin.connect() as connection:
            stored = connection.execute(sqlalchemy.text(f'SELECT count(*) FROM "{schema}".tender')).scalar()
        assert stored == len(listed) > 0
        assert not (data / "sv-desktop.sqlite3").exists()
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_frozen_window_opens_and_stays_up(app_folder, demo_data):
    data, _tenders = demo_data
    process = subprocess.Popen([str(app_folder / f"sv-desktop{EXE}"), "--data-dir", str(data)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment())
    try:
        time.sleep(8)
        assert process.poll() is None, f"the app exited with {process.returncode}"
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _out, err = process.communicate()
    assert b"Traceback" not in err, err.decode(errors="replace")


LINUX = sys.platform.startswith("linux")


def _icu_data_library(app_folder: Path) -> Path:
    found = [p for p in (app_folder / "_internal").rglob("libicudata.so.*") if not p.is_symlink()]
    assert len(found) == 1, found
    return found[0]


ICU_PROBE = """
import functools, json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder
words = ["zebra", "Zebra", "apple", "Äpfel", "éclair", "Eclair", "öl", "Ol", "file10", "file9", "Łódź",
         "ß"]
print(json.dumps({
    "sorted": {name: sorted(words, key=functools.cmp_to_key(QCollator(QLocale(name)).compare))
               for name in ("en_GB", "en_US", "C")},
    "windows-1252": QStringDecoder("windows-1252").isValid(),
    "icu": sorted({line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line}),
}))
"""


@pytest.mark.skipif(not LINUX, reason="Qt for Linux ships ICU; Windows has its own")
def test_bundled_icu_data_sorts_english_as_the_full_data_does(app_folder):
    """The frozen Qt collates with the bundled (cut) ICU data; checked with this Python's Qt, same ICU."""
    from PySide6 import QtCore

    bundled = _icu_data_library(app_folder)
    assert bundled.stat().st_size < 8 * 2**20, "the ICU data is the full 31 MB: the spec did not cut it"
    ours = Path(QtCore.__file__).resolve().parent / "Qt" / "lib" / bundled.name
    if not ours.is_file():
        pytest.skip(f"this Python's Qt has no {bundled.name} to compare with")

    def probe(preload: Path | None) -> dict:
        env = _environment()
        env.pop("LD_PRELOAD", None)
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)  # answers for the soname when QtCore's ICU loads
        result = subprocess.run([sys.executable, "-c", ICU_PROBE], capture_output=True, text=True, env=env,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    full, cut = probe(None), probe(bundled)
    assert cut["icu"] == [str(bundled)] and full["icu"] == [str(ours)]
    assert cut["sorted"] == full["sorted"] and cut["windows-1252"] is True
    english, codepoints = cut["sorted"]["en_GB"], cut["sorted"]["C"]
    assert english.index("Äpfel") < english.index("zebra")
    assert codepoints.index("Äpfel") > codepoints.index("zebra")


@pytest.mark.skipif(not LINUX, reason="CUPS is the Linux print service")
def test_print_support_finds_the_machines_cups(app_folder):
    plugin = app_folder / "_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so"
    assert plugin.is_file(), "Qt's CUPS print plugin is missing"
    assert not list((app_folder / "_internal").rglob("libcups.so*")), "libcups is the machine's to provide"
    if ctypes.util.find_library("cups") is None or shutil.which("ldd") is None:
        pytest.skip("this machine has no CUPS client library (libcups2): the app says no printer is set up")
    env = {"LD_LIBRARY_PATH": str(app_folder / "_internal"), "PATH": os.environ.get("PATH", "")}
    result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "not found" not in result.stdout, result.stdout
    assert "libcups.so.2 => /" in result.stdout


def test_folder_holds_only_what_the_app_uses_within_budget(app_folder):
    names = [p.relative_to(app_folder).as_posix() for p in app_folder.rglob("*")]
    assert not [n for n in names if "/translations/" in n or n.endswith("opengl32sw.dll")]
    for module in ("Qml", "Quick", "Network", "WebEngineCore", "Designer", "Pdf", "WaylandClient", "OpenGL"):
        assert not [n for n in names if f"Qt6{module}." in n or f"Qt{module}." in n], module
    for left_out in ("PIL/", "pillow.libs/", "plugins/platforms/libqwayland", "plugins/wayland-",
                     "plugins/imageformats/libqjpeg", "default-docx-template/", "charset_normalizer/",
                     "lib-dynload/_codecs_jp", "__pycache__/"):
        assert not [n for n in names if left_out in n], left_out
    if LINUX:
        assert "_internal/PySide6/Qt/plugins/platforms/libqxcb.so" in names
        real = [p.name for p in (app_folder / "_internal").rglob("*") if p.is_file() and not p.is_symlink()]
        for library in ("libssl", "libcrypto"):
            copies = [n for n in real if n.startswith(f"{library}.") or n.startswith(f"{library}-")]
            assert len(copies) == 1, f"one OpenSSL serves Python and libpq, not {copies}"
        assert _icu_data_library(app_folder).stat().st_size < 8 * 2**20
    migrations = "_internal/sv_desktop/store/migrations"
    assert f"{migrations}/script.py.mako" in names and f"{migrations}/env.py" in names
    assert [n for n in names if n.startswith(f"{migrations}/versions/") and n.endswith(".py")]
    assert "_internal/resources/fonts/LiberationSans-Regular.ttf" in names
    size = sum(p.stat().st_size for p in app_folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size / 2**20 < SIZE_BUDGET_MB, f"the app folder is {size / 2**20:.0f} MB"


def test_frozen_app_writes_the_assessment_summaries_in_worker_processes(app_folder, demo_data, tmp_path):
    """The workers start from the frozen executable (freeze_support in its entry script): a worker that ran
    the command line instead would print its usage and the summaries would be written one by one here."""
    data, _tenders = demo_data
    out = tmp_path / "summaries"
    result = run(app_folder, "--data-dir", str(data), "evaluation", "LPT-2026-017", "--summaries", str(out))
    assert "usage:" not in result.stderr.lower() and "error" not in result.stderr.lower(), result.stderr
    written = sorted(out.iterdir())
    assert [p.suffix for p in written] == [".docx", ".pdf"] * 3
    assert "LPT-2026-017" in _pdf_text(next(p for p in written if p.suffix == ".pdf"))[0]


def test_frozen_app_carries_reportlab_s_accelerator(app_folder, tmp_path):
    """reportlab finds `_rl_accel` by a name built at run time, which PyInstaller cannot see by itself."""
    assert list(app_folder.rglob("_rl_accel*")), "the frozen app has no _rl_accel"
