"""Issue 17: favicon and manifest answer, every navigation icon is in the sprite, tones are declared."""

import json
import re
from pathlib import Path

from intranet import features

ROOT = Path(__file__).resolve().parents[2]


def test_favicon_is_served_not_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # ICO header


def test_manifest_has_german_name_and_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response.mimetype == "application/manifest+json"
    manifest = json.loads(response.data)
    assert manifest["lang"] == "de" and manifest["short_name"] == "Lotse"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_pages_link_icon_and_manifest(client):
    html = client.get("/konto/anmelden").text
    assert 'rel="manifest"' in html and 'rel="icon"' in html and "img/logo.svg#mark" in html


def test_every_navigation_icon_is_in_the_sprite_and_every_tone_in_the_stylesheet():
    sprite_script = (ROOT / "scripts" / "build_icon_sprite.py").read_text()
    listed = set(re.findall(r'^    "([a-z0-9-]+)",$', sprite_script, re.M))
    css = (ROOT / "static" / "css" / "app.css").read_text()
    entries = features.nav_entries()
    assert len({entry.icon for entry in entries}) == len(entries), "each pillar has its own icon"
    assert len({entry.tone for entry in entries}) == len(entries), "each pillar has its own colour"
    for entry in entries:
        assert entry.icon in listed, entry
        assert f".tone-{entry.tone} {{" in css, entry
