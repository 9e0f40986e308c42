// A partner's handler, as it is written against the generated items: matching on
// `ReceivedEvent`, calling methods of event structs and of the runtime's traits, building
// values with struct literals, implementing its own trait for a generated type. It is included
// by every case of this folder, whose derive fails: the derive's error must be the only one.

trait Audit {
    fn audit(&self) -> String;
}

impl Audit for AwInteractionFocusV3 {
    fn audit(&self) -> String {
        format!("{} {}", Self::NAME, self.interaction_id)
    }
}

#[allow(deprecated)]
fn queue_name(event: &ReceivedEvent) -> Option<String> {
    match event {
        ReceivedEvent::AwInteractionFocusV3(focus) => Some(focus.queue.queue_name.clone()),
        ReceivedEvent::AwInteractionFocusV2(focus) => Some(focus.queue.queue_id.to_string()),
        ReceivedEvent::GlobalUserDetailsV1(_) => None,
        _ => None,
    }
}

#[allow(deprecated)]
fn handle(message: &str) -> Result<String, DecodeError> {
    let event = ReceivedEvent::from_message(message)?;
    let name = event.name().to_owned();
    if let ReceivedEvent::AwInteractionFocusV1(old) = &event {
        let family: AwInteractionFocus = old.clone().into();
        let queue = Queue {
            id: "1".to_owned(),
            queue_id: "t~~queue~~chat~~1".to_owned(),
            queue_name: "Sales".to_owned(),
        };
        drop((family, old.clone().upgrade_to_v3(queue, false)));
    }
    Ok(format!("{name}: {:?}", queue_name(&event)))
}

pub fn run() {
    let focus = AwInteractionFocusV3::example().expect("the catalog's example");
    let copy = AwInteractionFocusV3 {
        interaction_id: "i-2".to_owned(),
        ..focus.clone()
    };
    let codes = AwInteractionWrapUpCodesReceivedV1::example().expect("an example");
    let sent = SendEvent::from(codes).encode();
    let entries = Events::CATALOG.iter().filter(|entry| entry.product == Product::AgentWorkspace);
    println!("{} {} {:?} {}", copy.audit(), entries.count(), sent.is_ok(), handle("{}").is_ok());
}
