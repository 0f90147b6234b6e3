//! The C ABI: the functions of `include/cmmm.h` (generated from this file by cbindgen).
//!
//! Conventions, the same for every function:
//!
//! - Text goes in as a pointer and a byte length (UTF-8, no terminating NUL needed); profile
//!   ids as NUL-terminated strings.
//! - Results come back through out-parameters as NUL-terminated UTF-8 strings that the caller
//!   owns and releases with [`cmmm_string_free`]; models as handles released with
//!   [`cmmm_model_free`].
//! - Every function that returns a [`Status`] first sets its out-parameters to NULL / 0, then
//!   returns `CMMM_STATUS_OK` or an error class. On an error, [`cmmm_last_error`],
//!   [`cmmm_last_error_code`] and [`cmmm_last_error_location`] describe it; they are
//!   per-thread and stay valid until the next status-returning call on the same thread.
//! - A NULL where a pointer is required is `CMMM_STATUS_INVALID_ARGUMENT`, never a crash.
//!   Every export runs inside `catch_unwind`: a panic in the engine (a bug) becomes
//!   `CMMM_STATUS_PANIC`.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use cmmm_score::{Detail, Options, Scorer};

use crate::json;
use crate::status::{FfiError, Status};

/// A validated model. Opaque: create it with `cmmm_model_load`, release it with
/// `cmmm_model_free`. Scoring only reads it, so one handle may be used by any number of
/// threads at once; it must not be freed while a call that uses it is running.
pub struct CmmmModel {
    scorer: Scorer<'static>,
}

// A handle is shared by threads for scoring: the model must stay Send + Sync.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<CmmmModel>()
};

/// Scoring options. Initialise with `{0}` (or pass NULL) for the defaults.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CmmmOptions {
    /// Score unrated in-scope requirements as the lowest scale point (listed in a
    /// `scored-as-none` warning) instead of failing with `missing-ratings`.
    pub allow_missing: bool,
    /// Whether `target` is set. When false, gaps are computed for the level above the one
    /// reached.
    pub has_target: bool,
    /// Level to compute gaps and the plan for (1 … the model's top level; anything else is
    /// `CMMM_STATUS_INVALID_OPTIONS`, code `invalid-target`). Read only when `has_target`.
    pub target: u8,
    /// How much of the result to compute and return: `CMMM_DETAIL_FULL` (0, the default),
    /// `CMMM_DETAIL_SUMMARY`, `CMMM_DETAIL_PROFILE` or `CMMM_DETAIL_GAPS` (see
    /// `data/schema/result.schema.json`, field `detail`). Any other value is
    /// `CMMM_STATUS_INVALID_OPTIONS`, code `invalid-detail`.
    pub detail: u8,
}

/// `cmmm_options.detail`: the whole result, with C and B per node and level (the default).
pub const CMMM_DETAIL_FULL: u8 = 0;
/// `cmmm_options.detail`: the decisions only (level, S, T(n), thresholds, own levels, plan
/// size, warnings).
pub const CMMM_DETAIL_SUMMARY: u8 = 1;
/// `cmmm_options.detail`: the summary and D(s,n) of every sub-domain.
pub const CMMM_DETAIL_PROFILE: u8 = 2;
/// `cmmm_options.detail`: the profile, the gap list and the plan.
pub const CMMM_DETAIL_GAPS: u8 = 3;

impl TryFrom<CmmmOptions> for Options {
    type Error = FfiError;

    fn try_from(o: CmmmOptions) -> Result<Options, FfiError> {
        let detail = match o.detail {
            CMMM_DETAIL_FULL => Detail::Full,
            CMMM_DETAIL_SUMMARY => Detail::Summary,
            CMMM_DETAIL_PROFILE => Detail::Profile,
            CMMM_DETAIL_GAPS => Detail::Gaps,
            other => return Err(FfiError::invalid_detail(&other.to_string())),
        };
        Ok(Options::new()
            .allow_missing(o.allow_missing)
            .target(o.has_target.then_some(o.target))
            .detail(detail))
    }
}

/// The last error of a thread, as C strings (owned here, lent to the caller).
struct LastError {
    message: CString,
    /// The message in Chinese where the core has one, else the English one.
    message_zh: CString,
    code: CString,
    location: CString,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// A C string of `s`; a NUL inside (a rating text may hold `\u0000`) is written `\0` so
/// nothing after it is lost.
fn c_string(s: &str) -> CString {
    let s = if s.contains('\0') {
        s.replace('\0', "\\0")
    } else {
        s.to_string()
    };
    // Every NUL was replaced just above.
    CString::new(s).unwrap_or_default()
}

/// Records the outcome of a call as the thread's last error (cleared on success).
fn record(result: Result<(), FfiError>) -> Status {
    let (status, last) = match result {
        Ok(()) => (Status::Ok, None),
        Err(e) => (
            e.status,
            Some(LastError {
                message: c_string(&e.to_string()),
                message_zh: match &e.message_zh {
                    Some(zh) => c_string(&format!("{}：{zh}", e.code)),
                    None => c_string(&e.to_string()),
                },
                code: c_string(e.code),
                location: c_string(&e.location),
            }),
        ),
    };
    // During thread teardown the slot may be gone; the status still tells the class.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = last;
        }
    });
    status
}

/// The text of a panic payload.
fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Runs the body of an export: catches a panic, records the last error, returns the status.
///
/// `AssertUnwindSafe`: after a panic nothing the closure touched is observed again: inputs
/// are read-only (a model's lazily derived data is a `OnceLock`, left unset by a panic) and
/// out-parameters are written only on success.
fn run(body: impl FnOnce() -> Result<(), FfiError>) -> Status {
    let guarded = catch_unwind(AssertUnwindSafe(|| {
        let result = match catch_unwind(AssertUnwindSafe(body)) {
            Ok(result) => result,
            Err(payload) => {
                let e = FfiError::panic(&panic_text(&*payload));
                // Dropping the payload may itself panic; never let it cross the boundary.
                let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
                Err(e)
            }
        };
        record(result)
    }));
    guarded.unwrap_or(Status::Panic)
}

/// Borrows `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
/// `ptr`, when not NULL, points to `len` readable bytes that stay unchanged for `'a`.
unsafe fn text_arg<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a str, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::invalid_argument(name, "NULL pointer"));
    }
    if len > isize::MAX as usize {
        return Err(FfiError::invalid_argument(
            name,
            "length larger than any object can be",
        ));
    }
    // SAFETY: non-NULL, length within isize::MAX, and the caller owns `len` bytes there.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| FfiError::invalid_utf8(name, e.valid_up_to()))
}

/// Borrows a NUL-terminated UTF-8 string.
///
/// # Safety
/// `ptr`, when not NULL, points to a NUL-terminated string that stays unchanged for `'a`.
unsafe fn c_str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::invalid_argument(name, "NULL pointer"));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    let s = unsafe { CStr::from_ptr(ptr) };
    s.to_str()
        .map_err(|e| FfiError::invalid_utf8(name, e.valid_up_to()))
}

/// Checks a string out-parameter pair and empties it (`*out = NULL`, `*out_len = 0`).
///
/// # Safety
/// Each pointer, when not NULL, is valid for a write.
unsafe fn clear_string_out(out: *mut *mut c_char, out_len: *mut usize) -> Result<(), FfiError> {
    if !out_len.is_null() {
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { *out_len = 0 };
    }
    if out.is_null() {
        return Err(FfiError::invalid_argument("out", "NULL pointer"));
    }
    // SAFETY: as above.
    unsafe { *out = std::ptr::null_mut() };
    Ok(())
}

/// Hands `s` to the caller as a NUL-terminated string in `*out`, its length in `*out_len`.
///
/// # Safety
/// `out` is non-NULL and both pointers are writable (checked by [`clear_string_out`]).
unsafe fn put_string(
    out: *mut *mut c_char,
    out_len: *mut usize,
    s: String,
) -> Result<(), FfiError> {
    let len = s.len();
    // serde_json escapes every control character, so its output never holds a NUL byte.
    let s = CString::new(s).map_err(|_| FfiError::panic("output text holds a NUL byte"))?;
    // SAFETY: writable by the caller's contract.
    unsafe {
        *out = s.into_raw();
        if !out_len.is_null() {
            *out_len = len;
        }
    }
    Ok(())
}

/// Reads the options (NULL: the defaults).
///
/// # Safety
/// `opts`, when not NULL, points to a readable, initialised `cmmm_options`.
unsafe fn options_arg(opts: *const CmmmOptions) -> Result<Options, FfiError> {
    if opts.is_null() {
        Ok(Options::default())
    } else {
        // SAFETY: by the caller's contract.
        Options::try_from(unsafe { *opts })
    }
}

/// Scores through the JSON core and hands the result out.
///
/// # Safety
/// As for [`cmmm_model_score_json_opts`]; `scorer` is a live handle's or `None`.
unsafe fn score_into(
    scorer: Option<&Scorer>,
    assessment: *const c_char,
    len: usize,
    opts: *const CmmmOptions,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Result<(), FfiError> {
    // SAFETY: forwarded caller contracts.
    unsafe {
        clear_string_out(out, out_len)?;
        let text = text_arg(assessment, len, "assessment")?;
        let options = options_arg(opts)?;
        let result = json::score(scorer, text, &options)?;
        put_string(out, out_len, result)
    }
}

/// Borrows the scorer of a handle.
///
/// # Safety
/// `model`, when not NULL, is a live handle from `cmmm_model_load`.
unsafe fn model_arg<'a>(model: *const CmmmModel) -> Result<&'a Scorer<'static>, FfiError> {
    if model.is_null() {
        return Err(FfiError::invalid_argument("model", "NULL pointer"));
    }
    // SAFETY: a live handle by the caller's contract.
    Ok(unsafe { &(*model).scorer })
}

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the package version holds no NUL"),
    };

/// The engine's version, e.g. `"0.1.0"`.
///
/// Ownership: a static string owned by the library; never free it.
#[no_mangle]
pub extern "C" fn cmmm_version() -> *const c_char {
    // Cannot panic; guarded all the same, like every export.
    catch_unwind(|| VERSION.as_ptr()).unwrap_or(c"".as_ptr())
}

/// Scores an assessment with the embedded default model (`gbt39116-2020`, illustrative
/// requirements and placeholder weights) and default options.
///
/// `assessment` is the assessment file's JSON text (`data/schema/assessment.schema.json`), `len`
/// bytes of UTF-8 (no terminating NUL needed). On `CMMM_STATUS_OK`, `*out` is the result as
/// compact JSON (`data/schema/result.schema.json`) and `*out_len` its length in bytes (without
/// the terminating NUL); `out_len` may be NULL.
///
/// Ownership: `assessment` stays the caller's and is only read during the call. `*out` is
/// owned by the caller: release it with `cmmm_string_free`. On an error `*out` is NULL.
///
/// # Safety
/// `assessment` points to at least `len` readable bytes (a length past the data the caller
/// owns cannot be detected); `out` and `out_len`, when not NULL, are writable.
#[no_mangle]
pub unsafe extern "C" fn cmmm_score_json(
    assessment: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded caller contract.
    run(|| unsafe { score_into(None, assessment, len, std::ptr::null(), out, out_len) })
}

/// As `cmmm_score_json` (the embedded default model) with options; `opts` NULL means the
/// defaults.
///
/// Ownership: `assessment` and `opts` stay the caller's and are only read during the call.
/// `*out` is owned by the caller: release it with `cmmm_string_free`.
///
/// # Safety
/// As for `cmmm_score_json`; `opts`, when not NULL, points to an initialised `cmmm_options`.
#[no_mangle]
pub unsafe extern "C" fn cmmm_score_json_opts(
    assessment: *const c_char,
    len: usize,
    opts: *const CmmmOptions,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded caller contract.
    run(|| unsafe { score_into(None, assessment, len, opts, out, out_len) })
}

/// Parses and validates a model file's JSON text (`data/schema/model.schema.json`), `len`
/// bytes of UTF-8. On `CMMM_STATUS_OK`, `*out` is a new model handle.
///
/// Errors: `CMMM_STATUS_INVALID_JSON` (not JSON of the model's shape; the location is the JSON
/// path), `CMMM_STATUS_INVALID_MODEL` (a rule of the model format is broken; the message lists
/// every fault, the location is the first one's JSON path).
///
/// Ownership: `model_json` stays the caller's (the model keeps its own copy of what it
/// needs). `*out` is owned by the caller: release it with `cmmm_model_free`. On an error
/// `*out` is NULL. A handle may be used by several threads at once for scoring and
/// templates; it must not be freed while any call using it runs.
///
/// # Safety
/// `model_json` points to at least `len` readable bytes; `out`, when not NULL, is writable.
#[no_mangle]
pub unsafe extern "C" fn cmmm_model_load(
    model_json: *const c_char,
    len: usize,
    out: *mut *mut CmmmModel,
) -> Status {
    run(|| {
        if out.is_null() {
            return Err(FfiError::invalid_argument("out", "NULL pointer"));
        }
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { *out = std::ptr::null_mut() };
        // SAFETY: by the caller's contract.
        let text = unsafe { text_arg(model_json, len, "model_json") }?;
        let scorer = json::load_scorer(text)?;
        let handle = Box::into_raw(Box::new(CmmmModel { scorer }));
        // SAFETY: as above.
        unsafe { *out = handle };
        Ok(())
    })
}

/// Scores an assessment against a loaded model with default options; as `cmmm_score_json`
/// otherwise. A NULL `model` (for example a handle set to NULL after `cmmm_model_free`) is
/// `CMMM_STATUS_INVALID_ARGUMENT`.
///
/// Ownership: `model` and `assessment` stay the caller's and are only read during the call.
/// `*out` is owned by the caller: release it with `cmmm_string_free`.
///
/// Threads: any number of threads may score with the same `model` at once.
///
/// # Safety
/// `model`, when not NULL, is a live handle from `cmmm_model_load` (not freed); otherwise as
/// for `cmmm_score_json`.
#[no_mangle]
pub unsafe extern "C" fn cmmm_model_score_json(
    model: *const CmmmModel,
    assessment: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded caller contract.
    run(|| unsafe {
        clear_string_out(out, out_len)?;
        let model = model_arg(model)?;
        score_into(Some(model), assessment, len, std::ptr::null(), out, out_len)
    })
}

/// Scores an assessment against a loaded model with options (`opts` NULL: the defaults); as
/// `cmmm_model_score_json` otherwise.
///
/// Ownership: `model`, `assessment` and `opts` stay the caller's and are only read during the
/// call. `*out` is owned by the caller: release it with `cmmm_string_free`.
///
/// Threads: any number of threads may score with the same `model` at once.
///
/// # Safety
/// As for `cmmm_model_score_json`; `opts`, when not NULL, points to an initialised
/// `cmmm_options`.
#[no_mangle]
pub unsafe extern "C" fn cmmm_model_score_json_opts(
    model: *const CmmmModel,
    assessment: *const c_char,
    len: usize,
    opts: *const CmmmOptions,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded caller contract.
    run(|| unsafe {
        clear_string_out(out, out_len)?;
        let model = model_arg(model)?;
        score_into(Some(model), assessment, len, opts, out, out_len)
    })
}

/// A blank questionnaire for `profile` (a NUL-terminated profile id such as `"discrete"`) of
/// `model`, or of the embedded default model when `model` is NULL: every in-scope requirement
/// with its sub-domain, level and text and a `null` rating, as compact assessment JSON. Fill in
/// the ratings and it can be scored.
///
/// Errors: `CMMM_STATUS_INVALID_ARGUMENT` for a NULL `profile` or `out`, and for a profile the
/// model lacks (code `unknown-profile`).
///
/// Ownership: `model` and `profile` stay the caller's. `*out` is owned by the caller: release
/// it with `cmmm_string_free`.
///
/// # Safety
/// `model`, when not NULL, is a live handle; `profile`, when not NULL, is NUL-terminated;
/// `out` and `out_len`, when not NULL, are writable.
#[no_mangle]
pub unsafe extern "C" fn cmmm_template_json(
    model: *const CmmmModel,
    profile: *const c_char,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded caller contract.
    run(|| unsafe {
        clear_string_out(out, out_len)?;
        let model = if model.is_null() {
            None
        } else {
            Some(model_arg(model)?.model())
        };
        let profile = c_str_arg(profile, "profile")?;
        let text = json::template(model, profile)?;
        put_string(out, out_len, text)
    })
}

/// Releases a model handle from `cmmm_model_load`. NULL is accepted and ignored. Set your
/// copy of the handle to NULL afterwards: a freed handle must not be used or freed again.
///
/// Ownership: takes the handle back from the caller. No other call may be using it.
///
/// # Safety
/// `model` is NULL or a live handle from `cmmm_model_load` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn cmmm_model_free(model: *mut CmmmModel) {
    if model.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: a live handle made by Box::into_raw in cmmm_model_load.
        drop(unsafe { Box::from_raw(model) });
    }));
}

/// Releases a string returned through an `out` parameter of this library. NULL is accepted
/// and ignored.
///
/// Ownership: takes the string back from the caller. Never pass a string from another source
/// (or `cmmm_version`, `cmmm_last_error*`).
///
/// # Safety
/// `s` is NULL or a string from this library not yet freed.
#[no_mangle]
pub unsafe extern "C" fn cmmm_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: made by CString::into_raw in this library, not yet freed.
        drop(unsafe { CString::from_raw(s) });
    }));
}

/// Which of the last error's strings to lend.
fn last_error_part(part: fn(&LastError) -> *const c_char) -> *const c_char {
    catch_unwind(|| {
        LAST_ERROR
            .try_with(|slot| slot.try_borrow().ok().and_then(|e| e.as_ref().map(part)))
            .ok()
            .flatten()
    })
    .ok()
    .flatten()
    .unwrap_or(c"".as_ptr())
}

/// The message of this thread's last error: `"<code>: <what>"`, e.g.
/// `"invalid-rating: ratings.data.2.a: `7` is not on the rating scale (…)"`; `""` when the
/// last status-returning call on this thread succeeded (or there was none). Never NULL.
///
/// Ownership: owned by the library, valid until the next status-returning call on the same
/// thread (`cmmm_version`, the free functions and the `cmmm_last_error*` functions leave it
/// alone). Copy it to keep it; never free it.
#[no_mangle]
pub extern "C" fn cmmm_last_error() -> *const c_char {
    last_error_part(|e| e.message.as_ptr())
}

/// The message of this thread's last error in Chinese, `"<code>：<what>"`, for the faults of
/// an assessment, as the CLI's `--lang zh` gives them (`invalid-rating`: "… 不在评分等级中
/// （可填：…）"); where the engine has only English (a model's faults, arguments), the same
/// as `cmmm_last_error`; `""` after a success. Never NULL.
///
/// Ownership: as for `cmmm_last_error`.
#[no_mangle]
pub extern "C" fn cmmm_last_error_zh() -> *const c_char {
    last_error_part(|e| e.message_zh.as_ptr())
}

/// The stable code of this thread's last error (the core's `code()`: `invalid-json`,
/// `invalid-rating`, `missing-ratings`, `invalid-model`, …, or `invalid-argument`,
/// `invalid-utf8`, `panic`); `""` after a success. Never NULL.
///
/// Ownership: as for `cmmm_last_error`.
#[no_mangle]
pub extern "C" fn cmmm_last_error_code() -> *const c_char {
    last_error_part(|e| e.code.as_ptr())
}

/// Where this thread's last error is: a JSON path (`ratings.data.2.a`, `tailoring[0].reason`),
/// a field (`profile`, `target`, `scope`) or an argument name (`assessment`, `out`); `""`
/// after a success or when there is no place to name. Never NULL.
///
/// Ownership: as for `cmmm_last_error`.
#[no_mangle]
pub extern "C" fn cmmm_last_error_location() -> *const c_char {
    last_error_part(|e| e.location.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last(part: extern "C" fn() -> *const c_char) -> String {
        // SAFETY: the library's strings are NUL-terminated and live until the next call.
        unsafe { CStr::from_ptr(part()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn a_panic_becomes_a_status() {
        let status = run(|| panic!("boom"));
        assert_eq!(status, Status::Panic);
        assert_eq!(last(cmmm_last_error_code), "panic");
        assert!(last(cmmm_last_error).starts_with("panic: "));
        assert!(last(cmmm_last_error).contains("boom"));
        assert_eq!(
            last(cmmm_last_error_zh),
            last(cmmm_last_error),
            "no Chinese text: the English"
        );
        // A later success clears it.
        assert_eq!(run(|| Ok(())), Status::Ok);
        assert_eq!(last(cmmm_last_error), "");
        assert_eq!(last(cmmm_last_error_code), "");
        assert_eq!(last(cmmm_last_error_zh), "");
    }

    #[test]
    fn nul_in_a_message_is_kept_visible() {
        assert_eq!(c_string("a\0b").to_bytes(), b"a\\0b");
        assert_eq!(c_string("plain").to_bytes(), b"plain");
    }

    #[test]
    fn version_is_the_package_version() {
        assert_eq!(last(cmmm_version), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn round_trip_through_the_exports() {
        let text = br#"{"profile": "discrete", "ratings": {}}"#;
        let mut out: *mut c_char = std::ptr::null_mut();
        let mut len = 0usize;
        let opts = CmmmOptions {
            allow_missing: true,
            has_target: true,
            target: 3,
            detail: CMMM_DETAIL_GAPS,
        };
        // SAFETY: valid buffers and out-parameters.
        let status = unsafe {
            cmmm_score_json_opts(text.as_ptr().cast(), text.len(), &opts, &mut out, &mut len)
        };
        assert_eq!(status, Status::Ok);
        // SAFETY: a string from the library, freed once below.
        let result = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
        assert_eq!(result.len(), len);
        let expected = json::score(
            None,
            std::str::from_utf8(text).unwrap(),
            &opts.try_into().unwrap(),
        );
        assert_eq!(Ok(result), expected);
        // SAFETY: from the library, not yet freed.
        unsafe { cmmm_string_free(out) };

        // SAFETY: NULL is accepted everywhere and reported.
        let status = unsafe { cmmm_score_json(std::ptr::null(), 0, &mut out, &mut len) };
        assert_eq!(status, Status::InvalidArgument);
        assert!(out.is_null());
        assert_eq!(last(cmmm_last_error_location), "assessment");
    }
}
