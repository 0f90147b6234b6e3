//! The TypeScript declarations of the JSON contract, `npm/types.d.ts`, are generated from the
//! JSON Schemas in `data/schema` (which are themselves generated from the Rust types and
//! checked for staleness by `tests/schemas.rs`). This test regenerates them and fails when the
//! committed file differs; `CMMM_WRITE_TS=1 cargo test -p cmmm-ffi --test typescript` rewrites
//! it. The WebAssembly build embeds the file in the package's `.d.ts`, so every type a host
//! sees comes from the Rust types, and none is `any`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The schemas, in the order their root types are written, with the name of the root type.
const SCHEMAS: [(&str, &str); 4] = [
    ("assessment.schema.json", "Assessment"),
    ("result.schema.json", "Outcome"),
    ("view.schema.json", "FormView"),
    ("model.schema.json", "ModelDoc"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn declarations_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/types.d.ts")
}

/// A JSDoc comment of `description`, indented by `indent`.
fn doc(out: &mut String, description: Option<&Value>, indent: &str) {
    let Some(text) = description.and_then(Value::as_str) else {
        return;
    };
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
    } else {
        let _ = writeln!(out, "{indent}/**");
        for line in lines {
            let _ = writeln!(out, "{indent} * {line}").map(|_| ());
        }
        let _ = writeln!(out, "{indent} */");
    }
}

/// A property name as TypeScript accepts it.
fn key(name: &str) -> String {
    let plain = name
        .chars()
        .enumerate()
        .all(|(i, c)| c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if plain {
        name.to_string()
    } else {
        Value::from(name).to_string()
    }
}

/// The TypeScript type of a schema; `indent` is the indentation of the line it starts on.
fn ty(schema: &Value, indent: &str) -> Result<String, String> {
    let Some(obj) = schema.as_object() else {
        return match schema {
            Value::Bool(true) => Ok("unknown".into()),
            Value::Bool(false) => Ok("never".into()),
            other => Err(format!("not a schema: {other}")),
        };
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        return r
            .strip_prefix("#/$defs/")
            .map(str::to_string)
            .ok_or_else(|| format!("unsupported $ref {r}"));
    }
    if let Some(c) = obj.get("const") {
        return Ok(c.to_string());
    }
    if let Some(values) = obj.get("enum").and_then(Value::as_array) {
        return Ok(values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(" | "));
    }
    for union in ["anyOf", "oneOf"] {
        if let Some(members) = obj.get(union).and_then(Value::as_array) {
            let parts = members
                .iter()
                .map(|m| ty(m, indent))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(parts.join(" | "));
        }
    }
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        None => return Ok("unknown".into()),
        Some(other) => return Err(format!("unsupported type {other}")),
    };
    let parts = types
        .iter()
        .map(|t| match *t {
            "string" => Ok("string".to_string()),
            "integer" | "number" => Ok("number".to_string()),
            "boolean" => Ok("boolean".to_string()),
            "null" => Ok("null".to_string()),
            "array" => {
                let item = obj
                    .get("items")
                    .map_or(Ok("unknown".into()), |i| ty(i, indent))?;
                Ok(if item.contains(' ') {
                    format!("({item})[]")
                } else {
                    format!("{item}[]")
                })
            }
            "object" => object(obj, indent),
            other => Err(format!("unsupported type {other}")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(parts.join(" | "))
}

/// An object type: its properties, or a record of its additional properties.
fn object(obj: &Map<String, Value>, indent: &str) -> Result<String, String> {
    let extra = match obj.get("additionalProperties") {
        None | Some(Value::Bool(true)) => Some("unknown".to_string()),
        Some(Value::Bool(false)) => None,
        Some(s) => Some(ty(s, indent)?),
    };
    let properties = obj.get("properties").and_then(Value::as_object);
    let Some(properties) = properties.filter(|p| !p.is_empty()) else {
        return Ok(format!(
            "Record<string, {}>",
            extra.unwrap_or("never".into())
        ));
    };
    let required: Vec<&str> = obj
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for (name, schema) in properties {
        doc(&mut out, schema.get("description"), &inner);
        let optional = if required.contains(&name.as_str()) {
            ""
        } else {
            "?"
        };
        let _ = writeln!(
            out,
            "{inner}{}{optional}: {};",
            key(name),
            ty(schema, &inner)?
        );
    }
    if let Some(extra) = extra {
        let _ = writeln!(out, "{inner}[key: string]: {extra};");
    }
    out.push_str(indent);
    out.push('}');
    Ok(out)
}

/// One named declaration: an interface for an object with properties, else a type alias.
fn declaration(name: &str, schema: &Value) -> Result<String, String> {
    let mut out = String::new();
    doc(&mut out, schema.get("description"), "");
    let body = ty(schema, "")?;
    if body.starts_with('{') && schema.get("type") == Some(&Value::from("object")) {
        let _ = writeln!(out, "export interface {name} {body}");
    } else {
        let _ = writeln!(out, "export type {name} = {body};");
    }
    Ok(out)
}

/// The declarations of every schema's root type and definitions, each definition once.
fn generate() -> Result<String, String> {
    let mut out = String::from(
        "// Generated from data/schema/*.json by crates/cmmm-ffi/tests/typescript.rs; do not edit.\n\
         // Decimals are strings: an exact score is its full-precision value, e.g. \"0.8\".\n",
    );
    let mut defs: BTreeMap<String, (Value, &str)> = BTreeMap::new();
    for (file, name) in SCHEMAS {
        let path = root().join("data/schema").join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut schema: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let obj = schema
            .as_object_mut()
            .ok_or(format!("{file}: not an object"))?;
        if obj.get("title").and_then(Value::as_str) != Some(name) {
            return Err(format!("{file}: the root type is not titled {name}"));
        }
        let own = obj.remove("$defs").unwrap_or_default();
        out.push('\n');
        out.push_str(&declaration(name, &schema)?);
        for (def, body) in own.as_object().into_iter().flatten() {
            match defs.get(def) {
                Some((seen, other)) if seen != body => {
                    return Err(format!("`{def}` differs between {other} and {file}"));
                }
                Some(_) => {}
                None => {
                    defs.insert(def.clone(), (body.clone(), file));
                }
            }
        }
    }
    // A root type (the view's `Outcome`) may be another schema's definition too: once.
    let roots: Vec<&str> = SCHEMAS.iter().map(|(_, name)| *name).collect();
    for (name, (body, _)) in defs
        .iter()
        .filter(|(name, _)| !roots.contains(&name.as_str()))
    {
        out.push('\n');
        out.push_str(&declaration(name, body)?);
    }
    Ok(out)
}

#[test]
fn committed_declarations_are_current() {
    let generated = generate().unwrap_or_else(|e| panic!("cannot generate the declarations: {e}"));
    let code_lines = generated.lines().filter(|l| {
        let l = l.trim_start();
        !(l.starts_with("/**") || l.starts_with('*') || l.starts_with("//"))
    });
    for line in code_lines {
        let says_any = line
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .any(|word| word == "any");
        assert!(!says_any, "a generated declaration says `any`: {line}");
    }
    let path = declarations_path();
    if std::env::var_os("CMMM_WRITE_TS").is_some() {
        std::fs::write(&path, &generated).expect("write npm/types.d.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale; run `CMMM_WRITE_TS=1 cargo test -p cmmm-ffi --test typescript` and commit it",
        path.display()
    );
}
