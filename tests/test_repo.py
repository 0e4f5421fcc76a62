"""The repository stays true: lint clean, the engine free of Streamlit, the README's claims real."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=" ".join)
def test_ruff_is_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "path", sorted((ROOT / "realitycheck").rglob("*.py")), ids=lambda p: p.name
)
def test_engine_never_imports_streamlit_or_plotly(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+(streamlit|plotly)\b", source, re.M)


def test_readme_has_the_two_commands():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "pip install -r requirements-dev.txt && python -m pytest" in README


def _fenced_block_after(heading: str) -> list[str]:
    """The non-empty lines of the first fenced block after the line starting with `heading`."""
    after = README.split(f"\n{heading}", 1)[1]
    block = after.split("```", 2)[1]
    return [line for line in block.splitlines()[1:] if line.strip()]


def test_readme_commands_work_on_a_fresh_debian_python():
    # A virtual environment first: a system Python refuses pip ("externally-managed-environment").
    assert _fenced_block_after("Run the app") == [
        "python -m venv .venv && . .venv/bin/activate",
        "pip install -r requirements.txt && streamlit run app.py",
    ]
    # .ci/run runs the first line of the block after "Run the tests:" verbatim.
    tests = _fenced_block_after("Run the tests:")
    assert tests[0] == "pip install -r requirements-dev.txt && python -m pytest"


def test_readme_layout_table_names_real_folders():
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for folder in re.findall(r"^\| `([\w./-]+)` \|", layout, re.M):
        assert (ROOT / folder.rstrip("/")).exists(), folder


def _layout_table() -> str:
    return README.split("## Layout", 1)[1].split("\n## ", 1)[0]


def _engine_modules() -> list[Path]:
    engine = ROOT / "realitycheck"
    return [
        p
        for p in sorted(engine.rglob("*.py"))
        if p.name not in ("__init__.py", "__main__.py") and "versions" not in p.parts
    ]


@pytest.mark.parametrize(
    "module", _engine_modules(), ids=lambda p: str(p.relative_to(ROOT / "realitycheck"))
)
def test_readme_layout_names_every_engine_module(module):
    # Each row names a folder, then the modules in it as `name.py`: a module is listed in the
    # row of the folder that holds it.
    folder = module.parent.relative_to(ROOT).as_posix() + "/"
    rows = [row for row in _layout_table().splitlines() if row.startswith(f"| `{folder}` |")]
    assert rows, f"the README's layout table has no row for {folder}"
    assert f"`{module.name}`" in rows[0], f"{module.name} is missing from the {folder} row"


def test_readme_layout_names_only_real_modules():
    for row in _layout_table().splitlines():
        folder = re.match(r"^\| `([\w./-]+/)` \|", row)
        if not folder or not folder.group(1).startswith("realitycheck"):
            continue
        for name in re.findall(r"`(\w+\.py)`", row):
            assert (ROOT / folder.group(1) / name).exists(), f"{folder.group(1)}{name}"


def test_engine_has_few_loose_modules():
    loose = [p.name for p in (ROOT / "realitycheck").glob("*.py")]
    assert len(loose) <= 6, loose


def test_no_test_module_imports_another():
    for path in ROOT.glob("tests/**/test_*.py"):
        imported = re.findall(r"^\s*from (tests\.[\w.]+) import", path.read_text("utf-8"), re.M)
        assert not [m for m in imported if m.rsplit(".", 1)[-1].startswith("test_")], path.name


def test_no_secrets_file_in_git():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    assert ".streamlit/secrets.toml" not in tracked.split()


def test_html_is_never_unsafe_with_user_text():
    for path in [*ROOT.glob("pages/**/*.py"), *ROOT.glob("components/*.py"), ROOT / "app.py"]:
        assert "unsafe_allow_html=True" not in path.read_text(encoding="utf-8"), path.name


def test_no_page_script_at_the_top_of_pages():
    # Streamlit still runs its legacy multipage mode for a server's first session when
    # pages/*.py exist next to app.py: it lists those files and serves a deep link to one of
    # them without app.py (and so without the access gate). Page scripts live one level down.
    assert not list((ROOT / "pages").glob("*.py"))


def test_every_chart_hides_the_plotly_mode_bar():
    # On a phone the mode bar covers the chart's title; components.figures.CONFIG turns it off.
    import ast

    for path in [*ROOT.glob("pages/**/*.py"), *ROOT.glob("components/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "plotly_chart":
                config = [ast.unparse(k.value) for k in node.keywords if k.arg == "config"]
                assert config == ["CONFIG"], f"{path.name}:{node.lineno}"
