//! Catalog `default`s: each fits its field's type, checked against the whole shape of the value.

use super::Checker;
use super::fit::Fit;
use crate::model::{Catalog, Field, Payload, Shape};

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
            if let Err(reason) = Fit::new(catalog).fits(default, &field.shape, field.nullable, "") {
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
