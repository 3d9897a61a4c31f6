"""The shipped toolkit content is complete and word for word, and the loader refuses broken files.

The expected policy text below is typed from policy P238 (Appendix Three tables, Appendix Four,
section 5), independently of the YAML, so an accidental edit of the content files shows up here.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sv_desktop.model.content import ContentError, load_content
from sv_desktop.model.tender import CATEGORIES, MANDATORY_THEME, ROLES, ROUTES, STEPS, THEMES
from sv_desktop.paths import resources_dir

CONTENT = resources_dir() / "content"

# ---------------------------------------------------------------- the policy's own text

POLICY_EXAMPLES: dict[str, dict[str, list[str]]] = {
    "estates_facilities": {
        "fighting_climate_change": [
            "Use of low-carbon materials and energy-efficient systems",
            "Waste reduction and recycling initiatives",
            "Sustainable transport for staff and goods",
            "Biodiversity and green space enhancements",
        ],
        "tackling_economic_inequality": [
            "Employing people from disadvantaged backgrounds",
            "Supporting SMEs and VCSEs in the supply chain",
            "Offering apprenticeships and skills development, volunteering",
            "Real Living Wage accreditation",
        ],
        "equal_opportunity": [
            "Inclusive hiring practices",
            "Supporting people with disabilities or long-term health conditions",
            "Addressing barriers for underrepresented groups",
            "Promoting improvement and provision of local employment and training opportunities",
        ],
        "wellbeing": [
            "Enhancing indoor air quality and lighting",
            "Creating safe and welcoming spaces",
            "Supporting staff mental health and wellbeing",
            "Flexible working options for staff",
        ],
    },
    "transport": {
        "fighting_climate_change": [
            "Use of electric or low-emission vehicles",
            "Route optimisation to reduce fuel use",
            "Sustainable logistics and delivery models",
            "Carbon offsetting and emissions tracking",
        ],
        "tackling_economic_inequality": [
            "Local recruitment and apprenticeships, volunteering",
            "Supporting SMEs and VCSEs in the supply chain",
            "Fair work practices and living wage commitments / accreditation",
        ],
        "equal_opportunity": [
            "Accessible vehicles for disabled or elderly patients",
            "Inclusive hiring and workforce diversity",
            "Training staff in equality and inclusion",
        ],
        "wellbeing": [
            "Comfortable, safe, and timely transport for patients",
            "Staff wellbeing initiatives for drivers and logistics teams",
            "Reducing stress and delays in patient journeys",
            "Staff flexible working options",
        ],
    },
    "ddat": {
        "fighting_climate_change": [
            "Energy-efficient hardware and cloud services",
            "E-waste reduction and recycling schemes",
            "Carbon-neutral delivery and logistics",
            "Sustainable packaging and lifecycle management",
        ],
        "tackling_economic_inequality": [
            "Local recruitment and apprenticeships",
            "Supporting SMEs and VCSEs in the supply chain",
            "Fair work practices and living wage commitments",
            "Volunteering",
        ],
        "equal_opportunity": [
            "Inclusive recruitment practices",
            "Support for disabled or neurodiverse candidates",
            "Gender equality in leadership and STEM roles",
        ],
        "wellbeing": [
            "Tools that promote digital wellbeing",
            "Accessibility features for users with disabilities",
            "Staff wellbeing initiatives in delivery teams",
        ],
    },
    "medical_devices": {
        "fighting_climate_change": [
            "Use of low-carbon materials and sustainable packaging",
            "Reduction of single-use plastics",
            "Circular economy models (e.g., device refurbishment or recycling)",
            "Carbon-neutral logistics and supply chain practices",
        ],
        "tackling_economic_inequality": [
            "Local recruitment and apprenticeships, volunteering",
            "Supporting SMEs and VCSEs in the supply chain",
            "Fair work practices and living wage commitments",
        ],
        "equal_opportunity": [
            "Inclusive recruitment practices",
            "Support for disabled or neurodiverse candidates",
            "Gender equality in leadership and STEM roles",
        ],
        "wellbeing": [
            "Devices that improve patient outcomes or reduce hospital stays",
            "Innovations that support preventative care or remote monitoring",
            "Staff training to improve safe and effective use of devices",
        ],
    },
}

POLICY_WHY: dict[str, dict[str, str]] = {
    "estates_facilities": {
        "fighting_climate_change": "Estates and facilities contracts often involve construction, maintenance, "
        "energy use, and waste management—all high-impact areas for carbon emissions.",
        "tackling_economic_inequality": "These contracts can create jobs, apprenticeships, and training "
        "opportunities—especially in local communities.",
        "equal_opportunity": "Facilities management often involves large workforces, making it a good area to "
        "promote inclusive recruitment and workforce diversity.",
        "wellbeing": "Estates services directly affect the environment patients and staff experience—"
        "cleanliness, safety, comfort, and access.",
    },
    "transport": {
        "fighting_climate_change": "Transport is a major contributor to NHS carbon emissions. Greener transport "
        "solutions directly support the NHS's Net Zero goals",
        "tackling_economic_inequality": "Transport contracts can create jobs and training opportunities, "
        "especially in underserved areas.",
        "equal_opportunity": "Transport services can be designed to be inclusive and accessible for all "
        "patient groups.",
        "wellbeing": "Transport affects patient experience and staff wellbeing—especially in non-emergency "
        "patient transport services.",
    },
    "ddat": {
        "fighting_climate_change": "Hardware procurement and data centres have significant environmental "
        "footprints.",
        "tackling_economic_inequality": "IT contracts offer strong potential to address digital skills gaps and "
        "promote inclusive employment.",
        "equal_opportunity": "Tech contracts can promote diversity and inclusion in a sector with known "
        "representation gaps.",
        "wellbeing": "Software and digital services can directly support mental health, accessibility, and "
        "user experience.",
    },
    "medical_devices": {
        "fighting_climate_change": "Medical devices often involve significant carbon emissions through "
        "manufacturing, packaging, transport, and disposal.",
        "tackling_economic_inequality": "NHS medical device contracts can support local economies and create "
        "jobs, especially in underserved areas.",
        "equal_opportunity": "Suppliers can promote inclusive employment and ensure devices are accessible to "
        "all patient groups.",
        "wellbeing": "Medical devices directly impact patient health and staff experience.",
    },
}

APPENDIX_FOUR: dict[str, tuple[str, list[str], list[str]]] = {
    "fighting_climate_change": (
        "Fighting climate change",
        ["Reduce emissions", "Reduce air pollution", "Promote circular economy principles",
         "Reduce consumption and waste"],
        [
            "Demonstrate reduced greenhouse gas emissions",
            "Initiatives to reduce environmental impact with the redesign of the product or service",
            "Source materials from and manufacture products within the UK (or relevant region) to reduce "
            "carbon emissions and improve supply chain transparency",
            "Delivery optimisation and use of low/zero carbon vehicles",
            "Reduce single use plastics, packaging and increase recyclability of products",
            "Support environmental protection and improvement through the delivery of the contract",
            "Biodiversity initiatives developed or supported in the local area",
        ],
    ),
    "wellbeing": (
        "Wellbeing",
        ["Support physical and mental health"],
        [
            "Programmes to support physical and/or mental wellbeing for staff",
            "Volunteer hours protected for staff in hospitals, mental health or other health and care charities",
            "Enhancement of the quality of the built environment for community benefits, such as access to "
            "greenspace for staff and the community",
        ],
    ),
    "equal_opportunity": (
        "Equal opportunity",
        ["Support a diverse workforce", "Equity by design", "Eliminate modern slavery"],
        [
            "Pre-employment programmes, apprenticeships or training opportunities targeting local communities "
            "experiencing inequality",
            "Opportunities for training and skills development",
            "Ethnic minority representation within contract provision",
            "Commit to equality, diversity and inclusion activities to increase representation for "
            "marginalised groups",
            "Demonstrate a commitment to equity in pay levels among different staff demographic groups doing "
            "equivalent roles",
            "Compliance with the Modern Slavery Act 2015, with suppliers signing a supplier code of conduct and "
            "those with an annual turnover of £36m to publish an annual statement setting out steps being taken "
            "to prevent modern slavery in their business and supply chain",
            "Further initiatives to eradicate modern slavery including on-site modern slavery audits and factory "
            "checks, Modern Slavery Assessment Tool (MSAT) usage, and provision of victim support",
        ],
    ),
    "tackling_economic_inequality": (
        "Tackling economic inequality",
        ["Employment as an economic and health intervention", "Living wages"],
        [
            "Work opportunities for those with a disability or long-term health conditions",
            "Pay workers a living wage, offer living hours and support a commitment to ensure no workers "
            "experience in-work poverty",
            "Improving the living conditions of staff and providing access to quality housing",
            "Support for career progression and social mobility",
            "Support for working policies above statutory requirements, such as flexible working for those "
            "looking after dependents or with caring responsibilities",
        ],
    ),
}

POLICY_ROLES: dict[str, tuple[str, list[str]]] = {
    "procurement_lead": ("5.1", [
        "Creates, maintains and communicates a pipeline of contracts due for renewal to internal and external "
        "stakeholders.",
        "Researches and advises on markets, key suppliers and supplier frameworks.",
        "Plans and co-ordinates pre-market engagement activities and co-production of tender materials with "
        "pertinent Trust and market stakeholders.",
        "Mobilises the Trust procurement process and follows Standard Operating Procedures",
        "Provides technical procurement expertise, knowledge and skills, ensuring all procurement activities "
        "comply with all current legislation and regulations.",
        "Oversees the procurement co-production process and creation of tender documentation.",
        "Ensures Trust procurement policies and procedures are adhered to.",
        "Issues tender documentation and applies the tendering process.",
        "Receives and oversees the evaluation of bids responses, organises.",
        "Notifies and awards contracts to suppliers in line with internal and external governance.",
    ]),
    "bid_lead": ("5.2", [
        "Creates, maintains and communicates a pipeline of bids and tender opportunities of interest to the "
        "Trust and secures approval to proceed with bids through established governance structures.",
        "Prepares bids and tenders reports.",
        "Attends pre market engagement events and discussions.",
        "Researches and advises on markets and key competitors.",
        "Mobilises the Trust bids and tenders process detailed in the Bids and Tenders Standard Operating "
        "Procedures",
        "Downloads from relevant portal and distributes the Invitation To Tender (ITT) documentation to bid "
        "team members.",
        "Oversees the bid co-production process and securing approval from internal Senior Responsible "
        "Officers (in line with existing governance arrangements)",
        "Provides technical bids and tenders expertise, knowledge and skills.",
        "Ensures Trust procurement policies and standard operating procedures are adhered to.",
        "Submits final bid response documentation to relevant portal, monitoring for contract award or "
        "feedback and communicating this to the organisation in line with internal and external governance.",
        "Stands down completed bid teams, MS Teams work spaces and capturing lessons learned, process "
        "improvements.",
    ]),
    "technical_lead": ("5.3", [
        "Engages in the procurement cycle and process as directed by Bid or Procurement lead, adhering to the "
        "bid or procurement timeline and deadlines.",
        "Attends pre market engagement events and discussions.",
        "Provides technical subject matter expertise input relevant to the bid or procurement under "
        "consideration.",
        "Inputs to the bid or procurement co-production process. Including Collaboration with Bid or "
        "Procurement leads / team to shape ITT / bid response materials.",
        "Participate in contract evaluation panels.",
    ]),
    "social_value_lead": ("5.4", [
        "Drives achievement of Trust social value commitments and sustainability ambitions, deliverables and "
        "outcomes.",
        "Supports Social Value and Sustainable Procurement Policy development",
        "Works with colleagues across both Trusts to agree a range of measures that can demonstrate the social "
        "value impact of procurement activity.",
    ]),
    "contract_management_lead": ("5.5", [
        "Works with approved suppliers post contract award to manage contract performance against quality and "
        "key performance indicator metrics, including social value and sustainability KVIs.",
        "Works with suppliers through relationship management to ensure delivery of contract performance and "
        "outcomes.",
        "Collaborates with suppliers to realise innovation and continuous quality improvements over the "
        "lifetime of the contract.",
        "Engages in contract performance and supplier relationship building, including agreed social value and "
        "sustainability measures.",
    ]),
    "finance_lead": ("5.6", [
        "Supports contract pricing decision-making and setting any organisational efficiencies targets for "
        "spend on goods and services.",
        "Advises and approves workforce and service model costing for approved bids and tender opportunities.",
        "Inputs to the bid or procurement co-production process.",
    ]),
}


@pytest.fixture(scope="module")
def content():
    return load_content()


# ---------------------------------------------------------------- the shipped content


def test_every_in_scope_category_has_a_full_guide(content):
    assert list(content.categories) == list(CATEGORIES)
    for guide in content.categories.values():
        assert guide.label and guide.description and guide.source
        if not guide.in_scope:
            continue
        assert list(guide.themes) == list(THEMES), guide.id
        for theme_id, theme in guide.themes.items():
            assert theme.why_it_fits, (guide.id, theme_id)
            assert len(theme.examples) >= 3, (guide.id, theme_id)


@pytest.mark.parametrize("category_id", sorted(POLICY_EXAMPLES))
def test_policy_guides_are_word_for_word(content, category_id):
    guide = content.category(category_id)
    assert guide.authored is False
    assert guide.source == "P238 Appendix Three"
    assert {t: list(g.examples) for t, g in guide.themes.items()} == POLICY_EXAMPLES[category_id]
    assert {t: g.why_it_fits for t, g in guide.themes.items()} == POLICY_WHY[category_id]


def test_policy_labels(content):
    assert content.category_label("estates_facilities") == "Estates & Facilities"
    assert content.category_label("transport") == "Transport"
    assert content.category_label("ddat") == "Digital, Data & Technology (DDaT)"
    assert content.category_label("medical_devices") == "Medical Devices"


def test_authored_guides_are_marked_and_sized(content):
    for category_id in ("clinical_services", "goods_services"):
        guide = content.category(category_id)
        assert guide.authored is True
        assert guide.in_scope
        for theme in guide.themes.values():
            assert 3 <= len(theme.examples) <= 5
    assert content.category("goods_services").source == "P238 Appendix Four"


def test_appendix_four_word_for_word(content):
    assert list(content.themes) == list(THEMES)
    for theme_id, (label, priorities, opportunities) in APPENDIX_FOUR.items():
        theme = content.themes[theme_id]
        assert theme.label == label
        assert content.theme_label(theme_id) == label
        assert list(theme.nhs_priority_areas) == priorities
        assert list(theme.example_opportunity_areas) == opportunities
        assert theme.source == "P238 Appendix Four"


def test_fighting_climate_change_is_the_only_mandatory_theme(content):
    assert [t.id for t in content.themes.values() if t.mandatory] == [MANDATORY_THEME]
    reason = content.themes[MANDATORY_THEME].mandatory_reason
    assert "1.1.1" in reason
    assert "Applying net zero and social value in the procurement of NHS goods and services" in reason
    assert all(not t.mandatory_reason for t in content.themes.values() if not t.mandatory)


def test_medicines_is_refused_with_the_policy_reason(content):
    medicines = content.category("medicines")
    assert medicines.in_scope is False
    assert medicines.themes == {}
    for words in ("3.2", "Medicines Act 1968", "Misuse of drugs Act 1971", "Misuse of Drugs regulations 2021",
                  "Medicines management policies"):
        assert words in medicines.refusal_reason
    assert [g.id for g in content.categories.values() if not g.in_scope] == ["medicines"]


def test_steps_cover_the_wizard(content):
    assert list(content.steps) == list(STEPS)
    assert content.steps["spec"].title == "Refresh the specification"
    assert content.steps["local"].title == "Think local"
    for step in content.steps.values():
        assert step.why and step.policy_sections
        assert "\n\n" in step.help, f"{step.id}: help should have a few paragraphs"
    assert "4.4" in content.steps["spec"].policy_sections
    assert "1.1.1" in content.steps["weighting"].policy_sections


def test_prompts(content):
    spec = {p.id for p in content.spec_prompts}
    local = {p.id for p in content.think_local_prompts}
    assert not spec & local
    assert {"net_zero_clinical_transformation", "move_away_from_single_use", "transformative_innovation",
            "more_efficient_use", "low_carbon_substitution", "supplier_decarbonisation",
            "care_closer_to_home", "avoid_plastics"} <= spec
    assert {"local_suppliers", "sme_vcse_suppliers", "barriers_to_bidding", "smaller_lots",
            "head_contract_local_share", "talk_to_procurement"} <= local
    for prompt in content.spec_prompts + content.think_local_prompts:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", prompt.id)
        assert prompt.text.endswith("?"), prompt.id
        assert prompt.hint and prompt.source.startswith("P238")


def test_definitions_word_for_word(content):
    assert {"sme", "vcse", "net_zero", "social_value", "decarbonisation", "health_inequalities",
            "sustainability"} <= set(content.definitions)
    assert content.definitions["sme"].text.endswith(
        "The UK definition is a company with fewer than 250 employees and turnover of under 50 million euros")
    assert content.definitions["decarbonisation"].text == (
        "Is the term used for removal or reduction in the amount of carbon dioxide output into the atmosphere. "
        "Decarbonisation is achieved by switching to use of low carbon energy sources.")
    assert content.definitions["net_zero"].points[2] == "switching from disposable to reusable equipment"
    assert len(content.definitions["sustainability"].points) == 3
    assert all(d.source == "P238 Appendix One" for d in content.definitions.values())


def test_roles_word_for_word(content):
    assert list(content.roles) == list(ROLES)
    for role_id, (section, responsibilities) in POLICY_ROLES.items():
        role = content.roles[role_id]
        assert role.section == section
        assert list(role.responsibilities) == responsibilities
    assert content.roles["bid_lead"].note == "applicable to bids and tenders only"


def test_routes_and_organisation(content):
    assert list(content.routes) == list(ROUTES)
    assert content.route_label("open") == "Open procedure"
    assert content.route_label("psr_competitive") == "PSR competitive process"
    assert all(r.description and r.source for r in content.routes.values())
    org = content.organisation
    assert org.name == "Leicestershire Partnership NHS Trust"
    assert (org.policy_reference, org.policy_version, org.approved) == ("P238", "v4.0", "December 2025")
    assert org.policy_title == "Social Value and Sustainable Procurement Policy"
    assert (org.review_date, org.expiry_date) == (dt.date(2028, 6, 1), dt.date(2028, 12, 31))


def test_content_is_read_only_and_cached(content):
    assert load_content() is load_content()
    assert load_content(resources_dir()) is load_content()
    with pytest.raises(TypeError):
        content.categories["new"] = content.category("transport")  # type: ignore[index]


def test_no_placeholder_words_in_content():
    files = sorted(CONTENT.glob("*.yaml"))
    # the eight of the toolkit, brief.yaml, pack_wording.yaml, evaluation_wording.yaml, and the bids' content
    # (bids.yaml) and documents (bid_documents.yaml)
    assert len(files) == 13
    assert {"bids.yaml", "bid_documents.yaml", "evaluation_wording.yaml"} <= {path.name for path in files}
    pattern = re.compile(r"\b(TODO|TBD|FIXME|lorem|ipsum|x{3,})\b", re.IGNORECASE)
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{path.name}:{number}: {line}"


# ---------------------------------------------------------------- the validator


@pytest.fixture
def copy(tmp_path) -> Path:
    """A writable copy of the shipped resources/content; returns the resources folder to load."""
    shutil.copytree(CONTENT, tmp_path / "resources" / "content")
    return tmp_path / "resources"


def edit(resources: Path, name: str, change) -> None:
    path = resources / "content" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def refused(resources: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(resources)
    return str(caught.value)


def test_an_unchanged_copy_loads(copy):
    assert load_content(copy).category("transport").label == "Transport"


def _set(path: str, value):
    """A change that sets (or, for value ..., deletes) the key at a dotted path."""
    def change(data):
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key)] if isinstance(data, list) else data[key]
        if isinstance(data, list):
            data[int(last)] = value
        elif value is ...:
            del data[last]
        else:
            data[last] = value
    return change


BROKEN = [
    ("categories.yaml", _set("transport.themes.wellbeing", ...),
     "categories.yaml: transport.themes.wellbeing: is missing"),
    ("categories.yaml", _set("transport.themes.wellbeing.examples.2", 42),
     "categories.yaml: transport.themes.wellbeing.examples[2]: must be text"),
    ("categories.yaml", _set("transport.themes.wellbeing.examples", []),
     "categories.yaml: transport.themes.wellbeing.examples: must not be empty"),
    ("categories.yaml", _set("transport.themes.wellbeing.examples.1",
                             "Comfortable, safe, and timely transport for patients"),
     "categories.yaml: transport.themes.wellbeing.examples[1]: repeats item 1"),
    ("categories.yaml", _set("transport.themes.social_justice", {"why_it_fits": "x", "examples": ["y"]}),
     "categories.yaml: transport.themes.social_justice: is not a known id"),
    ("categories.yaml", _set("catering", {"label": "Catering"}),
     "categories.yaml: catering: is not a known id"),
    ("categories.yaml", _set("ddat", ...), "categories.yaml: ddat: is missing"),
    ("categories.yaml", _set("transport.colour", "blue"), "categories.yaml: transport.colour: is not a known key"),
    ("categories.yaml", _set("transport.label", ...), "categories.yaml: transport.label: is missing"),
    ("categories.yaml", _set("transport.in_scope", "yes please"),
     "categories.yaml: transport.in_scope: must be true or false"),
    ("categories.yaml", _set("medicines.in_scope", True), "categories.yaml: medicines.in_scope: must be false"),
    ("categories.yaml", _set("medicines.refusal_reason", ...),
     "categories.yaml: medicines.refusal_reason: is missing"),
    ("categories.yaml", _set("transport.themes", ...), "categories.yaml: transport.themes: is missing"),
    ("themes.yaml", _set("wellbeing.mandatory", True), "themes.yaml: wellbeing.mandatory: must be false"),
    ("themes.yaml", _set("fighting_climate_change.mandatory", False),
     "themes.yaml: fighting_climate_change.mandatory: must be true"),
    ("themes.yaml", _set("fighting_climate_change.mandatory_reason", ...),
     "themes.yaml: fighting_climate_change.mandatory_reason: is missing"),
    ("themes.yaml", _set("wellbeing.nhs_priority_areas", "Support physical and mental health"),
     "themes.yaml: wellbeing.nhs_priority_areas: must be a list"),
    ("steps.yaml", _set("payment", {"title": "Pay"}), "steps.yaml: payment: is not a known id"),
    ("steps.yaml", _set("spec.help", ...), "steps.yaml: spec.help: is missing"),
    ("steps.yaml", _set("spec.policy_sections.0", 4.4),
     "steps.yaml: spec.policy_sections[0]: must be text, not a number (put it in quotes)"),
    ("prompts.yaml", _set("review", []), "prompts.yaml: review: is not a known key"),
    ("prompts.yaml", _set("local.1.id", "local_suppliers"),
     "prompts.yaml: local[1].id: 'local_suppliers' is used by another prompt"),
    ("prompts.yaml", _set("spec.0.id", "Net Zero"), "prompts.yaml: spec[0].id: is not a valid id"),
    ("prompts.yaml", _set("spec.0.hint", ""), "prompts.yaml: spec[0].hint: must not be empty"),
    ("definitions.yaml", _set("Net Zero", {"term": "x", "text": "y", "source": "z"}),
     "definitions.yaml: Net Zero: is not a valid id"),
    ("roles.yaml", _set("procurement_lead.section", 5.1),
     "roles.yaml: procurement_lead.section: must be text, not a number"),
    ("roles.yaml", _set("chair", {"label": "Chair"}), "roles.yaml: chair: is not a known id"),
    ("routes.yaml", _set("light_touch", ...), "routes.yaml: light_touch: is missing"),
    ("organisation.yaml", _set("review_date", "soon"),
     "organisation.yaml: review_date: must be a real date written YYYY-MM-DD, not 'soon'"),
    ("organisation.yaml", _set("expiry_date", dt.date(2027, 1, 1)),
     "organisation.yaml: expiry_date: must not be before review_date"),
]


@pytest.mark.parametrize("name, change, message", BROKEN, ids=[b[2].split(": ", 1)[1] for b in BROKEN])
def test_broken_content_is_refused_naming_file_and_key(copy, name, change, message):
    edit(copy, name, change)
    assert message in refused(copy)


@pytest.mark.parametrize("name, text, message", [
    ("categories.yaml", "transport: [unclosed\n", "categories.yaml: is not valid YAML"),
    ("themes.yaml", "- a list\n- not a mapping\n", "themes.yaml: must be a mapping of keys, not a list"),
    ("routes.yaml", "", "routes.yaml: must be a mapping of keys, not empty"),
    ("roles.yaml", "5.1: procurement lead\n", "roles.yaml: has the key 5.1, which must be written as text"),
])
def test_malformed_files_are_refused(copy, name, text, message):
    (copy / "content" / name).write_text(text, encoding="utf-8")
    assert message in refused(copy)


def test_an_impossible_date_is_refused_naming_its_key(copy):
    path = copy / "content" / "organisation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2028-06-01", "2028-13-01"), encoding="utf-8")
    assert "organisation.yaml: review_date: must be a real date written YYYY-MM-DD, not '2028-13-01'" in (
        refused(copy))


def test_yaml_errors_give_the_line(copy):
    path = copy / "content" / "steps.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "review:\n  title: [\n", encoding="utf-8")
    assert re.search(r"steps\.yaml: is not valid YAML: .* at line \d+, column \d+", refused(copy))


def test_a_key_written_twice_is_refused(copy):
    path = copy / "content" / "routes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nopen:\n  label: Open\n", encoding="utf-8")
    assert "routes.yaml: is not valid YAML: the key 'open' is written twice" in refused(copy)


def test_a_missing_file_is_named(copy):
    (copy / "content" / "definitions.yaml").unlink()
    assert refused(copy).startswith("definitions.yaml: is missing from ")


def test_a_fixed_file_loads_after_a_refusal(copy):
    original = (copy / "content" / "routes.yaml").read_text(encoding="utf-8")
    (copy / "content" / "routes.yaml").write_text("open: 1\n", encoding="utf-8")
    refused(copy)
    (copy / "content" / "routes.yaml").write_text(original, encoding="utf-8")
    assert load_content(copy).route_label("open") == "Open procedure"


def test_clinical_prompts_are_only_for_clinical_categories(content):
    laundry = [p.id for p in content.spec_prompts if p.fits("goods_services")]
    clinical = [p.id for p in content.spec_prompts if p.fits("clinical_services")]
    for prompt_id in ("net_zero_clinical_transformation", "care_closer_to_home", "avoid_procedures"):
        assert prompt_id not in laundry and prompt_id in clinical
    assert "avoid_plastics" in laundry and "avoid_plastics" in clinical
    for prompt in content.spec_prompts:
        assert "clinical" not in prompt.text.lower() or prompt.categories, prompt.id


def test_a_prompt_category_must_be_a_category(copy):
    edit(copy, "prompts.yaml", lambda data: data["spec"][0].__setitem__("categories", ["laundry"]))
    message = refused(copy)
    assert "prompts.yaml" in message and "spec[0].categories[0]" in message and "is not a category" in message
