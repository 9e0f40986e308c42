//! The partner's hooks, as the options hold them: derives, attributes on types and fields, and
//! replaced types, with where each is (for errors) and, from the derive, the tokens it was
//! written as.

use std::collections::BTreeMap;

use super::FrontEnd;

/// Every hook, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hooks {
    /// Traits to derive on the types whose name matches a pattern.
    pub(crate) derives: Vec<DeriveHook>,
    /// Attributes to put on the types whose name matches a pattern.
    pub(crate) type_attributes: Vec<AttributeHook>,
    /// Attributes to put on the fields that match a `Type.field` pattern.
    pub(crate) field_attributes: Vec<AttributeHook>,
    /// Catalog types the generated code uses the partner's own type for.
    pub(crate) replacements: Vec<Replacement>,
}

/// `derive(pattern, traits...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeriveHook {
    /// A glob over the Rust names of the generated types (`AwInteractionFocus*`).
    pub(crate) pattern: String,
    /// The traits, as paths (`Hash`, `schemars::JsonSchema`).
    pub(crate) traits: Vec<String>,
}

/// `type_attribute(pattern, attribute)` or `field_attribute(pattern, attribute)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttributeHook {
    /// For a type, a glob over the Rust names of the generated types; for a field,
    /// `Type.field` with a glob on each side, the field by its Rust name.
    pub(crate) pattern: String,
    /// One or more outer attributes, as Rust source (`#[doc(alias = "id")]`).
    pub(crate) attribute: String,
}

impl AttributeHook {
    /// The hook putting `attribute` on what `pattern` matches.
    pub(crate) fn new(pattern: impl Into<String>, attribute: impl Into<String>) -> Self {
        AttributeHook {
            pattern: pattern.into(),
            attribute: attribute.into(),
        }
    }
}

/// `replace(type, path)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replacement {
    /// The shared catalog type (`Queue`).
    pub(crate) type_name: String,
    /// The Rust path of the partner's type (`crate::model::Queue`), which must implement serde's
    /// `Serialize` and `Deserialize` and what the types that hold it derive.
    pub(crate) path: String,
}

/// Which hook an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HookKind {
    /// A derive: `derive(pattern, traits...)`.
    Derive,
    /// An attribute on types: `type_attribute(pattern, attribute)`.
    TypeAttribute,
    /// An attribute on fields: `field_attribute(pattern, attribute)`.
    FieldAttribute,
    /// A replaced type: `replace(type, path)`.
    Replace,
}

/// A hook: its kind, its place among the hooks of that kind, and its pattern (or, for a
/// replacement, its type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookRef {
    /// What kind of hook.
    pub kind: HookKind,
    /// Its place among those given.
    pub index: usize,
    /// Its pattern, or the type it replaces.
    pub pattern: String,
    /// The part of the hook an error is about, when it is one of the Rust it holds: the trait's
    /// place in a derive's list, `0` for an attribute or a replacement's path.
    pub part: Option<u32>,
}

impl HookRef {
    /// The hook of this kind at `index`, with its pattern.
    pub(crate) fn new(kind: HookKind, index: usize, pattern: &str) -> Self {
        Self {
            kind,
            index,
            pattern: pattern.to_owned(),
            part: None,
        }
    }

    /// The same hook, about its `part`.
    pub(crate) fn at(&self, part: usize) -> Self {
        Self {
            part: u32::try_from(part).ok(),
            ..self.clone()
        }
    }

    /// How the user wrote the hook in `front_end`: `derive("Queue", ...)`,
    /// `.derive("Queue", ...)`, `--derive Queue=...`.
    pub fn describe(&self, front_end: FrontEnd) -> String {
        let (name, flag) = match self.kind {
            HookKind::Derive => ("derive", "--derive"),
            HookKind::TypeAttribute => ("type_attribute", "--type-attribute"),
            HookKind::FieldAttribute => ("field_attribute", "--field-attribute"),
            HookKind::Replace => ("replace", "--replace"),
        };
        let pattern = &self.pattern;
        match front_end {
            FrontEnd::Derive => format!("`{name}({pattern:?}, ...)`"),
            FrontEnd::Builder => format!("`.{name}({pattern:?}, ...)`"),
            FrontEnd::Cli => format!("`{flag} {pattern}=...`"),
        }
    }
}

/// The tokens the derive read the Rust of its hooks from, by hook and part (as [`HookRef`]
/// counts them). The generated code holds these tokens, so rustc's errors about a trait, an
/// attribute or a path point at what the partner wrote; without them (build.rs, the CLI) the
/// text of the hooks is parsed.
#[derive(Debug, Clone, Default)]
pub struct HookTokens(BTreeMap<(HookKind, usize, u32), proc_macro2::TokenStream>);

impl HookTokens {
    /// Records the tokens of `part` of the hook of `kind` at `index`.
    pub fn insert(
        &mut self,
        kind: HookKind,
        index: usize,
        part: usize,
        tokens: proc_macro2::TokenStream,
    ) {
        if let Ok(part) = u32::try_from(part) {
            self.0.insert((kind, index, part), tokens);
        }
    }

    /// The tokens of the part of the hook an error is about, when they were recorded.
    pub fn of(&self, hook: &HookRef) -> Option<&proc_macro2::TokenStream> {
        self.0.get(&(hook.kind, hook.index, hook.part?))
    }
}
