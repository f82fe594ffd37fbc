"""Issue 17: staff read plain German – no "Markdown" jargon, no English "blameless"."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ui_texts() -> list[tuple[str, str]]:
    texts = []
    for path in list((ROOT / "templates").rglob("*.html")) + list((ROOT / "intranet").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for text in re.findall(r"""_l?\(\s*(?:"([^"]*)"|'([^']*)')""", source):
            texts.append((str(path.relative_to(ROOT)), text[0] or text[1]))
    return texts


def test_no_markdown_or_blameless_in_what_staff_read():
    found = [(path, text) for path, text in _ui_texts() if re.search(r"markdown|blameless", text, re.I)]
    assert not found, found


def test_long_text_fields_explain_formatting_in_plain_german(client, login_as, org):
    login_as(org.staff)
    for path in ("/feedback/neu?art=idea", "/lotsen/fragen/neu"):
        page = client.get(path)
        assert page.status_code == 200
        assert "Fett: zwei Sternchen davor und danach" in page.text, path
