"""Render the app icon `sv-desktop.svg` into `sv-desktop.ico` (Windows executables, installers) and
`sv-desktop.png` (256 px, for Linux desktops and documents).

The generated files are committed, so a build needs no rendering; run this again after editing the SVG:
`QT_QPA_PLATFORM=offscreen python installer/render_icon.py`.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "sv-desktop.svg"
ICO = HERE / "sv-desktop.ico"
PNG = HERE / "sv-desktop.png"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn anti-aliased on a transparent square of `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg.name} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG-compressed images (read by Windows Vista and later, Inno Setup and WiX)."""
    count = len(images)
    header = struct.pack("<HHH", 0, 1, count)
    offset = len(header) + 16 * count
    entries, blobs = [], []
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    images = {size: render_png(SVG, size) for size in ICO_SIZES}
    ICO.write_bytes(ico_bytes(images))
    PNG.write_bytes(images[256])
    print(f"Wrote {ICO.name} ({', '.join(map(str, ICO_SIZES))} px) and {PNG.name} (256 px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
