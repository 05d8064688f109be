# Helpers for the bua-admin e2e tests (sourced): each test script calls
#   admin_setup "$@"      (argv: path of bua-admin, folder of test data)
# then runs bua-admin through ok / refused / usage and checks stdout, stderr and exit codes.
# Every run gets its own temporary folder; the database is $db.

admin_setup() {
    ADMIN=${1:?usage: $0 PATH_OF_BUA_ADMIN DATA_FOLDER}
    DATA=${2:-}
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    export TZ=Europe/Oslo
    export HOME="$tmp/home"
    unset BUA_DB XDG_DATA_HOME BUA_CONFIG BUA_ROOT
    mkdir -p "$HOME"
    db="$tmp/bua.db"
    out="$tmp/stdout"
    err="$tmp/stderr"
    n_checks=0
}

# The last run: what it printed, for the failure report.
show_last() {
    echo "--- command: bua-admin $last_cmd" >&2
    echo "--- exit code: $rc" >&2
    echo "--- stdout:" >&2
    cat "$out" >&2
    echo "--- stderr:" >&2
    cat "$err" >&2
}

fail() {
    echo "FAIL: $*" >&2
    show_last
    exit 1
}

# run ARGS...: runs bua-admin, keeps stdout, stderr and the exit code ($rc); never fails.
run() {
    last_cmd="$*"
    n_checks=$((n_checks + 1))
    set +e
    "$ADMIN" "$@" >"$out" 2>"$err" </dev/null
    rc=$?
    set -e
}

# run_in INPUT ARGS...: as run, with INPUT on stdin.
run_in() {
    local input=$1
    shift
    last_cmd="$* <<< (input)"
    n_checks=$((n_checks + 1))
    set +e
    printf '%s\n' "$input" | "$ADMIN" "$@" >"$out" 2>"$err"
    rc=$?
    set -e
}

# ok ARGS...: must exit 0 with nothing on stderr.
ok() {
    run "$@"
    [ "$rc" -eq 0 ] || fail "expected exit 0"
    [ ! -s "$err" ] || fail "expected nothing on stderr"
}

# refused ARGS...: must exit 1 with a message on stderr.
refused() {
    run "$@"
    [ "$rc" -eq 1 ] || fail "expected exit 1 (refused)"
    [ -s "$err" ] || fail "expected a message on stderr"
    no_crash
}

# usage ARGS...: must exit 2 with exactly one line on stderr and nothing on stdout.
usage() {
    run "$@"
    [ "$rc" -eq 2 ] || fail "expected exit 2 (usage error)"
    one_line_err
    [ ! -s "$out" ] || fail "expected nothing on stdout"
}

one_line_err() {
    [ "$(wc -l <"$err")" -eq 1 ] || fail "expected exactly one line on stderr"
    grep -q '^bua-admin: [^A-Z ]' "$err" || fail "expected 'bua-admin: <lowercase message>'"
    ! grep -q '\.$' "$err" || fail "expected no final period"
}

no_crash() {
    ! grep -q -e 'AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$err" ||
        fail "sanitizer report"
}

# out_has TEXT / err_has TEXT / out_lacks TEXT: fixed-string checks on the last run.
out_has() {
    grep -qF -- "$1" "$out" || fail "expected on stdout: $1"
}
err_has() {
    grep -qF -- "$1" "$err" || fail "expected on stderr: $1"
}
out_lacks() {
    ! grep -qF -- "$1" "$out" || fail "not expected on stdout: $1"
}
# out_line REGEX: some stdout line matches the extended regex.
out_line() {
    grep -qE -- "$1" "$out" || fail "expected a stdout line matching: $1"
}
out_lines() {
    [ "$(wc -l <"$out")" -eq "$1" ] || fail "expected $1 lines on stdout"
}

# at TIME ARGS...: sets A to the bua-admin arguments ARGS on this database at local time TIME
# (--now), for ok / refused / usage "${A[@]}".
at() {
    local when=$1
    shift
    A=(--db "$db" --now "$when" "$@")
}

# sql QUERY: the database's answer (sqlite3 CLI), for checking the stored data.
sql() {
    sqlite3 -batch -noheader "$db" "$1"
}

# same A B: compares two values.
same() {
    [ "$1" = "$2" ] || fail "expected '$2', got '$1'${3:+ ($3)}"
}

admin_done() {
    echo "ok: $n_checks runs of bua-admin"
}
