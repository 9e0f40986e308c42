//! `Debug` without the data: what the types of a catalog generated with redacted `Debug` (the
//! derive's `debug = "redacted"`, the builder's `redacted_debug()`, `--redacted-debug`) print,
//! so that `{:?}` puts no customer value in a log. Each value is shown as `..`; the type's name,
//! its fields' names and a union's form stay.

use std::fmt;

/// A value's place, shown as `..`.
struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("..")
    }
}

/// Writes a struct with named fields as `Name { field: .., other: .. }`.
pub fn fields(f: &mut fmt::Formatter<'_>, name: &str, fields: &[&str]) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for field in fields {
        out.field(field, &Hidden);
    }
    out.finish()
}

/// Writes a tuple struct, or a union's form, with one value as `Name(..)`.
pub fn tuple(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    f.debug_tuple(name).field(&Hidden).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Focus {
        interaction_id: String,
    }

    impl fmt::Debug for Focus {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let _ = &self.interaction_id;
            fields(f, "Focus", &["interaction_id", "queue"])
        }
    }

    struct Reference(i64);

    impl fmt::Debug for Reference {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let _ = self.0;
            tuple(f, "Reference::Integer")
        }
    }

    #[test]
    fn names_stay_and_values_do_not() {
        let focus = Focus {
            interaction_id: "secret".to_owned(),
        };
        assert_eq!(
            format!("{focus:?}"),
            "Focus { interaction_id: .., queue: .. }"
        );
        assert_eq!(
            format!("{focus:#?}"),
            "Focus {\n    interaction_id: ..,\n    queue: ..,\n}"
        );
        assert_eq!(format!("{:?}", Reference(7)), "Reference::Integer(..)");
        assert_eq!(
            format!("{:?}", Some(Reference(7))),
            "Some(Reference::Integer(..))"
        );
    }
}
