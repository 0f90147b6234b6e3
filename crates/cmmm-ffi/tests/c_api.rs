//! The C API from C: the documented install step into a temporary prefix, then real C
//! programs compiled against the installed (committed) header and library with
//! `-std=c99 -Wall -Wextra -Werror`:
//!
//! - `tests/c/test_api.c`, linked statically, run under valgrind when it is on PATH (and
//!   linked dynamically, run plainly): every golden vector of `tests/vectors/` scored through
//!   the C API to exactly the string the Rust engine produces, every misuse, and a
//!   multi-threaded scorer sharing one model handle;
//! - `examples/c/score.c`, built with `pkg-config --cflags --libs cmmm` and with
//!   `cmmm-static`;
//! - the README's Python ctypes example.
//!
//! The vectors are written as plain files first (C cannot easily read the vector JSON): the
//! model text, the assessment text, the options, and the expected result string computed here
//! by the core directly (`Scorer::score`, `serde_json::to_string`), or the expected error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use cmmm_ffi::c::{CMMM_DETAIL_FULL, CMMM_DETAIL_GAPS, CMMM_DETAIL_PROFILE, CMMM_DETAIL_SUMMARY};
use cmmm_ffi::FfiError;
use cmmm_model::Model;
use cmmm_score::{parse_assessment, Detail, Options, Scorer};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("cmmm-ffi-c")
}

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

fn text(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn run(command: &mut Command) -> Output {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    assert!(output.status.success(), "{shown} failed\n{}", text(&output));
    output
}

/// The install prefix, filled once by `scripts/install-c.sh --debug` (a release install is
/// the same script without `--debug`).
///
/// The script builds in a target directory of its own: a build of `-p cmmm-ffi` alone
/// resolves features differently from the workspace's, and the library's outputs have fixed
/// names (no hash, as for every cdylib), so building into the running test's target directory
/// would replace the rlib that the doctests, compiled after this, link against.
fn prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = scratch().join("prefix");
        let _ = std::fs::remove_dir_all(&prefix);
        run(Command::new("bash")
            .arg(workspace().join("scripts/install-c.sh"))
            .arg("--debug")
            .arg(&prefix)
            .env("CARGO", env!("CARGO"))
            .env("CARGO_TARGET_DIR", scratch().join("target")));
        let installed = std::fs::read(prefix.join("include/cmmm.h")).expect("installed header");
        let committed = std::fs::read(workspace().join("crates/cmmm-ffi/include/cmmm.h"))
            .expect("committed header");
        assert!(
            installed == committed,
            "the installed header is the committed one"
        );
        prefix
    })
}

/// `pkg-config ARGS` against the installed prefix, split into arguments.
fn pkg_config(args: &[&str]) -> Vec<String> {
    let out = run(Command::new("pkg-config")
        .args(args)
        .env("PKG_CONFIG_PATH", prefix().join("lib/pkgconfig")));
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Compiles C sources into `exe` with the house flags and the given pkg-config package.
fn compile(sources: &[PathBuf], package: &str, exe: &Path) {
    let flags = pkg_config(&["--cflags", "--libs", package]);
    let mut cc = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    cc.args([
        "-std=c99",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-pedantic",
        "-g",
        "-pthread",
    ])
    .args(sources)
    .arg("-o")
    .arg(exe)
    .args(flags);
    run(&mut cc);
}

fn vectors_dir() -> PathBuf {
    workspace().join("tests/vectors")
}

/// Writes every golden vector as plain files for the C suite; returns the directory.
fn write_vectors() -> PathBuf {
    let dir = scratch().join("vectors");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("vector directory");
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden vectors");
    let mut names = String::new();
    for path in &files {
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("vector")).expect("JSON");
        let model_path = vectors_dir().join(vector["model"].as_str().expect("model file"));
        let model_text = std::fs::read_to_string(&model_path).expect("model file");
        let model = Model::from_json(&model_text).expect("vector model");
        // Exactly the text the Rust suite scores.
        let assessment = match (&vector["assessment_text"], &vector["assessment"]) {
            (Value::String(s), Value::Null) => s.clone(),
            (Value::Null, a @ Value::Object(_)) => a.to_string(),
            _ => panic!("{name}: exactly one of assessment, assessment_text"),
        };
        let target = match &vector["options"]["target"] {
            Value::Null => None,
            t => Some(u8::try_from(t.as_u64().expect("target")).expect("target")),
        };
        let detail: Detail = vector["options"]["detail"]
            .as_str()
            .expect("options.detail")
            .parse()
            .expect("a tier");
        let options = Options::new()
            .allow_missing(
                vector["options"]["allow_missing"]
                    .as_bool()
                    .unwrap_or(false),
            )
            .target(target)
            .detail(detail);
        let expect = match parse_assessment(&assessment)
            .and_then(|a| Scorer::new(&model).score(&a, &options))
        {
            Ok(outcome) => {
                format!(
                    "ok\n{}",
                    serde_json::to_string(&outcome).expect("outcome serializes")
                )
            }
            Err(e) => {
                let ffi = FfiError::from(e.clone());
                format!(
                    "error\n{}\n{}\n{}\n",
                    ffi.status.as_int(),
                    e.code(),
                    e.location()
                )
            }
        };
        let detail = match detail {
            Detail::Full => CMMM_DETAIL_FULL,
            Detail::Summary => CMMM_DETAIL_SUMMARY,
            Detail::Profile => CMMM_DETAIL_PROFILE,
            _ => CMMM_DETAIL_GAPS,
        };
        let opts = format!(
            "{} {} {} {}\n",
            u8::from(options.allow_missing),
            u8::from(target.is_some()),
            target.unwrap_or(0),
            detail
        );
        for (ext, content) in [
            ("model", model_text.as_str()),
            ("assessment", assessment.as_str()),
            ("opts", opts.as_str()),
            ("expect", expect.as_str()),
        ] {
            std::fs::write(dir.join(format!("{name}.{ext}")), content).expect("write");
        }
        names.push_str(&name);
        names.push('\n');
    }
    std::fs::write(dir.join("vectors.txt"), names).expect("write");
    let broken = Model::gbt39116_2020()
        .to_json_pretty()
        .replace("\"gate\": \"0.8\"", "\"gate\": \"1.5\"");
    assert!(
        Model::from_json(&broken).is_err(),
        "the broken model is broken"
    );
    std::fs::write(dir.join("broken-model.json"), broken).expect("write");
    dir
}

/// Checks the closing line of the C suite, `N passed, 0 failed`, and returns N.
fn closing_line(output: &Output) -> u32 {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let passed = last
        .strip_suffix(" passed, 0 failed")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no clean closing line\n{}", text(output)));
    assert!(passed > 0, "{}", text(output));
    passed
}

fn suite_args(vectors: &Path) -> Vec<PathBuf> {
    vec![
        vectors.to_path_buf(),
        workspace().join("data/models/gbt39116-2020.json"),
        workspace().join("data/examples/discrete.json"),
    ]
}

#[test]
fn c_suite_static_under_valgrind() {
    let vectors = write_vectors_once();
    let exe = scratch().join("test_api_static");
    compile(
        &[workspace().join("crates/cmmm-ffi/tests/c/test_api.c")],
        "cmmm-static",
        &exe,
    );
    let valgrind = on_path("valgrind");
    let mut command = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "--num-callers=64",
            "--leak-check=full",
            "--show-leak-kinds=definite,indirect,possible",
            "--errors-for-leak-kinds=definite,indirect,possible",
            "--error-exitcode=99",
        ])
        .arg(format!(
            "--suppressions={}",
            workspace()
                .join("crates/cmmm-ffi/tests/c/valgrind.supp")
                .display()
        ))
        .arg(&exe);
        c
    } else {
        eprintln!("valgrind is not on PATH: running the C suite without it");
        Command::new(&exe)
    };
    let output = command
        .args(suite_args(&vectors))
        .output()
        .expect("run the C suite");
    assert!(output.status.success(), "{}", text(&output));
    let passed = closing_line(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if valgrind {
        assert!(
            stderr.contains("ERROR SUMMARY: 0 errors"),
            "valgrind found errors\n{}",
            text(&output)
        );
        for kind in ["definitely lost", "indirectly lost", "possibly lost"] {
            assert!(
                stderr
                    .lines()
                    .filter(|l| l.contains(kind))
                    .all(|l| l.contains(&format!("{kind}: 0 bytes"))),
                "valgrind: {kind}\n{}",
                text(&output)
            );
        }
    }
    eprintln!(
        "C suite (static{}): {passed} passed, 0 failed",
        if valgrind { ", valgrind" } else { "" }
    );
    for line in stderr.lines().filter(|l| {
        [
            "in use at exit",
            "lost:",
            "reachable:",
            "suppressed:",
            "ERROR SUMMARY",
        ]
        .iter()
        .any(|k| l.contains(k))
    }) {
        eprintln!("{line}");
    }
}

#[test]
fn c_suite_shared() {
    let vectors = write_vectors_once();
    let exe = scratch().join("test_api_shared");
    compile(
        &[workspace().join("crates/cmmm-ffi/tests/c/test_api.c")],
        "cmmm",
        &exe,
    );
    let output = Command::new(&exe)
        .args(suite_args(&vectors))
        .env("LD_LIBRARY_PATH", prefix().join("lib"))
        .output()
        .expect("run the C suite");
    assert!(output.status.success(), "{}", text(&output));
    closing_line(&output);
}

/// The vector files are written by the first test that needs them; the others reuse them.
fn write_vectors_once() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(write_vectors).clone()
}

/// What `examples/c/score.c` must print for a questionnaire, from the core directly.
fn expected_summary(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("questionnaire");
    let outcome = Scorer::new(Model::gbt39116_2020())
        .score(
            &parse_assessment(&text).expect("valid"),
            &Options::default(),
        )
        .expect("scores");
    format!("level {}\nS = {}\n", outcome.level, outcome.total.value())
}

#[test]
fn c_example_with_pkg_config() {
    let example = workspace().join("examples/c/score.c");
    let shared = scratch().join("score_shared");
    let fixed = scratch().join("score_static");
    compile(std::slice::from_ref(&example), "cmmm", &shared);
    compile(std::slice::from_ref(&example), "cmmm-static", &fixed);
    let lib = prefix().join("lib");
    for name in [
        "discrete.json",
        "process-tailored.json",
        "level-2-boundary.json",
    ] {
        let questionnaire = workspace().join("data/examples").join(name);
        let expected = expected_summary(&questionnaire);
        for exe in [&shared, &fixed] {
            let out = run(Command::new(exe)
                .arg(&questionnaire)
                .env("LD_LIBRARY_PATH", &lib));
            assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{name}");
        }
        let out = run(Command::new(&shared)
            .arg("--model")
            .arg(workspace().join("data/models/gbt39116-2020.json"))
            .arg(&questionnaire)
            .env("LD_LIBRARY_PATH", &lib));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected,
            "{name} --model"
        );
    }
    // A rejected questionnaire: exit status 1 and the stable code on stderr.
    let broken = scratch().join("broken-questionnaire.json");
    std::fs::write(
        &broken,
        r#"{"profile": "discrete", "ratings": {"x": "full"}}"#,
    )
    .expect("write");
    let out = Command::new(&shared)
        .arg(&broken)
        .env("LD_LIBRARY_PATH", &lib)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown-requirement: ratings.x: "),
        "{}",
        text(&out)
    );
}

/// The README's Python example (the ```python block of the "C API" section), run as written
/// with `CMMM_LIB` naming the installed shared library.
#[test]
fn readme_python_example() {
    if !on_path("python3") {
        eprintln!("python3 is not on PATH: the ctypes example was not run");
        return;
    }
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README");
    let section = readme
        .split("\n## C API")
        .nth(1)
        .expect("README has a \"C API\" section");
    let code = section
        .split("```python\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("the C API section has a ```python block");
    let script = scratch().join("readme_example.py");
    std::fs::write(&script, code).expect("write");
    let lib = prefix().join("lib/libcmmm.so");
    let questionnaire = workspace().join("data/examples/discrete.json");
    let out = run(Command::new("python3")
        .arg(&script)
        .arg(&questionnaire)
        .env("CMMM_LIB", &lib));
    let expected = expected_summary(&questionnaire);
    let level = expected.lines().next().expect("level line");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(level), "{}", text(&out));
    assert!(
        stdout.contains(&format!("cmmm {}", env!("CARGO_PKG_VERSION"))),
        "{}",
        text(&out)
    );

    // An error reaches Python as an exception carrying the stable code.
    let broken = scratch().join("python-broken.json");
    std::fs::write(&broken, "{").expect("write");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&broken)
        .env("CMMM_LIB", &lib)
        .output()
        .expect("run");
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("invalid-json"),
        "{}",
        text(&out)
    );
}
