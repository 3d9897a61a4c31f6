"""`sv-desktop bid list|import|export|check` over a real database in the test's data folder."""

from __future__ import annotations

import json

from test_bid_file import APP, BID  # noqa: I001 - a sibling test module

from sv_desktop.cli import main
from sv_desktop.model.bid_file import bid_file_text


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_import_list_check_export_round_trip(data_dir, tmp_path, capsys):
    source = tmp_path / "bid.svtender.json"
    source.write_text(bid_file_text(BID, [APP]), encoding="utf-8")
    assert run(capsys, "bid", "import", str(source)) == (0, "Imported bid BID-2027-001.\n")
    code, out = run(capsys, "bid", "list")
    assert code == 0 and "BID-2027-001\tCommunity nursing – North\tExample ICB" in out and "Lost" in out
    code, out = run(capsys, "bid", "check", "BID-2027-001")
    assert "[advice] BID-WEIGHTING" in out and "[blocker] BID-COMMITMENT-OWNER" in out and code == 1
    out_file = tmp_path / "again.svtender.json"
    assert run(capsys, "bid", "export", "BID-2027-001", "--out", str(out_file))[0] == 0
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert written["format"] == "sv-desktop.bid" and [c["id"] for c in written["commitments"]] == ["app"]
    assert written["questions"][0]["answer"] == BID.questions[0].answer
