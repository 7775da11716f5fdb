"""Generate the demo digital-human catalog that the emulator serves.

Why: the emulator needs portraits and action preview videos, and the repository must carry
no third-party images, so every picture here is original artwork drawn with QPainter
(no fonts, no image files). The output is deterministic: each human's look comes from a
random.Random seeded with that human's id.

Rerun from the repository root (needs `ffmpeg` with libx264 on PATH):

    .venv/bin/python tools/generate_catalog.py

It rewrites resources/catalog/ (catalog.json, portraits/, previews/, timbres.json, voices/)
and prints the total size. `--voices` rewrites only the voices (timbres.json and voices/),
which needs no ffmpeg and leaves the humans' media untouched.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
    QTransform,
)

CATALOG_DIR = Path(__file__).resolve().parent.parent / "resources" / "catalog"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "demo-catalog.dhbrowser.invalid")

# All drawing happens on this logical canvas; smaller outputs just scale the painter.
CANVAS_W, CANVAS_H = 720, 1280
PORTRAIT_SIZE = (720, 1280)
PREVIEW_SIZE = (360, 640)
PREVIEW_FPS = 24
PREVIEW_SECONDS = 3.0
# Flat artwork compresses extremely well: a high-quality CRF and JPEG quality keep the media
# close to what real previews and portraits weigh (tens of KB each) and well inside the budget.
PREVIEW_CRF = 16
JPEG_QUALITY = 93

# Head geometry on the canvas (centre of the face ellipse).
HEAD_X, HEAD_Y = 360.0, 560.0
NECK_Y = 824.0  # where the neck meets the shoulders
FIGURE_SCALE = 1.1  # the figure is drawn a little larger than its design size

ACTION_KINDS: dict[str, str] = {
    "idle_action": "idle",
    "wave_action": "wave",
    "nod_action": "nod",
    "speak_action": "speak",
    "mute_action": "mute",
    # ZEGO-style numeric action names, as seen in ZEGO's examples.
    "802_921474": "wave",
    "802_921475": "nod",
}

SKIN_TONES: tuple[tuple[str, str], ...] = (  # (base, shade), light to deep
    ("#f7dccb", "#e6b9a0"),
    ("#f0c8a8", "#dba683"),
    ("#e2ae86", "#c88d64"),
    ("#c99067", "#ab7249"),
    ("#ad7450", "#8f5a39"),
    ("#8e5a3a", "#744429"),
    ("#6e4329", "#57321d"),
    ("#553320", "#432716"),
)

HAIR_COLORS: dict[str, str] = {
    "black": "#1f1b1d",
    "darkbrown": "#3a2a21",
    "brown": "#5d3d28",
    "auburn": "#7c3b22",
    "ginger": "#b8642f",
    "blonde": "#d9b56e",
    "platinum": "#e8dfcc",
    "gray": "#9c9894",
    "rose": "#d993ac",
}

EYE_COLORS_DARK = ("#3a2418", "#4e3020", "#5d3b22")
EYE_COLORS_ALL = (*EYE_COLORS_DARK, "#7a5a2e", "#4d7a4f", "#4a72a6", "#62737f")

BACKGROUNDS: tuple[tuple[str, str], ...] = (  # (top, bottom)
    ("#e3ecf5", "#9db6d3"),
    ("#f4e9de", "#d6b597"),
    ("#e5f0e7", "#9cc0ab"),
    ("#f1e2ee", "#c09ebd"),
    ("#34466a", "#1a2440"),
    ("#fbe6da", "#eeab90"),
    ("#eae8f8", "#a8a2d8"),
    ("#e0f2f2", "#85bfc3"),
    ("#f5f0da", "#d5c07f"),
    ("#4a3a4c", "#231b26"),
    ("#eaeff1", "#b2bfc6"),
    ("#2e5652", "#15302c"),
)

CLOTHES = (
    "#2d3e5e", "#3b3e44", "#7a2f3c", "#c6952e", "#2f5d47", "#eee5d1", "#b65d3d",
    "#4a6d94", "#1f7777", "#d59a98", "#f3f2ee", "#5d7f6c", "#6c6b3b", "#8f7bb5",
)  # fmt: skip

# Scarf and hat fabrics: saturated enough to stand apart from any skin tone.
ACCENTS = ("#3f5e7a", "#6b4e75", "#2f5d4a", "#8a3b4a", "#c9a45c", "#4c4f57")

SHIRTS = ("#f5f2ea", "#dde6ef", "#efe3d3", "#e9e9e9")

NECKLINES = ("crew", "vneck", "collar", "blazer", "turtleneck")

# Hair styles that hide the ears (no earrings drawn on top of hair).
EARS_HIDDEN = frozenset({"bob", "long", "curly_long", "afro", "scarf"})


@dataclass(frozen=True)
class HumanSpec:
    """One catalog entry as cast by hand; the rest of the look is drawn from its seed."""

    name: str
    public: bool
    hair_style: str
    skin: int
    hair: str
    actions: tuple[str, ...] = ()
    no_preview: tuple[str, ...] = ()
    masc: bool = False
    extras: tuple[str, ...] = ()


ROSTER: tuple[HumanSpec, ...] = (
    HumanSpec("Aiko Tanaka", True, "bob", 1, "black",
              ("idle_action", "wave_action", "nod_action", "speak_action")),
    HumanSpec("Mateo Silva", True, "side_part", 3, "darkbrown",
              ("idle_action", "wave_action", "speak_action"), masc=True),
    HumanSpec("Amara Okafor", True, "afro", 6, "black",
              ("idle_action", "speak_action", "802_921474")),
    HumanSpec("Lukas Schneider", True, "crop", 0, "blonde",
              ("idle_action", "nod_action"), masc=True),
    HumanSpec("Priya Raman", True, "long", 4, "black",
              ("idle_action", "wave_action", "speak_action", "mute_action")),
    HumanSpec("Zoë Müller", True, "pixie", 0, "ginger", ("idle_action", "speak_action")),
    HumanSpec("李华", False, "crop", 1, "black", ("idle_action", "nod_action"), masc=True),
    HumanSpec("Kwame Mensah", True, "buzz", 7, "black",
              ("idle_action", "wave_action", "nod_action"), masc=True, extras=("beard",)),
    HumanSpec("Elena Petrova", True, "bun", 0, "platinum",
              ("idle_action", "speak_action", "nod_action")),
    HumanSpec("Omar Haddad", False, "curly_short", 3, "black", masc=True, extras=("beard",)),
    HumanSpec("Sofia Rossi", True, "curly_long", 2, "brown", ("idle_action", "wave_action")),
    HumanSpec("Hiroshi Nakamura", True, "quiff", 1, "black",
              ("idle_action", "speak_action", "nod_action"), masc=True, extras=("glasses",)),
    HumanSpec("Fatima Zahra Benali", True, "scarf", 3, "darkbrown",
              ("idle_action", "speak_action", "802_921474")),
    HumanSpec("Liam O'Connor", False, "side_part", 0, "auburn",
              ("idle_action", "wave_action"), no_preview=("wave_action",), masc=True,
              extras=("stubble",)),
    HumanSpec("Ana Lucía Hernández", True, "ponytail", 3, "darkbrown",
              ("idle_action", "wave_action", "speak_action")),
    HumanSpec("Dmitri Volkov", False, "bald", 0, "gray", ("mute_action",), masc=True,
              extras=("beard",)),
    HumanSpec("Mei Lin Chen", True, "long", 1, "black",
              ("idle_action", "nod_action", "speak_action", "802_921475")),
    HumanSpec("Chidi Eze", True, "curly_short", 6, "black",
              ("idle_action", "speak_action"), masc=True),
    HumanSpec("Ingrid Johansson", False, "long", 0, "blonde"),
    HumanSpec("Arjun Mehta", True, "quiff", 4, "black",
              ("idle_action", "wave_action", "nod_action", "speak_action"), masc=True,
              extras=("beard",)),
    HumanSpec("Maximilian Alexander von Hohenstein-Berg", False, "side_part", 0, "brown",
              ("idle_action", "speak_action"), masc=True, extras=("glasses",)),
    # The dotless i in "Aydın" is the real Turkish spelling, not a typo.
    HumanSpec("Yasmin Aydın", True, "long", 2, "darkbrown",
              ("idle_action", "802_921474")),
    HumanSpec("Leilani Kahale", False, "curly_long", 4, "black",
              ("idle_action", "wave_action", "mute_action"), no_preview=("mute_action",)),
    HumanSpec("Camille Laurent", True, "bob", 0, "brown", ("speak_action",)),
    HumanSpec("Sebastián Ortega", False, "beanie", 2, "darkbrown",
              ("idle_action", "nod_action"), masc=True, extras=("stubble",)),
    HumanSpec("Nadia Kowalska", True, "pixie", 0, "rose",
              ("idle_action", "wave_action", "speak_action")),
    HumanSpec("Noah Williams", False, "curly_short", 5, "black", masc=True),
    HumanSpec("Tomás Ferreira", False, "crop", 2, "gray",
              ("idle_action", "speak_action", "nod_action"), masc=True, extras=("glasses",)),
)  # fmt: skip


@dataclass(frozen=True)
class VoiceSpec:
    """One voice (timbre): public when `human` is "", else bound to the human of that name.

    The public names and ids follow the pattern of the real pool (Volcengine/Doubao:
    `<lang>_<gender>_<name>_<model>_bigtts`; MiniMax: `female-…`, `presenter_…`) but
    are made up here; the private ones are what a customer's cloned voices might be called.
    """

    timbre_id: str
    name: str
    human: str = ""


VOICES: tuple[VoiceSpec, ...] = (
    VoiceSpec("zh_female_qingyu_moon_bigtts", "清语晴晴"),
    VoiceSpec("zh_male_wenhou_mars_bigtts", "温厚阿川"),
    VoiceSpec("zh_female_tianxin_moon_bigtts", "甜心小柚"),
    VoiceSpec("zh_male_chenjing_mars_bigtts", "沉静老林"),
    VoiceSpec("en_female_maple_moon_bigtts", "Maple"),
    VoiceSpec("en_male_harbor_mars_bigtts", "Harbor"),
    VoiceSpec("ja_female_hinata_mars_bigtts", "ひなた"),
    VoiceSpec("female-wenwan", "温婉少女音色"),
    VoiceSpec("male-qn-langlang", "朗朗青年音色"),
    VoiceSpec("presenter_female_lively", "活力女主持人"),
    VoiceSpec("audiobook_male_storyteller", "说书男声"),
    VoiceSpec("English_Gentle_Guide", "Gentle Guide"),
    VoiceSpec("lihua_studio_v2", "李华 · 录音棚", "李华"),
    VoiceSpec("lihua_live_v1", "李华 · 直播", "李华"),
    VoiceSpec("omar_brand_voice", "Omar (brand voice)", "Omar Haddad"),
    VoiceSpec("leilani_warm_01", "Leilani, warm", "Leilani Kahale"),
    VoiceSpec("tomas_narrador", "Tomás · narrador", "Tomás Ferreira"),
    VoiceSpec("tomas_anuncios", "Tomás · anúncios", "Tomás Ferreira"),
    VoiceSpec("maximilian_hausstimme", "Maximilian (Hausstimme)",
              "Maximilian Alexander von Hohenstein-Berg"),
)  # fmt: skip

# A voice's picture: small and flat, so that a PNG of it weighs a few KB.
VOICE_PICTURE_SIZE = 128
VOICE_PALETTE = (
    ("#2f4b7c", "#ffa600"), ("#665191", "#f95d6a"), ("#1f7777", "#f3e9d2"),
    ("#a05195", "#ffd380"), ("#003f5c", "#7bdff2"), ("#7a2f3c", "#f6c6a8"),
    ("#2f5d47", "#d9f2b4"), ("#4c4f57", "#ffb3c1"), ("#8a3b4a", "#ffe0a3"),
)  # fmt: skip


@dataclass(frozen=True)
class Look:
    """Everything needed to draw one character, fixed per human."""

    skin: str
    skin_shade: str
    hair: str
    hair_style: str
    eye: str
    lips: str
    clothes: str
    shirt: str
    accent: str
    neckline: str
    bg_top: str
    bg_bottom: str
    face_rx: float
    face_ry: float
    jaw: float
    eye_gap: float
    brow_width: float
    smile: float
    lashes: bool
    full_sideburns: bool
    facial_hair: str
    glasses: str
    earrings: str
    glows: tuple[tuple[float, float, float], ...]


@dataclass(frozen=True)
class Pose:
    """Animation parameters for one frame; the default is the still portrait pose."""

    breathe: float = 0.0
    blink: float = 0.0
    head_dy: float = 0.0
    feature_dy: float = 0.0
    tilt: float = 0.0
    mouth_open: float = 0.0
    smile_boost: float = 0.0
    brow_raise: float = 0.0
    arm_rise: float = 0.0
    arm_angle: float = 0.0
    drift: float = 0.0  # phase (radians) of the background glows' slow circling


# ----------------------------------------------------------------------------- colours


def mix(a: str | QColor, b: str | QColor, t: float) -> QColor:
    """Blend colour a towards colour b by t (0 = a, 1 = b)."""
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(
        ca.redF() + (cb.redF() - ca.redF()) * t,
        ca.greenF() + (cb.greenF() - ca.greenF()) * t,
        ca.blueF() + (cb.blueF() - ca.blueF()) * t,
        ca.alphaF() + (cb.alphaF() - ca.alphaF()) * t,
    )


def with_alpha(colour: str | QColor, alpha: float) -> QColor:
    """Return the colour with the given opacity (0..1)."""
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c


def colour_distance(a: str, b: str) -> float:
    """A rough perceptual distance between two colours (0..~441)."""
    ca, cb = QColor(a), QColor(b)
    return math.dist((ca.red(), ca.green(), ca.blue()), (cb.red(), cb.green(), cb.blue()))


# ----------------------------------------------------------------------------- catalog data


# Latin letters that Unicode does not decompose into a base letter plus accents.
LATIN_EXTRAS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae"})


def human_id(spec: HumanSpec) -> uuid.UUID:
    """The deterministic DigitalHumanId of a human."""
    return uuid.uuid5(NAMESPACE, spec.name)


def slug(spec: HumanSpec) -> str:
    """An ASCII file-name stem for a human (falls back to the id for non-Latin names)."""
    latin = spec.name.translate(LATIN_EXTRAS)
    ascii_name = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_name.lower()).split()
    return "-".join(words) or f"human-{human_id(spec).hex[:8]}"


def make_look(spec: HumanSpec, index: int) -> Look:
    """Choose a human's look with a generator seeded with the human's id."""
    rng = random.Random(human_id(spec).int)
    skin, skin_shade = SKIN_TONES[spec.skin]
    bg_top, bg_bottom = BACKGROUNDS[(index * 5) % len(BACKGROUNDS)]
    start = (index * 5 + rng.randrange(3)) % len(CLOTHES)
    rotated = CLOTHES[start:] + CLOTHES[:start]
    clothes = next(c for c in rotated if colour_distance(c, bg_bottom) > 110)
    eye = rng.choice(EYE_COLORS_ALL if spec.skin <= 2 else EYE_COLORS_DARK)
    lips = mix(skin_shade, "#9c3f45", 0.35 if spec.masc else 0.55).name()
    facial_hair = next((e for e in spec.extras if e in {"beard", "stubble"}), "")
    glasses = rng.choice(("round", "square")) if "glasses" in spec.extras else ""
    wears_earrings = not spec.masc and spec.hair_style not in EARS_HIDDEN
    earrings = rng.choice(("stud", "hoop")) if wears_earrings else ""
    glows = tuple(
        (rng.uniform(60, 660), rng.uniform(80, 760), rng.uniform(90, 200)) for _ in range(3)
    )
    return Look(
        skin=skin,
        skin_shade=skin_shade,
        hair=HAIR_COLORS[spec.hair],
        hair_style=spec.hair_style,
        eye=eye,
        lips=lips,
        clothes=clothes,
        shirt=rng.choice(SHIRTS),
        accent=rng.choice(ACCENTS),
        neckline=rng.choice(NECKLINES),
        bg_top=bg_top,
        bg_bottom=bg_bottom,
        face_rx=rng.uniform(122, 134) + (6 if spec.masc else 0),
        face_ry=rng.uniform(152, 164),
        jaw=rng.uniform(0.5, 0.66) + (0.08 if spec.masc else 0),
        eye_gap=rng.uniform(46, 54),
        brow_width=rng.uniform(8, 10) + (2.5 if spec.masc else 0),
        smile=rng.uniform(0.35, 0.9),
        lashes=not spec.masc,
        full_sideburns=spec.masc,
        facial_hair=facial_hair,
        glasses=glasses,
        earrings=earrings,
        glows=glows,
    )


# ----------------------------------------------------------------------------- shapes


def ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    """An elliptical path centred on (cx, cy)."""
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def rect(x: float, y: float, w: float, h: float, radius: float = 0.0) -> QPainterPath:
    """A (optionally rounded) rectangular path."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y, w, h), radius, radius)
    return path


def polygon(*points: tuple[float, float]) -> QPainterPath:
    """A closed polygonal path through the points."""
    path = QPainterPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.closeSubpath()
    return path


def head_path(look: Look, grow: float = 0.0) -> QPainterPath:
    """The egg-shaped outline of the head, optionally grown outwards by `grow` pixels."""
    cx, cy = HEAD_X, HEAD_Y
    rx, ry, jaw = look.face_rx + grow, look.face_ry + grow, look.jaw
    path = QPainterPath()
    path.moveTo(cx, cy - ry)
    path.cubicTo(cx + rx * 0.58, cy - ry, cx + rx, cy - ry * 0.6, cx + rx, cy - ry * 0.05)
    path.cubicTo(cx + rx, cy + ry * 0.48, cx + rx * jaw, cy + ry, cx, cy + ry)
    path.cubicTo(cx - rx * jaw, cy + ry, cx - rx, cy + ry * 0.48, cx - rx, cy - ry * 0.05)
    path.cubicTo(cx - rx, cy - ry * 0.6, cx - rx * 0.58, cy - ry, cx, cy - ry)
    path.closeSubpath()
    return path


def face_window(
    look: Look,
    inset: float,
    ends: tuple[float, float],
    controls: tuple[tuple[float, float], tuple[float, float]],
) -> QPainterPath:
    """The face area below a hairline curve; subtracting it from a hair cap leaves the hair.

    `ends` are the hairline's heights at the left and right temple; `controls` are the two
    Bezier control points of the curve between them.
    """
    cx, rx = HEAD_X, look.face_rx
    (left_y, right_y), (c1, c2) = ends, controls
    path = QPainterPath()
    path.moveTo(cx - rx + inset, HEAD_Y + 420)
    path.lineTo(cx - rx + inset, left_y)
    path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(cx + rx - inset, right_y))
    path.lineTo(cx + rx - inset, HEAD_Y + 420)
    path.closeSubpath()
    return path


def cloud(base: QPainterPath, radius: float, count: int, rng: random.Random) -> QPainterPath:
    """Round off a shape's outline with circles, for curly hair."""
    result = QPainterPath(base)
    for i in range(count):
        point = base.pointAtPercent(i / count)
        r = radius * rng.uniform(0.8, 1.15)
        result = result.united(ellipse(point.x(), point.y(), r, r))
    return result


def cap(look: Look, margin: float, lift: float = 0.0) -> QPainterPath:
    """The head outline grown by `margin` and lifted by `lift`: the basis of most hair."""
    return head_path(look, margin).translated(0, -lift)


def above(y: float) -> QPainterPath:
    """Everything on the canvas above the line y."""
    return rect(-200, -200, CANVAS_W + 400, y + 200)


@dataclass(frozen=True)
class HairShapes:
    """Hair split by layer: behind the body, between body and head, and over the face."""

    back: QPainterPath
    mid: QPainterPath
    front: QPainterPath

    @staticmethod
    def front_only(front: QPainterPath) -> HairShapes:
        """Hair that lies entirely over the head (short styles)."""
        return HairShapes(QPainterPath(), QPainterPath(), front)


def sideburns(look: Look, top: float) -> QPainterPath:
    """Tapered sideburns from the temple line down in front of the ears (short wisps if thin)."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    width, bottom = (18, cy + 12) if look.full_sideburns else (10, cy - 4)
    burns = QPainterPath()
    for side in (-1, 1):
        burns.addPath(polygon(
            (cx + side * (rx + 6), top), (cx + side * (rx - width), top),
            (cx + side * (rx - width / 2), bottom), (cx + side * rx, bottom - 2),
        ))  # fmt: skip
    return burns


def trimmed(look: Look, hair: QPainterPath, window: QPainterPath, temple: float) -> QPainterPath:
    """Cut a hair mass at the temple line and the hairline, then add sideburns."""
    return hair.intersected(above(temple)).subtracted(window).united(sideburns(look, temple - 2))


def arched_window(look: Look, temple: float, height: float, part: float = 0.0) -> QPainterPath:
    """A symmetric, arched hairline rising `height` above the temples (shifted by `part`)."""
    cx, rx = HEAD_X, look.face_rx
    top = temple - height
    return face_window(
        look, 14, (temple, temple), ((cx - rx * 0.5 + part, top), (cx + rx * 0.5 + part, top))
    )


def short_hair(look: Look, margin: float, temple: float, part: float = 0.0) -> QPainterPath:
    """A close cap with a gently arched hairline; `part` shifts the high point sideways."""
    window = arched_window(look, temple, 66, part)
    return trimmed(look, cap(look, margin, 4), window, temple)


def crop_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Short, neat hair."""
    return HairShapes.front_only(short_hair(look, 9, HEAD_Y - 44))


def buzz_hair(look: Look, _rng: random.Random) -> HairShapes:
    """A very close buzz cut (drawn semi-transparent over the scalp)."""
    return HairShapes.front_only(short_hair(look, 3, HEAD_Y - 40))


def side_part_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Short hair parted on one side and swept across."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    window = face_window(
        look, 14, (cy - 42, cy - 50), ((cx - rx * 0.6, cy - 118), (cx + rx * 0.2, cy - 76))
    )
    return HairShapes.front_only(trimmed(look, cap(look, 14, 10), window, cy - 42))


def quiff_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Short sides with volume swept up at the front."""
    cx, cy, rx, ry = HEAD_X, HEAD_Y, look.face_rx, look.face_ry
    quiff = QPainterPath()
    quiff.moveTo(cx - rx * 0.9, cy - ry * 0.5)
    quiff.cubicTo(cx - rx * 0.8, cy - ry - 30, cx + rx * 0.2, cy - ry - 52, cx + rx * 0.8, cy - ry)
    quiff.quadTo(cx + rx * 1.02, cy - ry * 0.7, cx + rx * 0.9, cy - ry * 0.4)
    quiff.closeSubpath()
    return HairShapes.front_only(short_hair(look, 8, cy - 46).united(quiff))


def curly_short_hair(look: Look, rng: random.Random) -> HairShapes:
    """Short tight curls."""
    cy = HEAD_Y
    window = arched_window(look, cy - 40, 56)
    curls = cloud(cap(look, 6, 6).intersected(above(cy - 40)), 24, 34, rng)
    return HairShapes.front_only(trimmed(look, curls, window, cy - 40))


def bald_hair(_look: Look, _rng: random.Random) -> HairShapes:
    """No hair at all."""
    return HairShapes.front_only(QPainterPath())


def beanie_hair(look: Look, _rng: random.Random) -> HairShapes:
    """A knitted beanie with a folded band (drawn in the hair layer)."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    hat = cap(look, 18, 8).intersected(above(cy - 60))
    band = rect(cx - rx - 22, cy - 112, 2 * rx + 44, 56, 24)
    return HairShapes.front_only(hat.united(band))


def bob_hair(look: Look, _rng: random.Random) -> HairShapes:
    """A chin-length bob with a straight fringe."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    outer = cap(look, 30, 14).united(rect(cx - rx - 30, cy - 40, 2 * rx + 60, 190, 48))
    window = face_window(look, 6, (cy - 52, cy - 52), ((cx - 50, cy - 66), (cx + 50, cy - 66)))
    return HairShapes(outer, QPainterPath(), outer.subtracted(window))


def long_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Long straight hair with a centre parting, falling over the shoulders."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    outer = cap(look, 30, 10).united(rect(cx - rx - 34, cy - 60, 2 * rx + 68, 420, 60))
    return HairShapes(outer, QPainterPath(), parted_front(look, outer))


def curly_long_hair(look: Look, rng: random.Random) -> HairShapes:
    """Long curly hair: the long shape with a curly outline."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    outer = cap(look, 30, 10).united(rect(cx - rx - 34, cy - 60, 2 * rx + 68, 400, 60))
    outer = cloud(outer, 30, 48, rng)
    return HairShapes(outer, QPainterPath(), parted_front(look, outer))


def parted_front(look: Look, outer: QPainterPath) -> QPainterPath:
    """The front part of long hair: the mass minus the face and a centre parting line."""
    cx, cy, ry = HEAD_X, HEAD_Y, look.face_ry
    window = face_window(look, 4, (cy - 10, cy - 10), ((cx - 30, cy - 150), (cx + 30, cy - 150)))
    parting = polygon(
        (cx - 2, cy - ry - 2), (cx + 2, cy - ry - 2), (cx + 8, cy - 110), (cx - 8, cy - 110)
    )
    return outer.intersected(above(cy + 380)).subtracted(window.united(parting))


def afro_hair(look: Look, rng: random.Random) -> HairShapes:
    """A big rounded afro."""
    cx, cy, rx, ry = HEAD_X, HEAD_Y, look.face_rx, look.face_ry
    outer = cloud(ellipse(cx, cy - 58, rx + 76, ry + 52), 34, 40, rng)
    window = face_window(look, 10, (cy - 34, cy - 34), ((cx - 70, cy - 96), (cx + 70, cy - 96)))
    return HairShapes(outer, QPainterPath(), outer.intersected(above(cy + 40)).subtracted(window))


def bun_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Hair pulled back into a top bun."""
    cx, cy, ry = HEAD_X, HEAD_Y, look.face_ry
    bun = ellipse(cx, cy - ry - 12, 70, 52)
    return HairShapes.front_only(short_hair(look, 7, cy - 48).united(bun))


def ponytail_hair(look: Look, _rng: random.Random) -> HairShapes:
    """Hair tied back, the ponytail falling forward over one shoulder."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    tail = QPainterPath()
    tail.moveTo(cx + rx - 30, cy - 40)
    tail.cubicTo(cx + rx + 80, cy + 10, cx + rx + 40, cy + 260, cx + rx + 10, cy + 360)
    tail.cubicTo(cx + rx - 20, cy + 250, cx + rx + 20, cy + 100, cx + rx - 40, cy + 20)
    tail.closeSubpath()
    return HairShapes(QPainterPath(), tail, short_hair(look, 8, cy - 48, part=-18))


def pixie_hair(look: Look, _rng: random.Random) -> HairShapes:
    """A short pixie cut with a side-swept fringe."""
    cx, cy, rx = HEAD_X, HEAD_Y, look.face_rx
    window = face_window(
        look, 16, (cy - 58, cy - 24), ((cx - rx * 0.4, cy - 100), (cx + rx * 0.3, cy - 44))
    )
    return HairShapes.front_only(trimmed(look, cap(look, 12, 6), window, cy - 24))


def scarf_hair(look: Look, _rng: random.Random) -> HairShapes:
    """A headscarf framing the face and draping over the shoulders."""
    cx, cy, rx, ry = HEAD_X, HEAD_Y, look.face_rx, look.face_ry
    cloth = QPainterPath()
    cloth.moveTo(cx - rx - 44, cy)
    cloth.cubicTo(cx - rx - 60, cy + 200, cx - rx - 110, cy + 300, cx - rx - 120, cy + 390)
    cloth.quadTo(cx, cy + 520, cx + rx + 120, cy + 390)
    cloth.cubicTo(cx + rx + 110, cy + 300, cx + rx + 60, cy + 200, cx + rx + 44, cy)
    cloth.closeSubpath()
    drape = cap(look, 44, -6).united(cloth)
    return HairShapes(QPainterPath(), drape, drape.subtracted(ellipse(cx, cy + 22, rx - 6, ry - 2)))


HAIR_STYLES: dict[str, Callable[[Look, random.Random], HairShapes]] = {
    "crop": crop_hair,
    "buzz": buzz_hair,
    "side_part": side_part_hair,
    "quiff": quiff_hair,
    "curly_short": curly_short_hair,
    "bald": bald_hair,
    "beanie": beanie_hair,
    "bob": bob_hair,
    "long": long_hair,
    "curly_long": curly_long_hair,
    "afro": afro_hair,
    "bun": bun_hair,
    "ponytail": ponytail_hair,
    "pixie": pixie_hair,
    "scarf": scarf_hair,
}


@cache
def hair_shapes(look: Look) -> HairShapes:
    """The hair layers of a look (cached: they do not change between frames)."""
    rng = random.Random(f"{look.hair_style}/{look.face_rx:.4f}/{look.face_ry:.4f}")
    return HAIR_STYLES[look.hair_style](look, rng)


# ----------------------------------------------------------------------------- drawing


def fill(painter: QPainter, path: QPainterPath, brush: QBrush | QColor | str) -> None:
    """Fill a path without an outline."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(brush)) if isinstance(brush, str) else QBrush(brush))
    painter.drawPath(path)


def stroke(painter: QPainter, path: QPainterPath, colour: str | QColor, width: float) -> None:
    """Stroke a path with round caps and joins, without filling it."""
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def soft_spot(painter: QPainter, x: float, y: float, r: float, colour: QColor) -> None:
    """A round radial glow that fades out to transparent."""
    gradient = QRadialGradient(QPointF(x, y), r)
    gradient.setColorAt(0.0, colour)
    gradient.setColorAt(1.0, with_alpha(colour, 0.0))
    fill(painter, ellipse(x, y, r, r), QBrush(gradient))


def draw_background(painter: QPainter, look: Look, drift: float) -> None:
    """Vertical gradient, a halo behind the head and a few soft glows."""
    gradient = QLinearGradient(0, 0, 0, CANVAS_H)
    gradient.setColorAt(0.0, QColor(look.bg_top))
    gradient.setColorAt(1.0, QColor(look.bg_bottom))
    fill(painter, rect(0, 0, CANVAS_W, CANVAS_H), QBrush(gradient))
    for k, (x, y, r) in enumerate(look.glows):
        dx, dy = 16 * math.cos(drift + 2 * k), 16 * math.sin(drift + 2 * k)
        soft_spot(painter, x + dx, y + dy, r, with_alpha(look.bg_top, 0.45))
    soft_spot(painter, HEAD_X, HEAD_Y - 40, 420, with_alpha("#ffffff", 0.28))


def torso_path() -> QPainterPath:
    """Shoulders and chest, open at the bottom edge of the canvas."""
    y = NECK_Y
    path = QPainterPath()
    path.moveTo(34, CANVAS_H + 10)
    path.lineTo(34, y + 250)
    path.cubicTo(34, y + 128, 110, y + 72, 236, y + 46)
    path.cubicTo(276, y + 36, 302, y + 22, 308, y)
    path.lineTo(412, y)
    path.cubicTo(418, y + 22, 444, y + 36, 484, y + 46)
    path.cubicTo(610, y + 72, 686, y + 128, 686, y + 250)
    path.lineTo(686, CANVAS_H + 10)
    path.closeSubpath()
    return path


def neckline_edge(look: Look) -> QPainterPath:
    """The open curve of the garment's neckline, from the left side of the neck to the right."""
    cx, y = HEAD_X, NECK_Y - 6
    path = QPainterPath()
    path.moveTo(cx - 62, y)
    if look.neckline == "vneck":
        path.lineTo(cx, y + 120)
        path.lineTo(cx + 62, y)
    elif look.neckline == "blazer":
        path.lineTo(cx, y + 84)
        path.lineTo(cx + 62, y)
    else:
        path.cubicTo(cx - 52, y + 76, cx + 52, y + 76, cx + 62, y)
    return path


def draw_neck(painter: QPainter, look: Look) -> None:
    """The neck, in the shaded skin tone, with a soft shadow under the jaw."""
    cx = HEAD_X
    top = HEAD_Y + 60
    neck = rect(cx - 54, top, 108, NECK_Y + 140 - top)
    fill(painter, neck, mix(look.skin, look.skin_shade, 0.5))
    painter.save()
    painter.setClipPath(neck)
    fill(painter, ellipse(cx, HEAD_Y + look.face_ry - 4, look.face_rx * 0.6, 44), look.skin_shade)
    painter.restore()


def draw_torso(painter: QPainter, look: Look) -> None:
    """The garment: body, neckline and its trims."""
    body = torso_path()
    if look.neckline != "turtleneck":
        opening = QPainterPath(neckline_edge(look))
        opening.closeSubpath()
        body = body.subtracted(opening)
    gradient = QLinearGradient(34, 0, 686, 0)
    gradient.setColorAt(0.0, mix(look.clothes, "#000000", 0.2))
    gradient.setColorAt(0.3, QColor(look.clothes))
    gradient.setColorAt(0.7, QColor(look.clothes))
    gradient.setColorAt(1.0, mix(look.clothes, "#000000", 0.2))
    fill(painter, body, QBrush(gradient))
    trim = mix(look.clothes, "#000000", 0.25)
    if look.neckline == "blazer":
        draw_blazer(painter, look, trim)
    elif look.neckline == "collar":
        draw_collar(painter, look, trim)
    elif look.neckline == "turtleneck":
        draw_turtleneck(painter, look, trim)
    else:
        draw_neckline_trim(painter, look, trim, 10)


def draw_neckline_trim(painter: QPainter, look: Look, colour: QColor, width: float) -> None:
    """Hem the neckline with a band, kept inside the garment so its ends do not poke out."""
    painter.save()
    painter.setClipPath(torso_path())
    stroke(painter, neckline_edge(look), colour, width)
    painter.restore()


def draw_blazer(painter: QPainter, look: Look, trim: QColor) -> None:
    """A shirt under an open jacket with notched lapels."""
    cx, y = HEAD_X, NECK_Y
    shirt = polygon((cx - 60, y - 4), (cx + 60, y - 4), (cx + 30, y + 300), (cx - 30, y + 300))
    opening = QPainterPath(neckline_edge(look))
    opening.closeSubpath()
    fill(painter, shirt.subtracted(opening), look.shirt)
    draw_neckline_trim(painter, look, mix(look.shirt, "#000000", 0.15), 5)
    for side in (-1, 1):
        lapel = polygon(
            (cx + side * 62, y - 2),
            (cx + side * 104, y + 44),
            (cx + side * 84, y + 86),
            (cx + side * 100, y + 100),
            (cx + side * 30, y + 300),
            (cx + side * 34, y + 120),
        )
        fill(painter, lapel, mix(look.clothes, "#000000", 0.1))
        stroke(painter, lapel, trim, 3)
    fill(painter, ellipse(cx, y + 340, 8, 8), trim)


def draw_collar(painter: QPainter, look: Look, trim: QColor) -> None:
    """A shirt collar with a button placket."""
    cx, y = HEAD_X, NECK_Y
    draw_neckline_trim(painter, look, trim, 6)
    for side in (-1, 1):
        collar = polygon(
            (cx + side * 58, y - 16), (cx + side * 6, y + 62), (cx + side * 46, y + 92),
            (cx + side * 96, y + 24),
        )  # fmt: skip
        fill(painter, collar, mix(look.clothes, "#ffffff", 0.25))
        stroke(painter, collar, trim, 3)
    for button_y in (y + 140, y + 240, y + 340):
        fill(painter, ellipse(cx, button_y, 7, 7), trim)


def draw_turtleneck(painter: QPainter, look: Look, trim: QColor) -> None:
    """A rolled turtleneck collar around the base of the neck."""
    cx, y = HEAD_X, NECK_Y
    collar = rect(cx - 64, y - 64, 128, 110, 30)
    fill(painter, collar, mix(look.clothes, "#ffffff", 0.05))
    fold = QPainterPath()
    fold.moveTo(cx - 60, y - 12)
    fold.quadTo(cx, y + 4, cx + 60, y - 12)
    stroke(painter, fold, with_alpha(trim, 0.7), 4)


def draw_ears(painter: QPainter, look: Look) -> None:
    """Both ears with a hint of the inner fold."""
    for side in (-1, 1):
        x = HEAD_X + side * (look.face_rx - 6)
        fill(painter, ellipse(x, HEAD_Y + 20, 24, 38), look.skin)
        fold = QPainterPath()
        fold.moveTo(x + side * 10, HEAD_Y + 2)
        fold.quadTo(x + side * 2, HEAD_Y + 24, x + side * 8, HEAD_Y + 42)
        stroke(painter, fold, look.skin_shade, 5)


def draw_face(painter: QPainter, look: Look) -> None:
    """The head shape with gentle shading and blushed cheeks."""
    gradient = QRadialGradient(QPointF(HEAD_X - 20, HEAD_Y - 30), look.face_ry * 1.25)
    gradient.setColorAt(0.0, mix(look.skin, "#ffffff", 0.08))
    gradient.setColorAt(0.7, QColor(look.skin))
    gradient.setColorAt(1.0, mix(look.skin, look.skin_shade, 0.6))
    fill(painter, head_path(look), QBrush(gradient))
    blush = mix(look.skin_shade, "#e0626b", 0.5)
    for side in (-1, 1):
        soft_spot(
            painter, HEAD_X + side * look.face_rx * 0.56, HEAD_Y + 78, 36, with_alpha(blush, 0.32)
        )


def eye_shape(x: float, y: float, openness: float) -> QPainterPath:
    """An almond eye outline; openness 1 is wide open, 0 closed."""
    w, up, down = 26.0, 19.0 * openness, 12.0 * openness
    path = QPainterPath()
    path.moveTo(x - w, y)
    path.cubicTo(x - w * 0.5, y - up, x + w * 0.45, y - up, x + w, y - 2)
    path.cubicTo(x + w * 0.5, y + down, x - w * 0.5, y + down, x - w, y)
    path.closeSubpath()
    return path


def draw_eye(painter: QPainter, look: Look, x: float, y: float, openness: float) -> None:
    """One eye (outer corner on the right) with iris, highlight and upper lid, or a closed lid."""
    line = mix(look.hair, "#1a1212", 0.6)
    if openness <= 0.15:
        closed = QPainterPath()
        closed.moveTo(x - 26, y)
        closed.quadTo(x, y + 10, x + 26, y - 2)
        stroke(painter, closed, line, 4.5)
        return
    shape = eye_shape(x, y, openness)
    fill(painter, shape, "#fbf7f2")
    painter.save()
    painter.setClipPath(shape)
    fill(painter, ellipse(x - 1, y + 1, 13, 13), look.eye)
    fill(painter, ellipse(x - 1, y + 1, 6.5, 6.5), "#15100f")
    fill(painter, ellipse(x + 3.5, y - 4, 3.8, 3.8), "#ffffff")
    painter.restore()
    lid = QPainterPath()
    lid.moveTo(x - 26, y)
    lid.cubicTo(x - 13, y - 19 * openness, x + 12, y - 19 * openness, x + 26, y - 2)
    if look.lashes:
        lid.lineTo(x + 33, y - 9)
    stroke(painter, lid, line, 4.5)


def draw_eyes(painter: QPainter, look: Look, pose: Pose) -> None:
    """Both eyes (blinking with the pose) and their eyebrows."""
    y = HEAD_Y + 22 + pose.feature_dy
    for side in (-1, 1):
        x = HEAD_X + side * look.eye_gap
        painter.save()
        if side < 0:  # mirror so the outer corner is always on the outside
            painter.translate(2 * x, 0)
            painter.scale(-1, 1)
        draw_eye(painter, look, x, y, max(0.0, 1.0 - pose.blink))
        brow = QPainterPath()
        by = y - 42 - pose.brow_raise
        brow.moveTo(x - 24, by + 5)
        brow.quadTo(x + 2, by - 10, x + 30, by + 3)
        stroke(painter, brow, mix(look.hair, "#1a1212", 0.35), look.brow_width)
        painter.restore()


def draw_nose(painter: QPainter, look: Look, pose: Pose) -> None:
    """A small curved nose tip."""
    y = HEAD_Y + 78 + pose.feature_dy
    nose = QPainterPath()
    nose.moveTo(HEAD_X - 12, y)
    nose.quadTo(HEAD_X, y + 10, HEAD_X + 12, y)
    stroke(painter, nose, look.skin_shade, 5)


def draw_mouth(painter: QPainter, look: Look, pose: Pose) -> None:
    """A closed smile, or an open mouth with teeth and tongue while speaking."""
    x, y = HEAD_X, HEAD_Y + 118 + pose.feature_dy
    smile = min(1.0, look.smile + pose.smile_boost)
    half = 28 + 6 * smile
    if pose.mouth_open < 0.05:
        line = QPainterPath()
        line.moveTo(x - half, y - 2)
        line.quadTo(x, y + 6 + 12 * smile, x + half, y - 2)
        stroke(painter, line, mix(look.lips, "#000000", 0.2), 5.5)
        lower = QPainterPath()
        lower.moveTo(x - 14, y + 12 + 6 * smile)
        lower.quadTo(x, y + 20 + 6 * smile, x + 14, y + 12 + 6 * smile)
        stroke(painter, lower, with_alpha(look.lips, 0.55), 5)
    else:
        draw_open_mouth(painter, look, QPointF(x, y), half, 8 + 34 * pose.mouth_open)


def draw_open_mouth(
    painter: QPainter, look: Look, centre: QPointF, half: float, depth: float
) -> None:
    """An open mouth of the given half-width and depth, with upper teeth and tongue."""
    x, y = centre.x(), centre.y()
    mouth = QPainterPath()
    mouth.moveTo(x - half, y - 2)
    mouth.quadTo(x, y + 4, x + half, y - 2)
    mouth.quadTo(x, y + depth * 1.6, x - half, y - 2)
    mouth.closeSubpath()
    fill(painter, mouth, "#5a2027")
    painter.save()
    painter.setClipPath(mouth)
    fill(painter, rect(x - half, y - 6, 2 * half, 13), "#fbf6f0")
    fill(painter, ellipse(x, y + depth * 0.95, half * 0.55, depth * 0.38), "#d0646d")
    painter.restore()
    stroke(painter, mouth, look.lips, 4)


def draw_facial_hair(painter: QPainter, look: Look, pose: Pose) -> None:
    """A beard (jaw line, moustache and chin) or a light stubble, leaving the mouth free."""
    if not look.facial_hair:
        return
    cx, cy, dy = HEAD_X, HEAD_Y, pose.feature_dy
    full = look.facial_hair == "beard"
    cheeks = ellipse(cx, cy - 24, look.face_rx * (0.9 if full else 0.94), look.face_ry * 0.8)
    beard = head_path(look, 3 if full else 0).subtracted(cheeks).subtracted(above(cy + 16))
    beard = beard.united(ellipse(cx, cy + 104 + dy, 48, 16))
    if full:
        beard = beard.united(ellipse(cx, cy + 140 + dy, 44, 34))
    colour = QColor(look.hair) if full else with_alpha(mix(look.hair, "#000000", 0.3), 0.22)
    fill(painter, beard, colour)


def draw_glasses(painter: QPainter, look: Look, pose: Pose) -> None:
    """Round or square frames with a faint lens tint."""
    if not look.glasses:
        return
    y = HEAD_Y + 24 + pose.feature_dy
    frame = "#2b2626"
    for side in (-1, 1):
        x = HEAD_X + side * look.eye_gap
        radius = 36.0 if look.glasses == "round" else 16.0
        lens = rect(x - 40, y - 32, 80, 62, radius)
        fill(painter, lens, with_alpha("#ffffff", 0.16))
        stroke(painter, lens, frame, 5.5)
        temple = QPainterPath()
        temple.moveTo(x + side * 40, y - 14)
        temple.lineTo(HEAD_X + side * (look.face_rx - 2), y - 18)
        stroke(painter, temple, frame, 5)
    bridge = QPainterPath()
    bridge.moveTo(HEAD_X - look.eye_gap + 40, y - 6)
    bridge.quadTo(HEAD_X, y - 20, HEAD_X + look.eye_gap - 40, y - 6)
    stroke(painter, bridge, frame, 5)


def draw_earrings(painter: QPainter, look: Look) -> None:
    """Small gold studs or hoops at the ear lobes."""
    gold = "#d8b15a"
    for side in (-1, 1):
        x, y = HEAD_X + side * (look.face_rx - 4), HEAD_Y + 56
        if look.earrings == "stud":
            fill(painter, ellipse(x, y, 7, 7), gold)
        elif look.earrings == "hoop":
            stroke(painter, ellipse(x, y + 14, 13, 15), gold, 4)


def draw_arm(painter: QPainter, look: Look, pose: Pose) -> None:
    """A forearm and open hand rising from the bottom edge, for the wave action."""
    if pose.arm_rise <= 0.0:
        return
    painter.save()
    painter.translate(550, 1340 + (1 - pose.arm_rise) * 600)  # the elbow, below the frame
    painter.rotate(pose.arm_angle)
    painter.scale(1.2, 1.2)
    forearm = QPainterPath()
    forearm.moveTo(0, 0)
    forearm.lineTo(0, -380)
    stroke(painter, forearm, mix(look.skin, look.skin_shade, 0.35), 78)
    sleeve = QPainterPath()
    sleeve.moveTo(0, 40)
    sleeve.lineTo(0, -150)
    stroke(painter, sleeve, mix(look.clothes, "#000000", 0.08), 104)
    painter.translate(0, -420)
    draw_hand(painter, look)
    painter.restore()


def draw_hand(painter: QPainter, look: Look) -> None:
    """An open palm facing the viewer, centred on the origin, fingers up, thumb inward."""
    for i, (dx, length) in enumerate(((-30, 62), (-10, 74), (10, 72), (30, 60))):
        painter.save()
        painter.translate(dx, -20)
        painter.rotate((i - 1.5) * 7)
        fill(painter, rect(-10, -length, 20, length + 20, 10), look.skin)
        painter.restore()
    painter.save()
    painter.translate(-44, 30)
    painter.rotate(-38)
    fill(painter, rect(-11, -58, 22, 66, 11), look.skin)
    painter.restore()
    fill(painter, rect(-44, -34, 88, 96, 34), look.skin)
    crease = QPainterPath()
    crease.moveTo(-16, 40)
    crease.quadTo(-4, 10, -22, -14)
    stroke(painter, crease, with_alpha(look.skin_shade, 0.8), 4)


def head_pose(look: Look, pose: Pose) -> QTransform:
    """The head's transform: a tilt about the chin and the nod offset."""
    transform = QTransform()
    pivot_y = HEAD_Y + look.face_ry
    transform.translate(HEAD_X, pivot_y + pose.head_dy)
    transform.rotate(pose.tilt)
    transform.translate(-HEAD_X, -pivot_y)
    return transform


def covering_colour(look: Look) -> QColor:
    """The colour of what covers the head: the hair, or the scarf or hat fabric."""
    if look.hair_style in {"scarf", "beanie"}:
        return QColor(look.accent)
    return QColor(look.hair)


def draw_front_hair(painter: QPainter, look: Look, hair: HairShapes) -> None:
    """The hair (or scarf, or hat) that lies over the face, with a soft sheen on hair."""
    alpha = 0.55 if look.hair_style == "buzz" else 1.0
    fill(painter, hair.front, with_alpha(covering_colour(look), alpha))
    if look.hair_style in {"buzz", "bald", "beanie", "scarf", "afro", "curly_short"}:
        return
    sheen = QPainterPath()
    sheen.moveTo(HEAD_X - look.face_rx * 0.55, HEAD_Y - look.face_ry + 20)
    sheen.quadTo(
        HEAD_X - look.face_rx * 0.1,
        HEAD_Y - look.face_ry - 12,
        HEAD_X + look.face_rx * 0.25,
        HEAD_Y - look.face_ry + 6,
    )
    painter.save()
    painter.setClipPath(hair.front)
    stroke(painter, sheen, with_alpha(mix(look.hair, "#ffffff", 0.4), 0.25), 12)
    painter.restore()


def draw_head(painter: QPainter, look: Look, pose: Pose, hair: HairShapes) -> None:
    """The head and everything on it, in the head's own (posed) coordinates."""
    mid_colour = (
        covering_colour(look) if look.hair_style == "scarf" else mix(look.hair, "#000", 0.12)
    )
    fill(painter, hair.mid, mid_colour)
    if look.hair_style != "scarf":
        draw_ears(painter, look)
    draw_face(painter, look)
    draw_eyes(painter, look, pose)
    draw_nose(painter, look, pose)
    draw_facial_hair(painter, look, pose)
    draw_mouth(painter, look, pose)
    draw_front_hair(painter, look, hair)
    draw_earrings(painter, look)
    draw_glasses(painter, look, pose)


def draw_character(painter: QPainter, look: Look, pose: Pose) -> None:
    """Draw the whole scene on the logical 720x1280 canvas, back to front."""
    hair = hair_shapes(look)
    draw_background(painter, look, pose.drift)
    painter.save()
    painter.translate(CANVAS_W / 2, CANVAS_H)  # enlarge the figure about the bottom centre
    painter.scale(FIGURE_SCALE, FIGURE_SCALE)
    painter.translate(-CANVAS_W / 2, -CANVAS_H + pose.breathe)
    head = head_pose(look, pose)
    painter.save()
    painter.setTransform(head, True)
    fill(painter, hair.back, look.hair)
    painter.restore()
    draw_neck(painter, look)
    draw_torso(painter, look)
    painter.save()
    painter.setTransform(head, True)
    draw_head(painter, look, pose, hair)
    painter.restore()
    draw_arm(painter, look, pose)
    painter.restore()


# ----------------------------------------------------------------------------- animation


def smoothstep(x: float) -> float:
    """Ease 0..1 in and out; values outside the range are clamped."""
    x = min(1.0, max(0.0, x))
    return x * x * (3 - 2 * x)


def bump(t: float, start: float, length: float) -> float:
    """A single half-sine pulse of the given length starting at `start`."""
    if not start <= t <= start + length:
        return 0.0
    return math.sin(math.pi * (t - start) / length)


def blink_at(t: float, *moments: float) -> float:
    """Eyelid closure (0..1) for quick blinks centred on the given moments."""
    return max((max(0.0, 1.0 - abs(t - m) / 0.09) for m in moments), default=0.0)


def pose_at(kind: str, t: float) -> Pose:
    """The pose at time t (seconds) of an action kind; every kind loops seamlessly."""
    phase = 2 * math.pi * t / PREVIEW_SECONDS
    base = Pose(breathe=3 * math.sin(phase), drift=phase)
    if kind == "idle":
        return replace(
            base, breathe=5 * math.sin(phase), blink=blink_at(t, 1.9), tilt=1.5 * math.sin(phase)
        )
    if kind == "mute":
        return replace(base, blink=blink_at(t, 0.7, 2.3), smile_boost=-0.3)
    if kind == "speak":
        voice = 0.55 * math.sin(4 * phase) + 0.45 * math.sin(8 / 3 * phase + 1.0)
        return replace(
            base,
            blink=blink_at(t, 2.4),
            mouth_open=min(1.0, max(0.0, voice)),
            brow_raise=5 * max(0.0, math.sin(2 * phase)),
            tilt=2 * math.sin(2 * phase),
        )
    if kind == "nod":
        nod = bump(t, 0.35, 0.75) + bump(t, 1.35, 0.75)
        return replace(
            base, blink=blink_at(t, 2.5), head_dy=16 * nod, feature_dy=10 * nod, smile_boost=0.2
        )
    if kind == "wave":
        rise = smoothstep(t / 0.45) * smoothstep((PREVIEW_SECONDS - t) / 0.45)
        swing = math.sin(2 * math.pi * 1.6 * (t - 0.45))
        return replace(
            base,
            blink=blink_at(t, 2.2),
            smile_boost=0.4,
            tilt=2.5 * rise,
            arm_rise=rise,
            arm_angle=1 + 6 * swing,
        )
    raise ValueError(f"unknown action kind {kind!r}")


# ----------------------------------------------------------------------------- output


def render(look: Look, pose: Pose, size: tuple[int, int]) -> QImage:
    """Render one frame of the character at the given pixel size."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB888)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(width / CANVAS_W, height / CANVAS_H)
    draw_character(painter, look, pose)
    painter.end()
    return image


def rgb_bytes(image: QImage) -> bytes:
    """The image's pixels as packed rgb24 rows (dropping any scan-line padding)."""
    stride, row = image.bytesPerLine(), image.width() * 3
    data = bytes(image.constBits())
    if stride == row:
        return data
    return b"".join(data[y * stride : y * stride + row] for y in range(image.height()))


def write_portrait(look: Look, path: Path) -> None:
    """Render and save the still portrait as a JPEG."""
    if not render(look, Pose(), PORTRAIT_SIZE).save(str(path), quality=JPEG_QUALITY):
        raise OSError(f"could not write {path}")


def frames(look: Look, kind: str) -> Iterator[bytes]:
    """Raw rgb24 frames of one action preview."""
    count = round(PREVIEW_SECONDS * PREVIEW_FPS)
    for i in range(count):
        yield rgb_bytes(render(look, pose_at(kind, i / PREVIEW_FPS), PREVIEW_SIZE))


def write_preview(look: Look, kind: str, path: Path) -> None:
    """Encode an action preview to H.264 MP4 by piping raw frames into ffmpeg."""
    width, height = PREVIEW_SIZE
    command = [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}",
        "-r", str(PREVIEW_FPS), "-i", "-",
        "-an", "-c:v", "libx264", "-preset", "slow", "-tune", "animation",
        "-crf", str(PREVIEW_CRF), "-pix_fmt", "yuv420p", "-profile:v", "main",
        "-movflags", "+faststart", "-map_metadata", "-1", str(path),
    ]  # fmt: skip
    with subprocess.Popen(command, stdin=subprocess.PIPE) as ffmpeg:
        assert ffmpeg.stdin is not None
        for frame in frames(look, kind):
            ffmpeg.stdin.write(frame)
        ffmpeg.stdin.close()
        if ffmpeg.wait() != 0:
            raise RuntimeError(f"ffmpeg failed for {path}")


def build_human(spec: HumanSpec, index: int) -> dict[str, object]:
    """Draw one human's portrait and previews and return its catalog entry."""
    look = make_look(spec, index)
    stem = slug(spec)
    portrait = f"portraits/{stem}.jpg"
    write_portrait(look, CATALOG_DIR / portrait)
    actions: list[dict[str, str]] = []
    for action in spec.actions:
        preview = "" if action in spec.no_preview else f"previews/{stem}-{action}.mp4"
        if preview:
            write_preview(look, ACTION_KINDS[action], CATALOG_DIR / preview)
        actions.append({"action": action, "preview": preview})
    return {
        "id": str(human_id(spec)),
        "name": spec.name,
        "public": spec.public,
        "portrait": portrait,
        "actions": actions,
    }


def voice_seed(voice: VoiceSpec) -> random.Random:
    """The random generator that fixes a voice's picture."""
    return random.Random(uuid.uuid5(NAMESPACE, f"voice/{voice.timbre_id}").int)


def draw_voice_picture(voice: VoiceSpec) -> QImage:
    """An original picture for a voice: a sound motif on a flat disc.

    Public voices show a waveform (bars for the Doubao-style ids, a wave line for the
    MiniMax-style ones); a private voice shows a head in profile speaking, since it is
    one person's voice. No fonts: the picture says nothing a screen reader would need.
    """
    rng = voice_seed(voice)
    back, front = rng.choice(VOICE_PALETTE)
    size = VOICE_PICTURE_SIZE
    image = QImage(size, size, QImage.Format.Format_RGB888)
    image.fill(QColor(mix(back, "#000000", 0.35)))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 100, size / 100)
    fill(painter, ellipse(50, 50, 46, 46), back)
    if voice.human:
        head = QPainterPath()
        head.moveTo(26, 84)
        head.cubicTo(24, 60, 26, 28, 48, 26)
        head.cubicTo(60, 25, 64, 36, 63, 44)
        head.lineTo(68, 52)
        head.lineTo(63, 55)
        head.cubicTo(64, 64, 60, 66, 54, 66)
        head.lineTo(54, 84)
        head.closeSubpath()
        fill(painter, head, front)
        for ring in range(1 + rng.randrange(3)):
            radius = 10 + 8 * ring
            arc = QPainterPath()
            arc.arcMoveTo(QRectF(64 - radius, 50 - radius, 2 * radius, 2 * radius), -40)
            arc.arcTo(QRectF(64 - radius, 50 - radius, 2 * radius, 2 * radius), -40, 80)
            stroke(painter, arc, with_alpha(front, 0.9 - 0.25 * ring), 4)
    elif "_bigtts" in voice.timbre_id:
        bars = 5 + 2 * rng.randrange(3)
        width = 56 / bars
        for index in range(bars):
            centre = 1 - abs(index - (bars - 1) / 2) / bars
            height = 12 + 44 * centre * rng.uniform(0.6, 1.0)
            x = 22 + index * width
            fill(painter, rect(x + 1, 50 - height / 2, width - 2, height, (width - 2) / 2), front)
    else:
        cycles, lift = rng.uniform(1.5, 3.0), rng.uniform(10, 18)
        for line, alpha in ((0, 1.0), (1, 0.45)):
            wave = QPainterPath()
            for step in range(61):
                x = 18 + step * 64 / 60
                envelope = math.sin(math.pi * step / 60)
                y = 50 + (lift - 6 * line) * envelope * math.sin(
                    2 * math.pi * cycles * step / 60 + line
                )
                wave.moveTo(x, y) if step == 0 else wave.lineTo(x, y)
            stroke(painter, wave, with_alpha(front, alpha), 5 - 2 * line)
    painter.end()
    return image


def build_voices() -> dict[str, object]:
    """Draw every voice's picture and return the timbres.json document."""
    ids = {spec.name: str(human_id(spec)) for spec in ROSTER}
    shutil.rmtree(CATALOG_DIR / "voices", ignore_errors=True)
    (CATALOG_DIR / "voices").mkdir(parents=True)
    timbres: list[dict[str, str]] = []
    for voice in VOICES:
        picture = f"voices/{voice.timbre_id}.png"
        if not draw_voice_picture(voice).save(str(CATALOG_DIR / picture)):
            raise OSError(f"could not write {picture}")
        entry = {"id": voice.timbre_id, "name": voice.name, "picture": picture}
        if voice.human:
            entry["human"] = ids[voice.human]  # KeyError: a voice bound to no one in ROSTER
        timbres.append(entry)
    return {"version": 1, "timbres": timbres}


def write_voices() -> None:
    """Rewrite timbres.json and voices/."""
    text = json.dumps(build_voices(), indent=2, ensure_ascii=False) + "\n"
    (CATALOG_DIR / "timbres.json").write_text(text, encoding="utf-8")


def reset_output() -> None:
    """Empty the generated folders so no stale media survives a rerun."""
    for folder in ("portraits", "previews"):
        shutil.rmtree(CATALOG_DIR / folder, ignore_errors=True)
        (CATALOG_DIR / folder).mkdir(parents=True)


def total_size(folder: Path) -> int:
    """The summed size in bytes of all files below a folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def main() -> int:
    """Regenerate resources/catalog/ (or only its voices) and report its size."""
    parser = argparse.ArgumentParser(description="Regenerate the demo catalog.")
    parser.add_argument("--voices", action="store_true", help="rewrite only the voices")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])  # Qt's GUI classes expect an application object
    started = time.monotonic()
    write_voices()
    print(f"{len(VOICES)} voices, {total_size(CATALOG_DIR / 'voices') / 1000:.1f} KB")
    if args.voices:
        return 0
    if shutil.which("ffmpeg") is None:
        print("ffmpeg (with libx264) is required on PATH", file=sys.stderr)
        return 1
    reset_output()
    humans = []
    for index, spec in enumerate(ROSTER):
        humans.append(build_human(spec, index))
        print(f"{index + 1:2}/{len(ROSTER)} {spec.name} ({len(spec.actions)} actions)")
    catalog = {"version": 1, "humans": humans}
    text = json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
    (CATALOG_DIR / "catalog.json").write_text(text, encoding="utf-8")
    size = total_size(CATALOG_DIR)
    print(f"wrote {CATALOG_DIR}: {size / 1_000_000:.2f} MB in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
