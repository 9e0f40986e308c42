//! Payload shapes compared by structure: what a retyped field accepts, and the changes
//! below a field, at their paths.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::model::{Catalog, Constant, Element, Field, ItemBounds, Payload, Scalar, Shape};

use super::changes::{ChangeKind, Verdict};

/// The fields of a payload (a shared object type's fields when the payload names one).
pub(super) fn payload_fields<'a>(types: &Types<'a>, payload: &'a Payload) -> &'a [Field] {
    match payload {
        Payload::Fields(fields) => fields,
        Payload::Type(name) => match types.get(name.as_str()) {
            Some(Shape::Object(fields)) => fields,
            _ => &[],
        },
    }
}

/// Follows shared type names to the shape they stand for, however long the chain of aliases.
/// A cycle of aliases (which the validator refuses) ends at the name that closes it.
pub(super) fn resolve<'a>(types: &Types<'a>, mut shape: &'a Shape) -> &'a Shape {
    let mut seen = HashSet::new();
    while let Shape::Named(name) = shape {
        if !seen.insert(name.as_str()) {
            break;
        }
        match types.get(name.as_str()) {
            Some(declared) => shape = declared,
            None => break,
        }
    }
    shape
}

/// A catalog's shared types by name.
type Types<'a> = HashMap<&'a str, &'a Shape>;

pub(super) fn types_of(catalog: &Catalog) -> Types<'_> {
    catalog
        .types
        .iter()
        .map(|t| (t.name.as_str(), &t.shape))
        .collect()
}

/// The shape as written: `string`, `Queue`, `enum [a, b]`, `array of string`.
pub(super) fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Scalar(scalar) => scalar.as_str().to_owned(),
        Shape::Named(name) => name.clone(),
        Shape::Const(constant) => format!("const {}", constant.to_json()),
        Shape::Enum(values) => format!("enum [{}]", values.join(", ")),
        Shape::Object(_) => "object".to_owned(),
        Shape::Array(element, _) => format!("array of {}", describe_element(element)),
        Shape::Map(element) => format!("map of {}", describe_element(element)),
        Shape::OneOf(members) => format!(
            "one_of [{}]",
            members
                .iter()
                .map(describe_element)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub(super) fn describe_element(element: &Element) -> String {
    let shape = describe(&element.shape);
    if element.nullable {
        format!("{shape} or null")
    } else {
        shape
    }
}

/// Whether every value of `value` (in `value_catalog`) is accepted by `reader` (in
/// `reader_catalog`), judged on the outer type: objects, arrays and maps accept their own kind
/// (their insides are compared field by field).
pub(super) fn accepts<'a>(
    reader_catalog: &Types<'a>,
    reader: &'a Shape,
    value_catalog: &Types<'a>,
    value: &'a Shape,
) -> bool {
    let reader = resolve(reader_catalog, reader);
    let value = resolve(value_catalog, value);
    match (reader, value) {
        (Shape::Scalar(a), Shape::Scalar(b)) => {
            a == b || (*a == Scalar::Number && *b == Scalar::Integer)
        }
        (Shape::Scalar(scalar), Shape::Const(constant)) => {
            constant.scalar() == *scalar
                || (*scalar == Scalar::Number && constant.scalar() == Scalar::Integer)
        }
        (Shape::Scalar(Scalar::String), Shape::Enum(_)) => true,
        (Shape::Enum(values), Shape::Const(Constant::String(s))) => values.contains(s),
        (Shape::Enum(a), Shape::Enum(b)) => b.iter().all(|v| a.contains(v)),
        (Shape::Const(a), Shape::Const(b)) => a == b,
        (Shape::Object(_), Shape::Object(_))
        | (Shape::Array(..), Shape::Array(..))
        | (Shape::Map(_), Shape::Map(_)) => true,
        (_, Shape::OneOf(members)) => members
            .iter()
            .all(|m| accepts(reader_catalog, reader, value_catalog, &m.shape)),
        (Shape::OneOf(members), _) => members
            .iter()
            .any(|m| accepts(reader_catalog, &m.shape, value_catalog, value)),
        _ => false,
    }
}

/// Stands for the full path of a change in the reasons of changes inside shared types, which
/// are compared once and reported at every path that uses them.
pub(super) const PATH: &str = "\u{1}";

/// One step of a field path: a field, the items of an array, the values of a map.
#[derive(Debug, Clone)]
pub(super) enum Step {
    Field(String),
    Array,
    Map,
}

/// `queue.id`, `messages[].author`, `variables{}`.
pub(super) fn render_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Array => out.push_str("[]"),
            Step::Map => out.push_str("{}"),
        }
    }
    out
}

pub(super) fn with(path: &[Step], step: Step) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(step);
    path
}

/// What a comparison found, with paths relative to where it started.
#[derive(Debug)]
pub(super) enum Item {
    /// A change.
    Change {
        path: Vec<Step>,
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    },
    /// The changes of a pair of shared types, used at `path`.
    Nested { path: Vec<Step>, node: Rc<Node> },
}

/// The changes between a pair of shared types: compared once, reported at every use.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) items: Vec<Item>,
    /// How many changes the items stand for (saturating).
    pub(super) count: usize,
    /// Whether any of them breaks a receiver, a sender.
    pub(super) breaks: (bool, bool),
}

impl Node {
    pub(super) fn new(items: Vec<Item>) -> Self {
        let mut count = 0usize;
        let mut breaks = (false, false);
        for item in &items {
            match item {
                Item::Change {
                    receiver, sender, ..
                } => {
                    count = count.saturating_add(1);
                    breaks.0 |= receiver.breaking;
                    breaks.1 |= sender.breaking;
                }
                Item::Nested { node, .. } => {
                    count = count.saturating_add(node.count);
                    breaks.0 |= node.breaks.0;
                    breaks.1 |= node.breaks.1;
                }
            }
        }
        Node {
            items,
            count,
            breaks,
        }
    }
}

/// Compares payloads. A pair of shared types is compared once per diff and its changes are
/// reported at every path that uses it; a pair met again inside itself (a recursive type) is
/// not compared again there.
pub(super) struct Comparer<'a> {
    pub(super) old: Types<'a>,
    pub(super) new: Types<'a>,
    /// Pairs compared, with what was found; only results that do not depend on the pairs
    /// being compared around them are kept.
    memo: HashMap<(&'a str, &'a str), Rc<Node>>,
    /// The pairs being compared, by depth.
    stack: HashMap<(&'a str, &'a str), usize>,
    /// The shallowest pair of `stack` the current comparison met again.
    lowest_cut: usize,
}

impl<'a> Comparer<'a> {
    pub(super) fn new(old: &'a Catalog, new: &'a Catalog) -> Self {
        Comparer {
            old: types_of(old),
            new: types_of(new),
            memo: HashMap::new(),
            stack: HashMap::new(),
            lowest_cut: usize::MAX,
        }
    }

    fn push(
        &mut self,
        out: &mut Vec<Item>,
        path: &[Step],
        kind: ChangeKind,
        receiver: Verdict,
        sender: Verdict,
    ) {
        out.push(Item::Change {
            path: path.to_vec(),
            kind,
            receiver,
            sender,
        });
    }

    pub(super) fn fields(
        &mut self,
        old: &'a [Field],
        new: &'a [Field],
        prefix: &[Step],
        out: &mut Vec<Item>,
    ) {
        let by_name: HashMap<&str, &'a Field> =
            new.iter().map(|f| (f.wire_name.as_str(), f)).collect();
        let old_names: HashSet<&str> = old.iter().map(|f| f.wire_name.as_str()).collect();
        for before in old {
            let path = with(prefix, Step::Field(before.wire_name.clone()));
            match by_name.get(before.wire_name.as_str()) {
                Some(after) => self.field(before, after, &path, out),
                None if before.optional => self.push(
                    out,
                    &path,
                    ChangeKind::FieldRemoved { optional: true },
                    Verdict::compatible("it was optional"),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
                None => self.push(
                    out,
                    &path,
                    ChangeKind::FieldRemoved { optional: false },
                    Verdict::breaking(format!(
                        "decoders built from the old catalog require `{PATH}`, which new \
                         payloads lack"
                    )),
                    Verdict::compatible("decoders ignore fields they do not know"),
                ),
            }
        }
        for after in new {
            if old_names.contains(after.wire_name.as_str()) {
                continue;
            }
            let path = with(prefix, Step::Field(after.wire_name.clone()));
            let sender = if after.optional {
                Verdict::compatible("the new field is optional")
            } else {
                Verdict::breaking(format!(
                    "decoders built from the new catalog require `{PATH}`, which payloads \
                     written to the old one lack"
                ))
            };
            self.push(
                out,
                &path,
                ChangeKind::FieldAdded {
                    optional: after.optional,
                },
                Verdict::compatible("decoders ignore fields they do not know"),
                sender,
            );
        }
    }

    fn field(&mut self, old: &'a Field, new: &'a Field, path: &[Step], out: &mut Vec<Item>) {
        match (old.optional, new.optional) {
            (false, true) => self.push(
                out,
                path,
                ChangeKind::FieldMadeOptional,
                Verdict::breaking(format!(
                    "new payloads may omit `{PATH}`, which decoders built from the old catalog \
                     require"
                )),
                Verdict::compatible("payloads written to the old catalog always carry it"),
            ),
            (true, false) => self.push(
                out,
                path,
                ChangeKind::FieldMadeRequired,
                Verdict::compatible("new payloads always carry it"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may omit `{PATH}`, which decoders built \
                     from the new one require"
                )),
            ),
            _ => {}
        }
        self.nullable(old.nullable, new.nullable, path, out);
        self.shape(&old.shape, &new.shape, path, out);
    }

    fn nullable(&mut self, old: bool, new: bool, path: &[Step], out: &mut Vec<Item>) {
        match (old, new) {
            (false, true) => self.push(
                out,
                path,
                ChangeKind::MadeNullable,
                Verdict::breaking(
                    "new payloads may carry null, which decoders built from the old catalog refuse",
                ),
                Verdict::compatible("payloads written to the old catalog never carry null"),
            ),
            (true, false) => self.push(
                out,
                path,
                ChangeKind::MadeNonNullable,
                Verdict::compatible("new payloads never carry null"),
                Verdict::breaking(
                    "payloads written to the old catalog may carry null, which decoders built \
                     from the new one refuse",
                ),
            ),
            _ => {}
        }
    }

    fn shape(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let (Shape::Named(a), Shape::Named(b)) = (old, new) else {
            return self.resolved(old, new, path, out);
        };
        let key = (a.as_str(), b.as_str());
        if let Some(&depth) = self.stack.get(&key) {
            self.lowest_cut = self.lowest_cut.min(depth);
            return;
        }
        let node = match self.memo.get(&key) {
            Some(node) => Rc::clone(node),
            None => {
                let depth = self.stack.len();
                self.stack.insert(key, depth);
                let outer = std::mem::replace(&mut self.lowest_cut, usize::MAX);
                let mut items = Vec::new();
                self.resolved(old, new, &[], &mut items);
                self.stack.remove(&key);
                let inner = std::mem::replace(&mut self.lowest_cut, outer);
                let node = Rc::new(Node::new(items));
                if inner >= depth {
                    self.memo.insert(key, Rc::clone(&node));
                } else {
                    self.lowest_cut = self.lowest_cut.min(inner);
                }
                node
            }
        };
        if node.count > 0 {
            out.push(Item::Nested {
                path: path.to_vec(),
                node,
            });
        }
    }

    /// Compares two shapes by what they stand for (following shared type names).
    fn resolved(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let before = resolve(&self.old, old);
        let after = resolve(&self.new, new);
        match (before, after) {
            (Shape::Object(a), Shape::Object(b)) => self.fields(a, b, path, out),
            (Shape::Array(a, a_bounds), Shape::Array(b, b_bounds)) => {
                self.item_bounds(*a_bounds, *b_bounds, path, out);
                self.element(a, b, &with(path, Step::Array), out);
            }
            (Shape::Map(a), Shape::Map(b)) => self.element(a, b, &with(path, Step::Map), out),
            (Shape::Enum(a), Shape::Enum(b)) => self.enum_values(a, b, path, out),
            (Shape::Const(a), Shape::Const(b)) if a != b => self.constant(a, b, path, out),
            (Shape::Const(_), Shape::Const(_)) => {}
            (Shape::OneOf(a), Shape::OneOf(b)) => self.union_members(a, b, path, out),
            (Shape::Scalar(a), Shape::Scalar(b)) if a == b => {}
            _ => self.retyped(old, new, path, out),
        }
    }

    /// The values an enum gained and lost.
    fn enum_values(&mut self, old: &[String], new: &[String], path: &[Step], out: &mut Vec<Item>) {
        for value in new.iter().filter(|v| !old.contains(v)) {
            self.push(
                out,
                path,
                ChangeKind::EnumValueAdded(value.clone()),
                Verdict::breaking(format!(
                    "decoders built from the old catalog refuse the value `{value}`"
                )),
                Verdict::compatible(
                    "payloads written to the old catalog use only values the new one keeps",
                ),
            );
        }
        for value in old.iter().filter(|v| !new.contains(v)) {
            self.push(
                out,
                path,
                ChangeKind::EnumValueRemoved(value.clone()),
                Verdict::compatible("new payloads use only values the old catalog knows"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may carry `{value}`, which decoders \
                     built from the new one refuse"
                )),
            );
        }
    }

    /// A constant that changed: breaking both ways.
    fn constant(&mut self, old: &Constant, new: &Constant, path: &[Step], out: &mut Vec<Item>) {
        let (a, b) = (old.to_json(), new.to_json());
        self.push(
            out,
            path,
            ChangeKind::ConstantChanged {
                old: a.to_string(),
                new: b.to_string(),
            },
            Verdict::breaking(format!(
                "decoders built from the old catalog expect {a}; new payloads carry {b}"
            )),
            Verdict::breaking(format!(
                "decoders built from the new catalog expect {b}; payloads written to the old one \
                 carry {a}"
            )),
        );
    }

    /// The members a `one_of` gained and lost, told apart by how they are written.
    fn union_members(
        &mut self,
        old: &[Element],
        new: &[Element],
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        let old: Vec<String> = old.iter().map(describe_element).collect();
        let new: Vec<String> = new.iter().map(describe_element).collect();
        for member in new.iter().filter(|m| !old.contains(m)) {
            self.push(
                out,
                path,
                ChangeKind::UnionMemberAdded(member.clone()),
                Verdict::breaking(format!(
                    "new payloads may carry {member}, which decoders built from the old catalog \
                     refuse"
                )),
                Verdict::compatible(
                    "payloads written to the old catalog fit members the new one keeps",
                ),
            );
        }
        for member in old.iter().filter(|m| !new.contains(m)) {
            self.push(
                out,
                path,
                ChangeKind::UnionMemberRemoved(member.clone()),
                Verdict::compatible("new payloads fit members the old catalog knows"),
                Verdict::breaking(format!(
                    "payloads written to the old catalog may carry {member}, which decoders \
                     built from the new one refuse"
                )),
            );
        }
    }

    /// A shape that became another: compatible for a role when its decoder's type accepts
    /// every value of the other's.
    fn retyped(&mut self, old: &'a Shape, new: &'a Shape, path: &[Step], out: &mut Vec<Item>) {
        let (old_text, new_text) = (describe(old), describe(new));
        let receiver = if accepts(&self.old, old, &self.new, new) {
            Verdict::compatible(format!(
                "decoders built from the old catalog accept every {new_text}"
            ))
        } else {
            Verdict::breaking(format!(
                "decoders built from the old catalog expect {old_text}; new payloads carry \
                 {new_text}"
            ))
        };
        let sender = if accepts(&self.new, new, &self.old, old) {
            Verdict::compatible(format!(
                "decoders built from the new catalog accept every {old_text}"
            ))
        } else {
            Verdict::breaking(format!(
                "decoders built from the new catalog expect {new_text}; payloads written to the \
                 old one carry {old_text}"
            ))
        };
        let kind = ChangeKind::FieldRetyped {
            old: old_text,
            new: new_text,
        };
        self.push(out, path, kind, receiver, sender);
    }

    fn element(&mut self, old: &'a Element, new: &'a Element, path: &[Step], out: &mut Vec<Item>) {
        self.nullable(old.nullable, new.nullable, path, out);
        self.shape(&old.shape, &new.shape, path, out);
    }

    /// A change of an array's item bounds. Tightening (a new or higher `min_items`, a new or
    /// lower `max_items`) is like making a field required: new payloads still fit old decoders,
    /// payloads written to the old catalog may not fit new ones. Loosening is the reverse.
    fn item_bounds(
        &mut self,
        old: ItemBounds,
        new: ItemBounds,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        self.min_items(old.min, new.min, path, out);
        self.max_items(old.max, new.max, path, out);
    }

    /// A change of `min_items` (none is zero).
    fn min_items(
        &mut self,
        old: Option<u64>,
        new: Option<u64>,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        let (old_min, new_min) = (old.unwrap_or(0), new.unwrap_or(0));
        if old_min != new_min {
            let kind = ChangeKind::MinItemsChanged { old, new };
            let (receiver, sender) = if new_min > old_min {
                (
                    Verdict::compatible(format!("new payloads carry at least {new_min} items")),
                    Verdict::breaking(format!(
                        "payloads written to the old catalog may carry fewer than {new_min} items \
                         in `{PATH}`, which decoders built from the new one refuse"
                    )),
                )
            } else {
                (
                    Verdict::breaking(format!(
                        "new payloads may carry fewer than {old_min} items in `{PATH}`, which \
                         decoders built from the old catalog refuse"
                    )),
                    Verdict::compatible(format!(
                        "payloads written to the old catalog carry at least {old_min} items"
                    )),
                )
            };
            self.push(out, path, kind, receiver, sender);
        }
    }

    /// A change of `max_items` (none is no upper bound: a new one, or a lower one, tightens).
    fn max_items(
        &mut self,
        old: Option<u64>,
        new: Option<u64>,
        path: &[Step],
        out: &mut Vec<Item>,
    ) {
        if old != new {
            let kind = ChangeKind::MaxItemsChanged { old, new };
            let (receiver, sender) = match (old, new) {
                (old_max, Some(new_max)) if old_max.is_none_or(|old_max| new_max < old_max) => (
                    Verdict::compatible(format!("new payloads carry at most {new_max} items")),
                    Verdict::breaking(format!(
                        "payloads written to the old catalog may carry more than {new_max} items \
                         in `{PATH}`, which decoders built from the new one refuse"
                    )),
                ),
                (Some(old_max), _) => (
                    Verdict::breaking(format!(
                        "new payloads may carry more than {old_max} items in `{PATH}`, which \
                         decoders built from the old catalog refuse"
                    )),
                    Verdict::compatible(format!(
                        "payloads written to the old catalog carry at most {old_max} items"
                    )),
                ),
                // Not reached: `(None, None)`, equal bounds, and `(None, Some(_))`, a tightening.
                (None, _) => return,
            };
            self.push(out, path, kind, receiver, sender);
        }
    }
}
