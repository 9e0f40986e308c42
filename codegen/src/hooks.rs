//! The partner's hooks on the generated code, the same from the derive, build.rs and the CLI:
//! extra derives and attributes on types and fields chosen by name pattern, and catalog types
//! replaced by the partner's own types (as prost-build's `type_attribute` and `extern_path`, or
//! typify's `with_derive` and `with_replacement`).
//!
//! Replacements are planned (the plan uses the partner's path wherever the type appears);
//! derives and attributes are applied to a plan afterwards, where a derive that cannot hold (a
//! `Hash` over a number, a `Default` with a field that must be present) is an error at that
//! field of the catalog, not a compile error inside generated code.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Catalog, Payload, Shape, TypeDecl};
use crate::options::{FrontEnd, HookKind, HookRef, Hooks};
use crate::plan::{
    CONSTANT_DERIVES, ENUM_DERIVES, Plan, STRUCT_DERIVES, StructItem, TypeItem, TypeRef,
};

/// Why the hooks do not fit the catalog.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HookError {
    /// A pattern that is not a glob, or a field pattern without its `.`.
    #[error("invalid pattern `{pattern}`: {reason}")]
    BadPattern {
        /// The hook.
        hook: HookRef,
        /// The pattern given.
        pattern: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A pattern that matches nothing generated.
    #[error("pattern `{pattern}` matches no {what} of the generated code")]
    UnmatchedPattern {
        /// The hook.
        hook: HookRef,
        /// The pattern given.
        pattern: String,
        /// `type` or `field`.
        what: &'static str,
    },
    /// Text that is not an attribute, a trait path or a type path.
    #[error("`{text}` is not {expected}: {reason}")]
    BadSyntax {
        /// The hook.
        hook: HookRef,
        /// The text given.
        text: String,
        /// What it should be.
        expected: &'static str,
        /// Why it is not.
        reason: String,
    },
    /// A replacement of a name that is not a shared type of the catalog.
    #[error("`{name}` is not a type of the catalog (its `types`), so it cannot be replaced")]
    UnknownType {
        /// The hook.
        hook: HookRef,
        /// The name given.
        name: String,
    },
    /// A replacement of a type the generated code must read itself, or a derive that cannot
    /// hold: located in the catalog.
    #[error("{}", report.render_errors(false).trim_end())]
    Catalog {
        /// The hook.
        hook: HookRef,
        /// The catalog's report, with the error at the place it is about.
        report: Report,
    },
}

impl HookError {
    /// The hook the error is about.
    pub fn hook(&self) -> &HookRef {
        match self {
            HookError::BadPattern { hook, .. }
            | HookError::UnmatchedPattern { hook, .. }
            | HookError::BadSyntax { hook, .. }
            | HookError::UnknownType { hook, .. }
            | HookError::Catalog { hook, .. } => hook,
        }
    }

    /// The message, naming the hook as the user wrote it in `front_end`.
    pub fn message(&self, front_end: FrontEnd) -> String {
        format!("{}: {self}", self.hook().describe(front_end))
    }
}

/// The replaced types of `selected`, name to the partner's path, after checking each
/// replacement against `catalog`: a Rust path, for a shared type that is neither a constant nor
/// the whole payload of an event (which eventcat reads and writes itself).
pub fn replacements(
    catalog: &Catalog,
    selected: &Catalog,
    hooks: &Hooks,
    report: &Report,
) -> Result<BTreeMap<String, String>, HookError> {
    let mut replaced = BTreeMap::new();
    for (index, replacement) in hooks.replacements.iter().enumerate() {
        let hook = HookRef::new(HookKind::Replace, index, &replacement.type_name);
        parse::<syn::Path>(
            &hook,
            &replacement.path,
            "a type path such as `crate::model::Queue`",
        )?;
        let Some(decl) = catalog.type_decl(&replacement.type_name) else {
            let name = replacement.type_name.clone();
            return Err(HookError::UnknownType { hook, name });
        };
        if let Some((location, why)) = not_replaceable(selected, decl) {
            let message = format!("`{}` cannot be replaced: {why}", decl.name);
            let diagnostic = Diagnostic::error("replace", location, message);
            let report = Report {
                diagnostics: vec![diagnostic],
                ..report.clone()
            };
            return Err(HookError::Catalog { hook, report });
        }
        replaced.insert(replacement.type_name.clone(), replacement.path.clone());
    }
    Ok(replaced)
}

/// Why the generated code cannot use a partner's type for `decl`, and where.
fn not_replaceable(selected: &Catalog, decl: &TypeDecl) -> Option<(Location, String)> {
    if let Shape::Const(_) = decl.shape {
        return Some((decl.location, "a constant type is its one value".to_owned()));
    }
    let payloads = selected.events.iter().flat_map(|event| {
        event
            .schema_versions
            .iter()
            .map(move |version| (event, version))
    });
    for (event, version) in payloads {
        if matches!(&version.payload, Payload::Type(name) if *name == decl.name) {
            let why = format!(
                "it is the whole payload of `{}` {}, which eventcat reads and writes itself \
                 (replace a type it uses instead)",
                event.name, version.version
            );
            return Some((version.location, why));
        }
    }
    None
}

/// `text` parsed as a `T`, or the error naming what it should have been.
fn parse<T: syn::parse::Parse>(
    hook: &HookRef,
    text: &str,
    expected: &'static str,
) -> Result<T, HookError> {
    syn::parse_str(text).map_err(|err| HookError::BadSyntax {
        hook: hook.clone(),
        text: text.to_owned(),
        expected,
        reason: err.to_string(),
    })
}

/// A glob pattern over names.
fn glob(hook: &HookRef, pattern: &str) -> Result<glob::Pattern, HookError> {
    glob::Pattern::new(pattern).map_err(|err| HookError::BadPattern {
        hook: hook.clone(),
        pattern: pattern.to_owned(),
        reason: err.msg.to_owned(),
    })
}

/// Traits eventcat implements itself for every type; deriving them would conflict.
const IMPLEMENTED: &[&str] = &[
    "Serialize",
    "Deserialize",
    "serde::Serialize",
    "serde::Deserialize",
];

/// Applies the derive and attribute hooks to `plan` (whose replacements are planned already).
/// `report` is the catalog's, for errors at the place they are about.
pub fn apply(plan: &mut Plan, hooks: &Hooks, report: &Report) -> Result<(), HookError> {
    let derives = chosen_derives(plan, hooks)?;
    check_derives(plan, hooks, &derives, report)?;
    for (name, traits) in &derives {
        let traits = traits.iter().map(|(t, _)| t.clone()).collect();
        set_derives(plan, name, traits);
    }
    type_attributes(plan, hooks)?;
    field_attributes(plan, hooks)
}

/// A trait a hook asks for on a type, with the hook.
type Asked = BTreeMap<String, BTreeSet<(String, usize)>>;

/// The traits each type gets from the derive hooks, without those it has already.
fn chosen_derives(plan: &Plan, hooks: &Hooks) -> Result<Asked, HookError> {
    let mut chosen: Asked = BTreeMap::new();
    for (index, hook) in hooks.derives.iter().enumerate() {
        let at = HookRef::new(HookKind::Derive, index, &hook.pattern);
        let pattern = glob(&at, &hook.pattern)?;
        let traits: Vec<String> = hook
            .traits
            .iter()
            .map(|t| trait_name(&at, t))
            .collect::<Result<_, _>>()?;
        let matched = derivable(plan)
            .filter(|(name, _)| pattern.matches(name))
            .collect::<Vec<_>>();
        if matched.is_empty() {
            return Err(unmatched(&at, &hook.pattern, "type"));
        }
        for (name, has) in matched {
            let new = traits.iter().filter(|t| !has.has(t));
            chosen
                .entry(name.to_owned())
                .or_default()
                .extend(new.map(|t| (t.clone(), index)));
        }
    }
    Ok(chosen)
}

/// A trait path as written (`Hash`, `schemars::JsonSchema`); serde's traits are refused, since
/// eventcat implements them.
fn trait_name(hook: &HookRef, text: &str) -> Result<String, HookError> {
    let path = parse::<syn::Path>(hook, text, "a trait path such as `Hash`")?;
    let name = quote::ToTokens::to_token_stream(&path)
        .to_string()
        .replace(' ', "");
    if IMPLEMENTED.contains(&name.trim_start_matches("::")) {
        return Err(HookError::BadSyntax {
            hook: hook.clone(),
            text: text.to_owned(),
            expected: "a trait eventcat leaves to you",
            reason: "eventcat implements serde's traits for every type it generates".to_owned(),
        });
    }
    Ok(name)
}

fn unmatched(hook: &HookRef, pattern: &str, what: &'static str) -> HookError {
    HookError::UnmatchedPattern {
        hook: hook.clone(),
        pattern: pattern.to_owned(),
        what,
    }
}

/// What a generated type derives before the hooks.
#[derive(Clone, Copy)]
struct Derived {
    traits: &'static [&'static str],
    default: bool,
}

impl Derived {
    /// Whether it derives `wanted`.
    fn has(self, wanted: &str) -> bool {
        self.traits.contains(&wanted) || (self.default && wanted == "Default")
    }
}

/// Every type a derive may go on, with what it derives already: the catalog's types (not plain
/// aliases, which are not types of their own) and the family enums.
fn derivable(plan: &Plan) -> impl Iterator<Item = (&str, Derived)> {
    let derived = |traits, default| Derived { traits, default };
    let types = plan.types.iter().filter_map(move |item| match item {
        TypeItem::Struct(s) => Some((s.name.as_str(), derived(STRUCT_DERIVES, s.has_default))),
        TypeItem::Enum(e) => Some((e.name.as_str(), derived(ENUM_DERIVES, false))),
        TypeItem::Union(u) => Some((u.name.as_str(), derived(STRUCT_DERIVES, false))),
        TypeItem::Alias(a) if a.newtype => Some((a.name.as_str(), derived(STRUCT_DERIVES, false))),
        TypeItem::Alias(_) => None,
        TypeItem::Constant(c) => Some((c.name.as_str(), derived(CONSTANT_DERIVES, true))),
    });
    let families = plan
        .families
        .iter()
        .map(move |f| (f.name.as_str(), derived(STRUCT_DERIVES, false)));
    types.chain(families)
}

/// Whether a type has `wanted` once the hooks are applied: it derives it already, or gets it.
fn has_trait(plan: &Plan, derives: &Asked, name: &str, wanted: &str) -> bool {
    let given = derives
        .get(name)
        .is_some_and(|traits| traits.iter().any(|(t, _)| t == wanted));
    given || derivable(plan).any(|(n, has)| n == name && has.has(wanted))
}

/// Fails at the first field that keeps a chosen derive from holding.
fn check_derives(
    plan: &Plan,
    hooks: &Hooks,
    derives: &Asked,
    report: &Report,
) -> Result<(), HookError> {
    let checker = Checker { plan, derives };
    for (name, traits) in derives {
        for (wanted, index) in traits {
            if let Some(problem) = checker.problem(name, wanted) {
                let message = format!(
                    "`{wanted}` cannot be derived for `{name}`: {}",
                    problem.reason
                );
                let diagnostic = Diagnostic::error("derive", problem.location, message);
                return Err(HookError::Catalog {
                    hook: HookRef::new(HookKind::Derive, *index, &hooks.derives[*index].pattern),
                    report: Report {
                        diagnostics: vec![diagnostic],
                        ..report.clone()
                    },
                });
            }
        }
    }
    Ok(())
}

/// Why a derive does not hold, and where.
struct Problem {
    reason: String,
    location: Location,
}

/// Decides whether a derive holds for a type, given every type's traits after the hooks.
struct Checker<'a> {
    plan: &'a Plan,
    derives: &'a Asked,
}

impl Checker<'_> {
    /// What keeps `wanted` from holding for the type `name`, if anything. Traits eventcat does
    /// not know (`schemars::JsonSchema`) are left to the compiler.
    fn problem(&self, name: &str, wanted: &str) -> Option<Problem> {
        let checked = ["Eq", "Hash", "PartialOrd", "Ord", "Copy", "Default"];
        if !checked.contains(&wanted) {
            return None;
        }
        if let Some(family) = self.plan.families.iter().find(|f| f.name == name) {
            return self.family_problem(family, wanted);
        }
        match self.plan.types.iter().find(|t| t.name() == name)? {
            TypeItem::Struct(s) => self.struct_problem(s, wanted),
            TypeItem::Union(u) => {
                let members = u
                    .variants
                    .iter()
                    .map(|(variant, ty)| (variant.as_str(), ty, false));
                self.members_problem("member", members, wanted, u.location)
            }
            TypeItem::Alias(a) => self.members_problem(
                "value",
                [("0", &a.ty, false)].into_iter(),
                wanted,
                a.location,
            ),
            TypeItem::Enum(e) => Some(Problem {
                reason: "a string enum has no value to start from".to_owned(),
                location: e.location,
            }),
            TypeItem::Constant(_) => None,
        }
    }

    fn family_problem(&self, family: &crate::plan::FamilyItem, wanted: &str) -> Option<Problem> {
        let (_, first, _) = family.variants.first()?;
        let location = self.location_of(first);
        if wanted == "Default" {
            return Some(Problem {
                reason: "an enum of versions has no version to start from".to_owned(),
                location,
            });
        }
        let variants = family
            .variants
            .iter()
            .map(|(variant, ty, _)| (variant.as_str(), ty));
        for (variant, ty) in variants {
            if !self.has(ty, wanted) {
                return Some(Problem {
                    reason: format!(
                        "its variant `{variant}` holds a `{ty}`, which does not derive `{wanted}`; add `{ty}` to the pattern"
                    ),
                    location: self.location_of(ty),
                });
            }
        }
        None
    }

    fn struct_problem(&self, item: &StructItem, wanted: &str) -> Option<Problem> {
        if let Some(wrapped) = &item.wraps {
            return (!self.has(wrapped, wanted)).then(|| Problem {
                reason: format!("it holds a `{wrapped}`, which does not derive `{wanted}`; add `{wrapped}` to the pattern"),
                location: item.location,
            });
        }
        if wanted == "Default" {
            let literal = |f: &crate::plan::FieldItem| {
                let types = &self.plan.types;
                f.default
                    .as_ref()
                    .is_some_and(|d| crate::plan::literal(types, d, &f.ty))
            };
            let required = item.fields.iter().find(|f| !f.optional && !literal(f))?;
            return Some(Problem {
                reason: format!(
                    "its field `{}` must be present (it is not optional and has no catalog `default`)",
                    required.rust_name.trim_start_matches("r#")
                ),
                location: required.location,
            });
        }
        let fields = item.fields.iter().map(|f| {
            (
                f.rust_name.trim_start_matches("r#"),
                &f.ty,
                f.optional || f.nullable,
            )
        });
        let located = item.fields.iter().map(|f| f.location);
        for ((field, ty, _), location) in fields.zip(located) {
            if let Some(reason) = self.type_problem(ty, wanted) {
                return Some(Problem {
                    reason: format!("its field `{field}` {reason}"),
                    location,
                });
            }
        }
        None
    }

    fn members_problem<'t>(
        &self,
        what: &str,
        members: impl Iterator<Item = (&'t str, &'t TypeRef, bool)>,
        wanted: &str,
        location: Location,
    ) -> Option<Problem> {
        if wanted == "Default" {
            return Some(Problem {
                reason: "a union has no member to start from".to_owned(),
                location,
            });
        }
        for (member, ty, _) in members {
            if let Some(reason) = self.type_problem(ty, wanted) {
                return Some(Problem {
                    reason: format!("its {what} `{member}` {reason}"),
                    location,
                });
            }
        }
        None
    }

    /// Why a value of `ty` keeps `wanted` from holding (`is a number (f64), which is not
    /// Hash`), if it does.
    fn type_problem(&self, ty: &TypeRef, wanted: &str) -> Option<String> {
        match ty {
            TypeRef::Number if matches!(wanted, "Eq" | "Hash" | "Ord") => {
                Some(format!("is a number (`f64`), which is not `{wanted}`"))
            }
            TypeRef::String | TypeRef::Array(_) | TypeRef::Map(_) if wanted == "Copy" => {
                Some("holds data on the heap, which is not `Copy`".to_owned())
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.type_problem(inner, wanted)
            }
            TypeRef::Named(name) if !self.has(name, wanted) => Some(format!(
                "is a `{name}`, which does not derive `{wanted}`; add `{name}` to the pattern"
            )),
            _ => None,
        }
    }

    /// Whether the type `name` has `wanted` once the hooks are applied; a plain alias has what
    /// the type it names has.
    fn has(&self, name: &str, wanted: &str) -> bool {
        match self.plan.types.iter().find(|t| t.name() == name) {
            Some(TypeItem::Alias(alias)) if !alias.newtype => {
                self.type_problem(&alias.ty, wanted).is_none()
            }
            _ => has_trait(self.plan, self.derives, name, wanted),
        }
    }

    /// Where the type `name` is declared, for a problem about it.
    fn location_of(&self, name: &str) -> Location {
        self.plan
            .types
            .iter()
            .find(|t| t.name() == name)
            .map(TypeItem::location)
            .unwrap_or_default()
    }
}

/// Adds `traits` to the derives of the type `name`.
fn set_derives(plan: &mut Plan, name: &str, traits: Vec<String>) {
    if let Some(family) = plan.families.iter_mut().find(|f| f.name == name) {
        family.extra.derives.extend(traits);
        return;
    }
    if let Some(item) = plan.types.iter_mut().find(|t| t.name() == name) {
        item.extra_mut().derives.extend(traits);
    }
}

/// Puts each type attribute hook's attributes on the types it matches.
fn type_attributes(plan: &mut Plan, hooks: &Hooks) -> Result<(), HookError> {
    for (index, hook) in hooks.type_attributes.iter().enumerate() {
        let at = HookRef::new(HookKind::TypeAttribute, index, &hook.pattern);
        let pattern = glob(&at, &hook.pattern)?;
        let attributes = attributes(&at, &hook.attribute)?;
        let mut matched = false;
        for item in plan.types.iter_mut().filter(|t| pattern.matches(t.name())) {
            item.extra_mut()
                .attributes
                .extend(attributes.iter().cloned());
            matched = true;
        }
        for family in plan
            .families
            .iter_mut()
            .filter(|f| pattern.matches(&f.name))
        {
            family.extra.attributes.extend(attributes.iter().cloned());
            matched = true;
        }
        if !matched {
            return Err(unmatched(&at, &hook.pattern, "type"));
        }
    }
    Ok(())
}

/// Puts each field attribute hook's attributes on the struct fields it matches.
fn field_attributes(plan: &mut Plan, hooks: &Hooks) -> Result<(), HookError> {
    for (index, hook) in hooks.field_attributes.iter().enumerate() {
        let at = HookRef::new(HookKind::FieldAttribute, index, &hook.pattern);
        let (types, fields) = field_pattern(&at, &hook.pattern)?;
        let attributes = attributes(&at, &hook.attribute)?;
        let mut matched = false;
        let structs = plan.types.iter_mut().filter_map(|t| match t {
            TypeItem::Struct(s) if s.wraps.is_none() && types.matches(&s.name) => Some(s),
            _ => None,
        });
        for item in structs {
            let chosen = item
                .fields
                .iter_mut()
                .filter(|f| fields.matches(f.rust_name.trim_start_matches("r#")));
            for field in chosen {
                field.attributes.extend(attributes.iter().cloned());
                matched = true;
            }
        }
        if !matched {
            return Err(unmatched(&at, &hook.pattern, "field"));
        }
    }
    Ok(())
}

/// `Type.field`: a glob over types and one over their fields' Rust names.
fn field_pattern(
    hook: &HookRef,
    pattern: &str,
) -> Result<(glob::Pattern, glob::Pattern), HookError> {
    let Some((types, fields)) = pattern.rsplit_once('.') else {
        return Err(HookError::BadPattern {
            hook: hook.clone(),
            pattern: pattern.to_owned(),
            reason: "a field pattern is `Type.field` (`AwInteractionFocusV3.interaction_id`)"
                .to_owned(),
        });
    };
    Ok((glob(hook, types)?, glob(hook, fields)?))
}

/// One or more outer attributes, checked and kept as source text.
fn attributes(hook: &HookRef, text: &str) -> Result<Vec<String>, HookError> {
    /// Outer attributes.
    struct Outer(Vec<syn::Attribute>);

    impl syn::parse::Parse for Outer {
        fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
            let attributes = syn::Attribute::parse_outer(input)?;
            if attributes.is_empty() {
                return Err(input.error("expected an attribute such as `#[doc(alias = \"id\")]`"));
            }
            Ok(Self(attributes))
        }
    }

    let Outer(attributes) = parse(hook, text, "an attribute such as `#[doc(alias = \"id\")]`")?;
    Ok(attributes
        .iter()
        .map(|a| quote::ToTokens::to_token_stream(a).to_string())
        .collect())
}
