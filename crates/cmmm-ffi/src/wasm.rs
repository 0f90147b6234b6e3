//! The WebAssembly exports (wasm32 only), built into the npm package `cmmm` by
//! `scripts/build-npm.sh` with wasm-bindgen.
//!
//! Thin by design: every function converts its arguments to the JSON texts of [`json`], calls
//! it, and turns the result into a plain JavaScript object with `JSON.parse` of the engine's
//! JSON text (decimals stay strings with the digits the Rust and C hosts give), or the
//! [`FfiError`] into a thrown JavaScript `Error` carrying `code` (the stable code) and
//! `location` (the JSON path, requirement id or argument at fault).
//!
//! | export | does |
//! |---|---|
//! | `version()` | the engine's version |
//! | `model(modelJson?)` | the embedded default model (or `modelJson`, validated) as a plain object |
//! | `template(profile, modelJson?)` | a blank questionnaire |
//! | `score(assessment, modelJson?, options?)` | the result of an assessment (object or JSON text) |
//! | `radar(result, lang?, modelJson?)` | the radar chart of a result, as SVG text (`cmmm-report`) |
//! | `new Model(modelJson?)` | a loaded, validated model for repeated scoring (`score`, `view`, `keyed`, …); `free()` releases it |
//!
//! The TypeScript types of the JSON contract (`Assessment`, `Outcome`, `ModelDoc`, …) are
//! generated from the JSON Schemas into `npm/types.d.ts` and embedded in the package's
//! declarations, so nothing is typed `any`.

use std::sync::Arc;

use cmmm_model::{Lang, Model};
use cmmm_score::{Detail, Options, Outcome, Scorer};
use js_sys::{Error, Reflect, JSON};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::json;
use crate::status::FfiError;

/// The allocator of the WebAssembly build: talc instead of the default dlmalloc; a scoring
/// call allocates a few thousand small blocks, and talc takes about 3 % less time per call
/// (BENCHMARKS.md, "WASM").
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_TYPES: &str = include_str!("../npm/types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = include_str!("../npm/api.d.ts");

/// The thrown form of an error: `Error` named `CmmmError` with `code`, `location` and, where
/// the core says it in Chinese, `messageZh`.
fn throw(e: FfiError) -> JsValue {
    let error = Error::new(&e.to_string());
    error.set_name("CmmmError");
    // Setting a property on a fresh, unfrozen Error object cannot fail.
    let _ = Reflect::set(&error, &"code".into(), &e.code.into());
    let _ = Reflect::set(&error, &"location".into(), &e.location.as_str().into());
    if let Some(zh) = &e.message_zh {
        let _ = Reflect::set(&error, &"messageZh".into(), &zh.as_str().into());
    }
    error.into()
}

/// The text of a JavaScript exception, for error messages.
fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "not serializable".into())
}

/// JSON text of an argument: a string as it is, any other object through `JSON.stringify`.
fn json_arg(value: &JsValue, name: &str) -> Result<String, FfiError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if !value.is_object() {
        return Err(FfiError::invalid_argument(
            name,
            "expected an object or its JSON text",
        ));
    }
    let text = JSON::stringify(value).map_err(|e| {
        FfiError::invalid_argument(
            name,
            &format!("cannot be written as JSON: {}", js_message(&e)),
        )
    })?;
    Ok(String::from(text))
}

/// A profile argument: a string (`undefined`, a number or anything else is an error with a
/// code, not the `TypeError` of a `&str` parameter).
fn profile_arg(profile: &JsValue) -> Result<String, FfiError> {
    profile.as_string().ok_or_else(|| {
        FfiError::invalid_argument("profile", "expected a profile id such as \"discrete\"")
    })
}

/// An optional model argument: `None` for `undefined` or `null` (the embedded default model).
fn model_arg(model_json: Option<JsValue>) -> Result<Option<Model>, FfiError> {
    match model_json.filter(|m| !m.is_null() && !m.is_undefined()) {
        None => Ok(None),
        Some(m) => json::load_model(&json_arg(&m, "modelJson")?).map(Some),
    }
}

/// The options object of the JavaScript API.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsOptions {
    #[serde(default)]
    allow_missing: bool,
    #[serde(default)]
    target: Option<u8>,
    #[serde(default)]
    detail: Option<Detail>,
}

/// An options object (`name` for errors) read into `T`: an object, with no unknown keys.
fn object_arg<T: serde::de::DeserializeOwned>(value: &JsValue, name: &str) -> Result<T, FfiError> {
    if !value.is_object() {
        return Err(FfiError::invalid_argument(name, "expected an object"));
    }
    let text = json_arg(value, name)?;
    serde_json::from_str(&text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        FfiError::invalid_argument(name, &what)
    })
}

fn options_arg(options: Option<JsValue>) -> Result<Options, FfiError> {
    let Some(options) = options.filter(|o| !o.is_null() && !o.is_undefined()) else {
        return Ok(Options::default());
    };
    let options: JsOptions = object_arg(&options, "options")?;
    Ok(Options::new()
        .allow_missing(options.allow_missing)
        .target(options.target)
        .detail(options.detail.unwrap_or_default()))
}

/// A plain object of JSON text the engine wrote (always valid JSON).
fn parse(text: &str) -> Result<JsValue, FfiError> {
    JSON::parse(text)
        .map_err(|e| FfiError::panic(&format!("parsing the engine's JSON: {}", js_message(&e))))
}

/// The options object of `Model.view`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct JsViewOptions {
    #[serde(default)]
    lang: Option<Lang>,
    #[serde(default)]
    target: Option<u8>,
    #[serde(default)]
    top: Option<usize>,
}

/// The language argument of a chart: `"zh"` or `"en"` (default English).
fn lang_arg(lang: Option<String>) -> Result<Lang, FfiError> {
    match lang.as_deref() {
        None => Ok(Lang::En),
        Some(text) => text
            .parse()
            .map_err(|_| FfiError::invalid_argument("lang", "expected \"zh\" or \"en\"")),
    }
}

/// The radar chart (SVG text) of a result of `model`, drawn by `cmmm-report`.
fn radar_svg(model: &Model, result: &JsValue, lang: Lang) -> Result<String, FfiError> {
    let text = json_arg(result, "result")?;
    let outcome: Outcome = serde_json::from_str(&text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        FfiError::invalid_argument("result", &format!("not a result: {what}"))
    })?;
    Ok(cmmm_report::radar::assessment(model, &outcome, lang))
}

/// An assessment argument (an object or its JSON text), parsed.
fn assessment_arg(value: &JsValue) -> Result<cmmm_model::Assessment, FfiError> {
    let text = json_arg(value, "assessment")?;
    Ok(cmmm_score::parse_assessment(&text)?)
}

/// A plain object of an engine value: `JSON.parse` of its compact JSON text.
fn object_of<T: serde::Serialize>(value: &T) -> Result<JsValue, FfiError> {
    let text =
        serde_json::to_string(value).map_err(|e| FfiError::panic(&format!("serializing: {e}")))?;
    parse(&text)
}

/// Compact JSON of a model's file data.
fn doc_json(model: &Model) -> Result<String, FfiError> {
    serde_json::to_string(model.doc()).map_err(|e| FfiError::panic(&format!("serializing: {e}")))
}

/// The engine's version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn js_version() -> String {
    json::VERSION.to_string()
}

/// The embedded default model `gbt39116-2020` as a plain object in the model-file format, or,
/// given `modelJson` (a model file's text or object), that model after validation.
#[wasm_bindgen(js_name = model, unchecked_return_type = "ModelDoc")]
pub fn js_model(
    #[wasm_bindgen(js_name = modelJson, unchecked_optional_param_type = "string | ModelDoc | null")]
    model_json: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let text = match model_arg(model_json).map_err(throw)? {
        None => cmmm_model::GBT39116_2020_JSON.to_string(),
        Some(model) => doc_json(&model).map_err(throw)?,
    };
    parse(&text).map_err(throw)
}

/// A blank questionnaire for `profile` (`discrete`, `process`, …): every in-scope requirement
/// with its sub-domain, level and text, ratings `null`. Fill in the ratings and it is an
/// assessment.
#[wasm_bindgen(js_name = template, unchecked_return_type = "Assessment")]
pub fn js_template(
    #[wasm_bindgen(unchecked_param_type = "string")] profile: JsValue,
    #[wasm_bindgen(js_name = modelJson, unchecked_optional_param_type = "string | ModelDoc | null")]
    model_json: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let profile = profile_arg(&profile).map_err(throw)?;
    let model = model_arg(model_json).map_err(throw)?;
    let text = json::template(model.as_ref(), &profile).map_err(throw)?;
    parse(&text).map_err(throw)
}

/// Scores `assessment` (an object or its JSON text) against the embedded default model or
/// `modelJson`: the result, shaped as `data/schema/result.schema.json`, decimals as strings.
/// For many assessments, load the model once with `new Model(...)` instead.
#[wasm_bindgen(js_name = score, unchecked_return_type = "Outcome")]
pub fn js_score(
    #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    #[wasm_bindgen(js_name = modelJson, unchecked_optional_param_type = "string | ModelDoc | null")]
    model_json: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let model = model_arg(model_json).map_err(throw)?;
    let options = options_arg(options).map_err(throw)?;
    let text = json_arg(&assessment, "assessment").map_err(throw)?;
    let scorer = model.as_ref().map(Scorer::new);
    let result = json::score(scorer.as_ref(), &text, &options).map_err(throw)?;
    parse(&result).map_err(throw)
}

/// The radar chart of a result (what `score` returned, or its JSON text) as SVG text: one spoke
/// per sub-domain, its scores D(s, n) at the level reached and the next one, the gate as a
/// ring; drawn by `cmmm-report`, the same chart as the CLI's HTML report. `modelJson` must be
/// the model the result was scored against (default: the embedded model).
#[wasm_bindgen(js_name = radar)]
pub fn js_radar(
    #[wasm_bindgen(unchecked_param_type = "Outcome | string")] result: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: Option<String>,
    #[wasm_bindgen(
        js_name = modelJson,
        unchecked_optional_param_type = "string | ModelDoc | null"
    )]
    model_json: Option<JsValue>,
) -> Result<String, JsValue> {
    let lang = lang_arg(lang).map_err(throw)?;
    let model = model_arg(model_json).map_err(throw)?;
    let model = model.as_ref().unwrap_or_else(|| Model::gbt39116_2020());
    radar_svg(model, &result, lang).map_err(throw)
}

/// A loaded, validated model for repeated scoring. It lives in WebAssembly memory: call
/// `free()` when done (or use `using`); a finalizer frees a forgotten one eventually.
#[wasm_bindgen(js_name = Model)]
pub struct LoadedModel {
    /// `None`: the embedded default model.
    scorer: Option<Box<Scorer<'static>>>,
}

#[wasm_bindgen(js_class = Model)]
impl LoadedModel {
    /// Loads and validates `modelJson` (a model file's text or object); without it, the
    /// embedded default model.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            js_name = modelJson,
            unchecked_optional_param_type = "string | ModelDoc | null"
        )]
        model_json: Option<JsValue>,
    ) -> Result<LoadedModel, JsValue> {
        let scorer = model_arg(model_json)
            .map_err(throw)?
            .map(|model| Box::new(Scorer::shared(Arc::new(model))));
        Ok(LoadedModel { scorer })
    }

    fn scorer(&self) -> &Scorer<'static> {
        self.scorer
            .as_deref()
            .unwrap_or_else(|| json::default_scorer())
    }

    fn get(&self) -> &Model {
        self.scorer().model()
    }

    /// The model's id, e.g. `gbt39116-2020`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.get().id().to_string()
    }

    /// The model's data version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.get().version().to_string()
    }

    /// The model as a plain object in the model-file format.
    #[wasm_bindgen(unchecked_return_type = "ModelDoc")]
    pub fn doc(&self) -> Result<JsValue, JsValue> {
        let text = match &self.scorer {
            None => cmmm_model::GBT39116_2020_JSON.to_string(),
            Some(scorer) => doc_json(scorer.model()).map_err(throw)?,
        };
        parse(&text).map_err(throw)
    }

    /// A blank questionnaire for `profile`.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] profile: JsValue,
    ) -> Result<JsValue, JsValue> {
        let profile = profile_arg(&profile).map_err(throw)?;
        let text = json::template(Some(self.get()), &profile).map_err(throw)?;
        parse(&text).map_err(throw)
    }

    /// `assessment` (an object or its JSON text) with every rating that names a point of the
    /// scale written as its key (`0.8`, `"0.80"`, `"大部分满足"` → `"most"`); ratings on no
    /// point are kept as given. Read an imported file through this, and a form needs no rule
    /// of its own to know which point a rating is.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn keyed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a = assessment_arg(&assessment).map_err(throw)?;
        object_of(&a.keyed(self.get())).map_err(throw)
    }

    /// The part of `assessment` that `parts` name (sub-domain or element ids): its answers to
    /// those sub-domains' requirements only, for one department to rate.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn part(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        parts: Vec<String>,
    ) -> Result<JsValue, JsValue> {
        let a = assessment_arg(&assessment).map_err(throw)?;
        let part = cmmm_model::part(self.get(), a, &parts).map_err(|e| {
            throw(FfiError {
                status: crate::Status::InvalidArgument,
                code: e.code(),
                location: "parts".into(),
                message: format!("parts: {e}"),
                message_zh: None,
            })
        })?;
        object_of(&part).map_err(throw)
    }

    /// Merges the parts of one assessment rated by different people (`cmmm merge`): with
    /// `onConflict` `"lowest"` or `"highest"` the conflicts are resolved and listed in
    /// `resolved`; with `"error"` (the default) they throw a `CmmmError`
    /// (`conflicting-ratings`) naming every side.
    #[wasm_bindgen(unchecked_return_type = "Merged")]
    pub fn merge(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MergePart[]")] parts: JsValue,
        #[wasm_bindgen(
            js_name = onConflict,
            unchecked_optional_param_type = "\"error\" | \"lowest\" | \"highest\" | null"
        )]
        on_conflict: Option<String>,
    ) -> Result<JsValue, JsValue> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct JsPart {
            name: String,
            assessment: serde_json::Value,
        }
        let policy = match on_conflict.as_deref() {
            None | Some("error") => cmmm_model::merge::OnConflict::Error,
            Some("lowest") => cmmm_model::merge::OnConflict::Lowest,
            Some("highest") => cmmm_model::merge::OnConflict::Highest,
            Some(_) => {
                return Err(throw(FfiError::invalid_argument(
                    "onConflict",
                    "expected \"error\", \"lowest\" or \"highest\"",
                )))
            }
        };
        let given: Vec<JsPart> = if parts.is_array() {
            let text = json_arg(&parts, "parts").map_err(throw)?;
            serde_json::from_str(&text)
                .map_err(|e| throw(FfiError::invalid_argument("parts", &e.to_string())))?
        } else {
            return Err(throw(FfiError::invalid_argument(
                "parts",
                "expected an array of { name, assessment }",
            )));
        };
        let mut assessments = Vec::with_capacity(given.len());
        for p in &given {
            let text = match &p.assessment {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            assessments.push(cmmm_score::parse_assessment(&text).map_err(|e| throw(e.into()))?);
        }
        let named: Vec<cmmm_model::merge::Part<'_>> = given
            .iter()
            .zip(&assessments)
            .map(|(p, a)| {
                let name = p.name.clone();
                cmmm_model::merge::Part {
                    assessment: a,
                    name: p.name.clone(),
                    at: Box::new(move |_: &str| name.clone()),
                }
            })
            .collect();
        let merged = cmmm_model::merge::merge(self.get(), &named, policy).map_err(|e| {
            throw(FfiError {
                status: crate::Status::InvalidAssessment,
                code: e.code(),
                location: "parts".into(),
                message: e.to_string(),
                message_zh: None,
            })
        })?;
        object_of(&merged).map_err(throw)
    }

    /// Scores `assessment` (an object or its JSON text) against this model.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        let options = options_arg(options).map_err(throw)?;
        let text = json_arg(&assessment, "assessment").map_err(throw)?;
        let result = json::score(Some(self.scorer()), &text, &options).map_err(throw)?;
        parse(&result).map_err(throw)
    }

    /// The radar chart of a result of this model, as SVG text (see the function `radar`).
    pub fn radar(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Outcome | string")] result: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: Option<String>,
    ) -> Result<String, JsValue> {
        let lang = lang_arg(lang).map_err(throw)?;
        radar_svg(self.get(), &result, lang).map_err(throw)
    }

    /// What the web form shows after an answer, in one call (`cmmm_report::form_view`): the
    /// result of the draft `assessment` (unrated requirements scored as none) with its first
    /// gaps and the plan, each sub-domain's progress, the fields still to fill in (a
    /// tailoring without its reason is left out until it has one) and the radar as SVG text.
    #[wasm_bindgen(unchecked_return_type = "FormView")]
    pub fn view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ViewOptions | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        let options = match options.filter(|o| !o.is_null() && !o.is_undefined()) {
            None => JsViewOptions::default(),
            Some(o) => object_arg(&o, "options").map_err(throw)?,
        };
        let draft = assessment_arg(&assessment).map_err(throw)?;
        let view = cmmm_report::form_view(
            self.scorer(),
            &draft,
            options.target,
            options.top.unwrap_or(cmmm_report::TOP_GAPS),
            options.lang.unwrap_or(Lang::En),
        )
        .map_err(|e| throw(e.into()))?;
        object_of(&view).map_err(throw)
    }

    /// Scores `assessment` and returns the result as compact JSON text, byte for byte what the
    /// C API's `cmmm_score_json` gives; for hosts that store or forward it unread.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions | null")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsValue> {
        let options = options_arg(options).map_err(throw)?;
        let text = json_arg(&assessment, "assessment").map_err(throw)?;
        json::score(Some(self.scorer()), &text, &options).map_err(throw)
    }
}
