//! Models embedded in the library, so no file is needed at run time.

use std::sync::OnceLock;

use crate::model::Model;

/// The default model file: GB/T 39116-2020 structure with an illustrative requirement
/// catalogue and placeholder weights (see its `provenance`).
///
/// A `static`, not a `const`: a `const` is copied into each place that uses it, and the
/// WebAssembly build held the 149 KB text twice.
pub static GBT39116_2020_JSON: &str = include_str!("../../../data/models/gbt39116-2020.json");

impl Model {
    /// The embedded default model, `gbt39116-2020`: the standard's structure, levels and
    /// method, an **illustrative** requirement catalogue written for this project, and
    /// **placeholder** weights. Load an official model with [`Model::from_path`].
    pub fn gbt39116_2020() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        // The embedded file is validated by this crate's tests; failing here is a build defect.
        MODEL.get_or_init(|| {
            Model::from_json(GBT39116_2020_JSON).expect("the embedded default model is valid")
        })
    }
}
