"""The command line: every command, and the one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from sv_desktop import __version__
from sv_desktop.cli import main

EXAMPLE = {
    "format": "sv-desktop.tender",
    "format_version": 1,
    "reference": "CLI-001",
    "title": "Grounds maintenance for community sites",
    "category": "estates_facilities",
    "value_excl_vat_gbp": 400000,
    "duration_months": 36,
    "social_value_weighting_pct": 10,
    "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}],
}


def write(tmp_path: Path, data, name: str = "t.svtender.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_in_a_real_process():
    result = subprocess.run([sys.executable, "-m", "sv_desktop", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"sv-desktop {__version__}"


def test_import_list_export_round_trip(data_dir, tmp_path, capsys):
    source = write(tmp_path, EXAMPLE)
    code, out, err = run(capsys, "import", str(source))
    assert (code, err) == (0, "")
    assert "Imported CLI-001" in out

    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert [r["reference"] for r in rows] == ["CLI-001"]
    assert rows[0]["title"] == EXAMPLE["title"]

    target = tmp_path / "out.svtender.json"
    code, out, _ = run(capsys, "export", "CLI-001", "--out", str(target))
    assert code == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    for key, value in EXAMPLE.items():
        if key != "themes":
            assert exported[key] == value, key
    assert exported["themes"][0]["theme"] == "fighting_climate_change"

    # importing the same reference again updates it rather than duplicating it
    changed = dict(EXAMPLE, title="Grounds maintenance (revised)")
    code, out, _ = run(capsys, "import", str(write(tmp_path, changed, "again.svtender.json")))
    assert "Updated CLI-001" in out
    code, out, _ = run(capsys, "list", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Grounds maintenance (revised)"]


def test_check_file_json_compliant_and_not(tmp_path, capsys, data_dir):
    code, out, _ = run(capsys, "check", str(write(tmp_path, EXAMPLE)), "--json")
    report = json.loads(out)
    assert report["reference"] == "CLI-001"
    assert isinstance(report["compliant"], bool)
    assert all({"rule", "severity", "message", "source"} <= set(f) for f in report["findings"])
    assert code == (0 if report["compliant"] else 1)

    low = dict(EXAMPLE, social_value_weighting_pct=9.99,
               themes=[{"theme": "fighting_climate_change", "weighting_pct": 9.99}])
    code, out, _ = run(capsys, "check", str(write(tmp_path, low, "low.svtender.json")), "--json")
    report = json.loads(out)
    assert code == 1 and report["compliant"] is False
    assert "SV-MIN-WEIGHT" in {f["rule"] for f in report["findings"] if f["severity"] == "blocker"}
    # checking a file never imports it
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "not valid JSON"),
    ("[]", "one JSON object"),
    (json.dumps({k: v for k, v in EXAMPLE.items() if k != "title"}), "title"),
    (json.dumps(dict(EXAMPLE, category="pharmacy")), "category"),
    (json.dumps(dict(EXAMPLE, value_excl_vat_gbp=-1)), "value_excl_vat_gbp"),
    (json.dumps(dict(EXAMPLE, format_version=2)), "format_version"),
    (json.dumps(dict(EXAMPLE, themes=[{"theme": "happiness"}])), "themes[0].theme"),
    (json.dumps(dict(EXAMPLE, tender_notice_date="31/12/2026")), "tender_notice_date"),
])
def test_bad_files_give_one_line_and_exit_2(tmp_path, capsys, data_dir, content, fragment):
    path = write(tmp_path, content)
    for command in (["check", str(path), "--json"], ["import", str(path)]):
        code, out, err = run(capsys, *command)
        assert code == 2, command
        assert fragment in err
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out) == []  # nothing half-imported


def test_missing_file_and_unknown_reference(tmp_path, capsys, data_dir):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.svtender.json"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "pack", "NOPE-1", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "NOPE-1" in err
    code, _, err = run(capsys, "export", "NOPE-1", "--out", str(tmp_path / "x.json"))
    assert code == 2 and "NOPE-1" in err


def test_demo_then_pack_pdf_docx_and_brief(tmp_path, capsys, data_dir):
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "LPT-2027-014" in out
    code, out, _ = run(capsys, "list", "--json")
    rows = {r["reference"]: r for r in json.loads(out)}
    assert len(rows) >= 4
    assert rows["LPT-2027-014"]["compliant"] is True
    assert rows["LPT-2027-040"]["compliant"] is False

    pdf = tmp_path / "pack.pdf"
    code, out, err = run(capsys, "pack", "LPT-2027-014", "--out", str(pdf))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Non-emergency patient transport service" in text
    assert "Fighting climate change" in text

    docx = tmp_path / "pack.docx"
    assert run(capsys, "pack", "LPT-2027-014", "--out", str(docx))[0] == 0
    assert docx.stat().st_size > 5000
    code, _, err = run(capsys, "pack", "LPT-2027-014", "--out", str(tmp_path / "pack.txt"))
    assert code == 2 and ".pdf or .docx" in err

    brief = tmp_path / "brief.pdf"
    assert run(capsys, "brief", "LPT-2027-014", "--out", str(brief))[0] == 0
    assert 2 <= len(PdfReader(brief).pages) <= 4


def test_check_by_reference(tmp_path, capsys, data_dir):
    run(capsys, "demo")
    code, out, _ = run(capsys, "check", "LPT-2027-040", "--json")
    assert code == 1 and json.loads(out)["compliant"] is False
    code, out, _ = run(capsys, "check", "LPT-2027-014")
    assert code == 0 and "meets the policy" in out


def test_pack_into_a_folder_that_cannot_exist(tmp_path, capsys, data_dir):
    run(capsys, "demo")
    not_a_folder = tmp_path / "report.txt"
    not_a_folder.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "pack", "LPT-2027-014", "--out", str(not_a_folder / "pack.pdf"))
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not_a_folder.read_text(encoding="utf-8") == "keep me"


def test_backup_doctor_restore(tmp_path, capsys, data_dir):
    run(capsys, "demo")
    code, out, _ = run(capsys, "backup")
    assert code == 0
    backup = Path(out.strip().split(" to ", 1)[1])
    assert backup.is_file()
    code, out, _ = run(capsys, "doctor")
    assert code == 0 and "ok" in out.lower()
    code, out, err = run(capsys, "restore", str(backup))
    assert code == 0, err
    code, out, _ = run(capsys, "list", "--json")
    assert len(json.loads(out)) >= 4


def test_damaged_database_one_line_non_zero(tmp_path, capsys, data_dir):
    (data_dir / "sv-desktop.sqlite3").write_bytes(os.urandom(8192))
    code, out, err = run(capsys, "list")
    assert code == 3
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


# ---- opening the app without building the full parser


def _full_parse(argv: list[str]) -> dict[str, str] | None:
    """What the full parser makes of `argv` when it only opens the app; None for anything else."""
    from sv_desktop.cli import _parser

    try:
        args = _parser().parse_args(argv)
    except SystemExit:
        return None
    if args.command is not None:
        return None
    return {name: value for name, value in (("--data-dir", args.data_dir), ("--database-url", args.database_url))
            if value is not None}


@pytest.mark.parametrize("argv", [
    [], ["--data-dir", "tenders"], ["--data-dir=tenders"], ["--data-dir="], ["--data-dir", "a", "--data-dir", "b"],
    ["--database-url", "postgresql+psycopg://sv@server/sv", "--data-dir", "d"],
    ["--database-url=postgresql+psycopg://sv@server/sv?a=b"], ["--data-dir", "folder with spaces/ünïcode"],
])
def test_opening_the_app_reads_its_options_as_the_full_parser_does(argv):
    from sv_desktop.cli import app_options

    assert app_options(argv) is not None
    assert app_options(argv) == _full_parse(argv)


@pytest.mark.parametrize("argv", [
    ["list"], ["--help"], ["-h"], ["--version"], ["--data", "d"], ["--data-dir"], ["--data-dir", "--database-url", "u"],
    ["--data-dir", "d", "check", "file.json"], ["demo", "--data-dir", "d"], ["--unknown"], ["tenders"],
])
def test_anything_but_opening_the_app_goes_to_the_full_parser(argv):
    from sv_desktop.cli import app_options

    assert app_options(argv) is None


def test_the_quick_reading_never_disagrees_with_the_full_parser():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sv_desktop.cli import app_options

    token = st.sampled_from(["--data-dir", "--database-url", "--data-dir=x", "--database-url=", "--data", "-h",
                             "list", "x", "-", "--", "-1", "d=e", "--data-dir=-", "--version"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(token, max_size=5))
    def agrees(argv):
        quick = app_options(argv)
        if quick is not None:
            assert quick == _full_parse(argv)

    agrees()
