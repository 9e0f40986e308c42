// The partner's own type for `Queue`, shared by `derive_pass.rs` and `cli_pass.rs`.

/// The partner's queue, with the catalog's wire form.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, eventcat::serde::Serialize, eventcat::serde::Deserialize,
)]
#[serde(crate = "eventcat::serde", rename_all = "camelCase")]
pub struct MyQueue {
    pub id: String,
    pub queue_id: String,
    pub queue_name: String,
}
