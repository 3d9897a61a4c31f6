"""The GitHub Actions workflows cannot run here, so everything they name is checked against the repository:
files, commands and their packages, executables, installer names, Inno Setup switches and the data folder."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = {"actions/checkout": "v4", "actions/setup-python": "v5", "actions/upload-artifact": "v4"}
# Folders that exist only on the runner, after a build or an install.
RUNNER_ONLY = ("dist/", ".venv/", "build/")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def scripts(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


@pytest.mark.parametrize("name", ["linux.yml", "windows.yml"])
def test_the_workflow_is_well_formed(name):
    workflow = load(name)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["timeout-minutes"] <= 120 and job["steps"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
    for step in steps(workflow):
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert PINNED.get(action) == version, step["uses"]


@pytest.mark.parametrize("name", ["linux.yml", "windows.yml"])
def test_every_repository_path_a_workflow_names_exists(name):
    text = scripts(load(name)) + "\n" + "\n".join(
        str(value) for step in steps(load(name)) for value in (step.get("with") or {}).values())
    named = {p.replace("\\", "/") for p in re.findall(r"(?<![\w$:])\.?[\w-]+(?:[\\/][\w.-]+)+", text)}
    repository = {p for p in named if not p.startswith(RUNNER_ONLY) and "sv-desktop/" not in p
                  and not p.startswith(("Programs/", "sv-desktop"))}
    assert repository, "the workflow names no file of the repository"
    for path in repository:
        assert (ROOT / path).exists(), path


def test_linux_runs_the_ci_script():
    assert "bash .ci/run" in scripts(load("linux.yml"))
    assert (ROOT / ".ci" / "run").is_file()


def test_windows_commands_come_from_the_test_extra_and_match_make_lint():
    text = scripts(load("windows.yml"))
    extra = " ".join(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                     ["project"]["optional-dependencies"]["test"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command, package in (("ruff check .", "ruff"), ("mypy", "mypy"), ("lint-imports", "import-linter"),
                             ("python -m pytest", "pytest")):
        assert command in text and package in extra, command
    for command in ("ruff check .", "mypy", "lint-imports"):
        assert f"$(BIN)/{command}" in makefile, command


def test_windows_installs_what_build_ps1_builds_under_the_names_it_gives():
    text = scripts(load("windows.yml"))
    build = (ROOT / "installer" / "windows" / "build.ps1").read_text(encoding="utf-8")
    iss = (ROOT / "installer" / "windows" / "sv-desktop.iss").read_text(encoding="utf-8")
    assert r"installer\windows\build.ps1" in text
    assert "OutputBaseFilename={#AppName}-{#AppVersion}-setup" in iss and "sv-desktop-*-setup.exe" in text
    assert '"$AppName-$Version-x64.msi"' in build and "sv-desktop-*-x64.msi" in text
    assert re.search(r"wix --version ([\d.]+)", text).group(1) == re.search(r"--version ([\d.]+)", build).group(1)
    # Silent per-user and per-machine installs need the command-line override of the privileges.
    assert "PrivilegesRequiredOverridesAllowed=commandline" in iss
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER", "/ALLUSERS"):
        assert switch in text
    assert "'/i'" in text and "'/x'" in text and "'/qn'" in text
    assert text.count("unins000.exe") == 2 and "DefaultDirName={autopf}" in iss


def test_windows_checks_the_installed_copy_with_the_frozen_tests_and_the_users_data():
    text = scripts(load("windows.yml"))
    from installer import bundle_config as cfg
    from sv_desktop.paths import DATABASE_FILE

    assert f"{cfg.CLI_EXE}.exe" in text and f"{cfg.GUI_EXE}.exe" in text
    assert text.count("$env:SV_FROZEN_APP") == 3
    assert "SV_FROZEN_APP" in (ROOT / "tests" / "test_frozen_build.py").read_text(encoding="utf-8")
    assert text.count(f"'{cfg.APP_NAME}\\{DATABASE_FILE}'") == 4  # made once, then kept by each uninstall


def test_ci_installs_only_the_packages_the_readme_lists():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"apt-get install ([^>]*)>", script.replace("\\\n", " ")).group(1)
    installed = {word for word in command.split() if not word.startswith("-")}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([a-z0-9.+ -]+)`", readme.split("## The command line")[0]))
    listed_packages = {word for entry in listed for word in entry.split()}
    assert installed and installed <= listed_packages, installed - listed_packages
    assert "poppler-utils" not in script
