//! JSON Schemas of the model and assessment files, generated from the Rust types.

use crate::assessment::Assessment;
use crate::doc::ModelDoc;

/// Pretty JSON Schema of `T`, ending with a newline.
pub fn schema_json<T: schemars::JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    // A schema is plain JSON data.
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}

/// The schema of a model file (`data/schema/model.schema.json`).
pub fn model_schema() -> String {
    schema_json::<ModelDoc>()
}

/// The schema of an assessment file (`data/schema/assessment.schema.json`).
pub fn assessment_schema() -> String {
    schema_json::<Assessment>()
}
