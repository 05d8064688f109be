#!/usr/bin/env bash
# e2e: bua-admin init on a full disk says "disk full" and leaves no file behind (no database,
# -wal, -shm or -lock), whatever the space left: a 512 KiB tmpfs, filled to every 32 KiB step.
# Needs root (mount -t tmpfs); fails, saying so, where it cannot mount.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

mnt="$tmp/small"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=512k,mode=0700 tmpfs "$mnt" 2>"$tmp/mount.err"; then
    echo "FAIL: admin_full needs root and mount -t tmpfs: $(cat "$tmp/mount.err")" >&2
    exit 1
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$tmp"' EXIT

full=0
made=0
for blocks in $(seq 16 -1 0); do
    rm -f "$mnt"/*
    if [ "$blocks" -gt 0 ]; then
        # a smaller fill where the disk cannot take all of it: the rest stays full
        dd if=/dev/zero of="$mnt/fill" bs=32k count="$blocks" status=none 2>/dev/null || true
    fi
    run --db "$mnt/bua.db" init
    if [ "$rc" -eq 0 ]; then
        made=$((made + 1))
        ok --db "$mnt/bua.db" check
        continue
    fi
    [ "$rc" -eq 1 ] || fail "init with $blocks blocks filled: expected exit 0 or 1"
    one_line_err
    err_has "$mnt/bua.db"
    err_has "disk full"
    full=$((full + 1))
    for f in bua.db bua.db-wal bua.db-shm bua.db-lock bua.db-journal; do
        [ ! -e "$mnt/$f" ] || fail "init on a full disk ($blocks blocks filled) left $f behind"
    done
done
[ "$full" -gt 0 ] || fail "no fill made the disk full: the test did not test"
echo "init: $full times disk full, nothing left behind; $made times made"
admin_done
