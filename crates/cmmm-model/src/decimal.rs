//! Exact decimals in JSON: written as strings (`"0.8"`), read from strings or from JSON
//! numbers taken digit for digit (never through a binary float).

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serializer};

/// Parses an exact decimal: digits with an optional sign and fraction, no exponent, and no
/// more digits than a [`Decimal`] holds.
pub fn parse_exact(text: &str) -> Option<Decimal> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let ok = !body.is_empty()
        && !body.starts_with('.')
        && !body.ends_with('.')
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !ok {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

/// The text of a JSON scalar that should hold a decimal: a string, or a number exactly as
/// written in the document. `None` for any other JSON value.
pub fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Serializes a decimal as a string.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Reads a decimal from a string or a JSON number, exactly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let text = scalar_text(&value).ok_or_else(|| {
        serde::de::Error::custom(format_args!("expected a decimal string, found {value}"))
    })?;
    parse_exact(&text)
        .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not an exact decimal")))
}

/// JSON Schema stand-in for a decimal written as a string.
pub struct DecimalText;

impl JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An exact decimal written as a string, e.g. \"0.8\".",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}
