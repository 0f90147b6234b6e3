//! Core values to plain JavaScript objects, fast.
//!
//! A result of the default model is about 57 KB of JSON; `JSON.parse` of that text alone takes
//! longer than scoring it, and building the objects one property at a time across the
//! WebAssembly boundary is slower still. So a value is serialized (with its `Serialize`
//! implementation, exactly as `serde_json` sees it) into a *tape*: a `u32` array of tokens
//! plus one table of strings, handed over in a single call to a small decoder in JavaScript
//! (`decode.js`) that rebuilds the objects. The objects are those
//! `JSON.parse(serde_json::to_string(value))` gives — same keys, same order, same strings — so
//! decimals stay strings, digit for digit; the Node tests check this against the JSON text.
//!
//! Tokens: `NULL`, `TRUE`, `FALSE`, `UINT u32`, `FLOAT lo hi` (the bits of an `f64`, for every
//! other number), `STRING index`, `ARRAY n item…`, `SHAPE s value…`: an object whose keys are
//! exactly those of the decoder's literal shape `s`, and `OBJECT n value… key…` for any other
//! object, where a key is a string index (top bit set for `__proto__`).
//!
//! What makes the decoder fast: V8 builds an object literal with its final hidden class at
//! once, several times faster than adding the properties one by one, so the decoder builds
//! every object type of a result as a literal (`shapes.js`, generated from the result's JSON
//! Schema), and the tape learns their keys from it (`shapes`): a struct gets `SHAPE` exactly
//! when its keys are a literal's, and anything else still decodes, one property at a time.
//! The string table outlives a value, on both sides, so a result only sends the strings the
//! decoder does not hold yet (most ids, keys and score texts repeat from one result to the
//! next); they travel as two UTF-8 blobs, ASCII and the rest: decoding ASCII is a copy, and its
//! slices are one-byte strings.
//!
//! Scores are most of a result (about 620 `{value, display}` objects, but only about 60
//! distinct fractions). The tape is not human-readable (serde's `is_human_readable`), so a
//! [`Score`] reaches it as its exact fraction; the tape writes each distinct fraction's score
//! once, as text, exactly as `serde_json` sees it, and keeps its tokens for the next time
//! ([`Tape::score`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use cmmm_model::Ratio;
use cmmm_score::{Score, SCORE_FRACTION};
use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

const NULL: u32 = 0;
const TRUE: u32 = 1;
const FALSE: u32 = 2;
const UINT: u32 = 3;
const FLOAT: u32 = 4;
const STRING: u32 = 5;
const ARRAY: u32 = 6;
const OBJECT: u32 = 7;
const SHAPE: u32 = 8;

/// Slots of each cache of strings already in the table, of the cache of field names and of
/// the cache of structs' layouts, as powers of two: a result has about 350 strings, 70 field
/// names and 20 structs.
const SEEN_BITS: u32 = 12;
const FIELD_BITS: u32 = 10;
const STRUCT_BITS: u32 = 8;
/// Most layouts kept (a struct whose fields vary adds one per set of fields).
const MAX_LAYOUTS: usize = 256;
/// Slots of the cache of scores' tokens, as a power of two: a result has about 60 distinct
/// fractions.
const SCORE_BITS: u32 = 8;
/// Most tokens of a score kept in that cache: `SHAPE s STRING v STRING d` is 6, a score
/// written as a plain object 8.
const SCORE_TOKENS: usize = 8;

/// The string table outlives a value, so that the strings of the next result (ids, keys,
/// scores) are mostly there already, on both sides; past this many strings, or bytes of them,
/// it starts again at the next value, so that it does not grow without end.
const TABLE_STRINGS: usize = 1 << 11;
const TABLE_BYTES: usize = 1 << 18;

/// The length of a string in the other (non-ASCII) blob has this bit set.
const OTHER: u32 = 1 << 31;

#[wasm_bindgen(module = "/src/wasm/decode.js")]
extern "C" {
    /// Rebuilds the value of a tape, after adding strings `base`… to the decoder's table
    /// (`base` 0: a new table): `ascii` and `other` are their UTF-8 bytes back to back, `lens`
    /// their lengths in UTF-16 code units, with [`OTHER`] set for those in `other`.
    #[wasm_bindgen(catch)]
    fn decode(
        tape: &[u32],
        ascii: &[u8],
        other: &[u8],
        lens: &[u32],
        base: u32,
    ) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/shapes.js")]
extern "C" {
    /// The keys of the decoder's literal shapes, in order, as JSON: `[["value", "display"], …]`.
    fn shapes() -> String;
}

/// The keys of the decoder's literal shapes (asked once).
fn shape_keys() -> &'static [Vec<String>] {
    static KEYS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    // The decoder's own constant output: a list of lists of strings.
    KEYS.get_or_init(|| serde_json::from_str(&shapes()).expect("the decoder's shapes are JSON"))
}

/// Why a value cannot become a JavaScript value (never for the engine's own types).
#[derive(Debug)]
pub struct Unsupported(String);

impl Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// A value being written as a tape, and the string table, which outlives it.
struct Tape {
    tape: Vec<u32>,
    /// How many strings the decoder holds, and where the bytes of the others start in each
    /// blob: what the next value sends.
    sent: (usize, usize, usize),
    /// The ASCII strings, back to back.
    ascii: Vec<u8>,
    /// The other strings, back to back.
    other: Vec<u8>,
    /// Length of each string in UTF-16 code units, [`OTHER`] set for those in `other`.
    lens: Vec<u32>,
    /// Byte offset of each string in its blob, and its byte length, with [`OTHER`] set for
    /// those in `other`.
    spans: Vec<(u32, u32)>,
    /// Strings written so far, by address: a direct-mapped cache of `(address, index)`.
    /// Most strings of a result are shared (ids of the model, texts of recent scores), so
    /// their address finds them without hashing; the text is still compared (a word at a time).
    by_address: Box<[(usize, u32)]>,
    /// Strings written so far, by hash: a direct-mapped cache of `(hash, index)`. A string
    /// found in neither cache is written again, so the table is mostly, not perfectly, free of
    /// repeats; the decoder does not mind.
    by_text: Box<[(u64, u32)]>,
    /// Field names by address: a direct-mapped cache of `(address, length, key token)` in
    /// front of [`Tape::keys_by_text`], since every struct field has one and there are few.
    fields: Box<[(usize, usize, u32)]>,
    /// Every key written so far, by text.
    keys_by_text: foldhash::HashMap<Box<str>, u32>,
    /// The key tokens of the decoder's literal shapes, by shape.
    shapes: Vec<Vec<u32>>,
    /// The key tokens of the objects being written, innermost last (none for the fields of a
    /// struct while they follow a layout).
    keys: Vec<u32>,
    /// The address of the field name of each key in [`Tape::keys`] (0 for a map's keys).
    names: Vec<usize>,
    /// Fields that make a literal shape, learned from the structs written.
    layouts: Vec<Layout>,
    /// The layout last learned for a struct, by the address of its name: a direct-mapped cache
    /// of `(address, index in layouts)`.
    structs: Box<[(usize, u32)]>,
    /// The tokens of scores already written, by exact fraction: a direct-mapped cache.
    scores: Box<[ScoreTokens]>,
    /// True while a score is being written as text, for [`Tape::scores`]: the only time the
    /// tape is human-readable.
    texts: bool,
}

/// The fields of a struct (their names' addresses, in order) whose keys are those of a literal
/// shape. A struct whose fields follow the layout of its name is a `SHAPE` at once: its fields
/// are told apart by the addresses of their (`'static`) names, no key is looked up and nothing
/// is compared at the end. A field off the layout (a field left out, another struct of the
/// same name) turns the struct back to the general path, its keys so far taken from the layout.
struct Layout {
    name: usize,
    shape: u32,
    fields: Box<[usize]>,
}

/// The tokens a score was written as, and its fraction (`len` 0: an empty slot).
#[derive(Clone, Copy)]
struct ScoreTokens {
    fraction: (i128, i128),
    len: usize,
    tokens: [u32; SCORE_TOKENS],
}

const NO_SCORE: ScoreTokens = ScoreTokens {
    fraction: (0, 0),
    len: 0,
    tokens: [0; SCORE_TOKENS],
};

/// An empty slot of the string caches.
const EMPTY: u32 = u32::MAX;

impl Tape {
    fn new() -> Tape {
        let mut tape = Tape {
            tape: Vec::with_capacity(16 * 1024),
            sent: (0, 0, 0),
            ascii: Vec::with_capacity(8 * 1024),
            other: Vec::new(),
            lens: Vec::with_capacity(512),
            spans: Vec::with_capacity(512),
            by_address: vec![(0, EMPTY); 1 << SEEN_BITS].into_boxed_slice(),
            by_text: vec![(0, EMPTY); 1 << SEEN_BITS].into_boxed_slice(),
            fields: vec![(0, 0, 0); 1 << FIELD_BITS].into_boxed_slice(),
            keys_by_text: HashMap::default(),
            shapes: Vec::new(),
            keys: Vec::with_capacity(64),
            names: Vec::with_capacity(64),
            layouts: Vec::new(),
            structs: vec![(0, EMPTY); 1 << STRUCT_BITS].into_boxed_slice(),
            scores: vec![NO_SCORE; 1 << SCORE_BITS].into_boxed_slice(),
            texts: false,
        };
        tape.clear_strings();
        tape
    }

    /// Empties the string table (and everything that refers to it), then adds the keys of
    /// the decoder's literal shapes.
    fn clear_strings(&mut self) {
        self.sent = (0, 0, 0);
        self.ascii.clear();
        self.other.clear();
        self.lens.clear();
        self.spans.clear();
        self.by_address.fill((0, EMPTY));
        self.by_text.fill((0, EMPTY));
        self.fields.fill((0, 0, 0));
        self.keys_by_text.clear();
        self.structs.fill((0, EMPTY));
        self.layouts.clear();
        self.scores.fill(NO_SCORE);
        self.shapes = shape_keys()
            .iter()
            .map(|keys| keys.iter().map(|k| self.key(k)).collect())
            .collect();
    }

    /// Starts a value: no tokens yet, and the string table started again when it is full.
    fn start(&mut self) {
        self.tape.clear();
        self.keys.clear();
        self.names.clear();
        if self.lens.len() > TABLE_STRINGS || self.ascii.len() + self.other.len() > TABLE_BYTES {
            self.clear_strings();
        }
    }

    /// Rebuilds the value written, sending the strings the decoder does not hold yet.
    fn decode(&mut self) -> Result<JsValue, JsValue> {
        let (base, ascii, other) = self.sent;
        let value = decode(
            &self.tape,
            &self.ascii[ascii..],
            &self.other[other..],
            &self.lens[base..],
            base as u32,
        )?;
        self.sent = (self.lens.len(), self.ascii.len(), self.other.len());
        Ok(value)
    }

    /// The literal shape whose keys are those of the object (the struct `name`, or a map) whose
    /// keys start at `from` in [`Tape::keys`], if there is one; for a struct, its fields are
    /// then the layout of its name.
    fn shape(&mut self, name: Option<&'static str>, from: usize) -> Option<u32> {
        let keys = &self.keys[from..];
        let shape = self.shapes.iter().position(|s| s[..] == *keys)? as u32;
        let Some(name) = name else {
            return Some(shape);
        };
        let address = name.as_ptr() as usize;
        let fields = &self.names[from..];
        let known = self
            .layouts
            .iter()
            .position(|l| l.name == address && *l.fields == *fields);
        let index = match known {
            Some(index) => index,
            None if self.layouts.len() < MAX_LAYOUTS => {
                self.layouts.push(Layout {
                    name: address,
                    shape,
                    fields: fields.into(),
                });
                self.layouts.len() - 1
            }
            None => return Some(shape),
        };
        self.structs[slot(address, STRUCT_BITS)] = (address, index as u32);
        Some(shape)
    }

    /// The layout last learned for the struct `name`.
    fn layout(&self, name: &'static str) -> Option<u32> {
        let address = name.as_ptr() as usize;
        let (seen, index) = self.structs[slot(address, STRUCT_BITS)];
        (seen == address).then_some(index)
    }

    /// Leaves layout `index` after its first `n` fields: their keys and names, as the general
    /// path would have them.
    fn unfollow(&mut self, index: u32, n: usize) {
        let layout = &self.layouts[index as usize];
        self.keys
            .extend_from_slice(&self.shapes[layout.shape as usize][..n]);
        self.names.extend_from_slice(&layout.fields[..n]);
    }

    /// Whether string `index` of the table is `s`.
    fn holds(&self, index: u32, s: &str) -> bool {
        let Some(&(at, len)) = self.spans.get(index as usize) else {
            return false;
        };
        let blob = if len & OTHER == 0 {
            &self.ascii
        } else {
            &self.other
        };
        let len = len & !OTHER;
        len as usize == s.len() && blob[at as usize..(at + len) as usize] == *s.as_bytes()
    }

    /// The index of `s` in the table, adding it when it is in neither cache.
    fn string(&mut self, s: &str) -> u32 {
        let address = s.as_ptr() as usize;
        let by_address = slot(address, SEEN_BITS);
        let (seen_address, index) = self.by_address[by_address];
        if seen_address == address && self.holds(index, s) {
            return index;
        }
        let hash = hash(s);
        let by_text = (hash >> (64 - SEEN_BITS)) as usize;
        let (seen_hash, index) = self.by_text[by_text];
        let index = if seen_hash == hash && self.holds(index, s) {
            index
        } else {
            let index = self.lens.len() as u32;
            let (blob, len, other) = if s.is_ascii() {
                (&mut self.ascii, s.len() as u32, 0)
            } else {
                (&mut self.other, s.encode_utf16().count() as u32, OTHER)
            };
            self.spans.push((blob.len() as u32, s.len() as u32 | other));
            blob.extend_from_slice(s.as_bytes());
            self.lens.push(len | other);
            self.by_text[by_text] = (hash, index);
            index
        };
        self.by_address[by_address] = (address, index);
        index
    }

    /// The token of an object key: its string index, with the top bit set for `__proto__`,
    /// which the decoder defines as an own property (as `JSON.parse` does) instead of
    /// assigning it, which would set the object's prototype. Equal keys always get the same
    /// token (unlike strings, see [`Tape::by_text`]), which is what shapes are matched on.
    fn key(&mut self, s: &str) -> u32 {
        if let Some(token) = self.keys_by_text.get(s) {
            return *token;
        }
        let i = self.string(s);
        let token = if s == "__proto__" { i | 1 << 31 } else { i };
        self.keys_by_text.insert(s.into(), token);
        token
    }

    /// The key token of a struct field name (a `'static` string, so its address identifies it).
    fn field(&mut self, name: &'static str) -> u32 {
        let address = name.as_ptr() as usize;
        let slot = slot(address, FIELD_BITS);
        let (seen, len, token) = self.fields[slot];
        if seen == address && len == name.len() {
            return token;
        }
        let token = self.key(name);
        self.fields[slot] = (address, name.len(), token);
        token
    }

    fn push_string(&mut self, s: &str) {
        let i = self.string(s);
        self.tape.extend_from_slice(&[STRING, i]);
    }

    fn number(&mut self, x: f64) {
        if x.is_finite() {
            if x >= 0.0 && x <= f64::from(u32::MAX) && x.fract() == 0.0 {
                self.tape.extend_from_slice(&[UINT, x as u32]);
            } else {
                let bits = x.to_bits();
                self.tape
                    .extend_from_slice(&[FLOAT, bits as u32, (bits >> 32) as u32]);
            }
        } else {
            // As serde_json writes NaN and infinities.
            self.tape.push(NULL);
        }
    }

    /// Writes the score `numer / denom`: from [`Tape::scores`], or else by serializing it as
    /// text (the tokens `serde_json` would see, strings added to the table as usual) and
    /// keeping its tokens there. They hold only string indices and shapes, which stay valid
    /// until the table starts again ([`Tape::clear_strings`] empties the cache).
    fn score(&mut self, numer: i128, denom: i128) -> Result<(), Unsupported> {
        let mix = (numer as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ denom as u64;
        let slot = (mix.wrapping_mul(0x517c_c1b7_2722_0a95) >> (64 - SCORE_BITS)) as usize;
        let cached = &self.scores[slot];
        if cached.len > 0 && cached.fraction == (numer, denom) {
            // All the slot's tokens, then back to the score's own: a copy of known length.
            let end = self.tape.len() + cached.len;
            self.tape.extend_from_slice(&cached.tokens);
            self.tape.truncate(end);
            return Ok(());
        }
        let ratio = Ratio::new(numer, denom)
            .ok_or_else(|| Unsupported(format!("`{numer}/{denom}` is not a score")))?;
        let from = self.tape.len();
        self.texts = true;
        let written = Score::from(ratio).serialize(&mut *self);
        self.texts = false;
        written?;
        let tokens = &self.tape[from..];
        if tokens.len() <= SCORE_TOKENS {
            let mut entry = ScoreTokens {
                fraction: (numer, denom),
                len: tokens.len(),
                tokens: [0; SCORE_TOKENS],
            };
            entry.tokens[..tokens.len()].copy_from_slice(tokens);
            self.scores[slot] = entry;
        }
        Ok(())
    }

    /// Starts an array or object: its token and a count patched by [`Compound::close`].
    fn open(&mut self, token: u32) -> usize {
        self.tape.extend_from_slice(&[token, 0]);
        self.tape.len() - 1
    }
}

/// The slot of `address` in a direct-mapped cache of `1 << bits` slots.
fn slot(address: usize, bits: u32) -> usize {
    ((address as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// The hash of a string in the cache of strings already written (the strings not found by
/// address). The cache is direct-mapped, so strings that collide (even on purpose) only cost a
/// repeat in the table, never time.
fn hash(s: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(s)
}

thread_local! {
    /// The tape of every value, for its string table.
    static TAPE: RefCell<Tape> = RefCell::new(Tape::new());
}

/// A plain JavaScript value equal to `JSON.parse(serde_json::to_string(value))`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Unsupported> {
    TAPE.with(|tape| {
        // Neither serializing nor the decoder calls back into this module: nothing re-enters.
        let mut tape = tape
            .try_borrow_mut()
            .map_err(|_| Unsupported("the tape is in use".into()))?;
        tape.start();
        value.serialize(&mut *tape)?;
        tape.decode()
            .map_err(|e| Unsupported(format!("decoding: {e:?}")))
    })
}

/// An array or object being written: where its count is, the count so far; for an object,
/// where its keys start in [`Tape::keys`] and its name if it is a struct; for a variant with
/// data, the key of the `{variant: …}` object around it; for a struct, the layout its fields
/// follow so far; for a score, the parts of its fraction read so far (nothing is written
/// before [`Tape::score`]).
struct Compound<'a> {
    tape: &'a mut Tape,
    count_at: usize,
    count: u32,
    object: Option<(usize, Option<&'static str>)>,
    variant: Option<u32>,
    layout: Option<u32>,
    fraction: Option<[i128; 2]>,
}

impl<'a> Compound<'a> {
    /// An array (or, with `object` set, an object) whose count is at `count_at`.
    fn new(tape: &'a mut Tape, count_at: usize) -> Compound<'a> {
        Compound {
            tape,
            count_at,
            count: 0,
            object: None,
            variant: None,
            layout: None,
            fraction: None,
        }
    }

    /// Ends the array or object: its count, or for an object whose keys are a literal shape's,
    /// `SHAPE` and the shape; any other object's keys follow its values.
    fn close(self) {
        let tape = self.tape;
        if let Some((from, name)) = self.object {
            let count = self.count as usize;
            // A struct that followed its layout to the end pushed no keys.
            let shape = match self.layout {
                Some(index) if tape.layouts[index as usize].fields.len() == count => {
                    Some(tape.layouts[index as usize].shape)
                }
                layout => {
                    if let Some(index) = layout {
                        tape.unfollow(index, count);
                    }
                    tape.shape(name, from)
                }
            };
            match shape {
                Some(shape) => {
                    tape.tape[self.count_at - 1] = SHAPE;
                    tape.tape[self.count_at] = shape;
                }
                None => {
                    tape.tape[self.count_at] = self.count;
                    tape.tape.extend_from_slice(&tape.keys[from..]);
                }
            }
            tape.keys.truncate(from);
            tape.names.truncate(from);
        } else {
            tape.tape[self.count_at] = self.count;
        }
        if let Some(key) = self.variant {
            tape.tape.push(key);
        }
    }
}

macro_rules! uint {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Unsupported> {
            self.tape.extend_from_slice(&[UINT, u32::from(v)]);
            Ok(())
        }
    )*};
}

macro_rules! number {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Unsupported> {
            // As JSON.parse reads the integer serde_json writes.
            self.number(v as f64);
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    uint!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);
    number!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
            serialize_u64: u64, serialize_i128: i128, serialize_u128: u128);

    /// Not human-readable, so that scores come as their fraction ([`Tape::score`]), except
    /// while a score is written as text.
    fn is_human_readable(&self) -> bool {
        self.texts
    }

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.tape.push(if v { TRUE } else { FALSE });
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.number(f64::from(v));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.number(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.push_string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.push_string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unsupported> {
        self.tape.extend_from_slice(&[ARRAY, v.len() as u32]);
        for b in v {
            self.tape.extend_from_slice(&[UINT, u32::from(*b)]);
        }
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.tape.push(NULL);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.tape.push(NULL);
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.tape.push(NULL);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.push_string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let key = self.key(variant);
        self.tape.extend_from_slice(&[OBJECT, 1]);
        value.serialize(&mut *self)?;
        self.tape.push(key);
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        let count_at = self.open(ARRAY);
        Ok(Compound::new(self, count_at))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        if name == SCORE_FRACTION && !self.texts {
            return Ok(Compound {
                fraction: Some([0; 2]),
                ..Compound::new(self, 0)
            });
        }
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        let key = self.key(variant);
        self.tape.extend_from_slice(&[OBJECT, 1]);
        let mut seq = self.serialize_seq(None)?;
        seq.variant = Some(key);
        Ok(seq)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        let count_at = self.open(OBJECT);
        let object = Some((self.keys.len(), None));
        Ok(Compound {
            object,
            ..Compound::new(self, count_at)
        })
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        if name.starts_with("$serde_json::private::") {
            // serde_json's arbitrary-precision numbers and raw values: never in the engine's
            // results, which carry every decimal as a string.
            return Err(Unsupported(format!("cannot convert {name}")));
        }
        let count_at = self.open(OBJECT);
        let object = Some((self.keys.len(), Some(name)));
        let layout = self.layout(name);
        Ok(Compound {
            object,
            layout,
            ..Compound::new(self, count_at)
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        let key = self.key(variant);
        self.tape.extend_from_slice(&[OBJECT, 1]);
        let mut object = self.serialize_struct(variant, 0)?;
        object.variant = Some(key);
        Ok(object)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let Some(parts) = &mut self.fraction else {
            return ser::SerializeSeq::serialize_element(self, value);
        };
        let part = parts
            .get_mut(self.count as usize)
            .ok_or_else(|| Unsupported("a score has two parts".into()))?;
        *part = value.serialize(Integer)?;
        self.count += 1;
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        match self.fraction {
            Some([numer, denom]) if self.count == 2 => self.tape.score(numer, denom),
            Some(_) => Err(Unsupported("a score has two parts".into())),
            None => {
                self.close();
                Ok(())
            }
        }
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.count += 1;
        let key = key.serialize(KeyText)?;
        let i = self.tape.key(&key);
        self.tape.keys.push(i);
        self.tape.names.push(0);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.count += 1;
        let name = key.as_ptr() as usize;
        if let Some(index) = self.layout {
            let at = self.count as usize - 1;
            if self.tape.layouts[index as usize].fields.get(at) == Some(&name) {
                return value.serialize(&mut *self.tape);
            }
            self.tape.unfollow(index, at);
            self.layout = None;
        }
        let i = self.tape.field(key);
        self.tape.keys.push(i);
        self.tape.names.push(name);
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

/// The compound types of a serializer of scalars only.
macro_rules! no_compounds {
    ($ok:ty) => {
        type SerializeSeq = ser::Impossible<$ok, Unsupported>;
        type SerializeTuple = ser::Impossible<$ok, Unsupported>;
        type SerializeTupleStruct = ser::Impossible<$ok, Unsupported>;
        type SerializeTupleVariant = ser::Impossible<$ok, Unsupported>;
        type SerializeMap = ser::Impossible<$ok, Unsupported>;
        type SerializeStruct = ser::Impossible<$ok, Unsupported>;
        type SerializeStructVariant = ser::Impossible<$ok, Unsupported>;
    };
}

/// The text of a map key, as serde_json writes it: strings as they are, numbers and booleans
/// in their JSON spelling; anything else is not a JSON object key.
struct KeyText;

/// Serializer methods of scalars that all convert their value to `$ok` the same way.
macro_rules! scalars {
    ($ok:ty, |$v:ident| $convert:expr; $($f:ident: $t:ty),*) => {$(
        fn $f(self, $v: $t) -> Result<$ok, Unsupported> {
            Ok($convert)
        }
    )*};
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Unsupported;
    no_compounds!(String);

    scalars!(String, |v| v.to_string();
             serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
             serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
             serialize_u32: u32, serialize_u64: u64, serialize_u128: u128,
             serialize_char: char, serialize_str: &str);

    fn serialize_f32(self, _: f32) -> Result<String, Unsupported> {
        Err(Unsupported("a float is not an object key".into()))
    }

    fn serialize_f64(self, _: f64) -> Result<String, Unsupported> {
        Err(Unsupported("a float is not an object key".into()))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<String, Unsupported> {
        Err(Unsupported("bytes are not an object key".into()))
    }

    fn serialize_none(self) -> Result<String, Unsupported> {
        Err(Unsupported("null is not an object key".into()))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<String, Unsupported> {
        Err(Unsupported("null is not an object key".into()))
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Unsupported> {
        Err(Unsupported("null is not an object key".into()))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Unsupported> {
        Ok(variant.to_string())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unsupported> {
        Err(Unsupported(
            "a variant with data is not an object key".into(),
        ))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported("an array is not an object key".into()))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported("an array is not an object key".into()))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported("an array is not an object key".into()))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported("an array is not an object key".into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported("an object is not an object key".into()))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported("an object is not an object key".into()))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported("an object is not an object key".into()))
    }
}

/// An integer as `i128`: reads the parts of a score's fraction; anything else is an error.
struct Integer;

macro_rules! not_integer {
    ($($f:ident$(<$g:ident>)?($($t:ty),*) -> $r:ty),*) => {$(
        fn $f$(<$g: Serialize + ?Sized>)?(self, $(_: $t),*) -> Result<$r, Unsupported> {
            Err(Unsupported("a score's fraction holds integers only".into()))
        }
    )*};
}

impl ser::Serializer for Integer {
    type Ok = i128;
    type Error = Unsupported;
    no_compounds!(i128);

    scalars!(i128, |v| i128::from(v);
             serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
             serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_i128(self, v: i128) -> Result<i128, Unsupported> {
        Ok(v)
    }

    not_integer!(serialize_bool(bool) -> i128, serialize_u128(u128) -> i128,
                 serialize_f32(f32) -> i128, serialize_f64(f64) -> i128,
                 serialize_char(char) -> i128, serialize_str(&str) -> i128,
                 serialize_bytes(&[u8]) -> i128, serialize_none() -> i128,
                 serialize_some<T>(&T) -> i128, serialize_unit() -> i128,
                 serialize_unit_struct(&'static str) -> i128,
                 serialize_unit_variant(&'static str, u32, &'static str) -> i128,
                 serialize_newtype_struct<T>(&'static str, &T) -> i128,
                 serialize_newtype_variant<T>(&'static str, u32, &'static str, &T) -> i128,
                 serialize_seq(Option<usize>) -> Self::SerializeSeq,
                 serialize_tuple(usize) -> Self::SerializeTuple,
                 serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct,
                 serialize_tuple_variant(&'static str, u32, &'static str, usize)
                     -> Self::SerializeTupleVariant,
                 serialize_map(Option<usize>) -> Self::SerializeMap,
                 serialize_struct(&'static str, usize) -> Self::SerializeStruct,
                 serialize_struct_variant(&'static str, u32, &'static str, usize)
                     -> Self::SerializeStructVariant);
}
