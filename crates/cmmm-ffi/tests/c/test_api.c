/*
 * C test suite of the cmmm C API, compiled with -std=c99 -Wall -Wextra -Werror against the
 * committed header and the built library, and run (under valgrind when present) by
 * crates/cmmm-ffi/tests/c_api.rs, which first writes the golden vectors as plain files.
 *
 *   test_api VECTOR_DIR MODEL_FILE ASSESSMENT_FILE
 *
 * VECTOR_DIR holds vectors.txt (one vector name a line) and for each NAME:
 *   NAME.model       the model JSON text
 *   NAME.assessment  the assessment text, exactly as the Rust suite scores it
 *   NAME.opts        "ALLOW_MISSING HAS_TARGET TARGET DETAIL" (four integers; DETAIL one
 *                    of the CMMM_DETAIL_* values)
 *   NAME.expect      "ok\n" followed by the exact result string of the Rust engine, or
 *                    "error\nSTATUS\nCODE\nLOCATION\n"
 * and broken-model.json, a well-formed model that breaks a rule (its gate).
 * MODEL_FILE is the default model's file, ASSESSMENT_FILE a complete questionnaire for it.
 *
 * Prints one line per failed check and closes with "N passed, N failed"; exit status 1 on
 * any failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmmm.h"

static int passed, failed;

static void check(int ok, int line, const char *what, const char *context) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: %s [%s]\n", line, what, context ? context : "");
    }
}

#define CHECK(cond, context) check((cond) ? 1 : 0, __LINE__, #cond, (context))

/* Reads a whole file into a new NUL-terminated buffer; the caller frees it. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *grown;
            cap = cap ? cap * 2 : 4096;
            grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        n += fread(buf + n, 1, cap - n - 1, f);
        if (ferror(f)) {
            free(buf);
            fclose(f);
            return NULL;
        }
        if (feof(f)) {
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL) {
        *len = n;
    }
    return buf;
}

static char *path_of(const char *dir, const char *name, const char *ext) {
    size_t n = strlen(dir) + strlen(name) + strlen(ext) + 3;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s%s", dir, name, ext);
    }
    return p;
}

static char *read_in(const char *dir, const char *name, const char *ext, size_t *len) {
    char *p = path_of(dir, name, ext);
    char *text = p ? read_file(p, len) : NULL;
    free(p);
    return text;
}

/* Checks an error: its status, code, location, and a message that starts with "code: ". */
static void check_error(int line, const char *label, cmmm_status got, cmmm_status status,
                        const char *code, const char *location) {
    const char *msg = cmmm_last_error();
    const char *got_code = cmmm_last_error_code();
    const char *got_location = cmmm_last_error_location();
    size_t n = strlen(code);
    check(got == status, line, "status", label);
    check(got_code != NULL && strcmp(got_code, code) == 0, line, "cmmm_last_error_code()", label);
    if (location != NULL) {
        check(got_location != NULL && strcmp(got_location, location) == 0, line,
              "cmmm_last_error_location()", label);
    }
    check(msg != NULL && strncmp(msg, code, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ', line,
          "cmmm_last_error() starts with \"code: \"", label);
    if (got != status || (got_code != NULL && strcmp(got_code, code) != 0)) {
        printf("  got status %d, code %s, location %s, message %s\n", (int)got,
               got_code ? got_code : "(null)", got_location ? got_location : "(null)",
               msg ? msg : "(null)");
    }
}

#define CHECK_ERROR(label, got, status, code, location) \
    check_error(__LINE__, (label), (got), (status), (code), (location))

static int last_error_is_clear(void) {
    return strcmp(cmmm_last_error(), "") == 0 && strcmp(cmmm_last_error_code(), "") == 0 &&
           strcmp(cmmm_last_error_location(), "") == 0 && strcmp(cmmm_last_error_zh(), "") == 0;
}

/* ---- golden vectors ---------------------------------------------------------------- */

static void run_vector(const char *dir, const char *name) {
    size_t model_len = 0, text_len = 0, expect_len = 0;
    char *model_text = read_in(dir, name, ".model", &model_len);
    char *text = read_in(dir, name, ".assessment", &text_len);
    char *opts_text = read_in(dir, name, ".opts", NULL);
    char *expect = read_in(dir, name, ".expect", &expect_len);
    cmmm_model *model = NULL;
    cmmm_options opts = {0};
    int allow_missing = 0, has_target = 0, target = 0, detail = 0;
    char *out = NULL;
    size_t out_len = 0;
    cmmm_status st;

    if (model_text == NULL || text == NULL || opts_text == NULL || expect == NULL) {
        CHECK(!"vector files readable", name);
        goto done;
    }
    if (sscanf(opts_text, "%d %d %d %d", &allow_missing, &has_target, &target, &detail) != 4) {
        CHECK(!"options readable", name);
        goto done;
    }
    opts.allow_missing = allow_missing != 0;
    opts.has_target = has_target != 0;
    opts.target = (uint8_t)target;
    opts.detail = (uint8_t)detail;

    st = cmmm_model_load(model_text, model_len, &model);
    CHECK(st == CMMM_STATUS_OK && model != NULL, name);
    if (st != CMMM_STATUS_OK) {
        printf("  %s\n", cmmm_last_error());
        goto done;
    }
    st = cmmm_model_score_json_opts(model, text, text_len, &opts, &out, &out_len);

    if (strncmp(expect, "ok\n", 3) == 0) {
        const char *want = expect + 3;
        CHECK(st == CMMM_STATUS_OK, name);
        if (st != CMMM_STATUS_OK) {
            printf("  %s\n", cmmm_last_error());
        } else {
            CHECK(out != NULL && out_len == strlen(want) && strlen(out) == out_len, name);
            CHECK(out != NULL && strcmp(out, want) == 0, name);
            CHECK(last_error_is_clear(), name);
        }
        /* Default options: the plain export gives the same string. */
        if (!opts.allow_missing && !opts.has_target && opts.detail == CMMM_DETAIL_FULL) {
            char *plain = NULL;
            st = cmmm_model_score_json(model, text, text_len, &plain, NULL);
            CHECK(st == CMMM_STATUS_OK && plain != NULL && strcmp(plain, want) == 0, name);
            cmmm_string_free(plain);
        }
    } else if (strncmp(expect, "error\n", 6) == 0) {
        int status = -1;
        char code[128] = "", location[256] = "";
        if (sscanf(expect + 6, "%d\n%127[^\n]\n%255[^\n]", &status, code, location) < 2) {
            CHECK(!"expectation readable", name);
        } else {
            CHECK(out == NULL && out_len == 0, name);
            CHECK_ERROR(name, st, (cmmm_status)status, code, location);
        }
    } else {
        CHECK(!"expectation is ok or error", name);
    }

done:
    cmmm_string_free(out);
    cmmm_model_free(model);
    free(model_text);
    free(text);
    free(opts_text);
    free(expect);
}

static int run_vectors(const char *dir) {
    char *list = read_in(dir, "vectors", ".txt", NULL);
    char *line, *next;
    int count = 0;
    if (list == NULL) {
        CHECK(!"vectors.txt readable", dir);
        return 0;
    }
    for (line = list; *line != '\0'; line = next) {
        next = strchr(line, '\n');
        if (next == NULL) {
            next = line + strlen(line);
        } else {
            *next++ = '\0';
        }
        if (*line != '\0') {
            run_vector(dir, line);
            count++;
        }
    }
    free(list);
    return count;
}

/* ---- misuse -------------------------------------------------------------------------- */

static void test_version(void) {
    const char *v = cmmm_version();
    CHECK(v != NULL && v[0] >= '0' && v[0] <= '9' && strchr(v, '.') != NULL, v);
    CHECK(cmmm_version() == v, "static string");
}

static const char MISSING[] = "{\"profile\": \"discrete\", \"ratings\": {}}";

static void test_score_misuse(void) {
    char *out = (char *)&out; /* garbage that must become NULL */
    size_t len = 12345;
    cmmm_status st;
    cmmm_options opts = {0};
    static const char bad_utf8[] = "{\"profile\": \"\xff\xfe\", \"ratings\": {}}";
    static const char bounded[] = "{\"profile\": \"nope\", \"ratings\": {}}GARBAGE";
    static const char nul_rating[] =
        "{\"profile\": \"discrete\", \"ratings\": {\"org-strategy.1.a\": \"a\\u0000b\"}}";

    st = cmmm_score_json(NULL, 0, &out, &len);
    CHECK_ERROR("NULL assessment", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument",
                "assessment");
    CHECK(out == NULL && len == 0, "outputs cleared on error");

    st = cmmm_score_json(MISSING, strlen(MISSING), NULL, &len);
    CHECK_ERROR("NULL out", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument", "out");

    st = cmmm_score_json(MISSING, SIZE_MAX, &out, &len);
    CHECK_ERROR("impossible length", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument",
                "assessment");

    st = cmmm_score_json(bad_utf8, sizeof bad_utf8 - 1, &out, &len);
    CHECK_ERROR("invalid UTF-8", st, CMMM_STATUS_INVALID_UTF8, "invalid-utf8", "assessment");
    CHECK(strstr(cmmm_last_error(), "byte 13") != NULL, cmmm_last_error());

    st = cmmm_score_json("{", 1, &out, &len);
    CHECK_ERROR("truncated JSON", st, CMMM_STATUS_INVALID_JSON, "invalid-json", NULL);

    st = cmmm_score_json("", 0, &out, &len);
    CHECK_ERROR("empty text", st, CMMM_STATUS_INVALID_JSON, "invalid-json", NULL);

    st = cmmm_score_json("{\0}", 3, &out, &len);
    CHECK_ERROR("NUL inside the text", st, CMMM_STATUS_INVALID_JSON, "invalid-json", NULL);

    st = cmmm_score_json("[1, 2]", 6, &out, &len);
    CHECK_ERROR("not an object", st, CMMM_STATUS_INVALID_JSON, "invalid-json", NULL);

    st = cmmm_score_json(MISSING, strlen(MISSING), &out, &len);
    CHECK_ERROR("missing ratings", st, CMMM_STATUS_INVALID_ASSESSMENT, "missing-ratings",
                "ratings");
    CHECK(out == NULL && len == 0, "outputs cleared on error");

    /* A NUL inside a rating reaches the message as \0, not as the end of the string. */
    st = cmmm_score_json(nul_rating, strlen(nul_rating), &out, &len);
    CHECK_ERROR("NUL in a rating", st, CMMM_STATUS_INVALID_ASSESSMENT, "invalid-rating",
                "ratings.org-strategy.1.a");
    CHECK(strstr(cmmm_last_error(), "a\\0b") != NULL, cmmm_last_error());
    /* The faults of an assessment in Chinese too. */
    {
        const char *zh = cmmm_last_error_zh();
        const char *head = "invalid-rating：ratings.org-strategy.1.a：";
        CHECK(strncmp(zh, head, strlen(head)) == 0 && strstr(zh, "不在评分等级中") != NULL &&
                  strstr(zh, "a\\0b") != NULL,
              zh);
    }

    /* Only the length counts: bytes after it are not read. */
    st = cmmm_score_json(bounded, sizeof bounded - 1 - strlen("GARBAGE"), &out, &len);
    CHECK_ERROR("length bounds the text", st, CMMM_STATUS_INVALID_ASSESSMENT, "unknown-profile",
                "profile");

    opts.allow_missing = true;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, &len);
    CHECK(st == CMMM_STATUS_OK && out != NULL && len == strlen(out), "allow_missing");
    CHECK(out != NULL && strstr(out, "\"code\":\"scored-as-none\"") != NULL, "warned");
    CHECK(last_error_is_clear(), "success clears the last error");
    cmmm_string_free(out);
    out = NULL;

    opts.has_target = true;
    opts.target = 9;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, &len);
    CHECK_ERROR("target 9", st, CMMM_STATUS_INVALID_OPTIONS, "invalid-target", "target");
    opts.target = 0;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, &len);
    CHECK_ERROR("target 0", st, CMMM_STATUS_INVALID_OPTIONS, "invalid-target", "target");
    opts.target = 5;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, NULL);
    CHECK(st == CMMM_STATUS_OK && out != NULL && strstr(out, "\"target\":5") != NULL,
          "target 5, out_len NULL");
    cmmm_string_free(out);
    out = NULL;

    opts.detail = 9;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, &len);
    CHECK_ERROR("detail 9", st, CMMM_STATUS_INVALID_OPTIONS, "invalid-detail", "detail");
    opts.detail = CMMM_DETAIL_SUMMARY;
    st = cmmm_score_json_opts(MISSING, strlen(MISSING), &opts, &out, &len);
    CHECK(st == CMMM_STATUS_OK && out != NULL && strstr(out, "\"detail\":\"summary\"") != NULL &&
              strstr(out, "\"sub_domains\":[{") == NULL && strstr(out, "\"sub_domain_levels\"") != NULL,
          "summary tier");
    cmmm_string_free(out);
    opts.detail = CMMM_DETAIL_FULL;
    out = NULL;

    st = cmmm_score_json_opts(MISSING, strlen(MISSING), NULL, &out, &len);
    CHECK_ERROR("NULL options are the defaults", st, CMMM_STATUS_INVALID_ASSESSMENT,
                "missing-ratings", "ratings");
    st = cmmm_score_json_opts(NULL, 0, NULL, NULL, NULL);
    CHECK_ERROR("NULL everywhere", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument", NULL);
}

static void test_model_misuse(const char *dir, const char *model_file) {
    cmmm_model *model = (cmmm_model *)&model; /* garbage that must become NULL */
    char *out = NULL;
    size_t len = 0, model_len = 0, broken_len = 0;
    cmmm_status st;
    char *text = read_file(model_file, &model_len);
    char *broken = read_in(dir, "broken-model", ".json", &broken_len);

    CHECK(text != NULL && broken != NULL, "model files readable");
    if (text == NULL || broken == NULL) {
        free(text);
        free(broken);
        return;
    }

    st = cmmm_model_load(NULL, 10, &model);
    CHECK_ERROR("NULL model text", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument",
                "model_json");
    CHECK(model == NULL, "handle cleared on error");
    st = cmmm_model_load(text, model_len, NULL);
    CHECK_ERROR("NULL model out", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument", "out");
    st = cmmm_model_load("{\"id\": 1}", 9, &model);
    CHECK_ERROR("model JSON of the wrong shape", st, CMMM_STATUS_INVALID_JSON, "invalid-json",
                "id");
    st = cmmm_model_load("\xc3\x28", 2, &model);
    CHECK_ERROR("model text not UTF-8", st, CMMM_STATUS_INVALID_UTF8, "invalid-utf8",
                "model_json");
    st = cmmm_model_load(broken, broken_len, &model);
    CHECK_ERROR("broken model", st, CMMM_STATUS_INVALID_MODEL, "invalid-model", "gate");
    CHECK(model == NULL, "no handle for a broken model");
    CHECK(strstr(cmmm_last_error(), "[gate]") != NULL, cmmm_last_error());
    /* A model's faults are in English only: the Chinese message is the English one. */
    CHECK(strcmp(cmmm_last_error_zh(), cmmm_last_error()) == 0, cmmm_last_error_zh());

    st = cmmm_model_load(text, model_len, &model);
    CHECK(st == CMMM_STATUS_OK && model != NULL, "load the default model's file");
    free(text); /* the handle does not borrow the text */

    st = cmmm_model_score_json(model, MISSING, strlen(MISSING), &out, &len);
    CHECK_ERROR("loaded model, missing ratings", st, CMMM_STATUS_INVALID_ASSESSMENT,
                "missing-ratings", "ratings");

    /* Template of a loaded model, every rating filled in, scored. */
    st = cmmm_template_json(model, "process", &out, &len);
    CHECK(st == CMMM_STATUS_OK && out != NULL && len == strlen(out), "template");
    if (out != NULL) {
        size_t nulls = 0;
        const char *p;
        char *filled, *q;
        const char *null_rating = "\"rating\":null", *full = "\"rating\":\"full\"";
        for (p = strstr(out, null_rating); p != NULL; p = strstr(p + 1, null_rating)) {
            nulls++;
        }
        CHECK(nulls > 0 && strstr(out, "\"profile\":\"process\"") != NULL, "template shape");
        filled = malloc(len + nulls * 2 + 1);
        if (filled != NULL) {
            const char *from = out;
            q = filled;
            for (p = strstr(from, null_rating); p != NULL; p = strstr(from, null_rating)) {
                memcpy(q, from, (size_t)(p - from));
                q += p - from;
                memcpy(q, full, strlen(full));
                q += strlen(full);
                from = p + strlen(null_rating);
            }
            strcpy(q, from);
            cmmm_string_free(out);
            out = NULL;
            st = cmmm_model_score_json(model, filled, strlen(filled), &out, &len);
            CHECK(st == CMMM_STATUS_OK && out != NULL &&
                      strstr(out, "\"total\":\"5\",\"level\":5,") != NULL,
                  "a filled-in template scores level 5");
            free(filled);
        }
    }
    cmmm_string_free(out);
    out = NULL;

    /* The default model's template needs no handle. */
    st = cmmm_template_json(NULL, "discrete", &out, &len);
    CHECK(st == CMMM_STATUS_OK && out != NULL && strstr(out, "\"profile\":\"discrete\"") != NULL,
          "default template");
    cmmm_string_free(out);
    out = NULL;
    st = cmmm_template_json(model, NULL, &out, &len);
    CHECK_ERROR("NULL profile", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument", "profile");
    st = cmmm_template_json(NULL, "nope", &out, &len);
    CHECK_ERROR("unknown profile", st, CMMM_STATUS_INVALID_ARGUMENT, "unknown-profile",
                "profile");
    st = cmmm_template_json(NULL, "\xff", &out, &len);
    CHECK_ERROR("profile not UTF-8", st, CMMM_STATUS_INVALID_UTF8, "invalid-utf8", "profile");
    st = cmmm_template_json(NULL, "discrete", NULL, &len);
    CHECK_ERROR("NULL template out", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument", "out");
    CHECK(out == NULL, "no output on error");

    /* Freed, then NULL: every use is an error status, freeing again is a no-op. */
    cmmm_model_free(model);
    model = NULL;
    st = cmmm_model_score_json(model, MISSING, strlen(MISSING), &out, &len);
    CHECK_ERROR("freed-then-NULL handle", st, CMMM_STATUS_INVALID_ARGUMENT, "invalid-argument",
                "model");
    st = cmmm_model_score_json_opts(model, MISSING, strlen(MISSING), NULL, &out, &len);
    CHECK_ERROR("freed-then-NULL handle, opts", st, CMMM_STATUS_INVALID_ARGUMENT,
                "invalid-argument", "model");
    cmmm_model_free(model);
    cmmm_model_free(NULL);
    cmmm_string_free(NULL);
    CHECK(strcmp(cmmm_last_error_code(), "invalid-argument") == 0,
          "free functions leave the last error alone");
    free(broken);
}

/* ---- threads ------------------------------------------------------------------------- */

enum { THREADS = 4, ROUNDS = 6 };

struct job {
    const cmmm_model *model;
    const char *text;
    size_t len;
    const char *reference;
    int index;
    int passed, failed;
};

static void job_check(struct job *job, int ok, const char *what) {
    if (ok) {
        job->passed++;
    } else {
        job->failed++;
        printf("FAIL thread %d: %s\n", job->index, what);
    }
}

static void *scorer(void *arg) {
    struct job *job = arg;
    int round;
    job_check(job, last_error_is_clear(), "a new thread starts without an error");
    for (round = 0; round < ROUNDS; round++) {
        char *out = NULL;
        size_t len = 0;
        cmmm_status st;
        /* The shared handle and the embedded default model (initialised concurrently). */
        if ((round + job->index) % 2 == 0) {
            st = cmmm_model_score_json(job->model, job->text, job->len, &out, &len);
        } else {
            st = cmmm_score_json(job->text, job->len, &out, &len);
        }
        job_check(job, st == CMMM_STATUS_OK && out != NULL && len == strlen(job->reference) &&
                           strcmp(out, job->reference) == 0,
                  "same result in every thread");
        cmmm_string_free(out);

        /* Each thread's own last error survives the other threads' calls. */
        if (job->index % 2 == 0) {
            st = cmmm_model_score_json(job->model, "{", 1, &out, &len);
            job_check(job, st == CMMM_STATUS_INVALID_JSON, "invalid-json status");
        } else {
            st = cmmm_model_score_json(job->model, MISSING, strlen(MISSING), &out, &len);
            job_check(job, st == CMMM_STATUS_INVALID_ASSESSMENT, "missing-ratings status");
        }
        job_check(job,
                  strcmp(cmmm_last_error_code(),
                         job->index % 2 == 0 ? "invalid-json" : "missing-ratings") == 0,
                  "thread-local last error");
    }
    return NULL;
}

static void test_threads(const char *model_file, const char *assessment_file) {
    size_t model_len = 0, len = 0, ref_len = 0;
    char *model_text = read_file(model_file, &model_len);
    char *text = read_file(assessment_file, &len);
    cmmm_model *model = NULL;
    char *reference = NULL;
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    int i, started = 0;
    cmmm_status st;

    CHECK(model_text != NULL && text != NULL, "thread inputs readable");
    if (model_text == NULL || text == NULL) {
        goto done;
    }
    st = cmmm_model_load(model_text, model_len, &model);
    CHECK(st == CMMM_STATUS_OK, "load");
    st = cmmm_model_score_json(model, text, len, &reference, &ref_len);
    CHECK(st == CMMM_STATUS_OK && reference != NULL, "reference result");
    if (reference == NULL) {
        goto done;
    }
    /* Leave an error on this thread: the workers' calls must not touch it. */
    st = cmmm_score_json(NULL, 0, NULL, NULL);
    for (i = 0; i < THREADS; i++) {
        jobs[i].model = model;
        jobs[i].text = text;
        jobs[i].len = len;
        jobs[i].reference = reference;
        jobs[i].index = i;
        jobs[i].passed = 0;
        jobs[i].failed = 0;
        if (pthread_create(&threads[i], NULL, scorer, &jobs[i]) != 0) {
            CHECK(!"pthread_create", NULL);
            break;
        }
        started++;
    }
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        passed += jobs[i].passed;
        failed += jobs[i].failed;
    }
    CHECK(started == THREADS, "every thread ran");
    CHECK(strcmp(cmmm_last_error_code(), "invalid-argument") == 0 &&
              strcmp(cmmm_last_error_location(), "out") == 0,
          "the main thread's last error is its own");
done:
    cmmm_string_free(reference);
    cmmm_model_free(model);
    free(model_text);
    free(text);
}

int main(int argc, char **argv) {
    int vectors;
    if (argc != 4) {
        fprintf(stderr, "usage: %s VECTOR_DIR MODEL_FILE ASSESSMENT_FILE\n", argv[0]);
        return 2;
    }
    CHECK(last_error_is_clear(), "no error before any call");
    test_version();
    vectors = run_vectors(argv[1]);
    printf("golden vectors: %d scored through the C API\n", vectors);
    CHECK(vectors > 0, "golden vectors found");
    test_score_misuse();
    test_model_misuse(argv[1], argv[2]);
    test_threads(argv[2], argv[3]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
