#!/usr/bin/env bash
# Rehearse a newcomer: in brand-new Debian 12 (bookworm) and Debian 13 (trixie) roots, clone
# this repository and run the README's two commands, `make run` and `make test`.
#
#     tools/test-fresh.sh [--keep] [--reuse-base] [SUITE...]     # `make test-fresh` (root only)
#
# Each root is `mmdebstrap --variant=minbase` plus what a newcomer starts from: python3,
# python3-venv, make, git, and an X server standing in for the screen (xvfb, and xauth, which
# `apt install xvfb` brings as a recommendation and xvfb-run needs). Nothing else of this
# host goes in but its CA bundle: this machine reaches the package registries through its
# own certificate authority, so apt (over TLS) and pip (PIP_CERT) need it. mmdebstrap copies
# the host's resolv.conf, as any machine has its resolver; the roots share this host's
# network, so they reach exactly what it reaches (the package registries).
#
# In each root, as root (apt-get runs, as the README says):
#   1. `make run` under xvfb-run: the app must still be running 20 s after its window's
#      process started, with nothing on stderr that looks like a traceback or Qt's chatter;
#   2. `make test`, the whole suite (CI=true when set here: no keyring test may skip);
#   3. Debian 12 only: `make wheel`, the wheel installed with pip into a new venv, whose
#      `dhbrowser --check --demo` must pass;
#   4. Debian 12 only: the .deb (packaging/build.py) installed with apt-get, which must bring
#      a CJK font; under LANG=zh_CN.UTF-8 (the locale generated, as a Chinese system has it)
#      `dhbrowser --help` and `--check --demo` speak Chinese, and the window's screen is saved
#      to build/test-artifacts/fresh-deb-zh_CN.png for people to look at (stderr clean).
# Roots live under build/fresh/ and are removed at the end (--keep leaves them);
# --reuse-base starts from a cached mmdebstrap tarball in build/fresh/cache/ (for iterating:
# a brand-new root is the default). Mounts are undone on any exit.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK="$REPO/build/fresh"
BASE_PACKAGES="python3,python3-venv,make,git,xvfb,xauth"
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
RUN_SECONDS=20
START_TIMEOUT=1200 # venv + system packages on a new machine, before the window opens
keep=0
reuse=0
suites=()
for argument in "$@"; do
    case "$argument" in
        --keep) keep=1 ;;
        --reuse-base) reuse=1 ;;
        -*) echo "test-fresh: unknown option $argument" >&2; exit 2 ;;
        *) suites+=("$argument") ;;
    esac
done
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie)

if [ "$(id -u)" -ne 0 ]; then
    echo "test-fresh: needs root (mmdebstrap, chroot and mounts): run it with sudo" >&2
    exit 1
fi
for tool in mmdebstrap chroot mount umount git; do
    command -v "$tool" >/dev/null || { echo "test-fresh: $tool is missing (make test-fresh installs mmdebstrap)" >&2; exit 1; }
done
[ -s "$CA_BUNDLE" ] || { echo "test-fresh: no CA bundle at $CA_BUNDLE" >&2; exit 1; }

mounted=()
current_root=""
started=$(date +%s)
timings=()

now() { date +%s; }
note() { printf '[test-fresh %4ds] %s\n' "$(($(now) - started))" "$*"; }

processes_in() {
    # The processes this script started inside the root (their / is the root).
    local root=$1 pid
    for pid in /proc/[0-9]*; do
        [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ] && echo "${pid#/proc/}"
    done
    return 0
}

release_root() {
    local root=$1 pids index
    pids=$(processes_in "$root")
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
    for ((index = ${#mounted[@]} - 1; index >= 0; index--)); do
        umount "${mounted[index]}" 2>/dev/null || umount -l "${mounted[index]}" || true
    done
    mounted=()
    if [ "$keep" -eq 0 ]; then
        rm -rf --one-file-system "$root"
    fi
}

cleanup() {
    local status=$?
    [ -z "$current_root" ] || release_root "$current_root"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_into() {
    local root=$1
    mount -t proc proc "$root/proc" && mounted+=("$root/proc")
    mount -t sysfs sysfs "$root/sys" && mounted+=("$root/sys")
    mount --bind /dev "$root/dev" && mounted+=("$root/dev")
    mount --bind /dev/pts "$root/dev/pts" && mounted+=("$root/dev/pts")
    mkdir -p "$root/dev/shm"
    mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" && mounted+=("$root/dev/shm")
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp" && mounted+=("$root/tmp")
}

in_root() {
    # A newcomer's login environment, not this host's: only what a shell would have, plus
    # PIP_CERT (this host's pip reaches PyPI through the copied CA bundle the same way).
    local root=$1
    shift
    chroot "$root" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb PIP_CERT="$CA_BUNDLE" \
        ${CI:+CI="$CI"} "$@"
}

make_root() {
    local suite=$1 root=$2 cache="$WORK/cache/$suite.tar"
    if [ "$reuse" -eq 1 ]; then
        if [ ! -s "$cache" ]; then
            mkdir -p "$WORK/cache"
            mmdebstrap --quiet --variant=minbase --include="$BASE_PACKAGES" "$suite" "$cache"
        fi
        mkdir -p "$root"
        tar -C "$root" -xf "$cache"
    else
        mmdebstrap --quiet --variant=minbase --include="$BASE_PACKAGES" "$suite" "$root"
    fi
}

step() {
    # step NAME COMMAND...: run it, record how long it took.
    local name=$1 begin
    shift
    begin=$(now)
    note "$name"
    "$@"
    timings+=("$(printf '%-9s %-28s %5ds' "$suite" "$name" "$(($(now) - begin))")")
}

check_make_run() {
    # `make run` under xvfb-run, from its first line (venv, system packages) to a window that
    # stays up for RUN_SECONDS; then it is stopped. Its stderr must be clean.
    local root=$1 err="$root/tmp/make-run.stderr" out="$root/tmp/make-run.stdout"
    in_root "$root" sh -c 'cd /root/dhbrowser && exec xvfb-run -a make run' \
        >"$out" 2>"$err" &
    local runner=$! waited=0 app=""
    while [ -z "$app" ]; do
        if ! kill -0 "$runner" 2>/dev/null; then
            echo "make run ended before the app started:" >&2
            cat "$out" "$err" >&2
            return 1
        fi
        [ "$waited" -lt "$START_TIMEOUT" ] || { echo "the app did not start in ${START_TIMEOUT}s" >&2; return 1; }
        sleep 1
        waited=$((waited + 1))
        app=$(pgrep -f -- '-m dhbrowser --demo' | while read -r pid; do
            [ "$(readlink "/proc/$pid/root")" = "$root" ] && echo "$pid"
        done | head -n 1) || true
    done
    note "the app is up (pid $app) after ${waited}s; watching it for ${RUN_SECONDS}s"
    sleep "$RUN_SECONDS"
    if ! kill -0 "$app" 2>/dev/null; then
        echo "the app exited within ${RUN_SECONDS}s:" >&2
        cat "$out" "$err" >&2
        return 1
    fi
    kill -TERM "$app"
    wait "$runner" || true
    # make's own "Terminated" line is ours (we stopped it); from the app, nothing.
    if grep -vE '^make(\[[0-9]+\])?: ' "$err" | grep -nE 'Traceback|Error|qt\.|QStandardPaths|Fatal'; then
        echo "make run printed the above on stderr" >&2
        return 1
    fi
    note "make run: still running after ${RUN_SECONDS}s, stderr clean"
}

check_wheel() {
    local root=$1
    in_root "$root" sh -ec '
        cd /root/dhbrowser
        make wheel
        wheel=$(ls dist/dhbrowser-*-py3-none-any.whl)
        python3 -m zipfile -l "$wheel" | grep -q "dhbrowser/resources/catalog/catalog.json"
        python3 -m zipfile -l "$wheel" | grep -q "dhbrowser/resources/icons/dhbrowser-256.png"
        python3 -m venv /tmp/wheel-venv
        /tmp/wheel-venv/bin/python -m pip install --quiet "$wheel"
        cd /tmp && /tmp/wheel-venv/bin/dhbrowser --check --demo'
}

check_deb_in_chinese() {
    # The installed .deb under a Chinese locale; the screen comes from Xvfb's framebuffer
    # file (-fbdir), so the root needs no screenshot tool.
    local root=$1 fb=/tmp/xvfb-screen shot="$REPO/build/test-artifacts/fresh-deb-zh_CN.png"
    in_root "$root" sh -ec '
        cd /root/dhbrowser
        .venv/bin/python packaging/build.py --compression gzip >/tmp/deb-build.log 2>&1 ||
            { tail -n 30 /tmp/deb-build.log >&2; exit 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./dist/dhbrowser_*.deb locales \
            >/tmp/deb-install.log 2>&1 || { tail -n 30 /tmp/deb-install.log >&2; exit 1; }
        echo "zh_CN.UTF-8 UTF-8" >/etc/locale.gen
        locale-gen >/dev/null
        fc-list :lang=zh family | grep -q . || { echo "the .deb brought no CJK font" >&2; exit 1; }
        help=$(LANG=zh_CN.UTF-8 dhbrowser --help)
        echo "$help" | grep -q "用法：dhbrowser" || { echo "--help is not Chinese" >&2; exit 1; }
        check=$(LANG=zh_CN.UTF-8 dhbrowser --check --demo)
        echo "$check" | grep -q "个数字人" || { echo "--check is not Chinese" >&2; exit 1; }'
    mkdir -p "$root$fb" "$(dirname "$shot")"
    in_root "$root" sh -c "LANG=zh_CN.UTF-8 exec xvfb-run -a -s '-screen 0 1366x768x24 -fbdir $fb' dhbrowser --demo" \
        >"$root/tmp/deb-run.stdout" 2>"$root/tmp/deb-run.stderr" &
    local runner=$! waited=0 previous="" current="" app=""
    # Until the screen has something on it and two dumps a second apart are the same (the
    # window is drawn and its catalog loaded) or it has shown the window for 20 s, at most 60 s.
    while :; do
        sleep 1
        waited=$((waited + 1))
        if ! kill -0 "$runner" 2>/dev/null; then
            echo "the installed dhbrowser exited:" >&2
            cat "$root/tmp/deb-run.stdout" "$root/tmp/deb-run.stderr" >&2
            return 1
        fi
        current=$(in_root "$root" /root/dhbrowser/.venv/bin/python /root/dhbrowser/tools/xwd_to_png.py \
            "$fb/Xvfb_screen0" /tmp/deb-zh_CN.png 2>/dev/null) || current=""
        [ -z "$current" ] || [ "$current" != "$previous" ] || break
        # The selected human's preview plays on a loop, so the screen may never be still:
        # a screen with the window on it for 20 s has its catalog drawn too.
        [ -z "$current" ] || [ "$waited" -lt 20 ] || break
        previous=$current
        [ "$waited" -lt 60 ] || { echo "the installed dhbrowser drew nothing steady in 60 s" >&2; return 1; }
    done
    cp "$root/tmp/deb-zh_CN.png" "$shot"
    note "the installed .deb in Chinese: $shot"
    app=$(pgrep -x dhbrowser | while read -r pid; do
        [ "$(readlink "/proc/$pid/root")" = "$root" ] && echo "$pid"
    done | head -n 1) || true
    [ -z "$app" ] || kill -TERM "$app"
    wait "$runner" || true
    if grep -nE 'Traceback|Error|qt\.|QStandardPaths|Fatal|locale' "$root/tmp/deb-run.stderr"; then
        echo "the installed dhbrowser printed the above on stderr" >&2
        return 1
    fi
}

mkdir -p "$WORK"
for suite in "${suites[@]}"; do
    root="$WORK/$suite"
    [ ! -e "$root" ] || rm -rf --one-file-system "$root" # a root --keep left behind
    current_root=$root
    step "new minbase root" make_root "$suite" "$root"
    install -D -m 0644 "$CA_BUNDLE" "$root$CA_BUNDLE"
    git clone --quiet "$REPO" "$root/root/dhbrowser"
    mount_into "$root"
    note "$suite: $(in_root "$root" python3 --version)"
    step "make run (from nothing)" check_make_run "$root"
    note "$suite: pip chose PySide6 $(in_root "$root" /root/dhbrowser/.venv/bin/python -c \
        'from importlib.metadata import version; print(version("PySide6"))')"
    step "make test" in_root "$root" sh -c 'cd /root/dhbrowser && make test'
    if [ "$suite" = bookworm ]; then
        step "make wheel + pip install" check_wheel "$root"
        step ".deb in Chinese" check_deb_in_chinese "$root"
    fi
    release_root "$root"
    current_root=""
done

note "passed: ${suites[*]}"
printf '%s\n' "${timings[@]}"
printf 'total %ds\n' "$(($(now) - started))"
