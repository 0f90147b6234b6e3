//! The Python package `cmmm` (this is its extension module, `cmmm._cmmm`): Python values in,
//! the engine's calls, Python values and errors out. No scoring, reading or checking lives
//! here; every value is what the Rust crates compute, converted by [`to_py`].
//!
//! The package's Python half (`python/cmmm/__init__.py`) adds the module-level functions on
//! the default model and `to_frame`; the types are in `python/cmmm/_cmmm.pyi`.

mod to_py;

use std::fmt::Display;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use cmmm_model::{Lang, Model as CoreModel, ModelError, TemplateError};
use cmmm_score::{parse_assessment, Detail, Options, ScoreError, Scorer};
use cmmm_sheets::batch::{self, JobsError, Scored};
use cmmm_sheets::{Format, Located, ReadOptions, Source};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::to_py::to_py;

create_exception!(
    cmmm,
    CmmmError,
    PyValueError,
    "An input the engine cannot use: `code` is the stable code (`invalid-rating`, \
     `unknown-profile`, ...), `location` the field at fault (`ratings.data.2.a`) or ''."
);

/// Scored records a batch keeps ready ahead of the consumer.
const AHEAD: usize = 512;

/// An error on its way to Python: the engine's stable code, where, and what.
struct Fault {
    code: String,
    location: String,
    message: String,
}

impl Fault {
    fn new(code: &str, location: impl Into<String>, message: impl Display) -> Fault {
        Fault {
            code: code.to_string(),
            location: location.into(),
            message: message.to_string(),
        }
    }

    fn score(e: &ScoreError, lang: Lang) -> Fault {
        Fault::new(e.code(), e.location(), e.message(lang))
    }

    fn sheet(e: &Located, lang: Lang) -> Fault {
        Fault::new(e.code(), e.field(), e.message(lang))
    }

    /// The `CmmmError`: `str(e)` is `code: message`.
    fn into_err(self, py: Python<'_>) -> PyErr {
        let err = CmmmError::new_err(format!("{}: {}", self.code, self.message));
        let value = err.value(py);
        // Setting attributes on a fresh exception object does not fail.
        let _ = value.setattr("code", self.code);
        let _ = value.setattr("location", self.location);
        err
    }
}

impl From<ModelError> for Fault {
    fn from(e: ModelError) -> Fault {
        Fault::new(e.code(), e.location(), &e)
    }
}

impl From<TemplateError> for Fault {
    fn from(e: TemplateError) -> Fault {
        Fault::new(e.code(), "profile", format_args!("profile: {e}"))
    }
}

impl From<JobsError> for Fault {
    fn from(e: JobsError) -> Fault {
        Fault::new("invalid-jobs", "jobs", &e)
    }
}

/// Runs `f` with the interpreter released (other Python threads run meanwhile); a panic is
/// a `CmmmError` with code `panic`, never a crash or a `PanicException`.
fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Fault> + Send) -> PyResult<T> {
    py.detach(|| {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Fault::new(
                "panic",
                "",
                format_args!("internal error (please report it): {what}"),
            ))
        })
    })
    .map_err(|fault| fault.into_err(py))
}

/// JSON text of a `dict` (or any value `json.dumps` takes; a `Decimal` is written as its
/// digits in a string, which the engine reads exactly).
fn dumps(value: &Bound<'_, PyAny>) -> PyResult<String> {
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = value.py();
    let dumps = DUMPS.get_or_try_init(py, || -> PyResult<_> {
        Ok(py.import("json")?.getattr("dumps")?.unbind())
    })?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("default", py.get_type::<PyString>())?;
    dumps.bind(py).call((value,), Some(&kwargs))?.extract()
}

/// What an assessment or model argument holds.
enum Input {
    /// JSON text.
    Text(String),
    /// The bytes of a questionnaire in memory.
    Bytes(Vec<u8>),
    /// A questionnaire file.
    Path(PathBuf),
}

impl Input {
    /// A `str` is JSON text when its first non-blank character is `{`, else a file path; a
    /// `bytes` is a questionnaire in memory; an `os.PathLike` a file; anything else (a
    /// `dict`) is written as JSON.
    fn from_py(value: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(s) = value.cast::<PyString>() {
            let s: String = s.extract()?;
            let text = s.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
            return Ok(if text.starts_with('{') {
                Input::Text(s)
            } else {
                Input::Path(PathBuf::from(s))
            });
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(path) = value.extract::<PathBuf>() {
            return Ok(Input::Path(path));
        }
        Ok(Input::Text(dumps(value)?))
    }
}

fn parse_detail(detail: &str) -> Result<Detail, Fault> {
    detail
        .parse()
        .map_err(|e| Fault::new("invalid-detail", "detail", format_args!("detail: {e}")))
}

fn parse_lang(lang: &str) -> Result<Lang, Fault> {
    lang.parse()
        .map_err(|e| Fault::new("invalid-argument", "lang", format_args!("lang: {e}")))
}

/// The reading options of the keyword arguments.
fn read_options(
    input_format: Option<&str>,
    sheet: Option<String>,
    profile: Option<String>,
) -> Result<ReadOptions, Fault> {
    let mut opts = ReadOptions::new();
    if let Some(f) = input_format {
        let format: Format = f.parse().map_err(|e| {
            Fault::new(
                "invalid-argument",
                "input_format",
                format_args!("input_format: {e}"),
            )
        })?;
        opts = opts.format(format);
    }
    if let Some(s) = sheet {
        opts = opts.sheet(s);
    }
    if let Some(p) = profile {
        opts = opts.profile(p);
    }
    Ok(opts)
}

/// The scorer of the embedded default model, built once per process.
fn default_scorer() -> &'static Arc<Scorer<'static>> {
    static SCORER: OnceLock<Arc<Scorer<'static>>> = OnceLock::new();
    SCORER.get_or_init(|| Arc::new(Scorer::new(CoreModel::gbt39116_2020())))
}

/// A validated model, ready to score; immutable, so one model serves every thread.
#[pyclass(frozen, module = "cmmm")]
struct Model {
    scorer: Arc<Scorer<'static>>,
}

impl Model {
    fn from_core(
        py: Python<'_>,
        load: impl FnOnce() -> Result<CoreModel, ModelError> + Send,
    ) -> PyResult<Model> {
        let scorer = detached(py, || Ok(Scorer::shared(Arc::new(load()?))))?;
        Ok(Model {
            scorer: Arc::new(scorer),
        })
    }
}

#[pymethods]
impl Model {
    /// The embedded default model (GB/T 39116-2020 structure; illustrative requirements and
    /// placeholder weights, labelled so in every result).
    #[staticmethod]
    fn default() -> Model {
        Model {
            scorer: default_scorer().clone(),
        }
    }

    /// A model from its JSON text (`str` or `bytes`) or a `dict`, validated.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Model> {
        let text = if let Ok(b) = source.cast::<PyBytes>() {
            String::from_utf8(b.as_bytes().to_vec()).map_err(|e| {
                Fault::new(
                    "invalid-utf8",
                    "",
                    format_args!(
                        "model: not UTF-8 (invalid byte sequence at byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                )
                .into_err(py)
            })?
        } else if let Ok(s) = source.cast::<PyString>() {
            s.extract()?
        } else {
            dumps(source)?
        };
        Model::from_core(py, move || CoreModel::from_json(&text))
    }

    /// A model file, validated.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Model> {
        Model::from_core(py, move || CoreModel::from_path(&path))
    }

    /// The model's id, e.g. `gbt39116-2020`.
    #[getter]
    fn id(&self) -> &str {
        self.scorer.model().id()
    }

    /// The model's version.
    #[getter]
    fn version(&self) -> &str {
        self.scorer.model().version()
    }

    /// The ids of the model's profiles.
    #[getter]
    fn profiles(&self) -> Vec<&str> {
        self.scorer
            .model()
            .profiles()
            .iter()
            .map(|p| p.id.as_str())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("<cmmm.Model {} {}>", self.id(), self.version())
    }

    /// Scores one assessment: a `dict`, JSON text (`str` starting with `{`), the `bytes` of
    /// a questionnaire, or the path of a questionnaire file in any format.
    #[pyo3(signature = (assessment, *, allow_missing=false, target=None, detail="summary", lang="en", input_format=None, sheet=None, profile=None))]
    #[allow(clippy::too_many_arguments)]
    fn score<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        allow_missing: bool,
        target: Option<u8>,
        detail: &str,
        lang: &str,
        input_format: Option<&str>,
        sheet: Option<String>,
        profile: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let input = Input::from_py(assessment)?;
        let scorer = &*self.scorer;
        let prepared = (|| {
            let options = Options::new()
                .allow_missing(allow_missing)
                .target(target)
                .detail(parse_detail(detail)?);
            Ok((
                options,
                parse_lang(lang)?,
                read_options(input_format, sheet, profile)?,
            ))
        })()
        .map_err(|f: Fault| f.into_err(py))?;
        let (options, lang, opts) = prepared;
        let outcome = detached(py, move || {
            let read = |source: Source<'_>, opts: &ReadOptions| {
                let parsed =
                    cmmm_sheets::read_one(source, opts).map_err(|e| Fault::sheet(&e, lang))?;
                scorer.score(&parsed.assessment, &options).map_err(|e| {
                    Fault::new(
                        e.code(),
                        e.location(),
                        format_args!(
                            "{}: {}",
                            parsed.locate(&e.location()).describe(lang),
                            e.message(lang)
                        ),
                    )
                })
            };
            match &input {
                Input::Text(text) => {
                    let a = parse_assessment(text).map_err(|e| Fault::score(&e, lang))?;
                    scorer
                        .score(&a, &options)
                        .map_err(|e| Fault::score(&e, lang))
                }
                Input::Bytes(bytes) => {
                    let opts = match opts.format {
                        Some(_) => opts,
                        None => opts.format(Format::Json),
                    };
                    read(
                        Source::Bytes {
                            name: "<bytes>",
                            bytes,
                        },
                        &opts,
                    )
                }
                Input::Path(path) => read(Source::Path(path), &opts),
            }
        })?;
        to_py(py, &outcome)
    }

    /// A blank questionnaire for `profile`: every in-scope requirement with its sub-domain,
    /// level and text, ratings `None`, as a `dict` (an assessment).
    fn template<'py>(&self, py: Python<'py>, profile: &str) -> PyResult<Bound<'py, PyAny>> {
        let model = self.scorer.model();
        let assessment =
            cmmm_model::template(model, profile, &[]).map_err(|e| Fault::from(e).into_err(py))?;
        to_py(py, &assessment)
    }

    /// Scores every assessment of `paths` (files, or directories walked for questionnaire
    /// files, in sorted order) on `jobs` threads: an iterator of records in input order, each
    /// as `cmmm batch --format ndjson` writes it (`status` `ok` with `result`, or `error`
    /// with `code`, `message` and `location`).
    #[pyo3(signature = (paths, *, jobs=None, detail="summary", allow_missing=false, lang="en", input_format=None, sheet=None, profile=None))]
    #[allow(clippy::too_many_arguments)]
    fn batch(
        &self,
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        detail: &str,
        allow_missing: bool,
        lang: &str,
        input_format: Option<&str>,
        sheet: Option<String>,
        profile: Option<String>,
    ) -> PyResult<Batch> {
        // One path, or a list of them.
        let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
            Ok(one) => vec![one],
            Err(_) => paths.extract()?,
        };
        let scorer = self.scorer.clone();
        let started = (|| {
            let options = Options::new()
                .allow_missing(allow_missing)
                .detail(parse_detail(detail)?);
            let lang = parse_lang(lang)?;
            let opts = read_options(input_format, sheet, profile)?;
            let pool = batch::pool(jobs)?;
            let (tx, rx) = sync_channel::<Scored>(AHEAD);
            let worker = std::thread::spawn(move || {
                let files = batch::inputs(&paths);
                // A closed channel means the iterator was dropped: stop reading.
                let _ = batch::run(
                    &files,
                    &opts,
                    &pool,
                    |text, r| Scored::score(&scorer, &options, lang, None, text, r),
                    |scored| tx.send(scored).map_err(|_| ()),
                    |_| {},
                );
            });
            Ok(Batch {
                rx: Mutex::new(rx),
                worker: Mutex::new(Some(worker)),
            })
        })();
        started.map_err(|f: Fault| f.into_err(py))
    }
}

/// The records of a batch, in input order, scored ahead on the batch's threads.
#[pyclass(module = "cmmm")]
struct Batch {
    rx: Mutex<Receiver<Scored>>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

#[pymethods]
impl Batch {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        // The lock is taken with the interpreter released: a thread waiting for it never
        // holds the interpreter another needs.
        let next = py.detach(|| match self.rx.lock() {
            Ok(rx) => rx.recv().ok(),
            Err(_) => None,
        });
        match next {
            Some(scored) => Ok(Some(to_py(py, &scored)?)),
            None => {
                let worker = self.worker.lock().ok().and_then(|mut w| w.take());
                if let Some(worker) = worker {
                    if py.detach(|| worker.join()).is_err() {
                        return Err(Fault::new(
                            "panic",
                            "",
                            "internal error (please report it): the batch stopped",
                        )
                        .into_err(py));
                    }
                }
                Ok(None)
            }
        }
    }
}

/// The extension module `cmmm._cmmm`.
#[pymodule]
fn _cmmm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CmmmError", m.py().get_type::<CmmmError>())?;
    m.add_class::<Model>()?;
    m.add_class::<Batch>()?;
    Ok(())
}
