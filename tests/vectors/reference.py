#!/usr/bin/env python3
"""Independent reference calculator for the golden vectors.

This file implements docs/spec method.md (GB/T 39117 scoring as this project implements it)
from scratch, with exact rational arithmetic (fractions.Fraction), and shares no code or data
with the Rust engine. It derives the "expect" block of every vector in this directory.

    python3 tests/vectors/reference.py           # check: every stored "expect" is re-derived
    python3 tests/vectors/reference.py --write   # (re)write every "expect" block

The vector format is described in README.md next to this file. A vector may carry an optional
"hand_check" object with figures worked out by hand from method.md (T(n), S, level); the
calculator asserts that its own results agree with them, so the spec text, this calculator and
the engine are three independent witnesses.

Only the Python standard library is used.
"""

import json
import os
import re
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
FULL_PRECISION = 28
DISPLAY_PLACES = 2


# ---------------------------------------------------------------------------------------------
# Numbers


class Num(str):
    """A JSON number, kept as the digits written in the document (never a binary float)."""


def fmt(x, places, fixed):
    """Rounds half away from zero to `places` digits; trailing zeros removed unless `fixed`."""
    negative = x < 0
    a = abs(Fraction(x))
    scaled = a * 10**places
    q, r = divmod(scaled.numerator, scaled.denominator)
    if 2 * r >= scaled.denominator:
        q += 1
    whole, frac = divmod(q, 10**places)
    digits = str(frac).zfill(places) if places else ""
    if not fixed:
        digits = digits.rstrip("0")
    sign = "-" if negative and q != 0 else ""
    return f"{sign}{whole}.{digits}" if digits else f"{sign}{whole}"


def value_str(x):
    """Full-precision string: 28 places, half away from zero, trailing zeros removed."""
    return fmt(x, FULL_PRECISION, False)


def display_str(x):
    """Display string: exactly 2 places, half away from zero."""
    return fmt(x, DISPLAY_PLACES, True)


DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
FRACTION = re.compile(r"^[0-9]+/[0-9]+$")


def exact(text):
    """An exact number from a decimal ("0.25") or a fraction of integers ("1/3")."""
    text = str(text)
    if DECIMAL.match(text) or FRACTION.match(text):
        return Fraction(text)
    raise ValueError(f"not an exact number: {text!r}")


def as_fraction(text):
    """A hand-check figure: a decimal or a fraction of integers."""
    return exact(text)


# ---------------------------------------------------------------------------------------------
# The model


class Model:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        self.id = doc["id"]
        self.levels = len(doc["levels"])
        self.scale = [(p["key"], p["label"]["zh"], exact(p["value"])) for p in doc["scale"]]
        self.top = max(v for _, _, v in self.scale)
        self.bottom = min(v for _, _, v in self.scale)
        self.gate = exact(doc["gate"])
        self.bands = [(b["level"], exact(b["min"]), exact(b["max"])) for b in doc["bands"]]
        self.rule = doc["total_rule"]
        assert self.rule in ("sum-until-first-unmet", "met-count-plus-partial"), self.rule
        # The tree, in file order.
        self.elements = []  # (id, [domain ids])
        self.domains = {}  # id -> [sub-domain ids]
        self.sub_domains = {}  # id -> [(requirement id, level)]
        self.domain_order = []
        self.sub_order = []
        self.requirements = []  # (id, sub-domain, level) in file order
        for e in doc["elements"]:
            self.elements.append((e["id"], [d["id"] for d in e["domains"]]))
            for d in e["domains"]:
                self.domain_order.append(d["id"])
                self.domains[d["id"]] = [s["id"] for s in d["sub_domains"]]
                for s in d["sub_domains"]:
                    self.sub_order.append(s["id"])
                    self.sub_domains[s["id"]] = [(q["id"], q["level"]) for q in s["requirements"]]
                    for q in s["requirements"]:
                        self.requirements.append((q["id"], s["id"], q["level"]))
        self.requirement_sub = {q: s for q, s, _ in self.requirements}
        self.profiles = {}
        for p in doc["profiles"]:
            w = p["weights"]
            weights = {}
            for layer in ("elements", "domains", "sub_domains"):
                for node, text in w[layer].items():
                    weights[node] = exact(text)
                    # Zero weights are not defined by method.md; the vectors do not use them.
                    assert weights[node] > 0, f"{path}: zero weight for {node}"
            self.profiles[p["id"]] = {
                "weights": weights,
                "excluded": list(p.get("excluded_by_default", [])),
                "tailorable": list(p.get("tailorable", [])),
            }

    def resolve(self, rating):
        """The scale value a rating names (key, Chinese label or exact value), or None."""
        if isinstance(rating, bool) or rating is None:
            return None
        if isinstance(rating, Num):
            text = str(rating)
        elif isinstance(rating, str):
            for key, zh, value in self.scale:
                if rating == key or rating == zh:
                    return value
            text = rating
        else:
            return None
        if not DECIMAL.match(text):
            return None
        v = Fraction(text)
        for _, _, value in self.scale:
            if v == value:
                return value
        return None

    def band(self, s):
        """The level whose band holds S: min <= S < max, the top band including its max."""
        found = None
        for i, (level, lo, hi) in enumerate(self.bands):
            top = i == len(self.bands) - 1
            if lo <= s and (s < hi or (top and s <= hi)):
                assert found is None, "bands overlap"
                found = level
        assert found is not None, f"S = {s} is in no band"
        return found


# ---------------------------------------------------------------------------------------------
# Scoring


class RefError(Exception):
    def __init__(self, code, location):
        super().__init__(f"{code} at {location}")
        self.code = code
        self.location = location


def weighted(children, weights):
    """Weighted mean over the children that take part (value not None), the weights of the
    remaining siblings rescaled proportionally to sum to 1. Returns (score or None, {child:
    effective weight or None})."""
    present = [(c, v) for c, v in children if v is not None]
    if not present:
        return None, {c: None for c, _ in children}
    total_w = sum(weights[c] for c, _ in present)
    eff = {c: (weights[c] / total_w if v is not None else None) for c, v in children}
    return sum(eff[c] * v for c, v in present), eff


def level_scores(model, profile, in_scope, value_of, n):
    """D, C, B (with effective weights) and T for level n."""
    w = profile["weights"]
    D, C, B = {}, {}, {}
    Wd, Wc, Wb = {}, {}, {}
    for s in model.sub_order:
        reqs = [q for q, level in model.sub_domains[s] if level == n]
        if in_scope[s] and reqs:
            D[s] = sum(value_of[q] for q in reqs) / len(reqs)
        else:
            D[s] = None
    for d in model.domain_order:
        C[d], eff = weighted([(s, D[s]) for s in model.domains[d]], w)
        Wd.update(eff)
    for e, doms in model.elements:
        B[e], eff = weighted([(d, C[d]) for d in doms], w)
        Wc.update(eff)
    T, eff = weighted([(e, B[e]) for e, _ in model.elements], w)
    Wb.update(eff)
    if T is None:
        raise RefError("nothing-to-score", "scope")
    return T, D, C, B, Wd, Wc, Wb


def totals(model, T):
    """Gate, total rule and bands: (met per level, k, S, level)."""
    met = [t >= model.gate for t in T]
    k = next((i + 1 for i, m in enumerate(met) if not m), len(T))
    if model.rule == "sum-until-first-unmet":
        s = sum(T[:k], Fraction(0))
    else:
        s = (k - 1) + T[k - 1]
    return met, k, s, model.band(s)


def find_duplicate_key(node, path):
    """The JSON path of the first object (in document order) holding a repeated key."""
    if isinstance(node, Pairs):
        keys = [k for k, _ in node]
        if len(set(keys)) != len(keys):
            return path or "."
        for k, v in node:
            found = find_duplicate_key(v, f"{path}.{k}" if path else k)
            if found:
                return found
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found = find_duplicate_key(v, f"{path}[{i}]")
            if found:
                return found
    return None


class Pairs(list):
    is_object = True


def parse_json(text):
    return json.loads(text, parse_float=Num, parse_int=Num)


def load_assessment(vector):
    """The assessment object of a vector; invalid-json when its raw text repeats a key."""
    if "assessment_text" in vector:
        text = vector["assessment_text"]
        tree = json.loads(
            text, object_pairs_hook=Pairs, parse_float=Num, parse_int=Num
        )
        dup = find_duplicate_key(tree, "")
        if dup is not None:
            raise RefError("invalid-json", dup)
        return parse_json(text)
    return vector["assessment"]


def score(model, vector):
    """The expect block of one vector (or raises RefError)."""
    a = load_assessment(vector)
    options = vector.get("options", {})
    allow_missing = bool(options.get("allow_missing", False))
    target = options.get("target")
    target = None if target is None else int(target)
    levels = model.levels

    # Model, target, profile.
    if a.get("model") is not None and a["model"] != model.id:
        raise RefError("model-mismatch", "model")
    if target is not None and not 1 <= target <= levels:
        raise RefError("invalid-target", "target")
    if a["profile"] not in model.profiles:
        raise RefError("unknown-profile", "profile")
    profile = model.profiles[a["profile"]]

    # Scope: the profile's default scope, plus included optional sub-domains, minus tailored.
    in_scope = {s: s not in profile["excluded"] for s in model.sub_order}
    included = []
    for i, s in enumerate(a.get("include", [])):
        field = f"include[{i}]"
        if s not in model.sub_domains:
            raise RefError("unknown-sub-domain", field)
        if s in included:
            raise RefError("duplicate-key", field)
        if s not in profile["excluded"]:
            raise RefError("invalid-scope", field)
        included.append(s)
        in_scope[s] = True
    tailored = []
    for i, t in enumerate(a.get("tailoring", [])):
        field = f"tailoring[{i}].sub_domain"
        s = t["sub_domain"]
        if s not in model.sub_domains:
            raise RefError("unknown-sub-domain", field)
        if s in tailored:
            raise RefError("duplicate-key", field)
        if s not in profile["tailorable"]:
            raise RefError("not-tailorable", field)
        if not in_scope[s]:
            raise RefError("invalid-scope", field)
        if not t.get("reason", "").strip():
            raise RefError("missing-reason", f"tailoring[{i}].reason")
        tailored.append(s)
        in_scope[s] = False

    # Ratings.
    value_of = {}
    for q, answer in a["ratings"].items():
        if q not in model.requirement_sub:
            raise RefError("unknown-requirement", f"ratings.{q}")
        rating = answer.get("rating") if isinstance(answer, dict) else answer
        if rating is None:
            continue  # unanswered
        if not in_scope[model.requirement_sub[q]]:
            raise RefError("out-of-scope-rating", f"ratings.{q}")
        v = model.resolve(rating)
        if v is None:
            raise RefError("invalid-rating", f"ratings.{q}")
        value_of[q] = v
    missing = []
    in_scope_count = 0
    for q, s, _ in model.requirements:
        if in_scope[s]:
            in_scope_count += 1
            if q not in value_of:
                missing.append(q)
                value_of[q] = model.bottom  # scored as the lowest point
    if missing and not allow_missing:
        raise RefError("missing-ratings", "ratings")

    # Level scores.
    T = []
    per = {"sub_domains": {}, "domains": {}, "elements": {}}
    wts = {"sub_domains": {}, "domains": {}, "elements": {}}
    for n in range(1, levels + 1):
        t, D, C, B, Wd, Wc, Wb = level_scores(model, profile, in_scope, value_of, n)
        T.append(t)
        for layer, scores, ws in (
            ("sub_domains", D, Wd),
            ("domains", C, Wc),
            ("elements", B, Wb),
        ):
            for node, v in scores.items():
                per[layer].setdefault(node, []).append(None if v is None else value_str(v))
                w = ws[node]
                wts[layer].setdefault(node, []).append(None if w is None else value_str(w))
    met, k, s, level = totals(model, T)

    # Gaps: the fewest upgrades (to the top of the scale) that reach the target level.
    if target is None and level < levels:
        target = level + 1
    gaps = None
    if target is not None:
        gaps = {
            "target": target,
            "reached": level >= target,
            "plan": plan(model, profile, in_scope, value_of, target, level),
        }

    expect = {
        "levels": [
            {
                "level": n + 1,
                "value": value_str(T[n]),
                "display": display_str(T[n]),
                "met": met[n],
                "counted": n + 1 <= k,
            }
            for n in range(levels)
        ],
        "total": {"value": value_str(s), "display": display_str(s)},
        "level": level,
        "meets_level_2": level >= 2,
        "elements": per["elements"],
        "domains": per["domains"],
        "sub_domains": per["sub_domains"],
        "weights": wts,
        "scope": {
            "sub_domains": [x for x in model.sub_order if in_scope[x]],
            "excluded": [x for x in model.sub_order if x in profile["excluded"] and x not in included],
            "requirements": in_scope_count,
        },
        "scored_as_none": missing,
        "gaps": gaps,
    }
    return expect, T, s


def plan(model, profile, in_scope, value_of, target, level):
    """The smallest set of upgrades (ratings raised to the top of the scale) that reaches
    `target`: {"upgrades": its size, "level": the highest level a smallest set reaches}.

    Raising one requirement changes only its own level's score, by a fixed positive gain, and
    S (hence the level) never decreases when any T(n) rises. So for a given number c(n) of
    upgrades at each level n, the best choice takes the c(n) largest gains of level n, and a
    search over the vectors c by increasing total size finds the minimum exactly.
    """
    if level >= target:
        return {"upgrades": 0, "level": level}
    base = []
    for n in range(1, model.levels + 1):
        base.append(level_scores(model, profile, in_scope, value_of, n)[0])
    gains = [[] for _ in range(model.levels)]
    for q, s, n in model.requirements:
        if not in_scope[s] or value_of[q] >= model.top:
            continue
        raised = dict(value_of)
        raised[q] = model.top
        gains[n - 1].append(level_scores(model, profile, in_scope, raised, n)[0] - base[n - 1])
    prefix = []
    for g in gains:
        g.sort(reverse=True)
        p = [Fraction(0)]
        for x in g:
            assert x > 0
            p.append(p[-1] + x)
        prefix.append(p)
    limits = [len(g) for g in gains]
    for size in range(1, sum(limits) + 1):
        best = None
        for counts in compositions(limits, size):
            T = [base[n] + prefix[n][c] for n, c in enumerate(counts)]
            reached = totals(model, T)[3]
            if reached >= target and (best is None or reached > best):
                best = reached
        if best is not None:
            return {"upgrades": size, "level": best}
    return {"upgrades": 0, "level": 0}  # no plan reaches the target


def compositions(limits, size):
    """Every tuple c with 0 <= c[i] <= limits[i] and sum(c) == size."""
    if not limits:
        if size == 0:
            yield ()
        return
    rest = sum(limits[1:])
    for first in range(max(0, size - rest), min(limits[0], size) + 1):
        for tail in compositions(limits[1:], size - first):
            yield (first,) + tail


# ---------------------------------------------------------------------------------------------
# Vectors


def hand_check(vector, T, s, expect):
    """Asserts the hand-worked figures of a vector against the calculation."""
    hand = vector.get("hand_check")
    if not hand:
        return
    name = vector["name"]
    if "T" in hand:
        assert len(hand["T"]) == len(T), f"{name}: hand_check.T has the wrong length"
        for n, (h, t) in enumerate(zip(hand["T"], T), start=1):
            assert as_fraction(h) == t, f"{name}: hand T({n}) = {h}, calculated {t}"
    if "S" in hand:
        assert as_fraction(hand["S"]) == s, f"{name}: hand S = {hand['S']}, calculated {s}"
    if "level" in hand:
        assert hand["level"] == expect["level"], f"{name}: hand level differs"
    if "met" in hand:
        assert hand["met"] == [x["met"] for x in expect["levels"]], f"{name}: hand met differs"


def derive(vector):
    model = Model(os.path.join(HERE, vector["model"]))
    try:
        expect, T, s = score(model, vector)
    except RefError as e:
        if "hand_check" in vector and "error" in vector["hand_check"]:
            assert vector["hand_check"]["error"] == e.code, f"{vector['name']}: hand error differs"
        return {"error": {"code": e.code, "location": e.location}}
    hand_check(vector, T, s, expect)
    return expect


def vector_files():
    return sorted(
        os.path.join(HERE, f)
        for f in os.listdir(HERE)
        if f.endswith(".json") and os.path.isfile(os.path.join(HERE, f))
    )


def main(argv):
    write = "--write" in argv
    files = vector_files()
    if not files:
        print("no vectors found", file=sys.stderr)
        return 1
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for_calc = json.loads(text, parse_float=Num, parse_int=Num)
        for key in ("name", "description", "model", "options"):
            assert key in for_calc, f"{path}: missing {key}"
        assert ("assessment" in for_calc) != ("assessment_text" in for_calc), path
        assert for_calc["name"] == os.path.basename(path)[:-5], f"{path}: name != file name"
        # Options and hand-worked figures are plain JSON values.
        plain = json.loads(text)
        for_calc["options"] = plain["options"]
        if "hand_check" in plain:
            for_calc["hand_check"] = plain["hand_check"]
        expect = derive(for_calc)
        if write:
            doc = json.loads(text)
            doc["expect"] = expect
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
                f.write("\n")
        else:
            stored = json.loads(text).get("expect")
            if stored != expect:
                bad += 1
                print(f"{os.path.basename(path)}: stored expect differs from the reference")
    print(f"{len(files)} vectors {'written' if write else 'checked'}; {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
