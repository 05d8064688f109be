#!/usr/bin/env bash
# e2e: bua-admin conflicts on two devices that lent apart and met again (sync_fixture.sh): the
# open double lends with both loans (who, when, which device), --all with the card merge, --json;
# resolve --returned and --other-item with what each changes, and every bad call with its exit
# code and a message naming the conflict ID or the barcode; the sibling settled by the next round.
# Usage: admin_conflicts.sh ADMIN "" SYNC_COPY
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"
SYNC_COPY=${3:?usage: $0 ADMIN DATA SYNC_COPY}
here=$(cd "$(dirname "$0")" && pwd)

# ---- an unsynced database: nothing to list --------------------------------------------------------
A=(--db "$db" --now 2026-03-10T12:00)
ok "${A[@]}" init
ok "${A[@]}" conflicts
same "$(cat "$out")" "no open conflicts"
ok "${A[@]}" conflicts list --all
same "$(cat "$out")" "no conflicts"
ok "${A[@]}" conflicts --json
same "$(tr -d '[:space:]' <"$out")" "[]"

# ---- two devices that met again ------------------------------------------------------------------
popup="$tmp/popup.db"
"$here/sync_fixture.sh" "$ADMIN" "$SYNC_COPY" "$db" "$popup" >/dev/null
ok "${A[@]}" conflicts
out_line '^1 +open +double_lend 2026-03-10 11:40 HJELM-0001 +Hjelm barn M$'
out_has "      older loan: Siri Hansen (card B-1004), lent 2026-03-09 10:00 on popup"
out_has "      newer loan: Kari Nordmann (card B-1001), lent 2026-03-09 12:00 on kasse-1"
out_line '^2 +open +double_lend 2026-03-10 11:40 SKI-0001 +Langrennski 180 cm$'
out_has "      older loan: Kari Nordmann (card B-1001), lent 2026-03-09 10:15 on kasse-1"
out_has "      newer loan: Siri Hansen (card B-1004), lent 2026-03-09 11:30 on popup"
out_lacks "card_merge"
ok "${A[@]}" conflicts list --all
out_line '^3 +resolved card_merge +2026-03-10 11:40 B-3001 +Anne B. Berg$'
out_has "      resolved 2026-03-10 11:40: merged"
ok "${A[@]}" conflicts --all --json
python3 - "$out" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
assert [x["id"] for x in c] == [3, 2, 1], c
assert c[0]["kind"] == "card_merge" and c[0]["state"] == "resolved" and "loans" not in c[0]
ski = c[1]
assert ski["barcode"] == "SKI-0001" and ski["state"] == "open" and ski["resolved_at"] is None
assert [(l["device"], l["at"], l["card"], l["name"]) for l in ski["loans"]] == [
    ("kasse-1", "2026-03-09 10:15", "B-1001", "Kari Nordmann"),
    ("popup", "2026-03-09 11:30", "B-1004", "Siri Hansen")], ski["loans"]
PY

# ---- called wrongly: exit 2, nothing changed -----------------------------------------------------
usage "${A[@]}" conflicts resolve
usage "${A[@]}" conflicts resolve abc --returned
err_has "invalid conflict ID 'abc'"
usage "${A[@]}" conflicts resolve 1
err_has "conflicts resolve 1 needs one of --returned or --other-item BARCODE"
usage "${A[@]}" conflicts resolve 1 --returned --other-item SKI-0003
err_has "needs one of --returned or --other-item BARCODE"
usage "${A[@]}" conflicts resolve 1 --other-item ""
usage "${A[@]}" conflicts resolve 1 2 --returned
usage "${A[@]}" conflicts frob
err_has "unknown subcommand 'conflicts frob'"
usage "${A[@]}" conflicts --bogus
usage "${A[@]}" conflicts list extra

# ---- refused: exit 1 naming the conflict or the barcode, nothing changed -------------------------
refused "${A[@]}" conflicts resolve 99 --returned
err_has "cannot resolve conflict 99: no such conflict"
refused "${A[@]}" conflicts resolve 3 --returned
err_has "cannot resolve conflict 3: it is a card_merge"
refused "${A[@]}" conflicts resolve 1 --other-item NOPE-1
err_has "cannot resolve conflict 1 with --other-item NOPE-1"
err_has "NOPE-1"
refused "${A[@]}" conflicts resolve 1 --other-item SKOYTE-0001
err_has "cannot resolve conflict 1 with --other-item SKOYTE-0001: item SKOYTE-0001"
refused "${A[@]}" conflicts resolve 1 --other-item HJELM-0001
err_has "HJELM-0001"
refused "${A[@]}" conflicts resolve 1 --returned --staff S-9999
err_has "S-9999"
ok "${A[@]}" conflicts
out_line '^1 +open '
out_line '^2 +open '

# ---- resolved --------------------------------------------------------------------------------------
ok "${A[@]}" conflicts resolve 1 --returned --staff S-1001
same "$(cat "$out")" \
    "conflict 1 resolved: HJELM-0001 of the older loan (Siri Hansen, card B-1004) returned"
refused "${A[@]}" conflicts resolve 1 --returned
err_has "cannot resolve conflict 1: resolved already on 2026-03-10 12:00 (returned)"
ok "${A[@]}" conflicts resolve 2 --other-item SKI-0003
same "$(cat "$out")" \
    "conflict 2 resolved: the older loan (Kari Nordmann, card B-1001) was SKI-0003, not SKI-0001"
ok "${A[@]}" conflicts
same "$(cat "$out")" "no open conflicts"
ok "${A[@]}" conflicts --all
out_has "      resolved 2026-03-10 12:00: returned"
out_has "      resolved 2026-03-10 12:00: other-item SKI-0003"
same "$(sql "select s.card from sync_conflict c join staff s on s.id = c.resolved_by
             where c.id = 1")" S-1001 "who settled it"
ok "${A[@]}" item show HJELM-0001
out_has "on loan to: Kari Nordmann"
ok "${A[@]}" item show SKI-0001
out_has "on loan to: Siri Hansen"
ok "${A[@]}" item show SKI-0003
out_has "on loan to: Kari Nordmann"

# ---- the sibling gets the settlements in the next round --------------------------------------------
"$SYNC_COPY" --at "$(date -d '2026-03-10 12:10' +%s)" "$db" "$popup" >/dev/null
ok --db "$popup" --now 2026-03-10T12:30 conflicts
same "$(cat "$out")" "no open conflicts"
ok --db "$popup" --now 2026-03-10T12:30 item show SKI-0003
out_has "on loan to: Kari Nordmann"
admin_done
