//! Catalog `default`s: each fits its field's type, checked against the whole shape of the value.

use serde_json::Value;

use super::Checker;
use crate::model::{Catalog, Field, Payload, Scalar, Shape};

impl Checker {
    pub(super) fn check_defaults(&mut self, catalog: &Catalog) {
        let mut objects: Vec<&[Field]> = Vec::new();
        for decl in &catalog.types {
            collect_objects(&decl.shape, &mut objects);
        }
        for event in &catalog.events {
            for version in &event.schema_versions {
                if let Payload::Fields(fields) = &version.payload {
                    objects.push(fields);
                    for field in fields {
                        collect_objects(&field.shape, &mut objects);
                    }
                }
            }
        }
        for field in objects.into_iter().flatten() {
            let Some(default) = &field.default else {
                continue;
            };
            if let Err(reason) = fits(catalog, default, &field.shape, field.nullable, "") {
                self.error(
                    "default",
                    field.location,
                    format!(
                        "default {default} of field `{}` does not fit its type: {reason}",
                        field.wire_name
                    ),
                );
            }
        }
    }
}

/// Collects every object's field list inside `shape`.
fn collect_objects<'a>(shape: &'a Shape, out: &mut Vec<&'a [Field]>) {
    match shape {
        Shape::Object(fields) => {
            out.push(fields);
            for field in fields {
                collect_objects(&field.shape, out);
            }
        }
        Shape::Array(element, _) | Shape::Map(element) => collect_objects(&element.shape, out),
        Shape::OneOf(members) => members.iter().for_each(|m| collect_objects(&m.shape, out)),
        Shape::Scalar(_) | Shape::Named(_) | Shape::Const(_) | Shape::Enum(_) => {}
    }
}

/// Whether a JSON value fits a shape; the error names the path inside the value and why.
pub(crate) fn fits(
    catalog: &Catalog,
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
        Shape::Scalar(scalar) => expected(format!("expected {}, found {value}", scalar.as_str())),
        Shape::Named(name) => match catalog.type_decl(name) {
            Some(decl) => fits(catalog, value, &decl.shape, false, path),
            None => expected(format!("type `{name}` is unknown")),
        },
        Shape::Const(constant) if constant.to_json() == *value => Ok(()),
        Shape::Const(constant) => expected(format!("expected the constant {}", constant.to_json())),
        Shape::Enum(values) => match value.as_str() {
            Some(s) if values.iter().any(|v| v == s) => Ok(()),
            _ => expected(format!("expected one of {}", values.join(", "))),
        },
        Shape::Object(fields) => object_fits(catalog, value, fields, path),
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
                fits(catalog, item, &element.shape, element.nullable, &path)
            })
        }
        Shape::Map(element) => {
            let Some(object) = value.as_object() else {
                return expected("expected a mapping".to_owned());
            };
            object.iter().try_for_each(|(key, item)| {
                let path = join(path, key);
                fits(catalog, item, &element.shape, element.nullable, &path)
            })
        }
        Shape::OneOf(members) => {
            if members
                .iter()
                .any(|m| fits(catalog, value, &m.shape, m.nullable, path).is_ok())
            {
                Ok(())
            } else {
                expected("fits none of the `one_of` members".to_owned())
            }
        }
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

/// Whether a value is an object with every required field, each fitting, and no other key.
fn object_fits(
    catalog: &Catalog,
    value: &Value,
    fields: &[Field],
    path: &str,
) -> Result<(), String> {
    let Some(object) = value.as_object() else {
        return Err(at(path, "expected an object"));
    };
    for field in fields {
        let child = join(path, &field.wire_name);
        match object.get(&field.wire_name) {
            Some(v) => fits(catalog, v, &field.shape, field.nullable, &child)?,
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

/// `what`, said of the place `path` inside a value (of the value itself when it is empty).
fn at(path: &str, what: &str) -> String {
    if path.is_empty() {
        what.to_owned()
    } else {
        format!("at `{path}`, {what}")
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
