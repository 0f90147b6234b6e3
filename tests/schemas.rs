//! The committed JSON Schemas in data/schema must equal the ones generated from the Rust
//! types. Regenerate with `cargo run -p cmmm-cli -- schema`.

use std::path::Path;

#[test]
fn committed_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/schema");
    let mut stale = Vec::new();
    for (name, generated) in cmmm::schemas() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if committed != generated {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale JSON Schemas in data/schema: {stale:?}; run `cargo run -p cmmm-cli -- schema` and commit the result"
    );
}
