"""A delegation's link as a QR code, read back by zbar (an independent decoder), as a phone's camera would."""

import shutil
import subprocess

import pytest

from ui.qr import qr_png

LINK = "https://programme.example.org/?d=" + "Xy_-9" * 9  # a link as long as the app's (43-character token)


@pytest.mark.parametrize("text", [LINK, "http://localhost:8501/?d=abc"])
def test_zbar_reads_the_link_back_exactly(tmp_path, text):
    assert shutil.which("zbarimg"), "zbar-tools is missing: scripts/test.sh installs it"
    picture = tmp_path / "link.png"
    picture.write_bytes(qr_png(text))
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(picture)], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == text


def test_the_picture_is_a_png_large_enough_to_print():
    content = qr_png(LINK)
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(content[16:20], "big")
    assert width >= 400  # 10 pixels a module, quiet zone included
