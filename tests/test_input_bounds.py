"""Every input bounded: tender files are read within a size limit whatever stat() says, text that cannot be
stored is refused naming its key, and per-tender limits hold both ways (what the app exports it imports)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from sv_desktop.cli import main
from sv_desktop.model import limits
from sv_desktop.model.lifecycle import CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import Kpi, Question, ThemeChoice, new_tender
from sv_desktop.model.tender_file import TenderFileError, parse_tender_json, read_tender_file, tender_to_json
from sv_desktop.services.errors import InvalidTenderError
from sv_desktop.services.tender_service import open_service

EXAMPLE = {
    "format": "sv-desktop.tender", "format_version": 1, "reference": "BND-001", "title": "Bounded",
    "category": "estates_facilities", "value_excl_vat_gbp": 400000, "duration_months": 36,
    "social_value_weighting_pct": 10, "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}],
}
SURROGATE_FILE = json.dumps(dict(EXAMPLE, title="Grounds \\ud800 care")).replace("\\\\ud800", "\\ud800")
# The child's own peak memory: VmHWM is the high-water mark of this process's memory since it started (ru_maxrss
# would also count the memory of the pytest process it was forked from, which Linux carries across exec).
CHILD = ("import resource, sys\nfrom sv_desktop.cli import main\ncode = main(sys.argv[1:])\n"
         "try:\n    peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
         "except OSError:\n    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
         "print('MAXRSS', peak, file=sys.stderr)\nsys.exit(code)\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_child(data_dir: Path, *argv: str) -> tuple[subprocess.CompletedProcess, int]:
    """The real command in its own process, with a generous hang guard; returns its peak memory in KiB."""
    env = dict(os.environ, SV_DESKTOP_DATA_DIR=str(data_dir))
    result = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, timeout=120,
                            env=env)
    peak = int(result.stderr.rsplit("MAXRSS", 1)[1].split()[0])
    return result, peak


def nothing_imported(capsys) -> bool:
    code, out, _ = run(capsys, "list", "--json")
    return code == 0 and json.loads(out) == []


# ---------------------------------------------------------------- lone surrogates


def test_surrogate_refused_by_import_naming_the_key(data_dir, tmp_path, capsys):
    source = tmp_path / "s.svtender.json"
    source.write_text(SURROGATE_FILE, encoding="utf-8")
    assert "\\ud800" in source.read_text(encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 2 and out == ""
    assert "title: contains a character that cannot be stored (U+D800" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert nothing_imported(capsys)


def test_surrogate_refused_by_check_json(tmp_path, capsys):
    source = tmp_path / "s.svtender.json"
    source.write_text(SURROGATE_FILE, encoding="utf-8")
    code, out, err = run(capsys, "check", str(source), "--json")
    assert code == 2
    report = json.loads(out)
    assert report["valid"] is False and report["error"].startswith("title: contains a character")
    assert "Traceback" not in err


def test_surrogate_in_a_key_or_a_list_is_named():
    data = dict(EXAMPLE, leads={"\ud83d": "x"})
    with pytest.raises(TenderFileError, match="cannot be stored") as caught:
        parse_tender_json(json.dumps(data))
    assert caught.value.key == "leads.\ud83d"
    data = dict(EXAMPLE, themes=[{"theme": "wellbeing", "weighting_pct": 10, "actions": ["ok", "a\udfffb"]}])
    with pytest.raises(TenderFileError, match="U\\+DFFF, at character 2") as caught:
        parse_tender_json(json.dumps(data))
    assert caught.value.key == "themes[0].actions[1]"


# ---------------------------------------------------------------- what is not a regular file


def test_fifo_refused_without_waiting(data_dir, tmp_path, capsys):
    fifo = tmp_path / "pipe.svtender.json"
    os.mkfifo(fifo)
    done = threading.Event()
    outcome: list = []

    def attempt() -> None:
        try:
            read_tender_file(fifo)
        except TenderFileError as exc:
            outcome.append(str(exc))
        done.set()

    threading.Thread(target=attempt, daemon=True).start()
    if not done.wait(20):  # a reader blocked on the pipe: open it for writing to let the thread end
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked waiting for a writer")
    assert outcome and "this is not a regular file (it is a device, a pipe or a socket)" in outcome[0]
    result, _peak = run_child(data_dir, "check", str(fifo))
    assert result.returncode == 2 and f"{fifo}: this is not a regular file" in result.stderr


def test_dev_zero_refused_in_bounded_memory(data_dir):
    result, peak = run_child(data_dir, "import", "/dev/zero")
    assert result.returncode == 2
    assert "zero: this is not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert peak < 400_000  # KiB: nothing like the endless read it was


def test_oversized_file_refused_without_parsing(data_dir, tmp_path, capsys):
    big = tmp_path / "big.svtender.json"
    with open(big, "wb") as handle:
        handle.write(json.dumps(EXAMPLE)[:-1].encode() + b', "description": "')
        handle.write(b"x" * limits.MAX_FILE_BYTES + b'"}')
    code, _out, err = run(capsys, "import", str(big))
    assert code == 2
    assert f"big.svtender.json: the file is too large to be a tender file (more than {limits.MAX_FILE_BYTES:,} " \
           "bytes)" in err
    assert nothing_imported(capsys)


def test_eighty_thousand_kpis_refused_in_bounded_memory(data_dir, tmp_path, capsys):
    kpis = [{"name": f"KPI {i} local spend with SMEs", "unit": "%", "baseline": "1", "target": "2",
             "frequency": "quarterly", "theme": "wellbeing", "publish": True, "evidence": "Quarterly report",
             "toms_reference": "NT1", "source_id": ""} for i in range(80_000)]
    source = tmp_path / "kpis.svtender.json"
    source.write_text(json.dumps(dict(EXAMPLE, kpis=kpis)), encoding="utf-8")
    assert 10_000_000 < source.stat().st_size < limits.MAX_FILE_BYTES  # the size limit alone lets it through
    result, peak = run_child(data_dir, "import", str(source))
    assert result.returncode == 2
    assert "far more records than a tender may have" in result.stderr
    assert peak < 400_000  # KiB; importing it used 449 MB before, and its pack never finished
    assert nothing_imported(capsys)


def test_counts_over_the_limit_named_by_key():
    data = dict(EXAMPLE, kpis=[{"name": f"k{i}"} for i in range(limits.MAX_ITEMS["kpis"] + 1)])
    with pytest.raises(TenderFileError, match="holds 201 KPIs; a tender may have at most 200") as caught:
        parse_tender_json(json.dumps(data))
    assert caught.value.key == "kpis"
    suppliers = [{"name": f"s{i}"} for i in range(101)]
    data = dict(EXAMPLE, engagement=[{"title": "a"}, {"title": "Day", "suppliers": suppliers}])
    with pytest.raises(TenderFileError) as caught:
        parse_tender_json(json.dumps(data))
    assert caught.value.key == "engagement[1].suppliers"


# ---------------------------------------------------------------- the limits hold both ways


def tender_at_the_limits():
    """A tender with every count at its limit and text up to the total, in characters JSON writes longest."""
    worst = "\x01"  # six bytes in JSON, the most one character can take
    tender = new_tender("LIMIT-1", "At the limits")
    tender.themes = [ThemeChoice(theme="wellbeing", weighting_pct=Decimal(10),
                                 actions=["a"] * limits.MAX_LIST_TEXTS)]
    tender.questions = [Question(theme="wellbeing", text=f"Question {i}", sub_criteria=["c"] * limits.MAX_LIST_TEXTS)
                        for i in range(limits.MAX_ITEMS["questions"])]
    tender.kpis = [Kpi(name=f"KPI {i}") for i in range(limits.MAX_ITEMS["kpis"])]
    tender.engagement = [EngagementEvent(title=f"Event {i}", suppliers=[
        Supplier(name=f"Supplier {j}", postcode="LS1 4AP", sme=True) for j in range(
            limits.MAX_ITEMS["engagement[].suppliers"])]) for i in range(limits.MAX_ITEMS["engagement"])]
    tender.kpi_results = [KpiResult(kpi="KPI 1", period_start=None, period_end=dt.date(2027, 3, 31),
                                    result="42", notes="n") for _ in range(limits.MAX_ITEMS["kpi_results"])]
    tender.case_studies = [CaseStudy(title=f"Case {i}") for i in range(limits.MAX_ITEMS["case_studies"])]
    used = sum(len(s) for _where, s in limits._strings(json.loads(tender_to_json(tender)), ""))
    spare = limits.MAX_TOTAL_TEXT - used
    per_study = min(limits.MAX_TEXT, spare // len(tender.case_studies))
    for study in tender.case_studies:
        study.text = worst * per_study
    tender.description = "d" * (spare - per_study * len(tender.case_studies))
    assert len(tender.description) <= limits.MAX_TEXT
    return tender


def test_a_tender_at_the_limits_exports_and_imports(data_dir, tmp_path):
    service = open_service(data_dir)
    try:
        tender = tender_at_the_limits()
        limits.check_tender(tender)
        saved = service.create(tender)
        out = service.export_file(saved, tmp_path / "limits.svtender.json")
        assert 8_000_000 < out.stat().st_size < limits.MAX_FILE_BYTES
        back = service.read_file(out)
        assert len(back.kpis) == 200 and len(back.engagement[0].suppliers) == 100
        assert back.case_studies[0].text == tender.case_studies[0].text
        assert service.import_file(out)[1] is False

        tender.kpis.append(Kpi(name="One too many"))
        with pytest.raises(InvalidTenderError, match="LIMIT-1 is too large to keep: kpis: holds 201 KPIs"):
            service.save(tender)
        with pytest.raises(InvalidTenderError, match="201 KPIs"):
            service.export_file(tender, tmp_path / "over.svtender.json")
        assert not (tmp_path / "over.svtender.json").exists()
        assert len(service.get("LIMIT-1").kpis) == 200
    finally:
        service.close()
