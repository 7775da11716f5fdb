"""Save an X screen dump (Xvfb's `-fbdir` file, XWD) as PNG, for people to look at.

    python tools/xwd_to_png.py DIR/Xvfb_screen0 screen.png     # prints the pixels' digest

tools/test-fresh.sh photographs the installed .deb this way: Xvfb writes its framebuffer to
a file, so the brand-new root needs no screenshot tool. Exit status 1 while the screen is
still blank (one colour: nothing drawn yet); the digest tells two dumps apart, so the caller
can wait until the screen stops changing.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from pathlib import Path

#: XWD's header: 25 big-endian 32-bit fields, then the window name and the colour map.
HEADER_FIELDS = 25
COLORMAP_ENTRY_BYTES = 12


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    data = source.read_bytes()
    fields = struct.unpack_from(f">{HEADER_FIELDS}I", data)
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line, colours = (
        fields[7],
        fields[11],
        fields[12],
        fields[19],
    )
    if bits_per_pixel != 32:
        print(
            f"{source}: {bits_per_pixel} bits per pixel; start Xvfb with depth 24", file=sys.stderr
        )
        return 2
    start = header_size + colours * COLORMAP_ENTRY_BYTES
    pixels = data[start : start + bytes_per_line * height]

    from PySide6.QtGui import QImage

    layout = QImage.Format.Format_RGB32 if byte_order == 0 else QImage.Format.Format_RGBX8888
    image = QImage(pixels, width, height, bytes_per_line, layout).copy()
    if not image.save(str(target)):
        print(f"cannot write {target}", file=sys.stderr)
        return 2
    print(hashlib.sha256(pixels).hexdigest()[:16])
    # A sample of the pixels (every 97th: a prime, so not one column of the screen) is enough.
    sampled = {pixels[index : index + 4] for index in range(0, len(pixels), 4 * 97)}
    blank = len(sampled) <= 1
    return 1 if blank else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
