// Matching the deprecated variant of `ReceivedEvent` is refused the same way.
#![deny(deprecated)]

use eventcat_ui_tests::focus::ReceivedEvent;

fn is_old_focus(event: &ReceivedEvent) -> bool {
    matches!(event, ReceivedEvent::AwInteractionFocusV1(_))
}

fn main() {
    let _ = is_old_focus;
}
