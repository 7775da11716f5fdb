"""Render the application icon's raster forms from its hand-written SVG with QtSvg.

Why: desktops (the hicolor theme), the window icon and the Windows and macOS installers want
raster icons, and they must match resources/icons/dhbrowser.svg exactly, so they are
generated, never edited.

    .venv/bin/python packaging/render_icons.py

It rewrites, in resources/icons/:
- dhbrowser-<N>.png for N in PNG_SIZES (the window icon, the hicolor theme);
- dhbrowser.ico (Windows: the .exe and the installer), PNG-compressed entries up to 256 px;
- dhbrowser.icns (macOS: the .app), PNG entries up to 1024 px (512 @2x).
Both container formats are written here byte by byte, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_SOURCE = ICONS_DIR / "dhbrowser.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can declare
# Apple's PNG-capable icns element types and the pixel size each one holds.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def png_path(size: int) -> Path:
    return ICONS_DIR / f"dhbrowser-{size}.png"


class IconRenderer:
    """Renders the SVG source at any square size into PNG bytes (antialiased, transparent)."""

    def __init__(self, svg: Path = SVG_SOURCE) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtSvg import QSvgRenderer

        self._app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        self._renderer = QSvgRenderer(str(svg))
        if not self._renderer.isValid():
            raise RuntimeError(f"QtSvg could not read {svg}")
        self._cache: dict[int, bytes] = {}

    def png(self, size: int) -> bytes:
        if size not in self._cache:
            self._cache[size] = self._render(size)
        return self._cache[size]

    def _render(self, size: int) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
        from PySide6.QtGui import QImage, QPainter

        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self._renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise RuntimeError(f"could not encode the {size} px icon as PNG")
        buffer.close()
        return bytes(data.data())


def ico_bytes(entries: Iterable[tuple[int, bytes]]) -> bytes:
    """An .ico holding one PNG-compressed image per (size, png) entry (Windows Vista and later)."""
    images = list(entries)
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    payload = b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        payload += png
        offset += len(png)
    return header + directory + payload


def icns_bytes(entries: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An .icns holding one PNG per (element type, png) entry (macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(renderer: IconRenderer) -> list[Path]:
    written = []
    for size in PNG_SIZES:
        png_path(size).write_bytes(renderer.png(size))
        written.append(png_path(size))
    ico = ICONS_DIR / "dhbrowser.ico"
    ico.write_bytes(ico_bytes((size, renderer.png(size)) for size in ICO_SIZES))
    icns = ICONS_DIR / "dhbrowser.icns"
    icns.write_bytes(icns_bytes((kind, renderer.png(size)) for kind, size in ICNS_TYPES))
    return [*written, ico, icns]


def main() -> int:
    for path in render_all(IconRenderer()):
        print(f"{path.relative_to(ICONS_DIR.parent.parent)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
