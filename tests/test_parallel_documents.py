"""The assessment summaries written in two worker processes: the same documents as written one after the
other here, in the language the program speaks, a writer's refusal reaching the manager as one sentence, and a
read-only file to replace (agreed in this process) written here."""

from __future__ import annotations

import docx
import pytest
from pypdf import PdfReader

from sv_desktop import i18n
from sv_desktop.demo import load_demo
from sv_desktop.export import parallel
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service

REF = "LPT-2026-017"  # the community equipment example, evaluated and moderated


@pytest.fixture
def service(data_dir):
    svc = open_service(data_dir)
    load_demo(svc)
    yield svc
    svc.close()


def word_text(path) -> str:
    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def texts(paths):
    return {path.name: "\n".join(page.extract_text() for page in PdfReader(path).pages) if path.suffix == ".pdf"
            else word_text(path) for path in paths}


def test_summaries_written_by_the_workers_are_those_written_here(service, tmp_path, monkeypatch):
    in_workers = service.write_assessment_summaries(REF, tmp_path / "workers")
    assert parallel._pool is not None  # the workers were used, and are kept for the next batch
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "_executor", lambda: None)
        here = service.write_assessment_summaries(REF, tmp_path / "here")
    assert [p.name for p in in_workers] == [p.name for p in here] and len(here) == 6
    written, expected = texts(in_workers), texts(here)
    assert written == expected
    assert all(REF in text for text in written.values())


def test_the_workers_speak_the_programs_language(service, tmp_path):
    label = "Reference"
    try:
        i18n.install(i18n.PSEUDO)
        paths = service.write_assessment_summaries(REF, tmp_path / "pseudo")
    finally:
        i18n.install(i18n.ENGLISH)
    pseudo_text = word_text(next(p for p in paths if p.suffix == ".docx"))
    assert i18n.pseudo(label) in pseudo_text
    english = service.write_assessment_summaries(REF, tmp_path / "english")
    english_text = word_text(next(p for p in english if p.suffix == ".docx"))
    assert label in english_text and i18n.pseudo(label) not in english_text


def test_a_refusal_in_a_worker_reaches_the_manager(service, tmp_path):
    folder = tmp_path / "out"
    names = service.assessment_summary_files(REF, folder)
    names[1][2].mkdir(parents=True)  # a folder where the second bidder's Word file goes
    with pytest.raises(ServiceError, match="a folder of that name is already there"):
        service.write_assessment_summaries(REF, folder)


def test_a_read_only_file_agreed_here_is_replaced(service, tmp_path):
    folder = tmp_path / "out"
    first = service.write_assessment_summaries(REF, folder)
    target = first[0]
    target.chmod(0o444)
    with pytest.raises(ServiceError, match="read-only"):
        service.write_assessment_summaries(REF, folder)
    service.allow_replacing(target)
    assert service.write_assessment_summaries(REF, folder) == first
