"""Decoding portraits into QImage off the GUI thread, at the size they will be shown.

`QImageReader.setScaledSize` lets JPEG decode at a fraction of full resolution, so a
720x1280 portrait is never fully decoded just to draw a 160-pixel card. QImage (not
QPixmap) is safe to build in a worker; the GUI thread turns it into a QPixmap.

The format comes from the first bytes, and only raster formats are decoded. Left to guess,
QImageReader asks every image plugin, and the SVG plugin's probe makes a QObject
connection; PySide6 keeps the GIL through that call, so the worker deadlocked with a GUI
thread that was disconnecting a signal (it holds Qt's connection lock and waits for the
GIL). A portrait is a photograph anyway: an SVG or anything else is not one.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from dhbrowser.qt.i18n import translate

#: Refuse images whose header claims more pixels than this (a decompression bomb guard).
MAX_PIXELS = 40_000_000

#: The raster formats a portrait may come in, by their files' first bytes.
_SIGNATURES = (
    (b"\xff\xd8\xff", b"jpeg"),
    (b"\x89PNG\r\n\x1a\n", b"png"),
    (b"GIF87a", b"gif"),
    (b"GIF89a", b"gif"),
    (b"BM", b"bmp"),
)


class ImageDecodeError(Exception):
    """The bytes are not an image we will draw; the message is shown on the error tile."""


def decode_image(
    data: bytes, bounding: QSize | None = None, max_pixels: int = MAX_PIXELS, *, cover: bool = False
) -> QImage:
    """Decode `data`, scaled down to fit inside `bounding` (keeping aspect ratio) if given.

    `cover`: scale to the smallest size that covers `bounding` instead (for a caller that crops).
    """
    image_format = sniff_format(data)
    if image_format is None:
        raise ImageDecodeError(
            translate("imaging", "not a readable image (not a JPEG, PNG, GIF, WebP or BMP file)")
        )
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(image_format))
    reader.setAutoDetectImageFormat(False)
    reader.setAutoTransform(True)
    reader.setAllocationLimit(max(1, max_pixels * 4 // (1024 * 1024)))
    size = reader.size()
    if not size.isValid():
        raise ImageDecodeError(
            translate("imaging", "not a readable image ({problem})").format(
                problem=reader.errorString()
            )
        )
    if size.width() * size.height() > max_pixels:
        raise ImageDecodeError(
            translate("imaging", "image too large ({width}×{height} pixels)").format(
                width=size.width(), height=size.height()
            )
        )
    if bounding is not None and bounding.isValid():
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if cover
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        target = size.scaled(bounding, mode)
        if target.width() < size.width():
            reader.setScaledSize(target)
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise ImageDecodeError(
            translate("imaging", "the image is corrupt ({problem})").format(
                problem=reader.errorString()
            )
        )
    return image


def sniff_format(data: bytes) -> bytes | None:
    """The image format `data` starts like, as Qt names it, or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"webp"
    return next((name for magic, name in _SIGNATURES if data.startswith(magic)), None)
