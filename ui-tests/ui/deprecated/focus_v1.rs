// A deprecated event version named under `deny(deprecated)`: the error gives the sunset date and
// the replacement.
#![deny(deprecated)]

use eventcat_ui_tests::focus::AwInteractionFocusV1;

fn main() {
    let event = AwInteractionFocusV1 {
        interaction_id: "interaction-12345".to_owned(),
    };
    drop(event);
}
