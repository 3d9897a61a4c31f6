"""Realistic tenders for the benchmarks, made from the Trust's own question bank and KPI library.

The same seed always gives the same tenders, so runs on different days compare like with like.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from decimal import Decimal
from pathlib import Path

from sv_desktop.model.question_bank import QuestionBank, load_question_bank
from sv_desktop.model.tender import (
    KPI_FREQUENCIES,
    MANDATORY_THEME,
    ROLES,
    STAGES,
    STEPS,
    THEMES,
    LotsDecision,
    ModernSlaveryAssessment,
    StepRecord,
    Tender,
    ThemeChoice,
)
from sv_desktop.paths import DATABASE_FILE

SEED = 238
ASSESSED_BY = dt.date(2026, 11, 1)
"""The latest day a generated modern slavery risk assessment is dated."""
IN_SCOPE = ("estates_facilities", "transport", "ddat", "medical_devices", "clinical_services",
            "goods_services")
ROUTES = ("open", "competitive_flexible", "framework_call_off", "direct_award", "below_threshold")

SUBJECTS = {
    "estates_facilities": ("planned and reactive maintenance", "cleaning and domestic services",
                           "grounds maintenance", "catering for inpatient wards", "fire safety testing",
                           "waste collection and disposal"),
    "transport": ("non-emergency patient transport", "pathology courier service", "pool car fleet",
                  "staff shuttle bus", "mental health secure transport"),
    "ddat": ("electronic patient record hosting", "network managed service", "laptop refresh",
             "telephony and contact centre", "cyber security monitoring", "clinical data warehouse"),
    "medical_devices": ("community equipment loan store", "wound care products", "infusion pumps",
                        "hearing aids", "wheelchair services"),
    "clinical_services": ("talking therapies", "community phlebotomy", "podiatry", "sexual health services",
                          "out-of-hours GP cover"),
    "goods_services": ("office supplies", "staff uniforms", "interpreting and translation",
                       "occupational health",
                       "print and post", "agency staffing"),
}
PLACES = ("Leicester", "Leicestershire", "Rutland", "Loughborough", "Hinckley", "Melton Mowbray", "Coalville",
          "Market Harborough", "Oakham", "Lutterworth")
FIRST = ("Amira", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Harpreet", "Ian", "Jo", "Kwame", "Laura",
         "Mohammed", "Niamh", "Owen", "Priya", "Rhys", "Sana", "Tom", "Yusuf")
LAST = ("Ahmed", "Brown", "Chauhan", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Jones", "Khan",
        "Lewis", "Mistry", "Nowak", "Okafor", "Patel", "Roberts", "Singh", "Taylor", "Walker", "Wright")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` shares of whole hundredths that add up exactly (the rules check the sum)."""
    each = (total / parts).quantize(Decimal("0.01"))
    shares = [each] * parts
    shares[0] += total - each * parts
    return shares


def _questions_for(bank: QuestionBank, category: str, theme: str, count: int) -> list:
    """The category's own questions for the theme first, then the theme's questions from other categories."""
    own = bank.questions_for(category, theme)
    others = [q for q in bank.questions if q.theme == theme and q not in own]
    return [bank.to_question(q) for q in (own + others)[:count]]


def _kpis_for(bank: QuestionBank, category: str, theme: str, count: int, rng: random.Random) -> list:
    suggested = bank.kpis_for(category, theme)
    rest = [k for k in bank.kpis.values() if k.theme == theme and k not in suggested]
    kpis = []
    for bank_kpi in (suggested + rest)[:count]:
        kpi = bank.to_kpi(bank_kpi)
        kpi.baseline = rng.choice(("0", "12", "35%", "Measured in the first six months of the contract"))
        kpi.target = rng.choice(("50", "90%", "40% below baseline by year 3", "All milestones on time"))
        kpis.append(kpi)
    return kpis


def make_tender(index: int, bank: QuestionBank, rng: random.Random, *, themes: int | None = None,
                questions_per_theme: int | None = None, kpis_per_theme: int | None = None) -> Tender:
    """One tender as a procurement manager would leave it part-way through (or finished)."""
    category = rng.choice(IN_SCOPE)
    subject = rng.choice(SUBJECTS[category])
    place = rng.choice(PLACES)
    chosen = [MANDATORY_THEME, *rng.sample([t for t in THEMES if t != MANDATORY_THEME],
                                          (themes or rng.randint(1, 4)) - 1)]
    weighting = Decimal(rng.choice((10, 10, 12, 15, 20)))
    notice = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(900))
    tender = Tender(
        reference=f"LPT-{notice.year}-{index:05d}",
        title=f"{subject.capitalize()} for {place}",
        category=category,
        description=(f"Provision of {subject} across sites in {place} and the wider Trust area, including "
                     f"mobilisation, reporting to the contract manager and exit planning."),
        value_excl_vat_gbp=Decimal(rng.randrange(2_000, 5_000_000)) * 10,
        duration_months=rng.choice((12, 24, 36, 48, 60, 84)),
        social_value_weighting_pct=weighting,
        route=rng.choice(ROUTES),
        tender_notice_date=notice,
        contract_start_date=notice + dt.timedelta(days=rng.randrange(90, 240)),
        stage=rng.choice(STAGES),
        current_step=rng.choice(STEPS),
        confidentiality_reviewed=rng.random() < 0.6,
        leads={role: _name(rng) for role in ROLES if role == "procurement_lead" or rng.random() < 0.4},
        lots=LotsDecision(divided=rng.choice((True, False, None)), lot_count=None,
                          reasons=f"Sized so that SMEs and VCSEs in {place} can bid."),
        think_local=StepRecord(considered=True,
                               notes=f"Market event held in {place}; local suppliers invited."),
        spec_refresh=StepRecord(considered=rng.random() < 0.7,
                                notes="Specification reviewed for low-carbon options."),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(
            # Before the notice, and never after a fixed day in the past: an assessment dated in the
            # future is not completed yet (MS-RISK), and the data must not depend on the day it is made.
            completed_on=min(notice - dt.timedelta(days=rng.randrange(10, 60)), ASSESSED_BY),
            risk=rng.choice(("low", "medium"))),
    )
    if tender.lots.divided:
        tender.lots.lot_count = rng.randint(2, 4)
    for theme, share in zip(chosen, _split(weighting, len(chosen)), strict=True):
        tender.themes.append(ThemeChoice(theme=theme, weighting_pct=share))
        tender.questions += _questions_for(bank, category, theme, questions_per_theme or rng.randint(1, 2))
        tender.kpis += _kpis_for(bank, category, theme, kpis_per_theme or rng.randint(1, 3), rng)
    for kpi in tender.kpis:
        kpi.frequency = kpi.frequency if kpi.frequency in KPI_FREQUENCIES else "quarterly"
    return tender


def largest_tender(bank: QuestionBank | None = None) -> Tender:
    """The largest realistic tender: all four themes, 12 questions and 20 KPIs."""
    bank = bank or load_question_bank()
    tender = make_tender(0, bank, random.Random(SEED), themes=4, questions_per_theme=3, kpis_per_theme=5)
    tender.reference = "LPT-2027-LARGEST"
    tender.title = "Integrated facilities management for the Trust estate"
    tender.category = "estates_facilities"
    tender.value_excl_vat_gbp = Decimal(24_000_000)
    tender.duration_months = 84
    tender.route = "competitive_flexible"
    tender.stage = "itt"
    tender.confidentiality_reviewed = True
    return tender


def tenders(count: int, bank: QuestionBank | None = None, seed: int = SEED) -> list[Tender]:
    bank = bank or load_question_bank()
    rng = random.Random(seed)
    return [make_tender(index, bank, rng) for index in range(1, count + 1)]


def fill_data_dir(data_dir: Path, count: int) -> Path:
    """A data folder whose database holds `count` generated tenders, stored through the service in one
    transaction (each still checked against the policy, as a save would)."""
    from sv_desktop.services.tender_service import open_service

    service = open_service(data_dir)
    try:
        made = tenders(count, service.bank)
        if hasattr(service, "bulk_create"):
            service.bulk_create(made)
        else:
            for tender in made:
                service.create(tender)
    finally:
        service.close()
    return data_dir


def fingerprint(count: int) -> str:
    """Changes whenever the generated database could: this module, the store's code and migrations, the
    tender model or the question bank."""
    package = Path(__file__).resolve().parent.parent / "sv_desktop"
    files = [Path(__file__), package / "model" / "tender.py", *sorted((package / "store").rglob("*.py")),
             *sorted((package.parent / "resources" / "bank").glob("*.yaml"))]
    digest = hashlib.sha256(f"{count}:{SEED}".encode())
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


class DataDirs:
    """Generated data folders: each size is built once (through the real service, which takes a few
    minutes for 10,000 tenders), kept in `cache_dir` under a fingerprint of everything that shapes it,
    and copied for every benchmark that needs it."""

    def __init__(self, workdir: Path, cache_dir: Path | None = None) -> None:
        self.workdir = Path(workdir)
        self.cache_dir = Path(cache_dir) if cache_dir else self.workdir / "cache"

    def database(self, count: int) -> Path:
        cached = self.cache_dir / f"tenders-{count}-{fingerprint(count)}.sqlite3"
        if not cached.exists():
            build = self.workdir / f"build-{count}"
            if build.exists():
                shutil.rmtree(build)
            fill_data_dir(build, count)
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.cache_dir.glob(f"tenders-{count}-*.sqlite3"):
                stale.unlink()
            partial = cached.with_suffix(".partial")
            shutil.copy2(build / DATABASE_FILE, partial)
            partial.replace(cached)
            shutil.rmtree(build)
        return cached

    def fresh(self, count: int, name: str) -> Path:
        """A new data folder of its own holding `count` tenders (the database only: no backups, no
        settings)."""
        source = self.database(count)
        target = self.workdir / name
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        shutil.copy2(source, target / DATABASE_FILE)
        return target
