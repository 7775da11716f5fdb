#!/bin/sh
# Run "$@" with an unlocked gnome-keyring Secret Service on the current (private) D-Bus
# session. Without gnome-keyring-daemon the keyring tests skip and say why (in CI, with $CI
# set, that is an error). With it, a Secret Service that does not answer fails the tests.
set -eu
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
    export XDG_DATA_HOME="$(mktemp -d)"   # a throw-away keyring, never the user's own
    eval "$(printf 'dhbrowser-tests' | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL DHBROWSER_TEST_SECRET_SERVICE=1
else
    echo "with-secret-service.sh: gnome-keyring-daemon not found: the keyring tests will skip (make deps installs it)" >&2
    # In CI a skipped keyring test would hide a regression: refuse to run without it.
    [ -z "${CI:-}" ] || exit 1
fi
status=0
"$@" || status=$?
[ -n "${XDG_DATA_HOME:-}" ] && case "$XDG_DATA_HOME" in /tmp/*) rm -rf "$XDG_DATA_HOME" ;; esac
exit $status
