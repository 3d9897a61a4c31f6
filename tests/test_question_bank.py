"""The shipped question bank is complete and sound, and a broken copy is refused with a clear message."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from sv_desktop.model.question_bank import BankError, QuestionBank, load_question_bank
from sv_desktop.model.tender import CATEGORIES, OUT_OF_SCOPE_CATEGORIES, THEMES, new_tender
from sv_desktop.model.tender_file import parse_tender_json, tender_to_json
from sv_desktop.paths import resources_dir

IN_SCOPE = [c for c in CATEGORIES if c not in OUT_OF_SCOPE_CATEGORIES]
CELLS = [(c, t) for c in IN_SCOPE for t in THEMES]
LOCAL_AREA = "the Trust's local area"
SHIPPED = resources_dir() / "bank"


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def all_texts(bank: QuestionBank) -> list[tuple[str, str]]:
    """Every piece of text a bidder or evaluator could read, labelled by where it came from."""
    out: list[tuple[str, str]] = []
    for q in bank.questions:
        for name in ("title", "text", "evaluation_guidance", "source"):
            out.append((f"{q.id}.{name}", getattr(q, name)))
        out += [(f"{q.id}.must_describe", s) for s in q.must_describe]
        out += [(f"{q.id}.sub_criteria", s) for s in q.sub_criteria]
    for k in bank.kpis.values():
        for name in ("name", "unit", "baseline_guidance", "target_guidance", "evidence", "toms_reference"):
            out.append((f"{k.id}.{name}", getattr(k, name)))
    for scale in bank.scales.values():
        out += [(f"{scale.id}.{lv.label}", f"{lv.name} {lv.descriptor}") for lv in scale.levels]
    return out


# ---------------------------------------------------------------- the shipped bank


def test_every_cell_has_at_least_two_questions(bank):
    for category, theme in CELLS:
        assert len(bank.questions_for(category, theme)) >= 2, (category, theme)


def test_medicines_has_no_questions_and_unknown_ids_are_refused(bank):
    for theme in THEMES:
        assert bank.questions_for("medicines", theme) == []
        assert bank.kpis_for("medicines", theme) == []
    with pytest.raises(ValueError, match="unknown category 'pharmacy'"):
        bank.questions_for("pharmacy", "wellbeing")
    with pytest.raises(ValueError, match="unknown theme 'net_zero'"):
        bank.questions_for("transport", "net_zero")


def test_every_cell_has_questions_written_for_that_category(bank):
    """At least two questions per cell are written for that category alone, not shared ones."""
    for category, theme in CELLS:
        own = [q for q in bank.questions_for(category, theme) if q.categories == (category,)]
        assert len(own) >= 2, (category, theme)


@pytest.mark.parametrize("category, words", [
    ("estates_facilities", ["low-carbon materials", "energy", "waste", "biodiversity"]),
    ("transport", ["zero-emission", "route optimisation", "mileage", "tailpipe"]),
    ("ddat", ["energy-efficient", "cloud", "data-centre", "reuse", "recycl"]),
    ("medical_devices", ["single-use", "refurbish", "take-back", "packaging", "product carbon footprint"]),
    ("clinical_services", ["closer to home", "reusable", "travel avoided", "inhaler", "anaesthetic gases"]),
    ("goods_services", ["packaging", "deliveries", "product carbon footprints"]),
])
def test_climate_questions_fit_the_category(bank, category, words):
    text = " ".join(q.title + " " + q.text for q in bank.questions_for(category, "fighting_climate_change"))
    for word in words:
        assert word.lower() in text.lower(), (category, word)


def test_climate_questions_ask_for_commitments_for_this_contract_not_the_corporate_plan(bank):
    for category in IN_SCOPE:
        questions = bank.questions_for(category, "fighting_climate_change")
        assert all("this contract" in q.text for q in questions), category
        assert any(
            "your own carbon reduction commitments for this contract" in q.text.lower()
            and "carbon reduction plan" in q.text.lower()
            and "assessed separately" in q.text
            for q in questions
        ), category


def test_must_describe_covers_what_how_timed_plan_and_measurement(bank):
    for q in bank.questions:
        items = [s.lower() for s in q.must_describe]
        assert len(items) >= 4, q.id
        assert any(s.startswith("what you will do") for s in items), q.id
        assert any(s.startswith("how you will do it") for s in items), q.id
        assert any("by when" in s and "timed plan" in s for s in items), q.id
        assert any("measured" in s and "report" in s for s in items), q.id


def test_question_shape(bank):
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    for q in bank.questions:
        assert 3 <= len(q.sub_criteria) <= 5, q.id
        assert 50 <= q.word_limit <= 10_000, q.id
        assert q.kpi_ids, q.id
        assert q.text.endswith((".", "?")), q.id
        assert q.source, q.id


def test_evaluation_guidance_credits_only_what_goes_beyond_core_delivery(bank):
    for q in bank.questions:
        guidance = q.evaluation_guidance
        for phrase in ("beyond core contract delivery", "specific to this contract", "measurable", "resourced"):
            assert phrase in guidance, (q.id, phrase)


def test_every_suggested_kpi_exists_and_fits_its_question(bank):
    for q in bank.questions:
        for kpi_id in q.kpi_ids:
            kpi = bank.kpi(kpi_id)
            assert kpi.theme == q.theme, (q.id, kpi_id)
            assert not kpi.categories or set(q.categories) <= set(kpi.categories), (q.id, kpi_id)


def test_kpis_for_follows_question_order_without_duplicates(bank):
    for category, theme in CELLS:
        expected: list[str] = []
        for q in bank.questions_for(category, theme):
            expected += [k for k in q.kpi_ids if k not in expected]
        got = [k.id for k in bank.kpis_for(category, theme)]
        assert got == expected
        assert got, (category, theme)


def test_kpis_are_complete(bank):
    for kpi in bank.kpis.values():
        assert kpi.frequency in ("monthly", "quarterly", "six_monthly", "annually")
        assert kpi.name and kpi.unit and kpi.baseline_guidance and kpi.target_guidance and kpi.evidence
        assert isinstance(kpi.quantitative, bool)
        assert kpi.toms_reference == "", "the shipped library carries no TOMs content"


def test_local_sme_vcse_subcontracting_is_asked_as_a_percentage_in_every_category(bank):
    kpi = bank.kpi("tei-local-sme-vcse-subcontracting")
    assert kpi.quantitative and kpi.unit == "% of contract value"
    assert "SMEs and VCSEs in the Trust's local area" in kpi.name
    for category in IN_SCOPE:
        asks = [q for q in bank.questions_for(category, "tackling_economic_inequality")
                if kpi.id in q.kpi_ids
                and "percentage of the contract value" in q.text
                and f"SMEs and VCSEs in {LOCAL_AREA}" in q.text]
        assert asks, category


@pytest.mark.parametrize("words", [
    ("real living wage",), ("apprentice",), ("local area",),
])
def test_economic_inequality_covers_living_wage_apprenticeships_and_local_recruitment(bank, words):
    for category in IN_SCOPE:
        text = " ".join(q.text for q in bank.questions_for(category, "tackling_economic_inequality")).lower()
        assert all(w in text for w in words), (category, words)


def test_modern_slavery_is_offered_under_equal_opportunity_in_every_category(bank):
    for category in IN_SCOPE:
        questions = bank.questions_for(category, "equal_opportunity")
        assert any("Modern Slavery Assessment Tool" in q.text for q in questions), category


def test_local_area_is_named_one_way_and_defined_by_the_pack(bank):
    for q in bank.questions:
        first = q.text.find("Trust's local area")
        if first >= 0:
            assert q.text[first - 4:].startswith(LOCAL_AREA), q.id
            assert "(as defined" not in q.text, q.id


def test_no_licensed_toms_content_or_proxy_values(bank):
    for path in sorted(SHIPPED.glob("*.yaml")):
        raw = path.read_text(encoding="utf-8")
        assert not re.search(r"\bNT\s?-?\d+", raw), path.name
        assert not re.search(r"£\s?\d", raw), path.name
        assert "Social Value Portal" not in raw, path.name
    for where, text in all_texts(bank):
        assert "TOMs" not in text, where
        assert not re.search(r"\bproxy value", text, re.IGNORECASE), where


def test_no_placeholder_text(bank):
    placeholder = re.compile(
        r"\b(TODO|TBC|TBD|FIXME|XXX|lorem|ipsum|placeholder|example\.com)\b|\[insert|<[^>]*>|\.\.\.|\?\?",
        re.IGNORECASE)
    for where, text in all_texts(bank):
        assert not placeholder.search(text), (where, text)


def test_uk_spelling(bank):
    american = re.compile(
        r"\b(\w+iz(e|es|ed|ing|ation)|program|programs|center|labor|color|behavior|favor|fulfill|"
        r"enroll|analyze|catalog|percent)\b", re.IGNORECASE)
    allowed = {"size", "sizes", "sized", "prize", "seize", "citizen", "citizens", "sizing"}
    for where, text in all_texts(bank):
        for match in american.finditer(text):
            assert match.group(0).lower() in allowed, (where, match.group(0))


def test_scoring_scales(bank):
    assert bank.default_scale == "0-5"
    assert 50 <= bank.default_word_limit <= 10_000
    five = bank.scales["0-5"]
    assert [lv.label for lv in five.levels] == ["0", "1", "2", "3", "4", "5"]
    assert five.levels[0].name == "Unacceptable" and five.levels[-1].name == "Excellent"
    hundred = bank.scales["0-100"]
    assert [lv.label for lv in hundred.levels] == ["0", "1-20", "21-40", "41-60", "61-80", "81-100"]
    for scale in (five, hundred):
        for level in scale.levels:
            assert level.descriptor.endswith(".") and len(level.descriptor.split()) >= 15, level.label


def test_loaded_once_per_folder(bank):
    assert load_question_bank() is bank
    assert load_question_bank(resources_dir()) is bank


# ---------------------------------------------------------------- copies for a tender


def test_to_question_is_an_independent_editable_copy(bank):
    bq = bank.question("tr-fcc-1")
    question = bank.to_question(bq)
    assert question.source_id == "tr-fcc-1"
    assert question.text == bq.text and question.theme == bq.theme
    assert question.word_limit == bq.word_limit and question.scoring_scale == bank.default_scale
    assert question.must_describe == list(bq.must_describe)
    question.text = "Edited for this tender."
    question.must_describe.append("An extra point for this tender only.")
    question.sub_criteria.clear()
    assert bank.question("tr-fcc-1") is bq
    assert bq.text != "Edited for this tender."
    assert "An extra point for this tender only." not in bq.must_describe
    assert len(bq.sub_criteria) >= 3
    again = bank.to_question("tr-fcc-1")
    assert again.text == bq.text and again.must_describe is not question.must_describe


def test_to_question_options(bank):
    question = bank.to_question("ef-tei-1", word_limit=1200, scale="0-100")
    assert question.word_limit == 1200 and question.scoring_scale == "0-100"
    with pytest.raises(ValueError, match="word limit"):
        bank.to_question("ef-tei-1", word_limit=10)
    with pytest.raises(ValueError, match="word limit"):
        bank.to_question("ef-tei-1", word_limit=True)
    with pytest.raises(ValueError, match="unknown scoring scale '1-10'"):
        bank.to_question("ef-tei-1", scale="1-10")
    with pytest.raises(KeyError, match="no question 'zz-1'"):
        bank.to_question("zz-1")


def test_to_kpi_leaves_figures_to_the_manager(bank):
    bk = bank.kpi("tei-local-sme-vcse-subcontracting")
    kpi = bank.to_kpi(bk)
    assert (kpi.name, kpi.unit, kpi.frequency, kpi.theme) == (bk.name, bk.unit, bk.frequency, bk.theme)
    assert kpi.baseline == "" and kpi.target == ""
    assert kpi.evidence == bk.evidence and kpi.source_id == bk.id and kpi.toms_reference == ""
    kpi.target = "12"
    assert bank.to_kpi(bk.id).target == ""
    with pytest.raises(KeyError, match="no KPI 'nope'"):
        bank.kpi("nope")


def test_bank_copies_survive_the_tender_file(bank):
    """Everything in the bank fits the .svtender.json format and comes back unchanged."""
    tender = new_tender("SV-BANK-1", "Bank round trip", "transport")
    tender.value_excl_vat_gbp = Decimal(1_000_000)
    tender.questions = [bank.to_question(q, scale="0-100") for q in bank.questions]
    tender.kpis = [bank.to_kpi(k) for k in bank.kpis.values()]
    back = parse_tender_json(tender_to_json(tender))
    assert back.questions == tender.questions
    assert back.kpis == tender.kpis


# ---------------------------------------------------------------- broken copies


def bank_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped bank; returns the resources folder to load from."""
    resources = tmp_path / "resources"
    shutil.copytree(SHIPPED, resources / "bank")
    return resources


def edit(resources: Path, name: str, change) -> None:
    path = resources / "bank" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _set(key, value, index=0):
    def change(data):
        data[index][key] = value
    return change


def _drop(key, index=0):
    def change(data):
        del data[index][key]
    return change


def _drop_cell(category, theme):
    """Remove every question written only for one category x theme cell."""
    def change(data):
        data[:] = [q for q in data if not (q["theme"] == theme and q["categories"] == [category])]
    return change


BROKEN = [
    ("questions.yaml", _set("theme", "x", 12), r"^questions\.yaml: \[12\]\.theme: unknown theme 'x'"),
    ("questions.yaml", _drop("text", 3), r"^questions\.yaml: \[3\]\.text: is required$"),
    ("questions.yaml", _set("text", "   ", 3), r"^questions\.yaml: \[3\]\.text: must not be empty$"),
    ("questions.yaml", _set("word_limt", 500, 0), r"^questions\.yaml: \[0\]: unknown key 'word_limt'"),
    ("questions.yaml", _set("word_limit", 20, 1), r"^questions\.yaml: \[1\]\.word_limit: must be between 50 and 10000"),
    ("questions.yaml", _set("word_limit", "500", 1), r"^questions\.yaml: \[1\]\.word_limit: must be a whole number"),
    ("questions.yaml", _set("kpis", ["fcc-contract-emissions", "no-such-kpi"], 0),
     r"^questions\.yaml: \[0\]\.kpis\[1\]: unknown KPI 'no-such-kpi' \(not in kpis\.yaml\)"),
    ("questions.yaml", _set("kpis", [], 0), r"^questions\.yaml: \[0\]\.kpis: needs at least 1"),
    ("questions.yaml", _set("kpis", ["wb-sickness-absence"], 0),
     r"^questions\.yaml: \[0\]\.kpis\[0\]: KPI 'wb-sickness-absence' belongs to theme 'wellbeing'"),
    ("questions.yaml", _set("kpis", ["fcc-zero-emission-fleet"], 0),
     r"^questions\.yaml: \[0\]\.kpis\[0\]: KPI 'fcc-zero-emission-fleet' is not offered for category "
     r"'estates_facilities'"),
    ("questions.yaml", _set("categories", ["medicines"], 0),
     r"^questions\.yaml: \[0\]\.categories\[0\]: 'medicines' is out of scope"),
    ("questions.yaml", _set("categories", ["catering"], 0),
     r"^questions\.yaml: \[0\]\.categories\[0\]: unknown category 'catering'"),
    ("questions.yaml", _set("id", "ef-fcc-1", 1), r"^questions\.yaml: \[1\]\.id: duplicate id 'ef-fcc-1' \(also at \[0\]\)"),
    ("questions.yaml", _set("id", "EF FCC 1", 0), r"^questions\.yaml: \[0\]\.id: 'EF FCC 1' is not a valid id"),
    ("questions.yaml", _set("sub_criteria", ["One", "Two"], 2),
     r"^questions\.yaml: \[2\]\.sub_criteria: needs at least 3 entries, has 2"),
    ("questions.yaml", _set("must_describe", [{"What you will do": "the plan"}], 2),
     r"^questions\.yaml: \[2\]\.must_describe\[0\]: must be text, not a mapping"),
    ("questions.yaml", _drop_cell("transport", "wellbeing"),
     r"^questions\.yaml: transport x wellbeing has 0 questions; at least 2 are needed"),
    ("questions.yaml", lambda data: data.clear(), r"^questions\.yaml: must be a non-empty list"),
    ("kpis.yaml", _set("frequency", "weekly", 2), r"^kpis\.yaml: \[2\]\.frequency: unknown frequency 'weekly'"),
    ("kpis.yaml", _drop("quantitative", 4), r"^kpis\.yaml: \[4\]\.quantitative: is required"),
    ("kpis.yaml", _set("quantitative", "yes please", 4), r"^kpis\.yaml: \[4\]\.quantitative: must be true or false"),
    ("kpis.yaml", _set("toms_reference", "x" * 201, 0), r"^kpis\.yaml: \[0\]\.toms_reference: is too long"),
    ("kpis.yaml", _set("categories", ["ddat", "ddat"], 0), r"^kpis\.yaml: \[0\]\.categories\[1\]: category 'ddat' is listed twice"),
    ("kpis.yaml", lambda data: data.pop(0), r"^questions\.yaml: \[\d+\]\.kpis\[0\]: unknown KPI 'fcc-contract-emissions'"),
    ("scoring.yaml", lambda data: data["scales"][0]["levels"].pop(3),
     r"^scoring\.yaml: scales\[0\]\.levels\[3\]\.label: '4' does not follow on: the next level must start at 3"),
    ("scoring.yaml", lambda data: data["scales"][0]["levels"].pop(),
     r"^scoring\.yaml: scales\[0\]\.levels: the levels stop at 4; they must reach 5"),
    ("scoring.yaml", lambda data: data["scales"][1]["levels"][2].update(label="21-45"),
     r"^scoring\.yaml: scales\[1\]\.levels\[3\]\.label: '41-60' does not follow on"),
    ("scoring.yaml", lambda data: data["scales"][0]["levels"][5].update(label="five"),
     r"^scoring\.yaml: scales\[0\]\.levels\[5\]\.label: must be a score"),
    ("scoring.yaml", lambda data: data["scales"][0]["levels"][5].update(descriptor=""),
     r"^scoring\.yaml: scales\[0\]\.levels\[5\]\.descriptor: must not be empty"),
    ("scoring.yaml", lambda data: data["scales"].pop(1), r"^scoring\.yaml: scales: scale '0-100' is missing"),
    ("scoring.yaml", lambda data: data.update(default_scale="1-10"),
     r"^scoring\.yaml: default_scale: unknown scoring scale '1-10'"),
    ("scoring.yaml", lambda data: data.update(default_word_limit=0),
     r"^scoring\.yaml: default_word_limit: must be between 50 and 10000, not 0"),
]


@pytest.mark.parametrize("name, change, message", BROKEN, ids=[m for _, _, m in BROKEN])
def test_broken_bank_is_refused_naming_file_and_key(tmp_path, name, change, message):
    resources = bank_copy(tmp_path)
    edit(resources, name, change)
    with pytest.raises(BankError) as caught:
        load_question_bank(resources)
    assert re.search(message, str(caught.value)), str(caught.value)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"{caught.value.file}: ")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    resources = bank_copy(tmp_path)
    path = resources / "bank" / "kpis.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[30] = "  name: [unclosed"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BankError, match=r"^kpis\.yaml: is not valid YAML: .* at line \d+, column \d+"):
        load_question_bank(resources)


def test_missing_or_unreadable_files(tmp_path):
    resources = bank_copy(tmp_path)
    (resources / "bank" / "scoring.yaml").unlink()
    with pytest.raises(BankError, match=r"^scoring\.yaml: is missing from"):
        load_question_bank(resources)
    (resources / "bank" / "questions.yaml").write_bytes(b"- id: \xff\xfe\n")
    with pytest.raises(BankError, match=r"^questions\.yaml: is not UTF-8 text"):
        load_question_bank(resources)


def test_a_corrected_bank_loads_after_a_failure(tmp_path):
    resources = bank_copy(tmp_path)
    edit(resources, "questions.yaml", _set("theme", "x", 0))
    with pytest.raises(BankError):
        load_question_bank(resources)
    shutil.copy(SHIPPED / "questions.yaml", resources / "bank" / "questions.yaml")
    fixed = load_question_bank(resources)
    assert len(fixed.questions) == len(load_question_bank().questions)


def test_an_edited_copy_is_used_and_the_trust_can_add_a_toms_reference(tmp_path):
    resources = bank_copy(tmp_path)
    edit(resources, "kpis.yaml", _set("toms_reference", "Trust licensed copy, measure on page 4", 0))
    edited = load_question_bank(resources)
    first = next(iter(edited.kpis.values()))
    assert first.toms_reference == "Trust licensed copy, measure on page 4"
    assert edited.to_kpi(first).toms_reference == first.toms_reference


def test_bank_objects_are_read_only(bank):
    with pytest.raises(AttributeError):
        bank.questions[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        bank.kpis["new"] = bank.kpis["tei-real-living-wage"]  # type: ignore[index]
