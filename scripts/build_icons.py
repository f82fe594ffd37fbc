"""Render static/img/logo.svg to the PNG icons and favicon.ico (run by hand after changing the logo).

Uses the system Chromium through Playwright (a dev dependency), so no image library is needed;
favicon.ico holds a 32 px and a 48 px PNG (ICO with PNG entries, read by every current browser).
"""

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
SIZES = (32, 48, 180, 192, 512)


def render() -> dict[int, bytes]:
    svg = (IMG / "logo.svg").read_text(encoding="utf-8")
    pngs = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<html><body style='margin:0;overflow:hidden'><style>svg{display:block}</style>"
                + svg.replace('width="64" height="64"', f'width="{size}" height="{size}"', 1)
                + "</body></html>"
            )
            pngs[size] = page.screenshot(
                omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size}
            )
            page.close()
        browser.close()
    return pngs


def ico(images: list[tuple[int, bytes]]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, data = b"", b""
    for size, png in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


if __name__ == "__main__":
    pngs = render()
    for size in (180, 192, 512):
        (IMG / f"icon-{size}.png").write_bytes(pngs[size])
    (IMG / "favicon.ico").write_bytes(ico([(32, pngs[32]), (48, pngs[48])]))
