//! The baseline: the serde structs a partner would write by hand for the four benchmarked
//! events, with exactly the fields catalog.yaml declares (wire names, optional fields, nested
//! object types and enums), `schemaVersion` as a plain string and constant fields as strings.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// `aw-interaction-focus-v3`, schema version 3.0.0.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwInteractionFocusV3 {
    interaction_id: String,
    queue: Queue,
    is_manual: bool,
    schema_version: String,
}

/// The contact-center queue an interaction belongs to.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Queue {
    id: String,
    queue_id: String,
    queue_name: String,
}

/// `call-manager-call-connect-v1`, schema version 1.0.0: the catalog's `CallObject`, every
/// field optional, plus `schemaVersion`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallManagerCallConnectV1 {
    #[serde(
        rename = "accumulatedMOSLQ",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    accumulated_moslq: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alert_info_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_add: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_alternate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_answer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_answer_conf: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_answer_hold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_conf: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_dropconf: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_end: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_hold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_join: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_move_to_jm: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_none: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_park: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_record: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_reject: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_retrieve: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_transfer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    c_session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    call_hold_time: Option<f64>,
    #[serde(rename = "callID", default, skip_serializing_if = "Option::is_none")]
    call_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    call_incoming_time: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    call_park_ext: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    call_start_time: Option<f64>,
    #[serde(
        rename = "callUserUUID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    call_user_uuid: Option<String>,
    #[serde(
        rename = "calledDNIS",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    called_dnis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cc_call: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cc_queue_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    e_call_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error_code: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flip_call: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hd_audio: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inbound_call: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initial_phone_number: Option<String>,
    #[serde(
        rename = "jitsiMeetingInviteURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    jitsi_meeting_invite_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recording: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    restored_call: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sip_call_from_tag: Option<String>,
    #[serde(rename = "sipCallID", default, skip_serializing_if = "Option::is_none")]
    sip_call_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sip_call_to_tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vcc_agent_call: Option<bool>,
    schema_version: String,
}

/// `mashell-chat-offered-cc-event-v1`, schema version 1.0.0 (the `data` of the Maestro
/// envelope).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MashellChatOfferedCcEventV1 {
    /// Always `offered`.
    event_name: String,
    event_id: String,
    /// Always `mapEvent`.
    method: String,
    direction: InteractionDirection,
    /// Always `chat`.
    media: String,
    /// Always `web_chat`.
    media_type: String,
    search_context: String,
    additional_data: WebChatCustomer,
    schema_version: String,
}

/// Inbound or outbound interaction.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum InteractionDirection {
    Inbound,
    Outbound,
}

/// Extra details about the visitor of a web chat.
#[derive(Serialize, Deserialize)]
struct WebChatCustomer {
    name: String,
}

/// `aw-chat-init-v1`, schema version 1.0.0.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwChatInitV1 {
    interaction_id: String,
    messages: Vec<ChatMessage>,
    schema_version: String,
}

/// One message of a chat interaction.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChatMessage {
    id: String,
    timestamp: f64,
    #[serde(rename = "type")]
    kind: String,
    raw_message: RawMessage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_updated_timestamp: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bot_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    msg_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attachments: Option<Vec<ChatAttachment>>,
    /// Optional and nullable: absent is `None`, `null` is `Some(None)`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    translated_message: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<ChatAuthor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    variables: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    is_bot: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<ChatMessageMeta>,
}

/// Message content: plain text or a map of strings.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RawMessage {
    Text(String),
    Map(BTreeMap<String, String>),
}

/// A file attached to a chat message.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChatAttachment {
    filename: String,
    id: String,
    /// Optional and nullable: absent is `None`, `null` is `Some(None)`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    meta: Option<Option<ChatAttachmentMeta>>,
    size: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thumbnail_url: Option<String>,
    #[serde(rename = "type")]
    kind: ChatAttachmentKind,
}

/// Size details of an image attachment and its thumbnail.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChatAttachmentMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_height: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thumbnail_content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thumbnail_height: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thumbnail_width: Option<f64>,
}

/// Category of a chat attachment.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ChatAttachmentKind {
    Image,
    Document,
    Recording,
    Generic,
}

/// Who sent a chat message.
#[derive(Serialize, Deserialize)]
struct ChatAuthor {
    email: String,
    id: String,
    name: String,
}

/// Where a chat message came from; the optional keys are snake_case on the wire.
#[derive(Serialize, Deserialize)]
struct ChatMessageMeta {
    app: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conversation_message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    has_cards: Option<String>,
    #[serde(rename = "type")]
    kind: String,
}

/// Reads a field that is present, `null` included, as `Some`: with `default`, an absent field
/// stays `None` (the usual way to tell absent from `null`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
