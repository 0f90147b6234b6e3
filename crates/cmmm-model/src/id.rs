//! The id of a model, a node (element, domain, sub-domain), a requirement, a profile or a
//! programme.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An id: shared text, so a result copies the model's ids without allocating. Serialised as
/// its string; compared, hashed and ordered as its string.
///
/// ```
/// use cmmm_model::Id;
///
/// let id = Id::from("skills.2.a");
/// assert_eq!(id, "skills.2.a");
/// assert!(id.starts_with("skills."));
/// assert_eq!(serde_json::to_string(&id).unwrap(), r#""skills.2.a""#);
/// ```
#[derive(
    Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
#[schemars(
    description = "An id of the model, an element, domain, sub-domain or requirement, a profile or a programme."
)]
pub struct Id(Arc<str>);

impl Id {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Id {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(s.into())
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(s.into())
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id(s.as_str().into())
    }
}

impl From<Arc<str>> for Id {
    fn from(s: Arc<str>) -> Id {
        Id(s)
    }
}

impl From<&Id> for Id {
    fn from(id: &Id) -> Id {
        id.clone()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}
