//! The engine's values as Python objects, built straight from their `Serialize` impls (no
//! JSON text in between): structs and maps become `dict`s (keys in the order of the JSON
//! schema), sequences `list`s, strings `str`, integers `int`, `None` for a missing value —
//! and every exact number a `decimal.Decimal`: a score or weight (a decimal string in JSON)
//! becomes the `Decimal` of its value, a JSON number (a rating given as a number) the
//! `Decimal` of its digits. No float is ever made.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

use cmmm_score::SCORE_SERDE_NAME as SCORE;
/// The name under which serde_json (`arbitrary_precision`) serializes a number: a struct of
/// one field, of this name too, holding the number's text.
const NUMBER: &str = "$serde_json::private::Number";

/// `decimal.Decimal(text)`.
fn decimal<'py>(py: Python<'py>, text: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")?.call1((text,))
}

/// The `str`s of field names, made once per process: the names of struct fields are static
/// and recur in every result, and a cached string also keeps its hash for the `dict`. Keyed
/// by the name's address and length. At the summary tier this saves a third of the
/// conversion's instructions (BENCHMARKS.md, "Python").
type Names = HashMap<(usize, usize), Py<PyString>, foldhash::fast::FixedState>;

/// `value` as a Python object.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    static NAMES: PyOnceLock<Mutex<Names>> = PyOnceLock::new();
    // Never waited for: building objects may run a garbage collection and with it any
    // Python code, which may convert a value on another thread while this one holds the
    // cache. That conversion makes its names afresh.
    let mut held = NAMES.get_or_init(py, Default::default).try_lock().ok();
    let names = held.as_deref_mut().map(RefCell::new);
    value
        .serialize(ToPy {
            py,
            names: names.as_ref(),
        })
        .map_err(|e| e.0)
}

/// A Python exception raised while building objects.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Error {
        Error(e)
    }
}

#[derive(Clone, Copy)]
struct ToPy<'py, 'n> {
    py: Python<'py>,
    names: Option<&'n RefCell<&'n mut Names>>,
}

type Out<'py> = Result<Bound<'py, PyAny>, Error>;

impl<'py> ToPy<'py, '_> {
    fn ok<T: IntoPyObject<'py>>(self, v: T) -> Out<'py> {
        v.into_bound_py_any(self.py).map_err(Error)
    }

    /// The `str` of a field name.
    fn name(self, name: &'static str) -> Bound<'py, PyString> {
        let py = self.py;
        match self.names {
            Some(names) => names
                .borrow_mut()
                .entry((name.as_ptr() as usize, name.len()))
                .or_insert_with(|| PyString::new(py, name).unbind())
                .bind(py)
                .clone(),
            None => PyString::new(py, name),
        }
    }
}

/// A `list` being filled.
struct Seq<'py, 'n> {
    to: ToPy<'py, 'n>,
    items: Vec<Bound<'py, PyAny>>,
}

/// A `dict` being filled; for a JSON number, the text that becomes a `Decimal`.
struct Map<'py, 'n> {
    to: ToPy<'py, 'n>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    exact: Exact<'py>,
}

/// What a struct stands for.
enum Exact<'py> {
    /// A plain struct or map.
    No,
    /// A JSON number: its one field is its text.
    Number(Option<Bound<'py, PyAny>>),
}

impl<'py, 'n> ser::Serializer for ToPy<'py, 'n> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py, 'n>;
    type SerializeTuple = Seq<'py, 'n>;
    type SerializeTupleStruct = Seq<'py, 'n>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, Error>;
    type SerializeMap = Map<'py, 'n>;
    type SerializeStruct = Map<'py, 'n>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_f32(self, _: f32) -> Out<'py> {
        Err(ser::Error::custom("the engine has no floats"))
    }
    fn serialize_f64(self, _: f64) -> Out<'py> {
        Err(ser::Error::custom("the engine has no floats"))
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        self.ok(v)
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Out<'py> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Out<'py> {
        let inner = v.serialize(self)?;
        if name == SCORE {
            // A score: its value text.
            return Ok(decimal(self.py, inner)?);
        }
        Ok(inner)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(variant, v.serialize(self)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py, 'n>, Error> {
        Ok(Seq {
            to: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py, 'n>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'py, 'n>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom(
            "tuple variants are not part of the result schema",
        ))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'py, 'n>, Error> {
        Ok(Map {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
            exact: Exact::No,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Map<'py, 'n>, Error> {
        let mut map = self.serialize_map(None)?;
        map.exact = match name {
            NUMBER => Exact::Number(None),
            _ => Exact::No,
        };
        Ok(map)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom(
            "struct variants are not part of the result schema",
        ))
    }
}

impl<'py> ser::SerializeSeq for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.items.push(v.serialize(self.to)?);
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(PyList::new(self.to.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeTuple for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Out<'py> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Out<'py> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeMap for Map<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(self.to)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without its key"))?;
        self.dict.set_item(key, v.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Map<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        match &mut self.exact {
            Exact::Number(text) => *text = Some(v.serialize(self.to)?),
            Exact::No => self
                .dict
                .set_item(self.to.name(key), v.serialize(self.to)?)?,
        }
        Ok(())
    }
    fn end(self) -> Out<'py> {
        match self.exact {
            Exact::No => Ok(self.dict.into_any()),
            Exact::Number(Some(text)) => Ok(decimal(self.to.py, text)?),
            Exact::Number(None) => Err(ser::Error::custom("an exact number without its digits")),
        }
    }
}
