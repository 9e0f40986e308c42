//! The payloads both decode benchmarks measure, and the envelopes the host wraps them in.

use eventcat_tests::catalog::{
    AwInteractionFocusV3, CallManagerCallConnectV1, MashellChatOfferedCcEventV1, PartnerEvent,
};

/// The catalog's example of an event that has one.
const fn example(text: Option<&'static str>) -> &'static str {
    text.expect("the catalog has an example")
}

pub const FOCUS: &str = example(AwInteractionFocusV3::EXAMPLE);
pub const CALL: &str = example(CallManagerCallConnectV1::EXAMPLE);
pub const OFFERED: &str = example(MashellChatOfferedCcEventV1::EXAMPLE);

/// `aw-chat-init-v1` with three messages: the documented sample has only one, which opens this
/// chat; a bot answer and a translated customer message with an attachment follow, so that
/// nearly every optional `ChatMessage` field appears (and `rawMessage` in both of its forms).
pub const CHAT_INIT: &str = r#"{
  "interactionId": "interaction-12345",
  "messages": [
    {
      "id": "msg-abc123",
      "timestamp": 1746522286592,
      "type": "text",
      "rawMessage": "Hi, I need help with my account",
      "displayName": "Customer Name",
      "author": {
        "id": "customer-001",
        "email": "customer@example.com",
        "name": "Customer Name"
      },
      "isBot": false
    },
    {
      "id": "msg-abc124",
      "timestamp": 1746522289120,
      "type": "text",
      "rawMessage": {
        "text": "I can help with that. Is it about billing or about signing in?",
        "format": "plain"
      },
      "botName": "Cognigy",
      "msgStatus": "delivered",
      "translatedMessage": null,
      "displayName": "Virtual Assistant",
      "isBot": true,
      "meta": {
        "app": "cognigy",
        "conversation_id": "conv-7781",
        "conversation_message_id": "conv-7781-2",
        "has_cards": "false",
        "type": "bot"
      }
    },
    {
      "id": "msg-abc125",
      "timestamp": 1746522301457,
      "type": "text",
      "rawMessage": "Voici une capture d'écran de l'erreur",
      "lastUpdatedTimestamp": 1746522303002,
      "msgStatus": "read",
      "attachments": [
        {
          "filename": "erreur-connexion.png",
          "id": "att-5521",
          "meta": {
            "originalHeight": 1080,
            "originalWidth": 1920,
            "thumbnailContentType": "image/png",
            "thumbnailHeight": 90,
            "thumbnailWidth": 160
          },
          "size": 248311,
          "thumbnailUrl": "https://files.example.com/att-5521/thumbnail.png",
          "type": "image"
        }
      ],
      "translatedMessage": "Here is a screenshot of the error",
      "originalMessage": "Voici une capture d'écran de l'erreur",
      "displayName": "Customer Name",
      "author": {
        "id": "customer-001",
        "email": "customer@example.com",
        "name": "Customer Name"
      },
      "variables": {
        "locale": "fr-FR",
        "channel": "web"
      },
      "resent": false,
      "isBot": false,
      "isDeleted": false
    }
  ],
  "schemaVersion": "1.0.0"
}"#;

/// The envelope a host wraps a payload in.
pub enum Host {
    /// The partner SDK's, for Agent Workspace and Call Manager events.
    Sdk,
    /// Maestro's.
    Maestro,
}

impl Host {
    /// `payload`, unchanged, in this host's envelope: the input of `from_message`.
    pub fn wrap(&self, name: &str, payload: &str) -> String {
        match self {
            Host::Sdk => format!(
                r#"{{"type":"event","schemaVersion":"1.0.0","message":{{"eventName":"{name}","value":{payload}}}}}"#
            ),
            Host::Maestro => {
                format!(r#"{{"eventType":"{name}","status":"success","data":{payload}}}"#)
            }
        }
    }
}
