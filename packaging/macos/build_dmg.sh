#!/bin/sh
# macOS: build dhbrowser.app from packaging/dhbrowser.spec (its BUNDLE section) and wrap it in a
# drag-to-Applications disk image, dist/dhbrowser-<version>-macos-<arch>.dmg.
#
#     PYTHON=.venv/bin/python sh packaging/macos/build_dmg.sh
#
# Needs macOS (hdiutil, codesign) and a Python with `pip install -e '.[package]'`.
# Signing: PyInstaller signs ad hoc, which runs on the machine that built it; for other Macs
# set MACOS_CODESIGN_IDENTITY to a "Developer ID Application: ..." identity (and notarise the
# .dmg with `xcrun notarytool submit --wait` + `xcrun stapler staple`), or users must
# right-click → Open the first time.
#
# Not run where this project is developed (Linux); .github/workflows/release.yml runs it on a
# macOS runner, including the app's own headless check.
set -eu
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}

VERSION=$("$PYTHON" -c 'from importlib.metadata import version; print(version("dhbrowser"))')
ARCH=$(uname -m)
APP=dist/dhbrowser.app
STAGE=build/dmg
DMG="dist/dhbrowser-$VERSION-macos-$ARCH.dmg"

"$PYTHON" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
    packaging/dhbrowser.spec

if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp \
        --sign "$MACOS_CODESIGN_IDENTITY" "$APP"
fi
codesign --verify --deep --strict "$APP"

# The frozen app must find its resources and decode video before it is worth shipping.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/dhbrowser" --check --demo

rm -rf "$STAGE"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/dhbrowser.app"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "dhbrowser $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO \
    -ov "$DMG"
hdiutil verify "$DMG"
echo "built $DMG ($(du -h "$DMG" | cut -f1))"
