//! Whether a JSON value fits a shape of the catalog: a field's `default` and a version's
//! `example` are checked by the rules the generated code decodes by.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{Catalog, Field, Scalar, Shape};

/// The objects of a JSON text that give a key twice: the object's path (as [`Fit::fits`] names
/// places, `queue`, `calls[1]`, empty for the whole value) and the first key given twice there.
pub(super) type Duplicates = BTreeMap<String, String>;

/// Fits values against the shapes of one catalog.
pub(super) struct Fit<'a> {
    catalog: &'a Catalog,
    /// The objects of the value that gave a key twice, which the generated struct refuses
    /// (a map keeps the last value).
    duplicates: Option<&'a Duplicates>,
}

impl<'a> Fit<'a> {
    /// Fits values that cannot repeat keys (those read from YAML).
    pub(super) fn new(catalog: &'a Catalog) -> Self {
        Fit {
            catalog,
            duplicates: None,
        }
    }

    /// Fits a value read from JSON text with the keys it gave twice.
    pub(super) fn with_duplicates(catalog: &'a Catalog, duplicates: &'a Duplicates) -> Self {
        Fit {
            catalog,
            duplicates: Some(duplicates),
        }
    }

    /// Whether `value` fits `shape`; the error names the path inside the value and why.
    pub(super) fn fits(
        &self,
        value: &Value,
        shape: &Shape,
        nullable: bool,
        path: &str,
    ) -> Result<(), String> {
        if value.is_null() {
            return if nullable {
                Ok(())
            } else {
                Err(at(path, "null is not allowed (the field is not nullable)"))
            };
        }
        let expected = |what: String| Err(at(path, &what));
        match shape {
            Shape::Scalar(scalar) if scalar_fits(*scalar, value) => Ok(()),
            Shape::Scalar(scalar) => {
                expected(format!("expected {}, found {value}", scalar.as_str()))
            }
            Shape::Named(name) => match self.catalog.type_decl(name) {
                Some(decl) => self.fits(value, &decl.shape, false, path),
                None => expected(format!("type `{name}` is unknown")),
            },
            Shape::Const(constant) if constant.to_json() == *value => Ok(()),
            Shape::Const(constant) => {
                expected(format!("expected the constant {}", constant.to_json()))
            }
            Shape::Enum(values) => match value.as_str() {
                Some(s) if values.iter().any(|v| v == s) => Ok(()),
                _ => expected(format!("expected one of {}", values.join(", "))),
            },
            Shape::Object(fields) => self.object_fits(value, fields, path),
            Shape::Array(element, bounds) => {
                let Some(items) = value.as_array() else {
                    return expected("expected an array".to_owned());
                };
                let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
                if !bounds.admits(len) {
                    let items = if len == 1 { "item" } else { "items" };
                    return expected(format!(
                        "expected an array within its bounds ({bounds}), found {len} {items}"
                    ));
                }
                items.iter().enumerate().try_for_each(|(i, item)| {
                    let path = format!("{path}[{i}]");
                    self.fits(item, &element.shape, element.nullable, &path)
                })
            }
            Shape::Map(element) => {
                let Some(object) = value.as_object() else {
                    return expected("expected a mapping".to_owned());
                };
                object.iter().try_for_each(|(key, item)| {
                    let path = join(path, key);
                    self.fits(item, &element.shape, element.nullable, &path)
                })
            }
            Shape::OneOf(members) => {
                if members
                    .iter()
                    .any(|m| self.fits(value, &m.shape, m.nullable, path).is_ok())
                {
                    Ok(())
                } else {
                    expected("fits none of the `one_of` members".to_owned())
                }
            }
        }
    }

    /// Whether a value is an object with every required field, each fitting, no other key and
    /// no key given twice.
    fn object_fits(&self, value: &Value, fields: &[Field], path: &str) -> Result<(), String> {
        let Some(object) = value.as_object() else {
            return Err(at(path, "expected an object"));
        };
        if let Some(key) = self.duplicates.and_then(|d| d.get(path)) {
            return Err(at(path, &format!("the key `{key}` is given twice")));
        }
        for field in fields {
            let child = join(path, &field.wire_name);
            match object.get(&field.wire_name) {
                Some(v) => self.fits(v, &field.shape, field.nullable, &child)?,
                None if field.optional => {}
                None => return Err(format!("missing required field `{child}`")),
            }
        }
        if let Some(key) = object
            .keys()
            .find(|k| !fields.iter().any(|f| &f.wire_name == *k))
        {
            return Err(at(path, &format!("unknown field `{key}`")));
        }
        Ok(())
    }
}

/// Whether a (non-null) value is of a scalar kind.
fn scalar_fits(scalar: Scalar, value: &Value) -> bool {
    match scalar {
        Scalar::String => value.is_string(),
        Scalar::Integer => value.is_i64(),
        Scalar::Number => value.is_number(),
        Scalar::Boolean => value.is_boolean(),
    }
}

/// `what`, said of the place `path` inside a value (of the value itself when it is empty).
fn at(path: &str, what: &str) -> String {
    if path.is_empty() {
        what.to_owned()
    } else {
        format!("at `{path}`, {what}")
    }
}

/// The path of `key` inside the object at `path`.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
