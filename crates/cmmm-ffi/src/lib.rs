//! Embedding cmmm in other languages: the boundary contract is JSON text in, JSON text out.
//!
//! - [`json`]: the host-independent core of the boundary — load a model, score an
//!   assessment, make a template — each a single call of `cmmm-model` / `cmmm-score` with its
//!   error turned into an [`FfiError`] (class, stable code, location, message).
//! - [`c`] (native targets): the C ABI of `include/cmmm.h`, built as `cdylib` and `staticlib`.
//!   It converts pointers and errors around [`json`]; see the README's "C API" section for
//!   install, linking, ownership, the error model and threads.
//! - `wasm` (wasm32 only): the wasm-bindgen exports of the npm package `cmmm` (`version`,
//!   `model`, `template`, `score`, `radar` and the `Model` handle), converting JavaScript
//!   values and errors around [`json`]; see the README's "WASM and the web form" section.
//!
//! No scoring logic lives here: every host gets exactly what the Rust crates compute. Results
//! are compact JSON, `serde_json::to_string` of the core's `Outcome`, with every decimal a
//! string.
//!
//! ```
//! use cmmm_ffi::{json, Status};
//! use cmmm_score::Options;
//!
//! // A blank questionnaire of the embedded default model, every requirement rated "full".
//! let template = json::template(None, "discrete").unwrap();
//! let assessment = template.replace("\"rating\":null", "\"rating\":\"full\"");
//! let result = json::score(None, &assessment, &Options::default()).unwrap();
//! assert!(result.contains("\"level\":5,"));
//!
//! // Errors carry a class (the C status), the core's stable code and where.
//! let err = json::score(None, r#"{"profile": "nope", "ratings": {}}"#, &Options::default())
//!     .unwrap_err();
//! assert_eq!(err.status, Status::InvalidAssessment);
//! assert_eq!((err.code, err.location.as_str()), ("unknown-profile", "profile"));
//! ```
//!
//! The same from C:
//!
//! ```c
//! char *result = NULL;
//! size_t len = 0;
//! if (cmmm_score_json(text, text_len, &result, &len) != CMMM_STATUS_OK) {
//!     fprintf(stderr, "%s\n", cmmm_last_error()); /* "missing-ratings: ratings: 3 ..." */
//!     return 1;
//! }
//! puts(result);
//! cmmm_string_free(result);
//! ```
#![warn(missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
pub mod c;
pub mod json;
mod status;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use status::{FfiError, Status};
