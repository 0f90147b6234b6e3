//! The validated model: the file's data plus the flat layout that scoring walks.

use std::path::Path;

use crate::doc::{LevelDef, ModelDoc, Profile, ScalePoint};
use crate::error::ModelError;
use crate::id::Id;
use crate::layout::{Layout, ProfileIndex};
use crate::text::Text;

/// A validated maturity model. Build it with [`Model::from_json`], [`Model::from_path`] or
/// [`Model::from_doc`]; every constructor runs every rule of the model format.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) doc: ModelDoc,
    pub(crate) layout: Layout,
    pub(crate) profiles: Vec<ProfileIndex>,
}

impl Model {
    /// Parses and validates a model from JSON text (a leading byte-order mark is ignored).
    pub fn from_json(json: &str) -> Result<Model, ModelError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let mut de = serde_json::Deserializer::from_str(json);
        let doc: ModelDoc =
            serde_path_to_error::deserialize(&mut de).map_err(ModelError::from_json)?;
        de.end().map_err(|e| ModelError::Json {
            path: ".".into(),
            line: e.line(),
            column: e.column(),
            message: crate::error::strip_position(&e.to_string()),
        })?;
        Model::from_doc(doc)
    }

    /// Reads, parses and validates a model file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Model, ModelError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Model::from_json(&text)
    }

    /// The model file at `path`, read and validated, or the embedded default model when
    /// there is no path (what a `--model FILE` option means).
    pub fn from_path_or_default(
        path: Option<&Path>,
    ) -> Result<std::borrow::Cow<'static, Model>, ModelError> {
        match path {
            None => Ok(std::borrow::Cow::Borrowed(Model::gbt39116_2020())),
            Some(p) => Model::from_path(p).map(std::borrow::Cow::Owned),
        }
    }

    /// Reads, parses and validates a model from a reader.
    pub fn from_reader(mut reader: impl std::io::Read) -> Result<Model, ModelError> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|source| ModelError::Io {
                path: "<reader>".into(),
                source,
            })?;
        Model::from_json(&text)
    }

    /// Validates a model document.
    pub fn from_doc(doc: ModelDoc) -> Result<Model, ModelError> {
        let (layout, profiles) = crate::validate::validate(&doc)?;
        Ok(Model {
            doc,
            layout,
            profiles,
        })
    }

    /// The model as written in its file.
    pub fn doc(&self) -> &ModelDoc {
        &self.doc
    }

    /// The model as pretty JSON, in the file format.
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string_pretty(&self.doc).expect("model data serializes")
    }

    /// Id of the model.
    pub fn id(&self) -> &Id {
        &self.doc.id
    }

    /// Version of the model data.
    pub fn version(&self) -> &str {
        &self.doc.version
    }

    /// The flat layout of the tree.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The levels, from 1.
    pub fn levels(&self) -> &[LevelDef] {
        &self.doc.levels
    }

    /// The number of levels.
    pub fn level_count(&self) -> u8 {
        // Validation keeps the level count within u8.
        self.doc.levels.len() as u8
    }

    /// The name of a result level (0 = below the first level).
    pub fn level_name(&self, level: u8) -> &Text {
        match level {
            0 => &self.doc.below_first_level,
            n => &self.doc.levels[usize::from(n) - 1].name,
        }
    }

    /// The rating scale.
    pub fn scale(&self) -> &[ScalePoint] {
        &self.doc.scale
    }

    /// The index in [`Model::scale`] of the point a rating names: its key, its Chinese label
    /// or its exact value (method.md §1: `0.80` is `0.8`); anything else, English labels and
    /// padded text included, is on no point of the scale.
    pub fn scale_point(&self, rating: &crate::Rating) -> Option<usize> {
        let text = rating.as_str();
        let scale = self.scale();
        if !rating.is_number() {
            if let Some(i) = scale
                .iter()
                .position(|p| p.key == text || &*p.label.zh == text)
            {
                return Some(i);
            }
        }
        let value = crate::decimal::parse_exact(text)?;
        scale.iter().position(|p| p.value == value)
    }

    /// A profile with its resolved index.
    pub fn profile(&self, id: &str) -> Option<(&Profile, &ProfileIndex)> {
        let i = self.doc.profiles.iter().position(|p| p.id == id)?;
        Some((&self.doc.profiles[i], &self.profiles[i]))
    }

    /// The profiles.
    pub fn profiles(&self) -> &[Profile] {
        &self.doc.profiles
    }

    /// The flat index of a requirement.
    pub fn requirement_index(&self, id: &str) -> Option<usize> {
        self.layout.requirement_ids.get(id).copied()
    }

    /// The flat index of a sub-domain.
    pub fn sub_domain_index(&self, id: &str) -> Option<usize> {
        self.layout.sub_domain_ids.get(id).copied()
    }
}
