#!/usr/bin/env bash
# The Debian package: scripts/package builds it (a release build of its own), then
#   - dpkg-deb -c: the programs, man pages, units, udev rule, sysusers, tmpfiles, data, conffile
#   - the control data: dependencies (shlibdeps + cage, fonts-dejavu-core), conffiles, scripts
#   - lintian: no errors, the programs hardened (warnings and notes printed)
#   - systemd-analyze verify of the five units
# Every tool is required: a missing one fails the test (scripts/deps installs them).
# Usage: package_deb.sh SOURCE_DIR WORK_DIR   (the .deb is left in WORK_DIR/out for
# package_install)
set -euo pipefail
src=$1
work=$2
fail() { echo "package_deb: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps lintian systemd-analyze help2man cage man; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps installs it)"
done
rm -rf "$work/out"
mkdir -p "$work"
deb=$("$src/scripts/package" "$work/out" "$work/build" | tail -1)
[ -f "$deb" ] || fail "scripts/package made no .deb ($deb)"
echo "package_deb: $deb ($(stat -c %s "$deb") bytes)"

# ---- contents -------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }' >"$work/contents"
want() { # MODE PATH
    grep -qxF -- "$1 root/root ./$2" "$work/contents" || fail "not in the package as $1 root/root: $2"
}
for prog in bua-kiosk bua-admin bua-scan bua-sync; do
    want -rwxr-xr-x "usr/bin/$prog"
    want -rw-r--r-- "usr/share/man/man1/$prog.1.gz"
done
want -rw-r--r-- usr/lib/systemd/system/bua-kiosk.service
want -rw-r--r-- usr/lib/systemd/system/bua-backup.service
want -rw-r--r-- usr/lib/systemd/system/bua-backup.timer
want -rw-r--r-- usr/lib/systemd/system/bua-remind.service
want -rw-r--r-- usr/lib/systemd/system/bua-remind.timer
want -rw-r--r-- usr/lib/systemd/system/bua-privacy.service
want -rw-r--r-- usr/lib/systemd/system/bua-privacy.timer
want -rw-r--r-- usr/lib/systemd/system/bua-sync.service
want -rw-r--r-- usr/lib/udev/rules.d/70-bua-scanners.rules
want -rw-r--r-- usr/lib/sysusers.d/bua-kiosk.conf
want -rw-r--r-- usr/lib/tmpfiles.d/bua-kiosk.conf
want -rw-r--r-- usr/share/bua-kiosk/i18n/nb.po
want -rw-r--r-- usr/share/bua-kiosk/i18n/en.po
want -rw-r--r-- usr/share/bua-kiosk/terms/nb.txt
want -rw-r--r-- usr/share/bua-kiosk/terms/en.txt
want -rw-r--r-- etc/bua-kiosk/kiosk.ini
want -rw-r--r-- usr/share/doc/bua-kiosk/copyright
want -rw-r--r-- usr/share/doc/bua-kiosk/changelog.gz
# no bundled fonts (fonts-dejavu-core), no database, nothing from the build or source tree
! grep -q '\.ttf$' "$work/contents" || fail "the package bundles fonts"
! grep -q 'var/' "$work/contents" || fail "the package ships /var (postinst makes the folder)"
for f in usr/bin/bua-kiosk usr/bin/bua-admin usr/bin/bua-scan usr/bin/bua-sync; do
    dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$f" >"$work/prog"
    ! grep -qaF "$src" "$work/prog" || fail "$f holds the source path $src"
    ! grep -qaF "$work" "$work/prog" || fail "$f holds the build path $work"
done

# ---- control ------------------------------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
for dep in cage fonts-dejavu-core systemd udev libsdl2-2.0-0 libsqlite3-0 libusb-1.0-0 libinih1 libpq5; do
    echo ", $depends," | grep -qE "[ ,]$dep( \(|,)" || fail "Depends lacks $dep: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = bua-kiosk ] || fail "package name"
rm -rf "$work/control"
dpkg-deb -e "$deb" "$work/control"
grep -qxF /etc/bua-kiosk/kiosk.ini "$work/control/conffiles" || fail "kiosk.ini is no conffile"
for s in postinst prerm postrm; do
    [ -x "$work/control/$s" ] || fail "no $s"
    sh -n "$work/control/$s" || fail "$s is not valid sh"
done

# ---- man pages: made from --help -----------------------------------------------------------
rm -rf "$work/root"
mkdir -p "$work/root"
dpkg-deb -x "$deb" "$work/root"
MANWIDTH=100 man -l "$work/root/usr/share/man/man1/bua-admin.1.gz" 2>/dev/null >"$work/man.txt"
grep -qF -- "backup --dir DIR" "$work/man.txt" || fail "bua-admin(1) lacks the commands"
MANWIDTH=100 man -l "$work/root/usr/share/man/man1/bua-kiosk.1.gz" 2>/dev/null >"$work/man.txt"
grep -qF -- "--headless" "$work/man.txt" || fail "bua-kiosk(1) lacks the options"
MANWIDTH=100 man -l "$work/root/usr/share/man/man1/bua-scan.1.gz" 2>/dev/null >"$work/man.txt"
grep -qF -- "--list" "$work/man.txt" || fail "bua-scan(1) lacks the options"
MANWIDTH=100 man -l "$work/root/usr/share/man/man1/bua-sync.1.gz" 2>/dev/null >"$work/man.txt"
grep -qF -- "device add --server" "$work/man.txt" || fail "bua-sync(1) lacks the commands"

# ---- lintian ------------------------------------------------------------------------------
set +e
lintian --info --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>&1
lrc=$?
set -e
grep -v '^running with root privileges' "$work/lintian.txt" | sed 's/^/lintian: /' || true
! grep -q '^E: ' "$work/lintian.txt" || fail "lintian reports errors"
# scripts/package builds with Debian's hardening flags (dpkg-buildflags)
! grep -q 'hardening-no-' "$work/lintian.txt" || fail "the programs lack hardening"
[ "$lrc" -eq 0 ] || fail "lintian failed (exit $lrc)"

# ---- systemd-analyze verify ----------------------------------------------------------------
# The units as installed, except that the package's programs are where dpkg-deb -x put them
# (verify checks that ExecStart= programs exist; /usr/bin/cage is the real one from Debian).
# Documentation= man pages are checked above in the package instead (--man=no).
rm -rf "$work/units"
mkdir -p "$work/units"
for u in bua-kiosk.service bua-backup.service bua-backup.timer bua-remind.service \
    bua-remind.timer bua-privacy.service bua-privacy.timer bua-sync.service; do
    sed "s|/usr/bin/bua-|$work/root/usr/bin/bua-|g" "$work/root/usr/lib/systemd/system/$u" \
        >"$work/units/$u"
done
grep -q '^ExecStart=/usr/bin/cage -d -- .*/bua-kiosk --fullscreen$' "$work/units/bua-kiosk.service" ||
    fail "bua-kiosk.service does not run the kiosk in cage"
if ! systemd-analyze verify --man=no "$work/units/bua-kiosk.service" \
    "$work/units/bua-backup.service" "$work/units/bua-backup.timer" \
    "$work/units/bua-remind.service" "$work/units/bua-remind.timer" \
    "$work/units/bua-privacy.service" "$work/units/bua-privacy.timer" \
    "$work/units/bua-sync.service" >"$work/verify.txt" 2>&1; then
    cat "$work/verify.txt" >&2
    fail "systemd-analyze verify failed"
fi
[ ! -s "$work/verify.txt" ] || { cat "$work/verify.txt" >&2; fail "systemd-analyze verify warned"; }
echo "package_deb: contents, control, man pages, lintian (no errors), systemd-analyze verify: ok"
