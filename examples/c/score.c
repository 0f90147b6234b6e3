/*
 * score: reads a questionnaire (an assessment JSON file), scores it with the cmmm C API and
 * prints the maturity level and the total score S.
 *
 *   scripts/install-c.sh "$HOME/.local"
 *   export PKG_CONFIG_PATH="$HOME/.local/lib/pkgconfig" LD_LIBRARY_PATH="$HOME/.local/lib"
 *   cc -std=c99 -Wall -Wextra examples/c/score.c $(pkg-config --cflags --libs cmmm) -o score
 *   ./score data/examples/discrete.json
 *   ./score --model my-model.json my-questionnaire.json
 *
 * Exit status: 0 scored, 1 the questionnaire (or model) was rejected, 2 usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmmm.h>

/* Reads a whole file into a new buffer; the caller frees it. NULL on failure. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            char *grown;
            cap = cap ? cap * 2 : 65536;
            grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        n += fread(buf + n, 1, cap - n, f);
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
    *len = n;
    return buf;
}

/*
 * Copies the JSON string value that follows `key` (after `after`, when given) in `json` into
 * `dst`. A real program would use a JSON parser; the result's key order is fixed, which is
 * enough for this example.
 */
static int find_string(const char *json, const char *after, const char *key, char *dst,
                       size_t cap) {
    const char *p = after ? strstr(json, after) : json;
    const char *end;
    if (p == NULL || (p = strstr(p, key)) == NULL) {
        return 0;
    }
    p += strlen(key);
    end = strchr(p, '"');
    if (end == NULL || (size_t)(end - p) >= cap) {
        return 0;
    }
    memcpy(dst, p, (size_t)(end - p));
    dst[end - p] = '\0';
    return 1;
}

int main(int argc, char **argv) {
    const char *model_path = NULL, *path = NULL;
    char *text, *model_text = NULL, *result = NULL;
    size_t len = 0, model_len = 0, result_len = 0;
    cmmm_model *model = NULL;
    cmmm_status status;
    const char *level;
    char value[64];

    if (argc == 4 && strcmp(argv[1], "--model") == 0) {
        model_path = argv[2];
        path = argv[3];
    } else if (argc == 2) {
        path = argv[1];
    } else {
        fprintf(stderr, "usage: %s [--model MODEL.json] QUESTIONNAIRE.json\n", argv[0]);
        return 2;
    }

    if (model_path != NULL) {
        model_text = read_file(model_path, &model_len);
        if (model_text == NULL) {
            fprintf(stderr, "%s: cannot read\n", model_path);
            return 2;
        }
        status = cmmm_model_load(model_text, model_len, &model);
        free(model_text); /* the model keeps what it needs */
        if (status != CMMM_STATUS_OK) {
            fprintf(stderr, "%s: %s\n", model_path, cmmm_last_error());
            return 1;
        }
    }

    text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        cmmm_model_free(model);
        return 2;
    }
    if (model != NULL) {
        status = cmmm_model_score_json(model, text, len, &result, &result_len);
    } else {
        status = cmmm_score_json(text, len, &result, &result_len);
    }
    free(text);
    cmmm_model_free(model);
    model = NULL;
    if (status != CMMM_STATUS_OK) {
        /* e.g. "missing-ratings: ratings: 3 in-scope requirement(s) not rated: ..." */
        fprintf(stderr, "%s: %s\n", path, cmmm_last_error());
        return 1;
    }

    /* ... "total":"2.185","level":2, ... (S at full precision, then the level) */
    if (!find_string(result, NULL, "\"total\":\"", value, sizeof value) ||
        (level = strstr(result, "\"total\":\"")) == NULL ||
        (level = strstr(level, "\"level\":")) == NULL) {
        fprintf(stderr, "%s: unexpected result shape\n", path);
        cmmm_string_free(result);
        return 2;
    }
    printf("level %d\n", atoi(level + strlen("\"level\":")));
    printf("S = %s\n", value);
    cmmm_string_free(result);
    return 0;
}
