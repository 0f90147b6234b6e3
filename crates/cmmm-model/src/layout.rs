//! The flat layout of a validated model: its tree as arrays with index ranges, and each
//! profile's weights and scope by index, which scoring walks.

use std::ops::Range;

use crate::exact::Ratio;
use crate::id::Id;
use crate::text::Text;

/// The model's tree, flattened in file order: element `i`'s domains are `elements[i].children`
/// in `domains`, and so on down to requirements.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Elements.
    pub elements: Vec<Node>,
    /// Domains of all elements.
    pub domains: Vec<Node>,
    /// Sub-domains of all domains.
    pub sub_domains: Vec<Node>,
    /// Requirements of all sub-domains.
    pub requirements: Vec<RequirementRef>,
    /// Requirement counts: `counts[s][n - 1]` requirements of sub-domain `s` at level `n`.
    pub counts: Vec<Vec<u32>>,
    pub(crate) requirement_ids: foldhash::HashMap<Id, usize>,
    pub(crate) sub_domain_ids: foldhash::HashMap<Id, usize>,
}

/// One element, domain or sub-domain in the flat layout.
#[derive(Clone, Debug)]
pub struct Node {
    /// Its id (shared, so results copy it without allocating).
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// Index of the parent in the layer above (0 for elements, which have none).
    pub parent: usize,
    /// Indexes of its children in the layer below.
    pub children: Range<usize>,
}

/// One requirement in the flat layout.
#[derive(Clone, Debug)]
pub struct RequirementRef {
    /// Its id (shared, so results copy it without allocating).
    pub id: Id,
    /// Index of its sub-domain.
    pub sub_domain: usize,
    /// Its level.
    pub level: u8,
    /// Its statement.
    pub text: Text,
}

/// A profile's weights and scope, resolved to flat indexes.
#[derive(Clone, Debug)]
pub struct ProfileIndex {
    /// Weight of each element among the elements.
    pub element_weights: Vec<Ratio>,
    /// Weight of each domain among its siblings.
    pub domain_weights: Vec<Ratio>,
    /// Weight of each sub-domain among its siblings.
    pub sub_domain_weights: Vec<Ratio>,
    /// Sub-domains out of scope unless included.
    pub excluded_by_default: Vec<bool>,
    /// Sub-domains that may be tailored out.
    pub tailorable: Vec<bool>,
}
