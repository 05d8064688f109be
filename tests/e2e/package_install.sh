#!/usr/bin/env bash
# The package installed and used, away from the source and build trees:
#   1. dpkg --root installs the .deb (made by package_deb) into a fresh staged root; its real
#      maintainer scripts run (chrootless, DPKG_ROOT set): the user bua-kiosk (sysusers), the
#      folders /var/lib/bua-kiosk, backups and labels (tmpfiles, 0700, the user's)
#   2. in a mount namespace where the source and the build trees are hidden (an empty tmpfs
#      over them), the staged /usr/bin/bua-admin init && demo, then bua-kiosk --headless
#      --script lends an item and shows the receipt; every path comes from the programs'
#      built-in defaults under $BUA_ROOT (the staged root): /etc/bua-kiosk/kiosk.ini,
#      /var/lib/bua-kiosk/bua.db, /usr/share/bua-kiosk, Debian's DejaVu fonts
#   3. reinstalling keeps the database and an edited kiosk.ini; purge keeps the database
#      unless BUA_PURGE_DATABASE=yes
# A fresh Debian root (debootstrap) cannot be made here without the package archive, so the
# dependencies are not installed into the stage: the programs use the host's libraries, and
# the fonts are copied from the host's fonts-dejavu-core as that package would put them.
# Usage: package_install.sh SOURCE_DIR BUILD_DIR DEB_DIR
set -euo pipefail
src=$(realpath "$1")
build=$(realpath "$2")
debdir=$3
fail() { echo "package_install: $*" >&2; exit 1; }
for tool in dpkg unshare sqlite3; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps installs it)"
done
deb=$(ls "$debdir"/bua-kiosk_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb in $debdir (package_deb makes it)"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || fail "fonts-dejavu-core is not installed"

tmp=$(mktemp -d /tmp/bua-package-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
cp "$deb" "$tmp/bua-kiosk.deb"

dpkg_root() {
    dpkg --root="$root" --force-script-chrootless --force-depends --force-confold \
        --log=/dev/null "$@" >>"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg $*"; }
}
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
dpkg_root -i "$tmp/bua-kiosk.deb"

# ---- 1. what the maintainer scripts made ---------------------------------------------------
grep -q '^bua-kiosk:x:[0-9]*:[0-9]*:[^:]*:/var/lib/bua-kiosk:/usr/sbin/nologin$' "$root/etc/passwd" ||
    fail "no system user bua-kiosk: $(cat "$root/etc/passwd" 2>&1)"
grep -q '^plugdev:x:[0-9]*:.*bua-kiosk' "$root/etc/group" || fail "bua-kiosk is not in plugdev"
uid=$(awk -F: '$1 == "bua-kiosk" { print $3 }' "$root/etc/passwd")
for d in var/lib/bua-kiosk var/lib/bua-kiosk/backups var/lib/bua-kiosk/labels; do
    [ "$(stat -c '%a %u' "$root/$d")" = "700 $uid" ] || fail "/$d is $(stat -c '%a %u' "$root/$d"), want 700 $uid"
done
[ -f "$root/etc/bua-kiosk/kiosk.ini" ] || fail "no /etc/bua-kiosk/kiosk.ini"
[ ! -e "$root/var/lib/bua-kiosk/bua.db" ] || fail "the package made a database"
mkdir -p "$root/usr/share/fonts/truetype/dejavu"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
    "$root/usr/share/fonts/truetype/dejavu/"
# the settings as a centre would edit them (a conffile: kept on upgrade)
sed -i 's/^centre_name =.*/centre_name = Teststed/' "$root/etc/bua-kiosk/kiosk.ini"

# ---- 2. use it, with the trees out of reach --------------------------------------------------
cat >"$tmp/use.sh" <<'USE'
set -euo pipefail
root=$1 src=$2 build=$3 tmp=$4
fail() { echo "package_install: $*" >&2; exit 1; }
# hide the trees: nothing the programs could read there is left
mount -t tmpfs -o size=1m,mode=0555 bua-hidden "$src"
case "$build/" in "$src"/*) ;; *) mount -t tmpfs -o size=1m,mode=0555 bua-hidden "$build" ;; esac
[ -z "$(ls -A "$src")" ] || fail "the source tree is still visible"
[ ! -e "$build/CMakeCache.txt" ] || fail "the build tree is still visible"
cd "$tmp"
export BUA_ROOT=$root TZ=Europe/Oslo HOME=$tmp/home SDL_AUDIODRIVER=dummy
unset BUA_DB BUA_CONFIG BUA_ASSETS XDG_DATA_HOME SDL_VIDEODRIVER DISPLAY WAYLAND_DISPLAY JOURNAL_STREAM
bin=$root/usr/bin
"$bin/bua-admin" --version | grep -q '^bua-admin [0-9]' || fail "bua-admin --version"
"$bin/bua-scan" --version | grep -q '^bua-scan [0-9]' || fail "bua-scan --version"
"$bin/bua-kiosk" --version | grep -q '^bua-kiosk [0-9]' || fail "bua-kiosk --version"
"$bin/bua-admin" init >"$tmp/init.out" || fail "bua-admin init"
grep -qF "created database $root/var/lib/bua-kiosk/bua.db" "$tmp/init.out" || fail "init: $(cat "$tmp/init.out")"
"$bin/bua-admin" demo >/dev/null || fail "bua-admin demo"
item=$("$bin/bua-admin" item list --status available | awk 'NR == 1 { print $1 }')
name=$("$bin/bua-admin" item show "$item" | awk -F': *' '/^name:/ { print $2; exit }')
[ -n "$item" ] && [ -n "$name" ] || fail "no available item in the demo centre"
cat >"$tmp/lend.kiosk" <<KIOSK
expect screen home
scan B-1001
expect screen basket
scan $item
tap basket.finish
expect screen receipt
expect text Kvittering
expect text $name
shot $tmp/receipt.png
KIOSK
"$bin/bua-kiosk" --headless --no-sound --script "$tmp/lend.kiosk" >"$tmp/kiosk.out" 2>"$tmp/kiosk.err" ||
    { cat "$tmp/kiosk.err" >&2; fail "the kiosk script failed"; }
cat "$tmp/kiosk.err"
start=$(grep '^bua-kiosk: started:' "$tmp/kiosk.err") || fail "no start line"
for want in "database $root/var/lib/bua-kiosk/bua.db (the system default)" \
    "centre Teststed" "settings $root/etc/bua-kiosk/kiosk.ini" "data $root/usr/share/bua-kiosk," \
    "fonts $root/usr/share/fonts/truetype/dejavu,"; do
    case "$start" in *"$want"*) ;; *) fail "start line lacks '$want': $start" ;; esac
done
[ -s "$tmp/receipt.png" ] || fail "no receipt shot"
"$bin/bua-admin" item show "$item" >"$tmp/show.out"
grep -q "B-1001" "$tmp/show.out" || fail "the loan of $item did not land: $(cat "$tmp/show.out")"
# the nightly backup as bua-backup.service runs it
"$bin/bua-admin" backup --dir "$root/var/lib/bua-kiosk/backups" >/dev/null || fail "backup --dir"
[ "$(ls "$root/var/lib/bua-kiosk/backups" | grep -c '^bua-.*Z\.db$')" -eq 1 ] || fail "no backup"
# the daily retention sweep as bua-privacy.service runs it
"$bin/bua-admin" privacy sweep >"$tmp/sweep.out" || fail "privacy sweep"
grep -q "^erased 0 borrowers inactive for 24 months" "$tmp/sweep.out" || fail "sweep: $(cat "$tmp/sweep.out")"
USE
if unshare -m --propagation private true 2>/dev/null; then
    unshare -m --propagation private bash "$tmp/use.sh" "$root" "$src" "$build" "$tmp"
    echo "package_install: used with the source and build trees hidden (mount namespace)"
else
    fail "cannot make a mount namespace here (unshare -m): the trees cannot be hidden"
fi
db=$root/var/lib/bua-kiosk/bua.db
[ "$(stat -c '%a %u' "$db")" = "600 $uid" ] || fail "bua.db is $(stat -c '%a %u' "$db"), want 600 $uid"

# ---- 3. upgrade and purge -------------------------------------------------------------------
sum=$(sha256sum <"$db")
dpkg_root -i "$tmp/bua-kiosk.deb"
[ "$(sha256sum <"$db")" = "$sum" ] || fail "reinstalling changed the database"
[ "$(stat -c '%a %u' "$db")" = "600 $uid" ] || fail "reinstalling changed the database's owner or mode"
grep -q '^centre_name = Teststed' "$root/etc/bua-kiosk/kiosk.ini" || fail "reinstalling lost the edited kiosk.ini"
dpkg_root --purge bua-kiosk
[ ! -e "$root/usr/bin/bua-kiosk" ] || fail "purge left the programs"
[ ! -e "$root/etc/bua-kiosk" ] || fail "purge left /etc/bua-kiosk"
[ "$(sha256sum <"$db")" = "$sum" ] || fail "purge touched the database"
grep -q "the database and its backups stay in /var/lib/bua-kiosk" "$tmp/dpkg.log" || fail "purge did not say the database stays"
dpkg_root -i "$tmp/bua-kiosk.deb"
BUA_PURGE_DATABASE=yes dpkg_root --purge bua-kiosk
[ ! -e "$root/var/lib/bua-kiosk" ] || fail "BUA_PURGE_DATABASE=yes left /var/lib/bua-kiosk"
echo "package_install: installed, used, upgraded and purged: ok"
