"""Build static/vendor/lucide/sprite.svg from the Lucide icons Lotse uses (run by `make vendor`).

Only the icons named in ICONS go into the sprite, each as `<symbol id="NAME">`; stroke and
fill come from the `.icon` class in app.css, so the sprite carries no style of its own.
Lucide (lucide-static from the npm registry) is ISC-licensed; its LICENSE is copied next to
the sprite. A test checks that every icon a feature declares is in ICONS.
"""

import re
import sys
from pathlib import Path

ICONS = (
    # navigation (declared in each feature's NavEntry)
    "house",
    "life-buoy",
    "graduation-cap",
    "flask-conical",
    "message-square-heart",
    "scale",
    "network",
    "settings",
    # header and home page
    "bell",
    "inbox",
    "user",
    "menu",
    "log-out",
    "languages",
    "circle-check",
    "calendar-clock",
    "list-todo",
    "chevron-down",
)


def build(source: Path, target: Path) -> None:
    symbols = []
    for name in ICONS:
        text = (source / "icons" / f"{name}.svg").read_text(encoding="utf-8")
        body = re.search(r"<svg[^>]*>(.*)</svg>", text, re.S).group(1)
        body = " ".join(line.strip() for line in body.strip().splitlines())
        symbols.append(f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>')
    target.mkdir(parents=True, exist_ok=True)
    (target / "sprite.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n", encoding="utf-8"
    )
    (target / "LICENSE").write_text((source / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
