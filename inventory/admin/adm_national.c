/* bua-admin report --national: every centre's yearly figures from the sync server's summaries
 * (bua.sum_year, kept up to date from the event log by inventory/sync/server_state.sql), the
 * ranking by loans ("4. plass av 260") and the national totals, all read in ONE statement; and
 * --verify, which recounts a year from the server's state tables with plain SQL and names every
 * summary that differs (centre, year, figure).
 *
 * The figures go into the annual report's rows (adm_report.h): the national block first, then a
 * block per centre in ranking order (each row's group is the block's heading), so the text, CSV,
 * JSON and PDF printers of the local report print them (adm_report_csv_rows,
 * adm_report_json_rows, adm_report_pdf). Start reading at adm_cmd_report_national. The server is
 * reached with libpq; the role needs only SELECT on bua.centre and bua.sum_year (bua_national),
 * --verify reads the state tables too (the server's admin). */
#include "adm.h"
#include "adm_report.h"

#include <cJSON.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum NatFormat {
    NAT_TEXT,
    NAT_JSON,
    NAT_CSV,
    NAT_PDF,
} NatFormat;

/* The figures sum_year keeps, in the statement's column order: X(NAME, nb label, en label). */
#define NAT_FIGURE_MAP(X)                                                                          \
    X(ITEMS_LENT, "items_lent", "Antall utlånt utstyr", "Items lent")                              \
    X(LOANS, "loans", "Antall utlån", "Loans")                                                     \
    X(BORROWERS, "borrowers", "Antall lånetakere", "Borrowers")                                    \
    X(NEW_BORROWERS, "new_borrowers", "Antall nye brukere", "New users")                           \
    X(RETURNED, "returned", "Levert tilbake", "Returned")                                          \
    X(LOAN_SECONDS, "loan_seconds", "", "")

typedef enum NatFigure {
#define NAT_FIGURE_ENUM(name, metric, nb, en) NAT_##name,
    NAT_FIGURE_MAP(NAT_FIGURE_ENUM)
#undef NAT_FIGURE_ENUM
        NAT_FIGURES
} NatFigure;

static const struct {
    const char *metric;
    const char *nb;
    const char *en;
} figures[NAT_FIGURES] = {
#define NAT_FIGURE_ROW(name, metric, nb, en) {metric, nb, en},
    NAT_FIGURE_MAP(NAT_FIGURE_ROW)
#undef NAT_FIGURE_ROW
};

/* One centre (or the nation) as the statement returns it. */
typedef struct NatLine {
    int64_t place;   /* by loans, ties as inv_ranking breaks them */
    int64_t p_place; /* last year's place */
    char code[40];
    char name[INV_NAME_MAX];
    bool has_last; /* the centre has figures last year */
    int64_t now[NAT_FIGURES];
    int64_t last[NAT_FIGURES];
} NatLine;

typedef struct NatReport {
    int year;
    int64_t n_centres; /* every centre on the server (the "av 260") */
    NatLine nation;    /* the national totals (place 0) */
    NatLine *centres;  /* in ranking order; one with --centre */
    size_t n;
    char of_n[48]; /* "av 260": the unit of the place rows */
    char title[INV_NAME_MAX + 64];
} NatReport;

/* The report in one statement: every centre's figures of Y and Y - 1, its places in both years,
 * and the national totals (window sums over all centres, before --centre picks one). */
static const char sql_report[] =
    "WITH cur AS (SELECT c.code, c.name, p.centre IS NOT NULL AS p_has,"
    " coalesce(s.items_lent, 0) AS items_lent, coalesce(s.loans, 0) AS loans,"
    " coalesce(s.borrowers, 0) AS borrowers, coalesce(s.new_borrowers, 0) AS new_borrowers,"
    " coalesce(s.returned, 0) AS returned, coalesce(s.loan_seconds, 0) AS loan_seconds,"
    " coalesce(p.items_lent, 0) AS p_items_lent, coalesce(p.loans, 0) AS p_loans,"
    " coalesce(p.borrowers, 0) AS p_borrowers, coalesce(p.new_borrowers, 0) AS p_new_borrowers,"
    " coalesce(p.returned, 0) AS p_returned, coalesce(p.loan_seconds, 0) AS p_loan_seconds"
    " FROM bua.centre c LEFT JOIN bua.sum_year s ON s.centre = c.code AND s.year = $1"
    " LEFT JOIN bua.sum_year p ON p.centre = c.code AND p.year = $1 - 1),"
    " ranked AS (SELECT cur.*, row_number() OVER (ORDER BY loans DESC, items_lent DESC,"
    " borrowers DESC, new_borrowers DESC, code) AS place, row_number() OVER (ORDER BY p_loans"
    " DESC, p_items_lent DESC, p_borrowers DESC, p_new_borrowers DESC, code) AS p_place,"
    " count(*) OVER () AS n, bool_or(p_has) OVER () AS t_p_has,"
    " sum(items_lent) OVER () AS t_items_lent, sum(loans) OVER () AS t_loans,"
    " sum(borrowers) OVER () AS t_borrowers, sum(new_borrowers) OVER () AS t_new_borrowers,"
    " sum(returned) OVER () AS t_returned, sum(loan_seconds) OVER () AS t_loan_seconds,"
    " sum(p_items_lent) OVER () AS tp_items_lent, sum(p_loans) OVER () AS tp_loans,"
    " sum(p_borrowers) OVER () AS tp_borrowers, sum(p_new_borrowers) OVER () AS"
    " tp_new_borrowers, sum(p_returned) OVER () AS tp_returned, sum(p_loan_seconds) OVER ()"
    " AS tp_loan_seconds FROM cur)"
    " SELECT place, p_place, n, code, name, p_has, t_p_has,"
    " items_lent, loans, borrowers, new_borrowers, returned, loan_seconds,"
    " p_items_lent, p_loans, p_borrowers, p_new_borrowers, p_returned, p_loan_seconds,"
    " t_items_lent, t_loans, t_borrowers, t_new_borrowers, t_returned, t_loan_seconds,"
    " tp_items_lent, tp_loans, tp_borrowers, tp_new_borrowers, tp_returned, tp_loan_seconds"
    " FROM ranked WHERE $2::text IS NULL OR code = $2 ORDER BY place";
enum { COL_PLACE, COL_P_PLACE, COL_N, COL_CODE, COL_NAME, COL_P_HAS, COL_T_P_HAS, COL_NOW };

/* The slow path: year Y counted again from the server's state tables, not from the summaries,
 * one centre at a time by bua.recount_year (server_state.sql: plain SQL over index ranges of the
 * centre's loans, lines and borrowers, in the centre's time zone), the centres shared out over
 * the server's parallel workers; beside the summaries: one row per figure that differs. */
static const char sql_verify[] =
    "WITH r AS MATERIALIZED (SELECT c.code, bua.recount_year(c.code, c.tz, $1) AS n"
    " FROM bua.centre c WHERE $2::text IS NULL OR c.code = $2)"
    " SELECT r.code, f.figure, f.summary, f.recount FROM r LEFT JOIN bua.sum_year s ON s.centre ="
    " r.code AND s.year = $1 CROSS JOIN LATERAL (VALUES"
    " ('items_lent', coalesce(s.items_lent, 0), (r.n).items_lent),"
    " ('loans', coalesce(s.loans, 0), (r.n).loans),"
    " ('borrowers', coalesce(s.borrowers, 0), (r.n).borrowers),"
    " ('new_borrowers', coalesce(s.new_borrowers, 0), (r.n).new_borrowers),"
    " ('returned', coalesce(s.returned, 0), (r.n).returned),"
    " ('loan_seconds', coalesce(s.loan_seconds, 0), (r.n).loan_seconds))"
    " f(figure, summary, recount) WHERE f.summary <> f.recount ORDER BY 1, 2";
/* The lines' copies of their loans' times, checked cheaply: the foreign key st_line_loan_at
 * (which keeps every copy that is set equal to its loan's time) must be in force, and no line of
 * a loan of the year may lack its copy (a NULL copy is what the key does not check: the year's
 * loans against the few lines without one). One row per centre with such lines; a row with no
 * centre if the key is missing. */
static const char sql_verify_copies[] =
    "WITH c AS (SELECT code, extract(epoch FROM make_timestamptz($1, 1, 1, 0, 0, 0, tz))::bigint"
    " AS lo, extract(epoch FROM make_timestamptz($1 + 1, 1, 1, 0, 0, 0, tz))::bigint AS hi"
    " FROM bua.centre WHERE $2::text IS NULL OR code = $2)"
    " SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname ="
    " 'st_line_loan_at' AND conrelid = 'bua.st_line'::regclass AND convalidated)"
    " UNION ALL SELECT ll.centre, count(*) FROM c JOIN bua.st_line ll ON ll.centre = c.code AND"
    " ll.loan_at IS NULL AND NOT ll.gone JOIN bua.st_loan l ON l.centre = ll.centre AND l.gid ="
    " ll.loan AND l.at >= c.lo AND l.at < c.hi AND NOT l.gone GROUP BY ll.centre ORDER BY 1";
static const char sql_centres[] = "SELECT count(*) FROM bua.centre WHERE $2::text IS NULL OR"
                                  " code = $2";

static PGconn *connect_server(const char *conninfo);
static int read_report(PGconn *pg, int year, const char *centre, NatReport *out);
static void read_line(const PGresult *res, int row, int first_col, NatLine *line);
static int64_t col_int(const PGresult *res, int row, int col);
static int verify(PGconn *pg, int year, const char *centre);
static int build_rows(NatReport *n, AdmLang lang, AdmReport *r);
static bool add_block(AdmReport *r, const NatLine *line, const char *group, const char *key,
                      bool with_place, const char *of_n);
static int64_t avg_hundredths(const int64_t v[NAT_FIGURES]);
static void print_text(FILE *out, const NatReport *n, const AdmReport *r);
static int print_json(FILE *out, const NatReport *n, const AdmReport *r);
static cJSON *json_line(const NatLine *line, bool last, bool with_place);
static const char *pq_message(const PGconn *pg, const PGresult *res);

bool adm_national_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return false;
        }
        if (strcmp(argv[i], "--national") == 0) {
            return true;
        }
    }
    return false;
}

int adm_cmd_report_national(AdmCtx *ctx, int argc, char **argv)
{
    bool national = false;
    bool want_verify = false;
    const char *year_text = NULL;
    const char *server = NULL;
    const char *format_text = NULL;
    const char *lang_text = NULL;
    const char *centre = NULL;
    const char *out_path = NULL;
    const AdmOpt opts[] = {{"--national", NULL, &national},  {"--verify", NULL, &want_verify},
                           {"--year", &year_text, NULL},     {"--server", &server, NULL},
                           {"--format", &format_text, NULL}, {"--lang", &lang_text, NULL},
                           {"--centre", &centre, NULL},      {"--out", &out_path, NULL}};
    size_t n_pos = 0;
    int year = 0;
    NatFormat format = NAT_TEXT;
    AdmLang lang = ADM_LANG_NB;

    int rc = adm_parse("report --national", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    /* no database to open: the clock as adm_open sets it (--now, else the time) */
    ctx->now = (int64_t)time(NULL);
    if (rc == ADM_EXIT_OK && ctx->now_text != NULL && !inv_time_parse(ctx->now_text, &ctx->now)) {
        rc = adm_usage("invalid --now '%s': not a date and time (YYYY-MM-DD[THH:MM])",
                       ctx->now_text);
    }
    year = inv_time_year(ctx->now);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("report --national", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && year_text != NULL) {
        rc = adm_parse_int("--year", year_text, ADM_YEAR_MIN + 1, ADM_YEAR_MAX - 1, &year);
    }
    if (rc == ADM_EXIT_OK && (server == NULL || server[0] == '\0')) {
        rc = adm_usage("report --national needs --server CONNINFO (the sync server, e.g. "
                       "\"host=bua.example.no dbname=bua user=nasjonal sslmode=verify-full\")");
    }
    if (rc == ADM_EXIT_OK && format_text != NULL) {
        if (strcmp(format_text, "text") == 0) {
            format = NAT_TEXT;
        } else if (strcmp(format_text, "json") == 0) {
            format = NAT_JSON;
        } else if (strcmp(format_text, "csv") == 0) {
            format = NAT_CSV;
        } else if (strcmp(format_text, "pdf") == 0) {
            format = NAT_PDF;
        } else {
            rc = adm_usage("invalid --format '%s': use text, json, csv or pdf", format_text);
        }
    }
    if (rc == ADM_EXIT_OK && lang_text != NULL) {
        rc = adm_report_lang(lang_text, &lang);
    }
    if (rc == ADM_EXIT_OK && centre != NULL && centre[0] == '\0') {
        rc = adm_usage("invalid --centre: empty (give the centre's code)");
    }
    if (rc == ADM_EXIT_OK && out_path != NULL && out_path[0] == '\0') {
        rc = adm_usage("invalid --out: empty (give the file to write)");
    }
    if (rc == ADM_EXIT_OK && format == NAT_PDF && out_path == NULL) {
        rc = adm_usage("--format pdf needs --out FILE");
    }
    if (rc == ADM_EXIT_OK && want_verify && (format_text != NULL || out_path != NULL)) {
        rc = adm_usage("--verify prints its result: it takes no --format or --out");
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }

    PGconn *pg = connect_server(server);
    if (pg == NULL) {
        return ADM_EXIT_FAIL;
    }
    if (want_verify) {
        rc = verify(pg, year, centre);
        PQfinish(pg);
        return rc;
    }
    NatReport n;
    memset(&n, 0, sizeof(n));
    rc = read_report(pg, year, centre, &n);
    PQfinish(pg);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    AdmReport r;
    memset(&r, 0, sizeof(r));
    rc = build_rows(&n, lang, &r);
    if (rc == ADM_EXIT_OK && format == NAT_PDF) {
        rc = adm_report_pdf(ctx, &r, out_path);
        if (rc == ADM_EXIT_OK) {
            printf("wrote the national %d report to %s\n", year, out_path);
        }
    } else if (rc == ADM_EXIT_OK) {
        FILE *out = stdout;
        if (out_path != NULL && (out = fopen(out_path, "w")) == NULL) {
            rc = adm_fail("cannot write %s: %s", out_path, adm_errno_text(errno));
        }
        if (rc == ADM_EXIT_OK) {
            switch (format) {
            case NAT_TEXT:
            case NAT_PDF:
                print_text(out, &n, &r);
                break;
            case NAT_JSON:
                rc = print_json(out, &n, &r);
                break;
            case NAT_CSV:
                fputs("section,key,metric,value,last_year\n", out);
                adm_report_csv_rows(out, &r, year);
                break;
            }
        }
        if (out != NULL && out != stdout && fclose(out) != 0 && rc == ADM_EXIT_OK) {
            rc = adm_fail("cannot write %s: %s", out_path, adm_errno_text(errno));
        }
    }
    adm_report_release(&r);
    free(n.centres);
    return rc;
}

static PGconn *connect_server(const char *conninfo)
{
    PGconn *pg = PQconnectdb(conninfo);
    if (pg == NULL) {
        adm_fail("cannot connect to the sync server: out of memory");
        return NULL;
    }
    if (PQstatus(pg) != CONNECTION_OK) {
        adm_fail("cannot connect to the sync server: %s", pq_message(pg, NULL));
        PQfinish(pg);
        return NULL;
    }
    return pg;
}

static int read_report(PGconn *pg, int year, const char *centre, NatReport *out)
{
    char year_text[16];
    snprintf(year_text, sizeof year_text, "%d", year);
    const char *params[2] = {year_text, centre};
    const Oid types[2] = {23, 25}; /* int4, text */
    PGresult *res = PQexecParams(pg, sql_report, 2, types, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = adm_fail("cannot read the national figures: %s", pq_message(pg, res));
        PQclear(res);
        return rc;
    }
    int rows = PQntuples(res);
    if (centre != NULL && rows == 0) {
        PQclear(res);
        return adm_fail("centre '%s' is not on the sync server", centre);
    }
    NatReport n;
    memset(&n, 0, sizeof(n));
    n.year = year;
    n.centres = calloc(rows > 0 ? (size_t)rows : 1, sizeof(*n.centres));
    if (n.centres == NULL) {
        PQclear(res);
        return adm_fail("cannot read the national figures: out of memory");
    }
    n.n = (size_t)rows;
    for (int i = 0; i < rows; i++) {
        read_line(res, i, COL_NOW, &n.centres[i]);
    }
    if (rows > 0) { /* the totals are on every row */
        n.n_centres = col_int(res, 0, COL_N);
        read_line(res, 0, COL_NOW + 2 * NAT_FIGURES, &n.nation);
        n.nation.place = 0;
        n.nation.has_last = PQgetvalue(res, 0, COL_T_P_HAS)[0] == 't';
        adm_copy(n.nation.code, sizeof n.nation.code, "");
        adm_copy(n.nation.name, sizeof n.nation.name, "");
    }
    PQclear(res);
    *out = n;
    return ADM_EXIT_OK;
}

/* A centre's row: its places, code and name, then its figures of Y and Y - 1 from first_col. */
static void read_line(const PGresult *res, int row, int first_col, NatLine *line)
{
    memset(line, 0, sizeof(*line));
    line->place = col_int(res, row, COL_PLACE);
    line->p_place = col_int(res, row, COL_P_PLACE);
    adm_copy(line->code, sizeof line->code, PQgetvalue(res, row, COL_CODE));
    adm_copy(line->name, sizeof line->name, PQgetvalue(res, row, COL_NAME));
    line->has_last = PQgetvalue(res, row, COL_P_HAS)[0] == 't';
    for (int f = 0; f < NAT_FIGURES; f++) {
        line->now[f] = col_int(res, row, first_col + f);
        line->last[f] = col_int(res, row, first_col + NAT_FIGURES + f);
    }
}

static int64_t col_int(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static int verify(PGconn *pg, int year, const char *centre)
{
    char year_text[16];
    snprintf(year_text, sizeof year_text, "%d", year);
    const char *params[2] = {year_text, centre};
    const Oid types[2] = {23, 25};
    struct timespec t0;
    struct timespec t1;
    /* compiling the statement (JIT) costs more than it saves; the centres (a table of a few
     * pages, below the size the planner scans in parallel) shared out over parallel workers */
    PQclear(PQexec(pg, "SET jit = off"));
    PQclear(PQexec(pg, "SET min_parallel_table_scan_size = 0"));
    PQclear(PQexec(pg, "SET parallel_setup_cost = 0"));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    PGresult *res = PQexecParams(pg, sql_verify, 2, types, params, NULL, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = adm_fail("cannot recount the national figures: %s", pq_message(pg, res));
        PQclear(res);
        return rc;
    }
    int rows = PQntuples(res);
    for (int i = 0; i < rows; i++) {
        adm_err("summary differs from the recount: centre %s, %d, %s: %s in bua.sum_year, %s "
                "counted",
                PQgetvalue(res, i, 0), year, PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
                PQgetvalue(res, i, 3));
    }
    PQclear(res);
    res = PQexecParams(pg, sql_verify_copies, 2, types, params, NULL, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = adm_fail("cannot check the lines' copies of their loans' times: %s",
                          pq_message(pg, res));
        PQclear(res);
        return rc;
    }
    int bad = PQntuples(res);
    for (int i = 0; i < bad; i++) {
        if (PQgetisnull(res, i, 0)) {
            adm_err("the foreign key st_line_loan_at is missing or not validated: the lines' "
                    "copies of their loans' times are not checked (run bua-sync setup)");
        } else {
            adm_err("centre %s, %d: %s loan lines lack their loan's checkout time "
                    "(bua.st_line.loan_at)",
                    PQgetvalue(res, i, 0), year, PQgetvalue(res, i, 1));
        }
    }
    PQclear(res);
    if (rows > 0 || bad > 0) {
        return ADM_EXIT_FAIL;
    }
    res = PQexecParams(pg, sql_centres, 2, types, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = adm_fail("cannot count the centres: %s", pq_message(pg, res));
        PQclear(res);
        return rc;
    }
    int64_t centres = col_int(res, 0, 0);
    PQclear(res);
    if (centre != NULL && centres == 0) {
        return adm_fail("centre '%s' is not on the sync server", centre);
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%d: the summaries of %lld centre%s equal a recount from the loans (%.2f s)\n", year,
           (long long)centres, centres == 1 ? "" : "s", secs);
    return ADM_EXIT_OK;
}

/* The national block, then each centre's block (its place first), as report rows. */
static int build_rows(NatReport *n, AdmLang lang, AdmReport *r)
{
    bool nb = lang == ADM_LANG_NB;
    r->lang = lang;
    r->cur.year = n->year;
    r->prev.year = n->year - 1;
    r->prev.has_data = n->nation.has_last;
    r->figures_only = true;
    snprintf(n->title, sizeof n->title, "%s %d", nb ? "Nasjonal rapport" : "National report",
             n->year);
    r->title = n->title;
    snprintf(n->of_n, sizeof n->of_n, "%s %lld", nb ? "av" : "of", (long long)n->n_centres);
    char group[INV_NAME_MAX + 64];
    snprintf(group, sizeof group, "%s (%lld %s)", nb ? "Hele landet" : "The whole country",
             (long long)n->n_centres,
             nb ? (n->n_centres == 1 ? "senter" : "sentre")
                : (n->n_centres == 1 ? "centre" : "centres"));
    bool ok = add_block(r, &n->nation, group, "", false, n->of_n);
    for (size_t i = 0; i < n->n && ok; i++) {
        const NatLine *c = &n->centres[i];
        const char *name = c->name[0] != '\0' ? c->name : c->code;
        if (nb) {
            snprintf(group, sizeof group, "%lld. plass av %lld: %s (%s)", (long long)c->place,
                     (long long)n->n_centres, name, c->code);
        } else {
            snprintf(group, sizeof group, "Place %lld of %lld: %s (%s)", (long long)c->place,
                     (long long)n->n_centres, name, c->code);
        }
        ok = add_block(r, c, group, c->code, true, n->of_n);
    }
    if (!ok) {
        adm_report_release(r);
        return adm_fail("cannot make the national report: out of memory");
    }
    return ADM_EXIT_OK;
}

static bool add_block(AdmReport *r, const NatLine *line, const char *group, const char *key,
                      bool with_place, const char *of_n)
{
    bool nb = r->lang == ADM_LANG_NB;
    AdmSection section = key[0] == '\0' ? ADM_SECTION_TOTAL : ADM_SECTION_CENTRE;
    size_t first = r->n_rows;
    bool ok = true;
    if (with_place) {
        int64_t now[2] = {line->place, 0};
        int64_t last[2] = {line->p_place, 0};
        ok = adm_report_add(r, section, key, "place",
                            nb ? "Plass etter antall utlån" : "Place by loans", of_n, ADM_FMT_COUNT,
                            now, last, line->has_last);
    }
    for (int f = 0; f < NAT_LOAN_SECONDS && ok; f++) {
        int64_t now[2] = {line->now[f], 0};
        int64_t last[2] = {line->last[f], 0};
        ok = adm_report_add(r, section, key, figures[f].metric, nb ? figures[f].nb : figures[f].en,
                            NULL, ADM_FMT_COUNT, now, last, line->has_last);
    }
    if (ok) {
        int64_t now[2] = {avg_hundredths(line->now), 0};
        int64_t last[2] = {avg_hundredths(line->last), 0};
        ok = adm_report_add(r, section, key, "avg_loan_days",
                            nb ? "Gjennomsnittlig lånetid" : "Average loan", nb ? "dager" : "days",
                            ADM_FMT_DECIMAL, now, last, line->has_last);
    }
    for (size_t i = first; i < r->n_rows && ok; i++) {
        adm_copy(r->rows[i].group, sizeof r->rows[i].group, group);
    }
    return ok;
}

/* The average loan in hundredths of a day, as the local report rounds it */
static int64_t avg_hundredths(const int64_t v[NAT_FIGURES])
{
    if (v[NAT_RETURNED] <= 0) {
        return 0;
    }
    double days = (double)v[NAT_LOAN_SECONDS] / (double)v[NAT_RETURNED] / 86400.0;
    return (int64_t)(days * 100.0 + 0.5);
}

static void print_text(FILE *out, const NatReport *n, const AdmReport *r)
{
    char cell[200];
    fprintf(out, "%s\n", r->title);
    if (r->prev.has_data) {
        fprintf(out, "%s: %d\n", adm_word(r->lang, ADM_WORD_BRACKETS), r->prev.year);
    }
    if (n->n == 0) {
        fprintf(out, "\n%s\n",
                r->lang == ADM_LANG_NB ? "(ingen sentre på serveren)"
                                       : "(no centres on the server)");
    }
    for (size_t i = 0; i < r->n_rows; i++) {
        const AdmRow *row = &r->rows[i];
        if (i == 0 || strcmp(r->rows[i - 1].group, row->group) != 0) {
            fprintf(out, "\n%s:\n", ADM_ESC(row->group));
        }
        adm_report_cell(r, row, cell, sizeof cell);
        fprintf(out, "  %s: %s\n", row->label, cell);
    }
}

/* {"year", "last_year" (null: no centre has figures then), "language", "centres" (how many on
 * the server), "national": the totals, "ranking": each centre {place, code, name, figures,
 * "last_year": {place, figures} or null}, "figures": the rows as the local report's JSON}. */
static int print_json(FILE *out, const NatReport *n, const AdmReport *r)
{
    int rc = ADM_EXIT_OK;
    char *text = NULL;
    cJSON *root = cJSON_CreateObject();
    if (root == NULL || cJSON_AddNumberToObject(root, "year", n->year) == NULL ||
        (r->prev.has_data ? cJSON_AddNumberToObject(root, "last_year", n->year - 1)
                          : cJSON_AddNullToObject(root, "last_year")) == NULL ||
        cJSON_AddStringToObject(root, "language", r->lang == ADM_LANG_NB ? "nb" : "en") == NULL ||
        cJSON_AddNumberToObject(root, "centres", (double)n->n_centres) == NULL) {
        goto out_nomem;
    }
    cJSON *nation = json_line(&n->nation, false, false);
    if (nation == NULL) {
        goto out_nomem;
    }
    cJSON_AddItemToObject(root, "national", nation);
    cJSON *ranking = cJSON_AddArrayToObject(root, "ranking");
    if (ranking == NULL) {
        goto out_nomem;
    }
    for (size_t i = 0; i < n->n; i++) {
        cJSON *c = json_line(&n->centres[i], false, true);
        if (c == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToArray(ranking, c);
    }
    if (!adm_report_json_rows(r, root)) {
        goto out_nomem;
    }
    text = cJSON_Print(root);
    if (text == NULL) {
        goto out_nomem;
    }
    fprintf(out, "%s\n", text);
    goto out_free;
out_nomem:
    rc = adm_fail("cannot make the national report: out of memory");
out_free:
    cJSON_free(text);
    cJSON_Delete(root);
    return rc;
}

/* A centre's (or the nation's) figures; last: last year's instead; with_place: place, code and
 * name too, and last year's under "last_year" (null when the centre had none). */
static cJSON *json_line(const NatLine *line, bool last, bool with_place)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    const int64_t *v = last ? line->last : line->now;
    if (with_place && (cJSON_AddNumberToObject(
                           o, "place", (double)(last ? line->p_place : line->place)) == NULL ||
                       (!last && (cJSON_AddStringToObject(o, "code", line->code) == NULL ||
                                  cJSON_AddStringToObject(o, "name", line->name) == NULL)))) {
        goto out_nomem;
    }
    for (int f = 0; f < NAT_FIGURES; f++) {
        if (cJSON_AddNumberToObject(o, figures[f].metric, (double)v[f]) == NULL) {
            goto out_nomem;
        }
    }
    if (cJSON_AddNumberToObject(o, "avg_loan_days", (double)avg_hundredths(v) / 100.0) == NULL) {
        goto out_nomem;
    }
    if (!last) {
        cJSON *prev = line->has_last ? json_line(line, true, with_place) : cJSON_CreateNull();
        if (prev == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToObject(o, "last_year", prev);
    }
    return o;
out_nomem:
    cJSON_Delete(o);
    return NULL;
}

/* libpq's message of a result (or of the connection) on one line, without the final newline */
static const char *pq_message(const PGconn *pg, const PGresult *res)
{
    static char buf[512];
    const char *m = res != NULL ? PQresultErrorMessage(res) : "";
    if (m[0] == '\0') {
        m = PQerrorMessage(pg);
    }
    size_t o = 0;
    for (const char *p = m; *p != '\0' && o + 1 < sizeof buf; p++) {
        buf[o++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    }
    while (o > 0 && buf[o - 1] == ' ') {
        o--;
    }
    buf[o] = '\0';
    return buf;
}
